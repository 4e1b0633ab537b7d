import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { filtersField, readLimit, returnAllFields, transferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions } from '../../../shared/transferOptions';
import { listServers, MANAGE_STATES } from '../../helpers/servers';

const properties: INodeProperties[] = [
	...returnAllFields,
	filtersField([
		{
			displayName: 'Manage State',
			name: 'manageState',
			type: 'options',
			default: 'in-use',
			options: MANAGE_STATES,
			description: 'Only servers in this management state',
		},
	]),
	transferOptionsField,
];

const displayOptions = { show: { resource: ['serverLog'], operation: ['listServers'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', i, {}) as { manageState?: string };
	const max = readLimit(this, i);
	const servers = await listServers(this, { manageState: filters.manageState, max }, readTransferOptions(this, i));
	return servers.map((server) => ({ json: server }));
}
