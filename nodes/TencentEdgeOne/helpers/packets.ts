/**
 * Listing offline log packets. Zones are queried one at a time because a listed packet does not
 * say which zone it belongs to. 2022-09-01 pages with Offset/Limit; the legacy 2022-01-06 pages
 * with PageNo (counted from 1) and takes zone names; both give the same output fields.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeExecutionHint } from 'n8n-workflow';
import { VendorApiError } from '../../shared/errors';
import { collectPages } from '../../shared/pagination';
import { redactUrl } from '../../shared/redact';
import type { TransferOptions } from '../../shared/transferOptions';
import { downloadLogFile } from '../../TencentCloudCommon/download';
import type { TencentContext } from '../../TencentCloudCommon/transport';
import { EDGEONE, teoApiRequest, VENDOR } from '../transport';
import { CURRENT_VERSION, LEGACY_VERSION } from './query';
import type { PacketQuery } from './query';
import { retentionRefusal, toTencentTime } from './timeRange';
import { zoneNamesOf } from './zones';

/** The largest page DownloadL7Logs/DownloadL4Logs allow. */
const PAGE_SIZE = 300;
const MAX_PAGES = 10000;

export interface ListedPacket {
	name: string;
	zoneId: string;
	/** Presigned download URL with its signature: for downloading only, never for output. */
	url: string;
	/** The output item: metadata with the URL redacted. */
	json: IDataObject;
}

function toPacket(log: IDataObject, query: PacketQuery, zoneId: string): ListedPacket {
	const url = typeof log.Url === 'string' ? log.Url : '';
	const logTime = Number(log.LogTime);
	// The legacy version only gives LogTime, the start of the packed hour.
	const start = log.LogStartTime ?? (Number.isFinite(logTime) ? toTencentTime(logTime * 1000) : null);
	const end = log.LogEndTime ?? (Number.isFinite(logTime) ? toTencentTime((logTime + 3599) * 1000) : null);
	const target = query.kind === 'l7' ? { Domain: log.Domain ?? null } : { ProxyId: log.ProxyId ?? null };
	const name = String(log.LogPacketName ?? '');
	return {
		name,
		zoneId,
		url,
		json: {
			...target,
			Area: log.Area ?? null,
			LogPacketName: name,
			Url: url ? redactUrl(url) : null,
			LogStartTime: start,
			LogEndTime: end,
			// EdgeOne's Size is the raw log's size; `size` in a download's output is the bytes
			// delivered, so the listed figure gets its own name.
			logSize: log.Size ?? null,
			zoneId,
		},
	};
}

/** A packet listed twice (the listing grew between pages) is kept once. */
const packetKey = (log: IDataObject) => String(log.LogPacketName ?? log.Url ?? '');

function dataOf(answer: IDataObject): IDataObject[] {
	return Array.isArray(answer.Data) ? (answer.Data as IDataObject[]) : [];
}

async function listZone(ctx: TencentContext, query: PacketQuery, zoneId: string, max: number, transfer: TransferOptions): Promise<IDataObject[]> {
	const action = query.kind === 'l7' ? 'DownloadL7Logs' : 'DownloadL4Logs';
	const body: IDataObject = {
		StartTime: toTencentTime(query.range.start),
		EndTime: toTencentTime(query.range.end),
		ZoneIds: [zoneId],
	};
	if (query.targets.length) body[query.kind === 'l7' ? 'Domains' : 'ProxyIds'] = query.targets;
	return await collectPages(async ({ offset }) => {
		const answer = await teoApiRequest(ctx, action, CURRENT_VERSION, { ...body, Limit: PAGE_SIZE, Offset: offset }, transfer);
		return { items: dataOf(answer), totalItems: answer.TotalCount };
	}, { pageSize: PAGE_SIZE, maxPages: MAX_PAGES, max, key: packetKey });
}

async function listZoneLegacy(ctx: TencentContext, query: PacketQuery, zoneName: string, max: number, transfer: TransferOptions): Promise<IDataObject[]> {
	const body: IDataObject = {
		StartTime: toTencentTime(query.range.start),
		EndTime: toTencentTime(query.range.end),
		Zones: [zoneName],
		PageSize: PAGE_SIZE,
	};
	if (query.targets.length) body.Domains = query.targets;
	return await collectPages(async ({ pageNo }) => {
		const answer = await teoApiRequest(ctx, 'DownloadL7Logs', LEGACY_VERSION, { ...body, PageNo: pageNo }, transfer);
		return { items: dataOf(answer), totalPages: answer.Pages };
	}, { pageSize: PAGE_SIZE, maxPages: MAX_PAGES, max, key: packetKey });
}

export interface PacketListing {
	packets: ListedPacket[];
	/** Zones that were asked and listed no packet at all for the range. */
	emptyZones: string[];
}

/** Up to `max` packets of the query, zone by zone in the order the zones were given. */
export async function listPackets(ctx: TencentContext, query: PacketQuery, max: number, transfer: TransferOptions): Promise<PacketListing> {
	const legacy = query.version === LEGACY_VERSION;
	const zoneNames = legacy ? await zoneNamesOf(ctx, query.zoneIds, transfer) : [];
	const packets: ListedPacket[] = [];
	const emptyZones: string[] = [];
	for (const [index, zoneId] of query.zoneIds.entries()) {
		if (packets.length >= max) break;
		const remaining = max - packets.length;
		let logs: IDataObject[];
		try {
			logs = legacy
				? await listZoneLegacy(ctx, query, zoneNames[index], remaining, transfer)
				: await listZone(ctx, query, zoneId, remaining, transfer);
		} catch (error) {
			throw retentionRefusal(error, query.range) ?? error;
		}
		if (!logs.length) emptyZones.push(zoneId);
		packets.push(...logs.map((log) => toPacket(log, query, zoneId)));
	}
	return { packets: packets.slice(0, max), emptyZones };
}

/**
 * What to tell the user when zones list nothing: an empty answer is not an error, but a site
 * whose offline logs were never turned on looks exactly like that.
 */
export function emptyZonesHint(emptyZones: string[]): NodeExecutionHint | undefined {
	if (!emptyZones.length) return undefined;
	return {
		type: 'info',
		location: 'outputPane',
		message:
			`No log packets for ${emptyZones.join(', ')} in this time range. Sites added to EdgeOne after 2026-01-20 ` +
			'must turn on offline logs in the EdgeOne console before any packets exist; packets are also listed only ' +
			'30 minutes to 3 hours after the hour they cover.',
	};
}

/** Shows the hint under the node's output; n8n versions without execution hints just skip it. */
export function reportEmptyZones(ctx: IExecuteFunctions, emptyZones: string[]): void {
	const hint = emptyZonesHint(emptyZones);
	if (hint && typeof ctx.addExecutionHints === 'function') ctx.addExecutionHints(hint);
}

/** One listed packet streamed into binary data under `binaryPropertyName`, with its listing metadata. */
export async function downloadPacket(
	ctx: IExecuteFunctions,
	packet: ListedPacket,
	options: { gunzip: boolean; binaryPropertyName: string },
	transfer: TransferOptions,
): Promise<INodeExecutionData> {
	if (!packet.url) {
		throw new VendorApiError({
			vendor: VENDOR,
			kind: 'notFound',
			message: `packet ${packet.name} was listed without a download URL`,
			hint: 'Run again later; the packet may still be being prepared.',
		});
	}
	// logSize in the listing is the raw log size, not the download's, so it is not checked against.
	const file = await downloadLogFile(ctx, { product: EDGEONE, url: packet.url, fallbackName: `${packet.name}.log.gz`, gunzip: options.gunzip }, transfer);
	return { json: { ...packet.json, ...file.json }, binary: { [options.binaryPropertyName]: file.binary } };
}
