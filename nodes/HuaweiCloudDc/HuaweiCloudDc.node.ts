import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { router } from './actions/router';
import { operationSubtitle } from '../shared/subtitle';
import * as serverLog from './actions/serverLog';
import { getServers } from './methods/loadOptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Server Log', value: 'serverLog', description: 'Log archives exported from physical servers' }],
		default: 'serverLog',
	},
	...serverLog.description,
];

export class HuaweiCloudDc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud CloudDC',
		name: 'huaweiCloudDc',
		icon: { light: 'file:clouddc.svg', dark: 'file:clouddc.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Export and download the logs of Huawei Cloud CloudDC physical servers (.tar.gz). Export starts an asynchronous job; Export and Download waits for it.',
		defaults: { name: 'Huawei Cloud CloudDC' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiCloudApi', required: true }],
		properties,
	};

	methods = { loadOptions: { getServers } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
