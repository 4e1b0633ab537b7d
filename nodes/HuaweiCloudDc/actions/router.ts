import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runOperations } from '../../shared/router';
import { download, exportAndDownload, exportLogs, getExportStatus, listServers } from './serverLog';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperations.call(this, {
		serverLog: { download, export: exportLogs, exportAndDownload, getExportStatus, listServers },
	});
}
