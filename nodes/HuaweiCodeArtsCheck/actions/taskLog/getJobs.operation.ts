import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { filtersField, transferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions } from '../../../shared/transferOptions';
import { parseDateTime } from '../../../shared/days';
import { listJobs, subJobIds } from '../../helpers/jobs';
import { readLimit, readTaskId, returnAllFields, taskIdField } from './fields';

const STATUSES = ['quering', 'running', 'success', 'failed', 'aborted'];

const properties: INodeProperties[] = [
	taskIdField,
	...returnAllFields,
	filtersField([
		{
			displayName: 'Statuses',
			name: 'statuses',
			type: 'multiOptions',
			default: [],
			// "quering" is the API's own spelling.
			options: STATUSES.map((status) => ({ name: status, value: status })),
			description: 'Only executions in one of these states',
		},
		{ displayName: 'Started After', name: 'startedAfter', type: 'dateTime', default: '', description: 'Only executions started at or after this time' },
		{ displayName: 'Started Before', name: 'startedBefore', type: 'dateTime', default: '', description: 'Only executions started at or before this time' },
	]),
	transferOptionsField,
];

const displayOptions = { show: { resource: ['taskLog'], operation: ['getJobs'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** yyyy-MM-ddTHH:mm:ssZ in UTC, as the API wants its time filters. */
function utcTime(field: string, value: unknown, timeZone: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return new Date(parseDateTime(field, value, timeZone)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function readFilters(ctx: IExecuteFunctions, i: number): IDataObject {
	const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = {};
	const statuses = (filters.statuses as string[] | undefined) ?? [];
	if (statuses.length) qs.statuses = statuses.join(',');
	const after = utcTime('Started After', filters.startedAfter, ctx.getTimezone());
	const before = utcTime('Started Before', filters.startedBefore, ctx.getTimezone());
	if (after) qs.begin_start_time = after;
	if (before) qs.end_start_time = before;
	return qs;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const taskId = readTaskId(this, i);
	const filters = readFilters(this, i);
	const limit = readLimit(this, i);
	const transfer = readTransferOptions(this, i);
	const jobs = await listJobs(this, taskId, filters, limit, transfer);
	// One item per execution; sub_job_ids feed Download Log File.
	return jobs.map((job) => ({ json: { task_id: taskId, ...job, sub_job_ids: subJobIds(job) } }));
}
