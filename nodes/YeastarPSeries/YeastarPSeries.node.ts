import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { router } from './actions/router';
import * as systemLog from './actions/systemLog';

export class YeastarPSeries implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Yeastar P-Series PBX',
		name: 'yeastarPSeries',
		icon: { light: 'file:yeastar.svg', dark: 'file:yeastar.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Download system logs from a Yeastar P-Series PBX (Cloud, Software and Appliance editions)',
		defaults: { name: 'Yeastar P-Series PBX' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'yeastarPSeriesApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'System Log', value: 'systemLog' }],
				default: 'systemLog',
			},
			...systemLog.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
