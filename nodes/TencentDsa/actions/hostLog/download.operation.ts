import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { downloadEach } from '../../../shared/collection';
import { binaryPropertyField, gunzipField, presignedDownloadTransferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions } from '../../../shared/transferOptions';
import { reportEmptyHosts } from '../../helpers/emptyHint';
import { downloadHostLog, hostQueryFields, listHostLogs, readHostQuery } from '../../helpers/hostLogs';
import type { HostLog } from '../../helpers/hostLogs';

const displayOptions = { show: { resource: ['hostLog'], operation: ['download'] } };

export const description = updateDisplayOptions(displayOptions, [
	...hostQueryFields,
	binaryPropertyField,
	gunzipField,
	presignedDownloadTransferOptionsField,
]);

/** One item per host and hour, the hourly log file as binary data. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const query = readHostQuery(this, i);
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', i) as string;
	const gunzip = this.getNodeParameter('gunzip', i, false) as boolean;
	const transfer = readTransferOptions(this, i);
	const logs = await listHostLogs(this, query, transfer);
	reportEmptyHosts(this, query, logs);

	const download = async (log: HostLog) => await downloadHostLog(this, log, { gunzip, binaryPropertyName }, transfer);
	return await downloadEach(this, i, logs, transfer.concurrency, download, (log) => ({ host: log.host, datetime: log.datetime }));
}
