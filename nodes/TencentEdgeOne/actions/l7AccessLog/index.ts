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
		displayOptions: { show: { resource: ['l7AccessLog'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				description: 'Download the hourly L7 access log packets (gzip JSON Lines) of a time range',
				action: 'Download L7 access logs',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the hourly L7 access log packets of a time range, with their metadata',
				action: 'Get many L7 access logs',
			},
		],
		default: 'download',
	},
	...getAll.description,
	...download.description,
];
