/**
 * EdgeOne (teo) API 3.0 on `POST /`: `{"Response":{"Error":…}}` errors with HTTP 200,
 * DescribeZones and DownloadL7Logs / DownloadL4Logs in versions 2022-09-01 and (L7 only) 2022-01-06.
 */
import { randomUUID } from 'crypto';
import { ServerResponse } from 'http';
import { FileSpec } from '../files';
import { EmulatorRequest, RouteContext, VendorModule } from '../server';
import {
	beijingIso,
	bump,
	Clock,
	DAY,
	header,
	HOUR,
	realClock,
	SECOND,
	TENCENT_EMULATOR_KEYS,
} from './common';
import { RateWindow } from '../rateWindow';
import { tencentLogFiles } from './logFiles';
import {
	defaultTeoZones,
	listTeoPackets,
	TeoOptions,
	TeoPacket,
	TeoPacketQuery,
} from './teoPackets';
import {
	intParam,
	listParam,
	TEO_VERSIONS,
	TeoError,
	TeoHandler,
	TeoParams,
	timeParam,
	verifyTc3,
} from './teoRequests';

export interface TeoCounters {
	requests: number;
	accepted: number;
	actions: Record<string, number>;
	errors: Record<string, number>;
}

export class TeoEmulator implements VendorModule {
	readonly name = 'teo';
	readonly options: TeoOptions;
	clock: Clock;
	counters: TeoCounters = { requests: 0, accepted: 0, actions: {}, errors: {} };
	private readonly rate = new RateWindow();
	private readonly handlers: Record<string, TeoHandler> = {
		'2022-09-01/DescribeZones': (p) => this.describeZones(p),
		'2022-01-06/DescribeZones': (p) => this.describeZones(p),
		'2022-09-01/DownloadL7Logs': (p, ctx) => this.downloadLogs('l7', p, ctx),
		'2022-09-01/DownloadL4Logs': (p, ctx) => this.downloadLogs('l4', p, ctx),
		'2022-01-06/DownloadL7Logs': (p, ctx) => this.downloadL7LogsLegacy(p, ctx),
	};

	constructor(options: Partial<TeoOptions> = {}) {
		this.options = {
			...TENCENT_EMULATOR_KEYS,
			zones: defaultTeoZones(),
			retentionDays: 31,
			urlTtlSec: 3600,
			maxSkewSec: 300,
			rateLimits: { '2022-09-01': 100, '2022-01-06': 20 },
			availabilityDelaySec: 0,
			lateArrivalSpreadSec: 0,
			files: tencentLogFiles,
			clock: realClock,
			...options,
		};
		this.clock = this.options.clock;
	}

	reset(): void {
		this.counters = { requests: 0, accepted: 0, actions: {}, errors: {} };
		this.rate.clear();
		this.clock = this.options.clock;
	}

	actionOf(req: EmulatorRequest): string | undefined {
		return header(req, 'x-tc-action');
	}

	/** Every packet the API would list for a query, in the order it lists them. */
	packets(query: TeoPacketQuery): TeoPacket[] {
		return listTeoPackets(query, this.options, this.clock);
	}

	packetSpec(packet: TeoPacket): FileSpec {
		return this.options.files.spec(packet.kind, packet.name);
	}

	handle(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		this.counters.requests++;
		const requestId = randomUUID();
		const fail = (code: string, message: string) => {
			bump(this.counters.errors, code);
			ctx.json(res, 200, {
				Response: { Error: { Code: code, Message: message }, RequestId: requestId },
			});
		};
		if (req.path !== '/') return ctx.text(res, 404, 'Not Found');
		if (req.method !== 'POST') {
			return fail('UnsupportedProtocol', 'The emulator answers POST requests only.');
		}
		const action = header(req, 'x-tc-action');
		const version = header(req, 'x-tc-version');
		if (!action) {
			return fail('MissingParameter', 'The request is missing a required parameter `Action`.');
		}
		if (!version) {
			return fail('MissingParameter', 'The request is missing a required parameter `Version`.');
		}
		const auth = verifyTc3(req, this.options, this.clock);
		if (auth instanceof TeoError) return fail(auth.code, auth.message);
		if (!TEO_VERSIONS.includes(version)) {
			return fail(
				'NoSuchVersion',
				`The requested version \`${version}\` of API \`${action}\` does not exist.`,
			);
		}
		const handler = this.handlers[`${version}/${action}`];
		if (!handler) {
			return fail('InvalidAction', `The API \`${action}\` does not exist in version ${version}.`);
		}
		const limit = this.options.rateLimits[version] ?? 20;
		if (!this.rate.allow(`${auth}|${version}|${action}`, limit, SECOND, this.clock())) {
			return fail(
				'RequestLimitExceeded',
				`Your current request times equals to \`${limit}\` in a second, ` +
					'which exceeds the frequency limit.',
			);
		}
		let params: unknown;
		try {
			params = JSON.parse(req.body.toString('utf8') || '{}');
		} catch {
			return fail('InvalidParameter', 'The request body is not valid JSON.');
		}
		if (!params || typeof params !== 'object' || Array.isArray(params)) {
			return fail('InvalidParameter', 'The request body must be a JSON object.');
		}
		try {
			const result = handler(params as TeoParams, ctx);
			this.counters.accepted++;
			bump(this.counters.actions, action);
			ctx.json(res, 200, { Response: { ...result, RequestId: requestId } });
		} catch (error) {
			if (!(error instanceof TeoError)) throw error;
			fail(error.code, error.message);
		}
	}

	private describeZones(params: TeoParams): Record<string, unknown> {
		const offset = intParam(params, 'Offset', 0, Number.MAX_SAFE_INTEGER);
		const limit = intParam(params, 'Limit', 20, 100);
		const filters = Array.isArray(params.Filters) ? (params.Filters as TeoParams[]) : [];
		const zones = this.options.zones.filter((zone) =>
			filters.every((f) => {
				const values = Array.isArray(f.Values) ? f.Values : [];
				if (f.Name === 'zone-name') return values.includes(zone.ZoneName);
				if (f.Name === 'zone-id') return values.includes(zone.ZoneId);
				return true;
			}),
		);
		return {
			TotalCount: zones.length,
			Zones: zones
				.slice(offset, offset + limit)
				.map(({ ZoneId, ZoneName, Status, Area }) => ({ ZoneId, ZoneName, Status, Area })),
		};
	}

	private range(params: TeoParams): { start: number; end: number } {
		const start = timeParam(params, 'StartTime');
		const end = timeParam(params, 'EndTime');
		if (end <= start) {
			throw new TeoError('InvalidParameterValue', '`EndTime` must be later than `StartTime`.');
		}
		if (start < this.clock() - this.options.retentionDays * DAY) {
			throw new TeoError(
				'InvalidParameterValue',
				`\`StartTime\` is outside the ${this.options.retentionDays}-day log retention.`,
			);
		}
		return { start, end };
	}

	private knownZones(ids: string[] | undefined, key: 'ZoneId' | 'ZoneName'): void {
		const unknown = (ids ?? []).find((id) => !this.options.zones.some((z) => z[key] === id));
		if (unknown) {
			throw new TeoError(
				'ResourceUnavailable',
				`The site ${unknown} does not exist or is not available.`,
			);
		}
	}

	private downloadLogs(
		kind: 'l7' | 'l4',
		params: TeoParams,
		ctx: RouteContext,
	): Record<string, unknown> {
		const { start, end } = this.range(params);
		const zoneIds = listParam(params, 'ZoneIds');
		// Optional in the docs, required by the service since 2024-05-30.
		if (!zoneIds?.length) {
			throw new TeoError(
				'MissingParameter',
				'The request is missing a required parameter `ZoneIds`.',
			);
		}
		this.knownZones(zoneIds, 'ZoneId');
		const targets = listParam(params, kind === 'l7' ? 'Domains' : 'ProxyIds');
		const limit = intParam(params, 'Limit', 20, 300);
		const offset = intParam(params, 'Offset', 0, Number.MAX_SAFE_INTEGER);
		const all = this.packets({ kind, start, end, zoneIds, targets });
		return {
			TotalCount: all.length,
			Data: all.slice(offset, offset + limit).map((p) => this.offlineLog(p, ctx)),
		};
	}

	/**
	 * 2022-01-06. Whether PageNo is 0- or 1-based is undocumented (the official example sends 0).
	 * Pages are 1-based here and PageNo 0 is tolerated as the first page, so a client written from
	 * the example still works, while one that counts 0, 1, 2 gets the first page twice: clients
	 * must count from 1. The answer's PageNo is the page actually served.
	 */
	private downloadL7LogsLegacy(params: TeoParams, ctx: RouteContext): Record<string, unknown> {
		const { start, end } = this.range(params);
		for (const name of ['PageSize', 'PageNo']) {
			if (params[name] === undefined) {
				throw new TeoError(
					'MissingParameter',
					`The request is missing a required parameter \`${name}\`.`,
				);
			}
		}
		const pageSize = intParam(params, 'PageSize', 20, 300);
		if (pageSize < 1) throw new TeoError('InvalidParameterValue', '`PageSize` must be at least 1.');
		const pageNo = Math.max(1, intParam(params, 'PageNo', 1, Number.MAX_SAFE_INTEGER));
		const zoneNames = listParam(params, 'Zones');
		this.knownZones(zoneNames, 'ZoneName');
		const targets = listParam(params, 'Domains');
		const all = this.packets({
			kind: 'l7',
			start,
			end,
			zoneNames: zoneNames?.length ? zoneNames : undefined,
			targets,
		});
		const data = all.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((p) => {
			const { Url, Domain, LogPacketName, LogTime, Size, Area } = this.offlineLog(p, ctx);
			return { LogTime, Domain, Size, Url, LogPacketName, Area };
		});
		return {
			Data: data,
			PageNo: pageNo,
			PageSize: pageSize,
			Pages: Math.ceil(all.length / pageSize),
			TotalSize: all.length,
		};
	}

	private offlineLog(packet: TeoPacket, ctx: RouteContext): Record<string, string | number> {
		const spec = this.packetSpec(packet);
		const expires = Math.floor(this.clock() / SECOND) + this.options.urlTtlSec;
		const url = this.options.files.signedUrl(
			ctx.baseUrlOf('tencent-cdn'),
			packet.kind,
			packet.name,
			expires,
		);
		return {
			...(packet.kind === 'l7' ? { Domain: packet.target } : { ProxyId: packet.target }),
			Area: packet.area,
			LogPacketName: packet.name,
			Url: url,
			LogTime: Math.floor(packet.start / SECOND),
			LogStartTime: beijingIso(packet.start),
			LogEndTime: beijingIso(packet.start + HOUR - SECOND),
			// Tencent documents Size as the raw (uncompressed) log size, not the download length.
			Size: spec.size * 8,
		};
	}
}
