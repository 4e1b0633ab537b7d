import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as l4ProxyLog from './actions/l4ProxyLog';
import * as l7AccessLog from './actions/l7AccessLog';
import { router } from './actions/router';
import { operationSubtitle } from '../shared/subtitle';
import { getZones } from './methods/loadOptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'L4 Proxy Log', value: 'l4ProxyLog', description: 'Hourly logs of the TCP/UDP connections of L4 proxy instances' },
			{ name: 'L7 Access Log', value: 'l7AccessLog', description: 'Hourly HTTP access logs of the domains of EdgeOne sites' },
		],
		default: 'l7AccessLog',
	},
	...l7AccessLog.description,
	...l4ProxyLog.description,
];

export class TencentEdgeOne implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent EdgeOne',
		name: 'tencentEdgeOne',
		icon: { light: 'file:edgeone.svg', dark: 'file:edgeone.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description: 'Download EdgeOne offline logs (L7 access logs and L4 proxy logs) as hourly packets',
		defaults: { name: 'Tencent EdgeOne' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentCloudApi', required: true }],
		properties,
	};

	methods = { loadOptions: { getZones } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
