import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { transferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions } from '../../../shared/transferOptions';
import { redactUrl } from '../../../shared/redact';
import { reportEmptyHosts } from '../../helpers/emptyHint';
import { hostQueryFields, listHostLogs, readHostQuery } from '../../helpers/hostLogs';

const displayOptions = { show: { resource: ['hostLog'], operation: ['getUrls'] } };

export const description = updateDisplayOptions(displayOptions, [...hostQueryFields, transferOptionsField]);

/**
 * One item per host and hour. The URL is shown redacted: its signature is a bearer secret for
 * 24 hours. Use the Download operation to fetch the files.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const query = readHostQuery(this, i);
	const logs = await listHostLogs(this, query, readTransferOptions(this, i));
	reportEmptyHosts(this, query, logs);
	return logs.map((log) => ({
		json: { host: log.host, datetime: log.datetime, url: redactUrl(log.url), expiresAt: log.expiresAt },
	}));
}
