import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runOperations } from '../../shared/router';
import * as l4ProxyLog from './l4ProxyLog';
import * as l7AccessLog from './l7AccessLog';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperations.call(this, {
		l7AccessLog: { download: l7AccessLog.download, getAll: l7AccessLog.getAll },
		l4ProxyLog: { download: l4ProxyLog.download, getAll: l4ProxyLog.getAll },
	});
}
