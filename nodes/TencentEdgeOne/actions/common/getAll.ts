/** "Get Many" for either log kind: one item per packet with its metadata. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { readLimit, returnAllFields, transferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions } from '../../../shared/transferOptions';
import { listPackets, reportEmptyZones } from '../../helpers/packets';
import { filterFields, readPacketQuery } from '../../helpers/query';
import type { LogKind } from '../../helpers/query';

export function getAllFields(kind: LogKind): INodeProperties[] {
	return [
		...filterFields(kind),
		...returnAllFields,
		transferOptionsField,
	];
}

export async function executeGetAll(ctx: IExecuteFunctions, i: number, kind: LogKind): Promise<INodeExecutionData[]> {
	const query = readPacketQuery(ctx, i, kind);
	const limit = readLimit(ctx, i);
	const { packets, emptyZones } = await listPackets(ctx, query, limit, readTransferOptions(ctx, i));
	reportEmptyZones(ctx, emptyZones);
	return packets.map((packet) => ({ json: packet.json }));
}
