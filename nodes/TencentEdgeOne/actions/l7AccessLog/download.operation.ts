import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { downloadFields, executeDownload } from '../common/download';

const displayOptions = { show: { resource: ['l7AccessLog'], operation: ['download'] } };

export const description = updateDisplayOptions(displayOptions, downloadFields('l7'));

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return await executeDownload(this, i, 'l7');
}
