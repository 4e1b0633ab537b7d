/**
 * Finished CodeArts Check executions as a trigger source: each execution once, when it has
 * finished (success, failed or aborted), ordered by when it finished; optionally with the log
 * ZIP of every sub-job. A running execution is not finished yet: it comes on a later poll.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { validId } from '../HuaweiCloudCommon/ids';
import { readTransferOptions } from '../shared/transferOptions';
import type { Candidate } from '../shared/pollState';
import { asExecution, type TriggerSource } from '../shared/trigger';
import { downloadSubJobLog, listJobs, subJobIds } from '../HuaweiCodeArtsCheck/helpers/jobs';
import { listTasks } from '../HuaweiCodeArtsCheck/helpers/tasks';

interface FinishedExecution extends Candidate {
	taskId: string;
	job: IDataObject;
}

const FINISHED = ['success', 'failed', 'aborted'];

const isoUtc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function finishedAt(job: IDataObject): number {
	const end = Date.parse(String(job.end_time ?? ''));
	if (Number.isFinite(end)) return end;
	const start = Date.parse(String(job.start_time ?? ''));
	return Number.isFinite(start) ? start : 0;
}

async function taskIdsOf(ctx: IExecuteFunctions): Promise<string[]> {
	const given = String(ctx.getNodeParameter('taskIds', 0, '') ?? '')
		.split(/[\s,]+/)
		.filter(Boolean)
		.map((id) => validId('Task IDs', id, 'a task_id from Get Tasks'));
	if (given.length) return [...new Set(given)];
	const projectId = validId('CodeArts Project ID', ctx.getNodeParameter('projectId', 0), 'the ID of the CodeArts project');
	const tasks = await listTasks(ctx, projectId, Infinity, readTransferOptions(ctx, 0));
	return tasks.map((t) => String(t.task_id ?? '')).filter(Boolean);
}

export function createSource(ctx: IPollFunctions): TriggerSource<FinishedExecution> & { exec: IExecuteFunctions } {
	const exec = asExecution(ctx);
	const item = (file: FinishedExecution): IDataObject => ({ task_id: file.taskId, ...file.job, sub_job_ids: subJobIds(file.job) });
	return {
		exec,
		async list(execution, from, now) {
			const transfer = readTransferOptions(execution, 0);
			// An execution finishing inside the window may have started up to a window earlier.
			const filters = { statuses: FINISHED.join(','), begin_start_time: isoUtc(from - (now - from)) };
			const found: FinishedExecution[] = [];
			for (const taskId of await taskIdsOf(execution)) {
				for (const job of await listJobs(execution, taskId, filters, Infinity, transfer)) {
					if (!FINISHED.includes(String(job.status))) continue;
					found.push({ id: `${taskId}/${String(job.job_id)}`, at: finishedAt(job), taskId, job });
				}
			}
			return found;
		},
		describe: (file) => ({ json: item(file) }),
		async download(execution, file): Promise<INodeExecutionData> {
			const property = execution.getNodeParameter('binaryPropertyName', 0, 'data') as string;
			const transfer = readTransferOptions(execution, 0);
			const binary: INodeExecutionData['binary'] = {};
			const logs: IDataObject[] = [];
			for (const [k, subJobId] of subJobIds(file.job).entries()) {
				const key = k === 0 ? property : `${property}_${k}`;
				const log = await downloadSubJobLog(execution, subJobId, key, transfer);
				Object.assign(binary, log.binary);
				logs.push({ sub_job_id: subJobId, binaryProperty: key, ...log.json });
			}
			return { json: { ...item(file), logs }, binary };
		},
	};
}
