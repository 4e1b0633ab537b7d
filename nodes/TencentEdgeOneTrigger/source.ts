/**
 * EdgeOne packets as a trigger source: each packet once, identified by zone and packet name,
 * ordered by the hour it covers. Listing and downloading are the Tencent EdgeOne node's own.
 */
import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import type { Candidate } from '../shared/pollState';
import { readTransferOptions } from '../shared/transferOptions';
import { asExecution, type TriggerSource } from '../shared/trigger';
import { downloadPacket, listPackets, type ListedPacket } from '../TencentEdgeOne/helpers/packets';
import { type LogKind, readPacketSelection } from '../TencentEdgeOne/helpers/query';

interface PacketFile extends Candidate {
	packet: ListedPacket;
}

/** The hour a packet covers, from its listed start (Beijing time with offset) or its name. */
function packetHour(packet: ListedPacket): number {
	const start = Date.parse(String(packet.json.LogStartTime ?? ''));
	return Number.isFinite(start) ? start : 0;
}

export function createSource(ctx: IPollFunctions): TriggerSource<PacketFile> & { exec: IExecuteFunctions } {
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
		async download(execution, { packet }) {
			const gunzip = execution.getNodeParameter('gunzip', 0, false) as boolean;
			const binaryPropertyName = execution.getNodeParameter('binaryPropertyName', 0, 'data') as string;
			return await downloadPacket(execution, packet, { gunzip, binaryPropertyName }, readTransferOptions(execution, 0));
		},
	};
}
