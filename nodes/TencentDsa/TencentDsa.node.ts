import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as hostLog from './actions/hostLog';
import { router } from './actions/router';
import { operationSubtitle } from '../shared/subtitle';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Host Log', value: 'hostLog', description: 'Hourly access logs of domains accelerated by DSA' }],
		default: 'hostLog',
	},
	...hostLog.description,
];

export class TencentDsa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Cloud DSA',
		name: 'tencentDsa',
		icon: { light: 'file:dsa.svg', dark: 'file:dsa.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description: 'Download hourly access logs of Tencent Cloud Dynamic Site Acceleration (DSA) domains',
		defaults: { name: 'Tencent Cloud DSA' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentCloudApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
