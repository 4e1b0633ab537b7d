/**
 * GetDsaHostLogs: one download URL per host and hour with traffic. At most 10 hosts per call, so
 * a longer host list is split; days are Beijing (UTC+8) days, as DSA counts them, and only the
 * last 40 days, today included, are kept.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { TransferOptions } from '../../shared/transferOptions';
import { dayAtIndex, dayIndex, dayInZone, parseDay } from '../../shared/days';
import { InvalidParameterError } from '../../shared/errors';
import { downloadLogFile } from '../../TencentCloudCommon/download';
import { parseDomains } from '../../TencentCloudCommon/lists';
import { DSA, dsaApiRequest } from '../transport';

const HOSTS_PER_CALL = 10;
const HISTORY_DAYS = 40;

export interface HostQuery {
	hosts: string[];
	/** Both empty: today, as the API defines it. */
	startDate: string;
	endDate: string;
}

export interface HostLog {
	host: string;
	/** `YYYY-MM-DD HH:00:00`, the Beijing hour the file covers. */
	datetime: string;
	/** Presigned download URL with its signature: for downloading only, never for output. */
	url: string;
	/** When the URL stops working (its `e` parameter), ISO 8601; null when it does not say. */
	expiresAt: string | null;
}

export const hostQueryFields: INodeProperties[] = [
	{
		displayName: 'Hosts',
		name: 'hosts',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'www.example.com, api.example.com',
		description: 'DSA domain names, comma or newline separated; any number (sent 10 per call)',
	},
	// Days, not instants: a text field, since n8n 1.x has no date-only picker and its date-time
	// picker suggests an hour DSA cannot select by. parseDay still reads what a picker or an
	// expression gives (a time after the date, an ISO instant, a DateTime).
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'string',
		default: '',
		placeholder: 'YYYY-MM-DD',
		description: 'First day, Beijing time, within the last 40 days counting today (so at most 39 days ago). Leave both dates empty for today.',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'string',
		default: '',
		placeholder: 'YYYY-MM-DD',
		description: 'Last day, Beijing time, included. Leave empty for a single day.',
	},
];

/** DSA is run from China: its days, "today" and the history are Beijing days. */
const DSA_TIME_ZONE = 'Asia/Shanghai';

const dayOf = (field: string, value: unknown) => parseDay(field, value, { timeZone: DSA_TIME_ZONE, optional: true });

/** The hosts and days the fields describe, validated: nothing is sent when a field is wrong. */
export function readHostQuery(ctx: IExecuteFunctions, i: number, now = Date.now()): HostQuery {
	const hosts = parseDomains('Hosts', ctx.getNodeParameter('hosts', i));
	if (!hosts.length) throw new InvalidParameterError('Hosts', 'give at least one domain name');
	let startDate = dayOf('Start Date', ctx.getNodeParameter('startDate', i, ''));
	let endDate = dayOf('End Date', ctx.getNodeParameter('endDate', i, ''));
	if (!startDate && !endDate) return { hosts, startDate, endDate };
	startDate ||= endDate;
	endDate ||= startDate;
	const today = dayIndex(dayInZone(now, DSA_TIME_ZONE));
	// Days are counted inclusively: today is the first of the 40, so the earliest is 39 days back.
	const earliest = dayAtIndex(today - (HISTORY_DAYS - 1));
	if (dayIndex(endDate) < dayIndex(startDate)) throw new InvalidParameterError('End Date', 'is before the start date');
	if (dayIndex(startDate) > today) throw new InvalidParameterError('Start Date', 'is in the future (Beijing time)');
	if (startDate < earliest) {
		throw new InvalidParameterError('Start Date', `logs are kept for ${HISTORY_DAYS} days, today (Beijing time) included; the earliest start date is ${earliest}`);
	}
	const days = dayIndex(endDate) - dayIndex(startDate) + 1;
	if (days > HISTORY_DAYS) {
		throw new InvalidParameterError('End Date', `the range may span at most ${HISTORY_DAYS} days, both ends included; ${startDate} to ${endDate} is ${days}`);
	}
	return { hosts, startDate, endDate };
}

function expiryOf(url: string): string | null {
	try {
		const e = new URL(url).searchParams.get('e');
		return e && /^\d{9,11}$/.test(e) ? new Date(Number(e) * 1000).toISOString() : null;
	} catch {
		return null;
	}
}

/** Every hourly log of the query, host by host in the order given, oldest hour first. */
export async function listHostLogs(ctx: IExecuteFunctions, query: HostQuery, transfer: TransferOptions): Promise<HostLog[]> {
	const logs: HostLog[] = [];
	for (let k = 0; k < query.hosts.length; k += HOSTS_PER_CALL) {
		const hosts = query.hosts.slice(k, k + HOSTS_PER_CALL);
		const params: IDataObject = { Action: 'GetDsaHostLogs', hosts: JSON.stringify(hosts) };
		if (query.startDate) Object.assign(params, { startDate: query.startDate, endDate: query.endDate });
		const data = await dsaApiRequest(ctx, params, transfer);
		for (const host of hosts) {
			const entries = Array.isArray(data[host]) ? (data[host] as IDataObject[]) : [];
			const hourly = entries
				.filter((e) => typeof e?.url === 'string' && typeof e?.datetime === 'string')
				.map((e) => ({ host, datetime: String(e.datetime), url: String(e.url), expiresAt: expiryOf(String(e.url)) }))
				.sort((a, b) => a.datetime.localeCompare(b.datetime));
			logs.push(...hourly);
		}
	}
	return logs;
}

/** `YYYYMMDDHH-host.gz` from the hour the file covers. */
export function logFileName(log: HostLog): string {
	const stamp = log.datetime.replace(/\D/g, '').slice(0, 10);
	return `${stamp}-${log.host}.gz`;
}

/** One hourly log streamed into binary data under `binaryPropertyName`, with its host and hour. */
export async function downloadHostLog(
	ctx: IExecuteFunctions,
	log: HostLog,
	options: { gunzip: boolean; binaryPropertyName: string },
	transfer: TransferOptions,
): Promise<INodeExecutionData> {
	const name = logFileName(log);
	const file = await downloadLogFile(ctx, { product: DSA, url: log.url, fileName: name, fallbackName: name, gunzip: options.gunzip }, transfer);
	return {
		json: { host: log.host, datetime: log.datetime, expiresAt: log.expiresAt, ...file.json },
		binary: { [options.binaryPropertyName]: file.binary },
	};
}
