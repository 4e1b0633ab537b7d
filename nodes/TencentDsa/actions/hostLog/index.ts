import type { INodeProperties } from 'n8n-workflow';
import * as download from './download.operation';
import * as getUrls from './getUrls.operation';

export { download, getUrls };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['hostLog'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				description: 'Download the hourly access log files of domains',
				action: 'Download host logs',
			},
			{
				name: 'Get Download URLs',
				value: 'getUrls',
				description: 'List the hourly access log files of domains, with their link expiry',
				action: 'Get host log download links',
			},
		],
		default: 'download',
	},
	...getUrls.description,
	...download.description,
];
