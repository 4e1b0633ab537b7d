/**
 * EdgeOne's data: zones (and the default ones), the emulator's options, and the hourly log
 * packets a query lists, late arrivals included.
 */
import { Clock, HOUR, lateness, SECOND, utcStamp } from './common';
import { TencentLogFiles } from './logFiles';

export interface TeoZone {
	ZoneId: string;
	ZoneName: string;
	Status: string;
	Area: 'mainland' | 'overseas' | 'global';
	/** Sub-domains with L7 offline logs. */
	domains: string[];
	/** L4 proxy instance ids with L4 offline logs. */
	proxies: string[];
}

export interface TeoOptions {
	secretId: string;
	secretKey: string;
	/** When set, requests must carry it as X-TC-Token (temporary credentials). */
	sessionToken?: string;
	zones: TeoZone[];
	retentionDays: number;
	/** Lifetime of packet URLs; undocumented by Tencent, so short enough to notice misuse. */
	urlTtlSec: number;
	maxSkewSec: number;
	/** Requests per second per SecretId and action, by API version. */
	rateLimits: Record<string, number>;
	/** How long after an hour ends its packet is listed. */
	availabilityDelaySec: number;
	/**
	 * Late arrivals: each packet is listed a further 0..spread seconds later, fixed per packet
	 * (EdgeOne keeps publishing packets of an hour for about a day). 0: all at once.
	 */
	lateArrivalSpreadSec: number;
	files: TencentLogFiles;
	clock: Clock;
}

export interface TeoPacket {
	kind: 'l7' | 'l4';
	name: string;
	zoneId: string;
	zoneName: string;
	/** The sub-domain (L7) or proxy id (L4). */
	target: string;
	area: 'mainland' | 'overseas';
	/** Start of the packed UTC hour, epoch ms. */
	start: number;
}

export interface TeoPacketQuery {
	kind: 'l7' | 'l4';
	start: number | string;
	end: number | string;
	zoneIds?: string[];
	zoneNames?: string[];
	/** Sub-domains (L7) or proxy ids (L4); all when empty. */
	targets?: string[];
}

export function defaultTeoZones(): TeoZone[] {
	return [
		{
			ZoneId: 'zone-2mzegj4vln5f',
			ZoneName: 'example.com',
			Status: 'active',
			Area: 'mainland',
			domains: ['www.example.com', 'api.example.com'],
			proxies: ['sid-2rugn89bkla9'],
		},
		{
			ZoneId: 'zone-39quuimqg8r6',
			ZoneName: 'example.org',
			Status: 'active',
			Area: 'overseas',
			domains: ['www.example.org'],
			proxies: [],
		},
		{
			ZoneId: 'zone-2o0l8xhs1rwp',
			ZoneName: 'example.net',
			Status: 'active',
			Area: 'global',
			domains: ['cdn.example.net'],
			proxies: ['sid-2s9ck1m5vd3k', 'sid-2s9ck1m5vd3m'],
		},
	];
}

/** What `TeoEmulator.packets` lists: the packets of a query as of `clock()`, in the API's order. */
export function listTeoPackets(
	query: TeoPacketQuery,
	options: TeoOptions,
	clock: Clock,
): TeoPacket[] {
	const start = typeof query.start === 'string' ? Date.parse(query.start) : query.start;
	const end = typeof query.end === 'string' ? Date.parse(query.end) : query.end;
	const lastEnd = clock() - options.availabilityDelaySec * SECOND;
	const zones = options.zones.filter(
		(z) =>
			(!query.zoneIds || query.zoneIds.includes(z.ZoneId)) &&
			(!query.zoneNames || query.zoneNames.includes(z.ZoneName)),
	);
	const packets: TeoPacket[] = [];
	// Only whole hours that are already packed: an hour is listed once it has ended.
	for (
		let hour = Math.floor(start / HOUR) * HOUR;
		hour < end && hour + HOUR <= lastEnd;
		hour += HOUR
	) {
		for (const zone of zones) {
			const targets = query.kind === 'l7' ? zone.domains : zone.proxies;
			for (const target of targets) {
				if (query.targets?.length && !query.targets.includes(target)) continue;
				const packet = teoPacket(query.kind, zone, target, hour);
				const late = lateness(packet.name) * options.lateArrivalSpreadSec * SECOND;
				if (hour + HOUR + late <= lastEnd) packets.push(packet);
			}
		}
	}
	return packets;
}

function teoPacket(kind: 'l7' | 'l4', zone: TeoZone, target: string, hour: number): TeoPacket {
	const { day, hour: hh } = utcStamp(hour);
	// A global zone's packets are split by area in reality; one overseas packet keeps it simple.
	const area = zone.Area === 'mainland' ? 'mainland' : 'overseas';
	const name = `${day}-${hh}-${target}`;
	return { kind, name, zoneId: zone.ZoneId, zoneName: zone.ZoneName, target, area, start: hour };
}
