import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runOperations } from '../../shared/router';
import { downloadLogFile, getJobs, getLastJobs, getTasks } from './taskLog';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperations.call(this, { taskLog: { downloadLogFile, getJobs, getLastJobs, getTasks } });
}
