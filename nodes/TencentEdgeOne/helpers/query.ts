/** The filter fields both operations of both log kinds share, and reading them into a query. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InvalidParameterError } from '../../shared/errors';
import { parseDomains, parseIds } from '../../TencentCloudCommon/lists';
import { resolveTimeRange } from './timeRange';
import type { TimeRange, TimeRangePreset } from './timeRange';

export type LogKind = 'l7' | 'l4';
export const CURRENT_VERSION = '2022-09-01';
export const LEGACY_VERSION = '2022-01-06';

export interface PacketQuery {
	kind: LogKind;
	version: string;
	range: TimeRange;
	zoneIds: string[];
	/** Sub-domains (L7) or proxy ids (L4); all when empty. */
	targets: string[];
}

const ZONE_ID = /^zone-[a-z0-9]+$/i;
const PROXY_ID = /^[a-z0-9][a-z0-9_-]*$/i;

export function filterFields(kind: LogKind): INodeProperties[] {
	const fields: INodeProperties[] = [];
	if (kind === 'l7') {
		fields.push({
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			default: CURRENT_VERSION,
			options: [
				{ name: '2022-09-01 (Current)', value: CURRENT_VERSION },
				{ name: '2022-01-06 (Legacy)', value: LEGACY_VERSION, description: 'Retired by Tencent; only for accounts that still answer it' },
			],
			description: 'Version of the DownloadL7Logs API to call',
		});
	}
	fields.push(
		{
			displayName: 'Zone Names or IDs',
			name: 'zoneIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getZones' },
			default: [],
			required: true,
			description:
				'EdgeOne sites to read logs of; an expression may give an array or a comma-separated text. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Time Range',
			name: 'timeRange',
			type: 'options',
			default: 'last24Hours',
			options: [
				{ name: 'Custom', value: 'custom' },
				{ name: 'Last 24 Hours', value: 'last24Hours' },
				{ name: 'Last 7 Days', value: 'last7Days' },
				{ name: 'Last Hour', value: 'lastHour' },
				{ name: 'Yesterday (UTC)', value: 'yesterday', description: 'The previous UTC day; packets are cut by UTC hour' },
			],
			description: 'Packets are hourly and listed about 30 minutes to 3 hours after the hour; logs are kept 31 days by default, 183 days on the Standard and Enterprise plans',
		},
		{
			displayName: 'Start Time',
			name: 'startTime',
			type: 'dateTime',
			default: '',
			required: true,
			displayOptions: { show: { timeRange: ['custom'] } },
			description: 'At most 183 days ago (Standard and Enterprise plans; 31 days on others). Without a time zone offset, the workflow time zone applies.',
		},
		{
			displayName: 'End Time',
			name: 'endTime',
			type: 'dateTime',
			default: '',
			required: true,
			displayOptions: { show: { timeRange: ['custom'] } },
			description: 'End of the range, after the start time. Without a time zone offset, the workflow time zone applies.',
		},
		kind === 'l7'
			? {
					displayName: 'Domains',
					name: 'domains',
					type: 'string',
					default: '',
					placeholder: 'www.example.com, api.example.com',
					description: 'Only logs of these sub-domains (comma or newline separated); all when empty',
				}
			: {
					displayName: 'Proxy IDs',
					name: 'proxyIds',
					type: 'string',
					default: '',
					placeholder: 'sid-2rugn89bkla9',
					description: 'Only logs of these L4 proxy instances (comma or newline separated); all when empty',
				},
	);
	return fields;
}

/** The filter fields without the time range: what a trigger, which lists its own window, asks. */
export function selectionFields(kind: LogKind): INodeProperties[] {
	return filterFields(kind).filter((f) => !['timeRange', 'startTime', 'endTime'].includes(f.name));
}

/** What to list (version, zones, domains or proxies), validated: nothing is sent when a field is wrong. */
export function readPacketSelection(ctx: IExecuteFunctions, i: number, kind: LogKind): Omit<PacketQuery, 'range'> {
	const version = kind === 'l7' ? String(ctx.getNodeParameter('apiVersion', i, CURRENT_VERSION)) : CURRENT_VERSION;
	if (version !== CURRENT_VERSION && version !== LEGACY_VERSION) {
		throw new InvalidParameterError('API Version', `"${version}" is not ${CURRENT_VERSION} or ${LEGACY_VERSION}`);
	}
	const zoneIds = parseIds('Zone Names or IDs', ctx.getNodeParameter('zoneIds', i, []), ZONE_ID, 'zone-2mzegj4vln5f');
	if (!zoneIds.length) throw new InvalidParameterError('Zone Names or IDs', 'choose at least one zone');
	const targets =
		kind === 'l7'
			? parseDomains('Domains', ctx.getNodeParameter('domains', i, ''))
			: parseIds('Proxy IDs', ctx.getNodeParameter('proxyIds', i, ''), PROXY_ID, 'sid-2rugn89bkla9');
	return { kind, version, zoneIds, targets };
}

/** The query the fields describe, validated: nothing is sent when a field is wrong. */
export function readPacketQuery(ctx: IExecuteFunctions, i: number, kind: LogKind): PacketQuery {
	const selection = readPacketSelection(ctx, i, kind);
	const preset = ctx.getNodeParameter('timeRange', i) as TimeRangePreset;
	const custom = preset === 'custom';
	const range = resolveTimeRange(preset, {
		start: custom ? ctx.getNodeParameter('startTime', i) : undefined,
		end: custom ? ctx.getNodeParameter('endTime', i) : undefined,
		timeZone: ctx.getTimezone(),
	});
	return { ...selection, range };
}
