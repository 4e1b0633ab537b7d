/** "Download" for either log kind: every listed packet streamed into binary data. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { downloadEach } from '../../../shared/collection';
import { binaryPropertyField, gunzipField, presignedDownloadTransferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions } from '../../../shared/transferOptions';
import { downloadPacket, listPackets, reportEmptyZones } from '../../helpers/packets';
import type { ListedPacket } from '../../helpers/packets';
import { filterFields, readPacketQuery } from '../../helpers/query';
import type { LogKind } from '../../helpers/query';

export function downloadFields(kind: LogKind): INodeProperties[] {
	return [
		...filterFields(kind),
		binaryPropertyField,
		{
			...gunzipField,
			description: 'Whether to decompress each packet while it streams, delivering plain JSON Lines instead of the .log.gz file',
		},
		presignedDownloadTransferOptionsField,
	];
}

export async function executeDownload(ctx: IExecuteFunctions, i: number, kind: LogKind): Promise<INodeExecutionData[]> {
	const query = readPacketQuery(ctx, i, kind);
	const binaryPropertyName = ctx.getNodeParameter('binaryPropertyName', i) as string;
	const gunzip = ctx.getNodeParameter('gunzip', i, false) as boolean;
	const transfer = readTransferOptions(ctx, i);
	const { packets, emptyZones } = await listPackets(ctx, query, Infinity, transfer);
	reportEmptyZones(ctx, emptyZones);

	const download = async (packet: ListedPacket) => await downloadPacket(ctx, packet, { gunzip, binaryPropertyName }, transfer);
	return await downloadEach(ctx, i, packets, transfer.concurrency, download, (p) => ({ LogPacketName: p.name, zoneId: p.zoneId }));
}
