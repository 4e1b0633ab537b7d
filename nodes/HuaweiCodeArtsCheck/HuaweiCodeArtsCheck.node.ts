import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, INodeProperties } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { operationSubtitle } from '../shared/subtitle';
import { router } from './actions/router';
import * as taskLog from './actions/taskLog';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Task Log', value: 'taskLog' }],
		default: 'taskLog',
	},
	{
		displayName:
			'Download Log File needs a sub_job_id: run Get Tasks (task_id) → Get Jobs (sub_job_ids of each execution). Get Last Jobs gives execution IDs, not sub-job IDs.',
		name: 'subJobNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['taskLog'] } },
	},
	...taskLog.description,
];

export class HuaweiCodeArtsCheck implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei CodeArts Check',
		name: 'huaweiCodeArtsCheck',
		icon: { light: 'file:codeartscheck.svg', dark: 'file:codeartscheck.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Download Huawei CodeArts Check task logs (ZIP). Find the sub_job_id with Get Tasks → Get Jobs; each execution lists its sub_job_ids.',
		defaults: { name: 'Huawei CodeArts Check' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiCloudApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
