import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { binaryPropertyField, downloadTransferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions } from '../../../shared/transferOptions';
import { downloadExport } from '../../helpers/exports';
import { exportIdField, readExportId, readServerId, serverIdField } from './fields';

const properties: INodeProperties[] = [serverIdField, exportIdField, binaryPropertyField, downloadTransferOptionsField];

const displayOptions = { show: { resource: ['serverLog'], operation: ['download'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const serverId = readServerId(this, i);
	const exportId = readExportId(this, i);
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', i) as string;
	return [await downloadExport(this, serverId, exportId, binaryPropertyName, readTransferOptions(this, i))];
}
