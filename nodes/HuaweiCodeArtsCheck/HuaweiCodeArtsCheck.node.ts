import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { router } from './actions/router';
import { operationSubtitle } from '../shared/subtitle';
import * as taskLog from './actions/taskLog';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Task Log', value: 'taskLog', description: 'Logs of the check tasks of CodeArts projects' }],
		default: 'taskLog',
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
			'Download the logs of Huawei CodeArts Check tasks (ZIP), and list the tasks and executions that lead to them',
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
