import type { INodeProperties } from 'n8n-workflow';
import * as download from './download.operation';
import * as exportAndDownload from './exportAndDownload.operation';
import * as exportLogs from './export.operation';
import * as getExportStatus from './getExportStatus.operation';
import * as listServers from './listServers.operation';

export { download, exportAndDownload, exportLogs, getExportStatus, listServers };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['serverLog'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				description: 'Download the .tar.gz of a finished export',
				action: 'Download a server log export',
			},
			{
				name: 'Export',
				value: 'export',
				description: 'Start exporting the logs of a server; returns the export_id',
				action: 'Export server logs',
			},
			{
				name: 'Export and Download',
				value: 'exportAndDownload',
				description: 'Export the logs of one or more servers, wait for each export, then download it',
				action: 'Export and download server logs',
			},
			{
				name: 'Get Export Status',
				value: 'getExportStatus',
				description: 'Check an export: done, running or failed, with its percentage',
				action: 'Get the status of a server log export',
			},
			{
				name: 'List Servers',
				value: 'listServers',
				description: 'List the physical servers of the project',
				action: 'List servers',
			},
		],
		default: 'exportAndDownload',
	},
	...listServers.description,
	...exportLogs.description,
	...getExportStatus.description,
	...download.description,
	...exportAndDownload.description,
];
