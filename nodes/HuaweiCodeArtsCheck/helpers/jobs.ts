/**
 * CodeArts Check executions (getJobsInfo) and the sub_job_ids their logs are fetched by. The
 * record shape is not documented: executions are read from `jobs` (or `data`/`records`/`list`),
 * their sub-job IDs from `sub_jobs[].sub_job_id` (or `sub_job_ids`/`sub_job_id`).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { HuaweiContext } from '../../HuaweiCloudCommon/transport';
import type { TransferOptions } from '../../shared/transferOptions';
import { isZip } from '../../shared/download';
import { collectPages } from '../../shared/pagination';
import { codeArtsApiRequest, codeArtsDownload } from '../transport';

/** The largest page getJobsInfo allows. */
const JOB_PAGE = 200;
const MAX_PAGES = 1000;

const RECORD_KEYS = ['jobs', 'data', 'records', 'list'];

/** The execution records of a getJobsInfo answer, wherever it puts them. */
export function jobRecords(answer: IDataObject): IDataObject[] {
	for (const source of [answer, answer.result]) {
		if (!source || typeof source !== 'object' || Array.isArray(source)) continue;
		for (const key of RECORD_KEYS) {
			const value = (source as IDataObject)[key];
			if (Array.isArray(value)) return value as IDataObject[];
		}
	}
	return [];
}

/** Total record count if the answer states one. */
export function jobTotal(answer: IDataObject): number | undefined {
	const total = Number(answer.total ?? (answer.result as IDataObject | undefined)?.total);
	return Number.isFinite(total) ? total : undefined;
}

/** The sub-job IDs of one execution: what Download Log File takes. */
export function subJobIds(record: IDataObject): string[] {
	const ids: unknown[] = [];
	if (Array.isArray(record.sub_jobs)) {
		for (const sub of record.sub_jobs as IDataObject[]) ids.push(sub?.sub_job_id ?? sub?.id);
	}
	if (Array.isArray(record.sub_job_ids)) ids.push(...record.sub_job_ids);
	if (record.sub_job_id) ids.push(record.sub_job_id);
	return [...new Set(ids.filter((id) => typeof id === 'string' && id !== '') as string[])];
}

/** Executions of a task matching `filters` (statuses, begin_start_time…), newest first as listed. */
export async function listJobs(ctx: HuaweiContext, taskId: string, filters: IDataObject, max: number, transfer: TransferOptions): Promise<IDataObject[]> {
	return await collectPages(async ({ pageNo }) => {
		const answer = await codeArtsApiRequest(ctx, 'GET', `/v4/tasks/${encodeURIComponent(taskId)}/jobs`, {
			qs: { ...filters, page: pageNo, page_size: JOB_PAGE },
			target: `task ${taskId}`,
			notFoundHint: 'Use a task_id from Get Tasks.',
		}, transfer);
		return { items: jobRecords(answer), totalItems: jobTotal(answer) };
	}, { pageSize: JOB_PAGE, maxPages: MAX_PAGES, max });
}

/** The IDs of a task's last and last successful execution. */
export async function lastJobs(ctx: HuaweiContext, taskId: string, transfer: TransferOptions): Promise<IDataObject> {
	const answer = await codeArtsApiRequest(ctx, 'GET', `/v4/tasks/${encodeURIComponent(taskId)}/last-jobs`, {
		target: `task ${taskId}`,
		notFoundHint: 'Use a task_id from Get Tasks.',
	}, transfer);
	const result = (answer.result ?? {}) as IDataObject;
	return { task_id: taskId, last_job_id: result.last_job_id ?? null, last_success_job_id: result.last_success_job_id ?? null };
}

/** The log ZIP of one sub-job, as binary data under `binaryPropertyName`. */
export async function downloadSubJobLog(
	ctx: IExecuteFunctions,
	subJobId: string,
	binaryPropertyName: string,
	transfer: TransferOptions,
): Promise<INodeExecutionData> {
	return await codeArtsDownload(ctx, '/v1/log-file', {
		qs: { sub_job_id: subJobId },
		permission: 'codeartscheck:task:get',
		target: `the log of sub-job ${subJobId}`,
		notFoundHint: 'Use a sub_job_id from Get Jobs (sub_job_ids); job IDs from Get Last Jobs are not sub-job IDs.',
	}, {
		accept: isZip,
		format: 'ZIP archive',
		extension: '.zip',
		fallbackName: `${subJobId}.zip`,
		mimeType: 'application/zip',
		binaryPropertyName,
	}, transfer);
}
