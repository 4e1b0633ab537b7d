/** Fields several CodeArts Check operations share, and reading them back validated. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { validId } from '../../../HuaweiCloudCommon/ids';

export const taskIdField: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	default: '',
	required: true,
	description: 'The check task, e.g. the task_id from Get Tasks',
};

export const readTaskId = (ctx: IExecuteFunctions, i: number): string =>
	validId('Task ID', ctx.getNodeParameter('taskId', i), 'a task_id from Get Tasks');

export { readLimit, returnAllFields } from '../../../shared/descriptions';
