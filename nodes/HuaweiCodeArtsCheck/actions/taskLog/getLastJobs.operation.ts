import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { huaweiRequest } from '../../../HuaweiCloudCommon/transport';
import { transferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions } from '../../../shared/transferOptions';
import { readTaskId, taskIdField } from './fields';

const properties: INodeProperties[] = [taskIdField, transferOptionsField];

const displayOptions = { show: { resource: ['taskLog'], operation: ['getLastJobs'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const taskId = readTaskId(this, i);
	const answer = await huaweiRequest(this, 'codeArtsCheck', 'GET', `/v4/tasks/${encodeURIComponent(taskId)}/last-jobs`, {
		target: `task ${taskId}`,
		notFoundHint: 'Use a task_id from Get Tasks.',
	}, readTransferOptions(this, i));
	const result = (answer.result ?? {}) as IDataObject;
	return [
		{
			json: {
				task_id: taskId,
				last_job_id: result.last_job_id ?? null,
				last_success_job_id: result.last_success_job_id ?? null,
			},
		},
	];
}
