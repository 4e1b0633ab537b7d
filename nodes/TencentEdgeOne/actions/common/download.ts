/** "Download" for either log kind: every listed packet streamed into binary data. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { downloadEach } from '../../../shared/collection';
import { binaryPropertyField, gunzipField, presignedDownloadTransferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions } from '../../../shared/transferOptions';
import { VendorApiError } from '../../../shared/errors';
import { downloadLogFile } from '../../../TencentCloudCommon/download';
import { TEO_VENDOR } from '../../../TencentCloudCommon/errors';
import { listPackets, reportEmptyZones } from '../../helpers/packets';
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

	const download = async (packet: ListedPacket): Promise<INodeExecutionData> => {
		if (!packet.url) {
			throw new VendorApiError({
				vendor: TEO_VENDOR,
				kind: 'notFound',
				message: `packet ${packet.name} was listed without a download URL`,
				hint: 'Run again later; the packet may still be being prepared.',
			});
		}
		// logSize in the listing is the raw log size, not the download's, so it is not checked against.
		const file = await downloadLogFile(ctx, { vendor: TEO_VENDOR, url: packet.url, fallbackName: `${packet.name}.log.gz`, gunzip }, transfer);
		return { json: { ...packet.json, ...file.json }, binary: { [binaryPropertyName]: file.binary } };
	};
	return await downloadEach(ctx, i, packets, transfer.concurrency, download, (p) => ({ LogPacketName: p.name, zoneId: p.zoneId }));
}
