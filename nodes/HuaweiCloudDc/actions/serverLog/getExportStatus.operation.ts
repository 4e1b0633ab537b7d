import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { transferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions } from '../../../shared/transferOptions';
import { fetchExportProgress } from '../../helpers/exports';
import { exportIdField, readExportId, readServerId, serverIdField } from './fields';

const properties: INodeProperties[] = [serverIdField, exportIdField, transferOptionsField];

const displayOptions = { show: { resource: ['serverLog'], operation: ['getExportStatus'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const serverId = readServerId(this, i);
	const exportId = readExportId(this, i);
	const progress = await fetchExportProgress(this, serverId, exportId, readTransferOptions(this, i));
	return [{ json: progress }];
}
