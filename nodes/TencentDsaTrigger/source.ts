/**
 * DSA hourly logs as a trigger source: each host-hour once, ordered by the hour it covers. DSA
 * lists an hour about two hours after it ends, once the hour is collected, and lists Beijing days,
 * so every poll asks for the Beijing days the look-back window touches.
 */
import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { readTransferOptions } from '../shared/transferOptions';
import { dayInZone } from '../shared/days';
import { InvalidParameterError } from '../shared/errors';
import type { Candidate } from '../shared/pollState';
import { asExecution, type TriggerSource } from '../shared/trigger';
import { parseDomains } from '../TencentCloudCommon/lists';
import { downloadHostLog, type HostLog, listHostLogs } from '../TencentDsa/helpers/hostLogs';

interface HourFile extends Candidate {
	log: HostLog;
}

const DSA_TIME_ZONE = 'Asia/Shanghai';
/** DSA keeps 40 days, today (Beijing) included. */
const HISTORY_MS = 39 * 24 * 3600000;

/** The instant a `YYYY-MM-DD HH:00:00` Beijing hour starts. */
export function beijingHourStart(datetime: string): number {
	const at = Date.parse(`${datetime.replace(' ', 'T')}+08:00`);
	return Number.isFinite(at) ? at : 0;
}

export function createSource(ctx: IPollFunctions): TriggerSource<HourFile> & { exec: IExecuteFunctions } {
	const exec = asExecution(ctx);
	return {
		exec,
		async list(execution, from, now) {
			const hosts = parseDomains('Hosts', execution.getNodeParameter('hosts', 0, ''));
			if (!hosts.length) throw new InvalidParameterError('Hosts', 'give at least one domain name');
			const startDate = dayInZone(Math.max(from, now - HISTORY_MS), DSA_TIME_ZONE);
			const endDate = dayInZone(now, DSA_TIME_ZONE);
			const logs = await listHostLogs(execution, { hosts, startDate, endDate }, readTransferOptions(execution, 0));
			return logs.map((log) => ({ id: `${log.host}|${log.datetime}`, at: beijingHourStart(log.datetime), log }));
		},
		describe: ({ log }) => ({ json: { host: log.host, datetime: log.datetime, expiresAt: log.expiresAt } }),
		async download(execution, { log }) {
			const gunzip = execution.getNodeParameter('gunzip', 0, false) as boolean;
			const binaryPropertyName = execution.getNodeParameter('binaryPropertyName', 0, 'data') as string;
			return await downloadHostLog(execution, log, { gunzip, binaryPropertyName }, readTransferOptions(execution, 0));
		},
	};
}
