import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { router } from './actions/router';
import { operationSubtitle } from '../shared/subtitle';
import * as systemLog from './actions/systemLog';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'System Log', value: 'systemLog', description: 'The daily system logs the PBX keeps' }],
		default: 'systemLog',
	},
	...systemLog.description,
];

export class YeastarPSeries implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Yeastar P-Series PBX',
		name: 'yeastarPSeries',
		icon: { light: 'file:yeastar.svg', dark: 'file:yeastar.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description: 'Download system logs from a Yeastar P-Series PBX (Cloud, Software and Appliance editions)',
		defaults: { name: 'Yeastar P-Series PBX' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'yeastarPSeriesApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
