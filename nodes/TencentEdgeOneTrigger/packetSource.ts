/**
 * EdgeOne packets as a trigger source: each packet once, identified by zone and packet name,
 * ordered by the hour it covers. Listing and downloading are the Tencent EdgeOne node's own.
 */
import type { IExecuteFunctions, INodeProperties, IPollFunctions } from 'n8n-workflow';
import type { Candidate, } from '../shared/pollState';
import { readTransferOptions } from '../shared/transferOptions';
import { VendorApiError } from '../shared/errors';
import { asExecution, type TriggerSource } from '../shared/trigger';
import { downloadLogFile } from '../TencentCloudCommon/download';
import { TEO_VENDOR } from '../TencentCloudCommon/errors';
import { listPackets, type ListedPacket } from '../TencentEdgeOne/helpers/packets';
import { type LogKind, readPacketSelection, selectionFields } from '../TencentEdgeOne/helpers/query';

interface PacketFile extends Candidate {
	packet: ListedPacket;
}

/** The hour a packet covers, from its listed start (Beijing time with offset) or its name. */
function packetHour(packet: ListedPacket): number {
	const start = Date.parse(String(packet.json.LogStartTime ?? ''));
	return Number.isFinite(start) ? start : 0;
}

function create(ctx: IPollFunctions): TriggerSource<PacketFile> & { exec: IExecuteFunctions } {
	const exec = asExecution(ctx);
	const kind = ctx.getNodeParameter('logKind', 'l7') as LogKind;
	return {
		exec,
		async list(execution, from, now) {
			const selection = readPacketSelection(execution, 0, kind);
			const transfer = readTransferOptions(execution, 0);
			const { packets } = await listPackets(execution, { ...selection, range: { start: Math.floor(from / 1000) * 1000, end: Math.floor(now / 1000) * 1000 } }, Infinity, transfer);
			return packets.map((packet) => ({ id: `${packet.zoneId}/${packet.name}`, at: packetHour(packet), packet }));
		},
		describe: (file) => ({ json: file.packet.json }),
		async download(execution, file) {
			const { packet } = file;
			if (!packet.url) {
				throw new VendorApiError({ vendor: TEO_VENDOR, kind: 'notFound', message: `packet ${packet.name} was listed without a download URL` });
			}
			const gunzip = execution.getNodeParameter('gunzip', 0, false) as boolean;
			const property = execution.getNodeParameter('binaryPropertyName', 0, 'data') as string;
			const transfer = readTransferOptions(execution, 0);
			const saved = await downloadLogFile(execution, { vendor: TEO_VENDOR, url: packet.url, fallbackName: `${packet.name}.log.gz`, gunzip }, transfer);
			return { json: { ...packet.json, ...saved.json }, binary: { [property]: saved.binary } };
		},
	};
}

export const newPacketSource = {
	fields: (kind: LogKind): INodeProperties[] => selectionFields(kind),
	create,
};
