import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { transferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions } from '../../../shared/transferOptions';
import { startExport } from '../../helpers/exports';
import { readServerId, serverIdField } from './fields';

const properties: INodeProperties[] = [serverIdField, transferOptionsField];

const displayOptions = { show: { resource: ['serverLog'], operation: ['export'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const serverId = readServerId(this, i);
	const progress = await startExport(this, serverId, readTransferOptions(this, i));
	return [{ json: progress }];
}
