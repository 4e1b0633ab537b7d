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

export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

export function readLimit(ctx: IExecuteFunctions, i: number): number {
	return (ctx.getNodeParameter('returnAll', i) as boolean) ? Infinity : (ctx.getNodeParameter('limit', i) as number);
}
