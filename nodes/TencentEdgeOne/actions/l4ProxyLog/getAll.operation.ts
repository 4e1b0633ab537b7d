import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { executeGetAll, getAllFields } from '../common/getAll';

const displayOptions = { show: { resource: ['l4ProxyLog'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, getAllFields('l4'));

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return await executeGetAll(this, i, 'l4');
}
