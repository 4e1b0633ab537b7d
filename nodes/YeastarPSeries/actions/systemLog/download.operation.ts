import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { downloadEach } from '../../../shared/collection';
import { binaryPropertyField, downloadTransferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions, type TransferOptions } from '../../../shared/transferOptions';
import { InvalidParameterError, VendorApiError } from '../../../shared/errors';
import { dateOfName, dayOf, inRange, listAllLogNames, validateRange } from '../../helpers/logNames';
import { downloadArchive } from '../../helpers/archives';
import { VENDOR } from '../../transport';

/** Names per archive request: keeps the `files` query short whatever the range. */
const NAMES_PER_ARCHIVE = 31;

const properties: INodeProperties[] = [
	{
		displayName: 'Select Logs By',
		name: 'selectBy',
		type: 'options',
		default: 'latest',
		options: [
			{ name: 'Latest', value: 'latest', description: 'The newest N daily logs' },
			{ name: 'Date Range', value: 'dateRange', description: 'Every daily log between two dates' },
			{ name: 'File Names', value: 'names', description: 'Names from the Get Many operation, e.g. 20240610' },
		],
	},
	{
		displayName: 'Count',
		name: 'count',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { selectBy: ['latest'] } },
		description: 'How many of the newest daily logs to download',
	},
	// Days, not instants: the PBX keeps one log per day, and n8n 1.x has no date-only picker (its
	// date-time picker suggests an hour). parseDay still reads what an expression gives.
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'YYYY-MM-DD',
		description: 'First day to download, included, in the workflow\'s time zone (YYYY-MM-DD or YYYYMMDD)',
		displayOptions: { show: { selectBy: ['dateRange'] } },
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'YYYY-MM-DD',
		description: 'Last day to download, included',
		displayOptions: { show: { selectBy: ['dateRange'] } },
	},
	{
		displayName: 'File Names',
		name: 'fileNames',
		type: 'string',
		default: '',
		required: true,
		placeholder: '20240609,20240610',
		displayOptions: { show: { selectBy: ['names'] } },
		description: 'Comma-separated date-based log names, as listed by Get Many',
	},
	{
		displayName: 'One Archive Per Day',
		name: 'archivePerDay',
		type: 'boolean',
		default: false,
		description: 'Whether to download each day as its own archive and item, instead of one archive holding all selected days',
	},
	binaryPropertyField,
	downloadTransferOptionsField,
];

const displayOptions = { show: { resource: ['systemLog'], operation: ['download'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function describeAvailable(available: string[]): string {
	if (!available.length) return 'The PBX holds no system logs.';
	return `The PBX holds ${available.length} daily logs, from ${available[available.length - 1]} to ${available[0]}.`;
}

async function selectNames(ctx: IExecuteFunctions, i: number, transfer: TransferOptions): Promise<string[]> {
	const selectBy = ctx.getNodeParameter('selectBy', i) as string;
	let wanted: string[] = [];
	let from: string | undefined;
	let to: string | undefined;
	if (selectBy === 'names') {
		wanted = String(ctx.getNodeParameter('fileNames', i) ?? '')
			.split(/[\s,]+/)
			.filter(Boolean);
		if (!wanted.length) throw new InvalidParameterError('File Names', 'give at least one log name, e.g. 20240610');
		const bad = wanted.find((n) => !/^[A-Za-z0-9_.-]{1,64}$/.test(n));
		if (bad) throw new InvalidParameterError('File Names', `"${bad}" is not a log name (e.g. 20240610)`);
	} else if (selectBy === 'dateRange') {
		from = dayOf('Start Date', ctx.getNodeParameter('startDate', i), ctx.getTimezone());
		to = dayOf('End Date', ctx.getNodeParameter('endDate', i), ctx.getTimezone());
		validateRange(from, to);
	}
	const count = selectBy === 'latest' ? (ctx.getNodeParameter('count', i) as number) : 0;
	if (selectBy === 'latest' && !(count >= 1)) throw new InvalidParameterError('Count', 'must be 1 or more');

	const available = await listAllLogNames(ctx, transfer);
	if (selectBy === 'names') {
		const missing = wanted.filter((n) => !available.includes(n));
		if (missing.length) {
			throw new VendorApiError({
				vendor: VENDOR,
				kind: 'notFound',
				message: `no system log named ${missing.join(', ')}`,
				hint: `${describeAvailable(available)} Use names from the Get Many operation.`,
			});
		}
		return [...new Set(wanted)].sort().reverse();
	}
	const chosen = selectBy === 'latest' ? available.slice(0, count) : available.filter((n) => inRange(n, from, to));
	if (!chosen.length) {
		throw new VendorApiError({
			vendor: VENDOR,
			kind: 'notFound',
			message: from ? `no system logs between ${dateOfName(from)} and ${dateOfName(to ?? from)}` : 'no system logs to download',
			hint: describeAvailable(available),
		});
	}
	return chosen;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const transfer = readTransferOptions(this, i);
	const names = await selectNames(this, i, transfer);
	const perDay = this.getNodeParameter('archivePerDay', i, false) as boolean;
	const groups: string[][] = [];
	const step = perDay ? 1 : NAMES_PER_ARCHIVE;
	for (let k = 0; k < names.length; k += step) groups.push(names.slice(k, k + step));
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', i) as string;
	const download = async (group: string[]) => await downloadArchive(this, group, binaryPropertyName, transfer);
	return await downloadEach(this, i, groups, transfer.concurrency, download, (group) => ({ logs: group }));
}
