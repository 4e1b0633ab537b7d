/** "Get Many" for either log kind: one item per packet with its metadata. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { readTransferOptions, transferOptionsField } from '../../../shared/descriptions';
import { InvalidParameterError } from '../../../shared/errors';
import { listPackets } from '../../helpers/packets';
import { filterFields, readPacketQuery } from '../../helpers/query';
import type { LogKind } from '../../helpers/query';

export function getAllFields(kind: LogKind): INodeProperties[] {
	return [
		...filterFields(kind),
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
		transferOptionsField,
	];
}

export async function executeGetAll(ctx: IExecuteFunctions, i: number, kind: LogKind): Promise<INodeExecutionData[]> {
	const query = readPacketQuery(ctx, i, kind);
	const returnAll = ctx.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? Infinity : Number(ctx.getNodeParameter('limit', i));
	if (!(limit >= 1)) throw new InvalidParameterError('Limit', 'must be 1 or more');
	const packets = await listPackets(ctx, query, limit, readTransferOptions(ctx, i));
	return packets.map((packet) => ({ json: packet.json }));
}
