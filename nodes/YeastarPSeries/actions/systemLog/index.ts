import type { INodeProperties } from 'n8n-workflow';
import * as download from './download.operation';
import * as getAll from './getAll.operation';

export { download, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['systemLog'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				description: 'Download daily system logs as a .tar archive',
				action: 'Download system logs',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the daily system logs the PBX holds, newest first',
				action: 'Get many system logs',
			},
		],
		default: 'download',
	},
	...getAll.description,
	...download.description,
];
