/** Fields several CloudDC operations share, and reading them back validated. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { validId } from '../../../HuaweiCloudCommon/ids';

export const serverIdField: INodeProperties = {
	displayName: 'Server Name or ID',
	name: 'serverId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getServers' },
	default: '',
	required: true,
	description:
		'The physical server. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const exportIdField: INodeProperties = {
	displayName: 'Export ID',
	name: 'exportId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 1',
	description: 'The export_id returned by the Export operation for this server',
};

export const validServerId = (field: string, value: unknown): string =>
	validId(field, value, 'a server UUID from List Servers');

export const readServerId = (ctx: IExecuteFunctions, i: number): string =>
	validServerId('Server', ctx.getNodeParameter('serverId', i));

export const readExportId = (ctx: IExecuteFunctions, i: number): string =>
	validId('Export ID', ctx.getNodeParameter('exportId', i), 'the export_id returned by Export');
