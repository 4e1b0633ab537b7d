/**
 * CodeArts Check look-ups that lead to a sub_job_id (vendor-apis.md §4.3). The record shape of
 * getJobsInfo is not documented (§9): executions are read from `jobs` (or `data`/`records`), and
 * their sub-job IDs from `sub_jobs[].sub_job_id` (or `sub_job_ids`/`sub_job_id`).
 */
import type { IDataObject } from 'n8n-workflow';

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
