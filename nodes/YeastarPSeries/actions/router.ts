import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runOperations } from '../../shared/router';
import { download, getAll } from './systemLog';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperations.call(this, { systemLog: { download, getAll } });
}
