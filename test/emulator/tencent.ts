/**
 * Tencent Cloud emulators (DSA API 2.0 and EdgeOne API 3.0, as Tencent's API pages describe them):
 * - `TeoEmulator`: EdgeOne API 3.0 on `POST /`, TC3-HMAC-SHA256 verified independently of the
 *   client's signer, `{"Response":{"Error":…}}` errors with HTTP 200, DescribeZones and
 *   DownloadL7Logs / DownloadL4Logs in versions 2022-09-01 and (L7 only) 2022-01-06.
 * - `DsaEmulator`: DSA API 2.0 on `/v2/index.php` (GET query or POST form), HmacSHA1/HmacSHA256
 *   signatures, replay protection and `{"code":N,…}` errors with HTTP 200, GetDsaHostLogs.
 * - `TencentCdnEmulator`: the log CDN both products link to; signed, expiring URLs and gzip files.
 * The three share a `TencentLogFiles` (file sizes and URL signing) so a listed packet and the file
 * the CDN serves always agree. Each module's `clock` can be pinned so tests are time-independent.
 */
import { createHash, createHmac, randomUUID } from 'crypto';
import { ServerResponse } from 'http';
import { FileSpec } from './files';
import { EmulatorRequest, RouteContext, VendorModule } from './server';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;
/** Tencent shows log times in Beijing time (UTC+8) and DSA days are Beijing days. */
const BEIJING = 8 * HOUR;

export type Clock = () => number;
const realClock: Clock = () => Date.now();

/** One key pair valid on both emulated APIs, as a real Tencent Cloud key is. */
export const TENCENT_EMULATOR_KEYS = {
	secretId: 'AKIDemulatorTencent0000000000000000',
	secretKey: 'emulatorTencentSecretKey00000000',
};

// ---------------------------------------------------------------------------------------------
// Shared: packet files, their sizes and the CDN's URL signatures
// ---------------------------------------------------------------------------------------------

export type TencentFileKind = 'l7' | 'l4' | 'dsa';

export class TencentLogFiles {
	defaultSize: number;
	/** Per-name size overrides (EdgeOne LogPacketName, or DSA `YYYYMMDD/HH/YYYYMMDD-host`). */
	readonly sizes = new Map<string, number>();

	constructor(
		private readonly initialDefaultSize = 32 * 1024,
		private readonly urlKey = 'emulated-tencent-cdn-url-key',
	) {
		this.defaultSize = initialDefaultSize;
	}

	setSize(name: string, bytes: number): void {
		this.sizes.set(name, bytes);
	}

	sizeOf(name: string): number {
		return this.sizes.get(name) ?? this.defaultSize;
	}

	spec(kind: TencentFileKind, name: string): FileSpec {
		const style = kind === 'dsa' ? 'cdn' : 'jsonl';
		return { format: 'gz', size: this.sizeOf(name), seed: `tencent/${kind}/${name}`, style };
	}

	path(kind: TencentFileKind, name: string): string {
		return kind === 'dsa' ? `/dsa/${name}` : `/teo/${kind}/${name}.log.gz`;
	}

	parsePath(path: string): { kind: TencentFileKind; name: string } | undefined {
		const teo = /^\/teo\/(l7|l4)\/([A-Za-z0-9._-]+)\.log\.gz$/.exec(path);
		if (teo) return { kind: teo[1] as TencentFileKind, name: teo[2] };
		const dsa = /^\/dsa\/(\d{8}\/\d{2}\/\d{8}-[A-Za-z0-9.-]+)$/.exec(path);
		return dsa ? { kind: 'dsa', name: dsa[1] } : undefined;
	}

	/** `st`: 22 base64url characters, the length of the tokens in Tencent's own examples. */
	token(path: string, expiresSec: number): string {
		return createHmac('sha256', this.urlKey)
			.update(`${path}\n${expiresSec}`)
			.digest('base64url')
			.slice(0, 22);
	}

	signedUrl(baseUrl: string, kind: TencentFileKind, name: string, expiresSec: number): string {
		const path = this.path(kind, name);
		return `${baseUrl}${path}?st=${this.token(path, expiresSec)}&e=${expiresSec}`;
	}

	check(
		path: string,
		e: string | null,
		st: string | null,
		nowSec: number,
	): 'ok' | 'expired' | 'bad' {
		if (!e || !/^\d+$/.test(e) || !st || st !== this.token(path, Number(e))) return 'bad';
		return Number(e) < nowSec ? 'expired' : 'ok';
	}

	reset(): void {
		this.sizes.clear();
		this.defaultSize = this.initialDefaultSize;
	}
}

/** Used by every module built without its own store, so separately built modules still agree. */
export const tencentLogFiles = new TencentLogFiles();

// ---------------------------------------------------------------------------------------------
// Small shared helpers
// ---------------------------------------------------------------------------------------------

function header(req: EmulatorRequest, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value.join(',') : value;
}

function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** Sliding-window counter: at most `limit` hits per key within `windowMs`. */
class RateWindow {
	private hits = new Map<string, number[]>();

	allow(key: string, limit: number, windowMs: number, now: number): boolean {
		const recent = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
		const allowed = recent.length < limit;
		if (allowed) recent.push(now);
		this.hits.set(key, recent);
		return allowed;
	}

	clear(): void {
		this.hits.clear();
	}
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `YYYYMMDD` and `HH` of a UTC hour. */
function utcStamp(ms: number): { day: string; hour: string } {
	const iso = new Date(ms).toISOString();
	return { day: iso.slice(0, 10).replace(/-/g, ''), hour: iso.slice(11, 13) };
}

function beijingIso(ms: number): string {
	return `${new Date(ms + BEIJING).toISOString().slice(0, 19)}+08:00`;
}

function bump(counts: Record<string, number>, key: string): void {
	counts[key] = (counts[key] ?? 0) + 1;
}

// ---------------------------------------------------------------------------------------------
// EdgeOne (teo), API 3.0
// ---------------------------------------------------------------------------------------------

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

/** A fixed share in [0, 1) per name: when in its spread a late file appears. */
export function lateness(name: string): number {
	return createHash('sha256').update(`late|${name}`).digest().readUInt32BE(0) / 2 ** 32;
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

export interface TeoCounters {
	requests: number;
	accepted: number;
	actions: Record<string, number>;
	errors: Record<string, number>;
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

/** A request the API refuses: becomes `Response.Error`. */
class TeoError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

type TeoParams = Record<string, unknown>;
type TeoHandler = (params: TeoParams, ctx: RouteContext) => Record<string, unknown>;

/** `TC3-HMAC-SHA256 Credential=id/date/service/tc3_request, SignedHeaders=…, Signature=hex`. */
const TC3_AUTH = new RegExp(
	[
		'^TC3-HMAC-SHA256 Credential=([^/\\s,]+)/(\\d{4}-\\d{2}-\\d{2})/([a-z0-9-]+)/tc3_request',
		', ?SignedHeaders=([a-z0-9;-]+)',
		', ?Signature=([0-9a-f]{64})$',
	].join(''),
);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const TEO_VERSIONS = ['2022-09-01', '2022-01-06'];

function timeParam(params: TeoParams, name: string): number {
	const value = params[name];
	if (value === undefined || value === null || value === '') {
		throw new TeoError(
			'MissingParameter',
			`The request is missing a required parameter \`${name}\`.`,
		);
	}
	const ms = typeof value === 'string' && RFC3339.test(value) ? Date.parse(value) : NaN;
	if (Number.isNaN(ms)) {
		throw new TeoError(
			'InvalidParameterValue',
			`\`${name}\` must be an RFC 3339 time, got ${JSON.stringify(value)}.`,
		);
	}
	return ms;
}

function intParam(params: TeoParams, name: string, fallback: number, max: number): number {
	const value = params[name];
	if (value === undefined || value === null) return fallback;
	if (typeof value !== 'number' || !Number.isInteger(value)) {
		throw new TeoError('InvalidParameter', `\`${name}\` must be an integer.`);
	}
	if (value < 0 || value > max) {
		throw new TeoError(
			'InvalidParameterValue',
			`\`${name}\` must be between 0 and ${max}, got ${value}.`,
		);
	}
	return value;
}

function listParam(params: TeoParams, name: string): string[] | undefined {
	const value = params[name];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
		throw new TeoError('InvalidParameter', `\`${name}\` must be an array of strings.`);
	}
	return value as string[];
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
		const start = typeof query.start === 'string' ? Date.parse(query.start) : query.start;
		const end = typeof query.end === 'string' ? Date.parse(query.end) : query.end;
		const lastEnd = this.clock() - this.options.availabilityDelaySec * SECOND;
		const zones = this.options.zones.filter(
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
					const packet = this.packet(query.kind, zone, target, hour);
					const late = lateness(packet.name) * this.options.lateArrivalSpreadSec * SECOND;
					if (hour + HOUR + late <= lastEnd) packets.push(packet);
				}
			}
		}
		return packets;
	}

	packetSpec(packet: TeoPacket): FileSpec {
		return this.options.files.spec(packet.kind, packet.name);
	}

	private packet(kind: 'l7' | 'l4', zone: TeoZone, target: string, hour: number): TeoPacket {
		const { day, hour: hh } = utcStamp(hour);
		// A global zone's packets are split by area in reality; one overseas packet keeps it simple.
		const area = zone.Area === 'mainland' ? 'mainland' : 'overseas';
		const name = `${day}-${hh}-${target}`;
		return { kind, name, zoneId: zone.ZoneId, zoneName: zone.ZoneName, target, area, start: hour };
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
		const auth = this.verify(req);
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

	/** TC3 as the server checks it; returns the caller's SecretId or the error to answer. */
	private verify(req: EmulatorRequest): string | TeoError {
		const match = TC3_AUTH.exec(header(req, 'authorization') ?? '');
		if (!match) {
			return new TeoError(
				'AuthFailure.InvalidAuthorization',
				'The Authorization header is malformed.',
			);
		}
		const [, secretId, scopeDate, scopeService, signedList, signature] = match;
		const signed = signedList.split(';');
		if (!signed.includes('content-type') || !signed.includes('host')) {
			return new TeoError(
				'AuthFailure.InvalidAuthorization',
				'SignedHeaders must include content-type and host.',
			);
		}
		const stamp = header(req, 'x-tc-timestamp') ?? '';
		if (!/^\d+$/.test(stamp)) {
			return new TeoError(
				'MissingParameter',
				'The request is missing a required parameter `Timestamp`.',
			);
		}
		const timestamp = Number(stamp);
		if (Math.abs(timestamp - this.clock() / SECOND) > this.options.maxSkewSec) {
			return new TeoError(
				'AuthFailure.SignatureExpire',
				'Signature expired. Timestamp and server time cannot differ by more than 5 minutes.',
			);
		}
		if (secretId !== this.options.secretId) {
			return new TeoError(
				'AuthFailure.SecretIdNotFound',
				'The SecretId is not found, please ensure that your SecretId is correct.',
			);
		}
		// The server derives the scope itself: a client using its local date (or another
		// service name) signs something else and fails like any wrong signature.
		const date = new Date(timestamp * SECOND).toISOString().slice(0, 10);
		const expected = this.expectedSignature(req, date, signed, stamp);
		if (scopeDate !== date || scopeService !== 'teo' || expected !== signature) {
			return new TeoError(
				'AuthFailure.SignatureFailure',
				'The provided credentials could not be validated. Please check your signature is correct.',
			);
		}
		const token = header(req, 'x-tc-token') ?? '';
		if (token !== (this.options.sessionToken ?? '')) {
			return new TeoError('AuthFailure.TokenFailure', 'Token verification failed.');
		}
		return secretId;
	}

	private expectedSignature(
		req: EmulatorRequest,
		date: string,
		signed: string[],
		stamp: string,
	): string {
		const canonicalHeaders = signed
			.map((name) => `${name}:${(header(req, name) ?? '').trim().toLowerCase()}\n`)
			.join('');
		const canonical = [
			req.method,
			'/',
			'',
			canonicalHeaders,
			signed.join(';'),
			sha256Hex(req.body),
		].join('\n');
		const scope = `${date}/teo/tc3_request`;
		const toSign = `TC3-HMAC-SHA256\n${stamp}\n${scope}\n${sha256Hex(canonical)}`;
		const hmac = (key: string | Buffer, msg: string) =>
			createHmac('sha256', key).update(msg).digest();
		const kSigning = hmac(hmac(hmac(`TC3${this.options.secretKey}`, date), 'teo'), 'tc3_request');
		return createHmac('sha256', kSigning).update(toSign).digest('hex');
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

// ---------------------------------------------------------------------------------------------
// DSA, API 2.0
// ---------------------------------------------------------------------------------------------

export interface DsaOptions {
	secretId: string;
	secretKey: string;
	/** When set, requests must carry it as the `Token` parameter. */
	sessionToken?: string;
	/** Domains the account accelerates; other requested hosts get no entry in `data`. */
	hosts: string[];
	maxSkewSec: number;
	historyDays: number;
	callsPerMinute: number;
	urlTtlSec: number;
	/** Logs can be collected about two hours after the hour ends. */
	availabilityDelaySec: number;
	/** Late arrivals, as for EdgeOne: each hour's log is listed a further 0..spread seconds later. */
	lateArrivalSpreadSec: number;
	/** Share of hours (deterministic per host and hour) with no traffic and so no URL. */
	quietHourShare: number;
	files: TencentLogFiles;
	clock: Clock;
}

export interface DsaHourLog {
	host: string;
	/** `YYYY-MM-DD HH:00:00`, Beijing time. */
	datetime: string;
	/** File name on the CDN, `YYYYMMDD/HH/YYYYMMDD-host`. */
	name: string;
}

export interface DsaCounters {
	requests: number;
	accepted: number;
	errors: Record<string, number>;
}

const DSA_PATH = '/v2/index.php';
const DSA_CODE_DESC: Record<number, string> = {
	4000: 'InvalidParameter',
	4100: 'AuthFailure',
	4400: 'RequestLimitExceeded',
	4500: 'RequestReplay',
	4600: 'UnsupportedProtocol',
};
const DSA_AUTH_MESSAGE =
	'Authentication failed. ' +
	'For more information, please see the Authentication section in the document.';

class DsaError extends Error {
	constructor(
		readonly code: number,
		message: string,
	) {
		super(message);
	}
}

function dsaParams(req: EmulatorRequest): Record<string, string> {
	if (req.method === 'GET') return Object.fromEntries(req.url.searchParams);
	if (req.method !== 'POST') throw new DsaError(4600, 'Only GET and POST are supported.');
	const type = (header(req, 'content-type') ?? '').toLowerCase();
	if (type.startsWith('multipart/form-data')) {
		throw new DsaError(4000, 'The emulator reads x-www-form-urlencoded bodies only.');
	}
	// Form decoding turns a bare `+` into a space, as the real PHP front end does.
	return Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
}

/** Beijing calendar day of an instant, `YYYY-MM-DD`. */
function beijingDay(ms: number): string {
	return new Date(ms + BEIJING).toISOString().slice(0, 10);
}

function parseDay(value: string, name: string): number {
	const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
	if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
		throw new DsaError(4000, `(100001)${name} must be a YYYY-MM-DD date`);
	}
	return ms;
}

function parseHosts(value: string | undefined): string[] {
	let hosts: unknown;
	try {
		hosts = JSON.parse(value ?? '');
	} catch {
		throw new DsaError(4000, '(100001)hosts must be a JSON array of domain names');
	}
	const valid =
		Array.isArray(hosts) &&
		hosts.length >= 1 &&
		hosts.length <= 10 &&
		hosts.every((h) => typeof h === 'string' && h.length > 0);
	if (!valid) {
		throw new DsaError(4000, '(100001)hosts must be a JSON array of 1 to 10 domain names');
	}
	return hosts as string[];
}

export class DsaEmulator implements VendorModule {
	readonly name = 'dsa';
	readonly options: DsaOptions;
	clock: Clock;
	counters: DsaCounters = { requests: 0, accepted: 0, errors: {} };
	private readonly rate = new RateWindow();
	/** `secretId|nonce` → expiry (ms); a nonce may not come back while its timestamp is valid. */
	private readonly nonces = new Map<string, number>();

	constructor(options: Partial<DsaOptions> = {}) {
		this.options = {
			...TENCENT_EMULATOR_KEYS,
			hosts: ['a.dsa.example.com', 'b.dsa.example.com'],
			maxSkewSec: 7200,
			historyDays: 40,
			callsPerMinute: 100,
			urlTtlSec: 86400,
			availabilityDelaySec: 7200,
			lateArrivalSpreadSec: 0,
			quietHourShare: 0.125,
			files: tencentLogFiles,
			clock: realClock,
			...options,
		};
		this.clock = this.options.clock;
	}

	reset(): void {
		this.counters = { requests: 0, accepted: 0, errors: {} };
		this.rate.clear();
		this.nonces.clear();
		this.clock = this.options.clock;
	}

	actionOf(req: EmulatorRequest): string | undefined {
		try {
			return dsaParams(req).Action;
		} catch {
			return undefined;
		}
	}

	/** Whether a host had traffic in an hour (`YYYYMMDDHH`, Beijing); fixed per host and hour. */
	hasTraffic(host: string, beijingHour: string): boolean {
		const byte = createHash('sha256').update(`${host}|${beijingHour}`).digest()[0];
		return byte >= Math.round(this.options.quietHourShare * 256);
	}

	/**
	 * The hourly logs listed for a host over Beijing days `startDate`..`endDate` (inclusive).
	 * Hours still being collected (ended less than `availabilityDelaySec` ago) are not listed.
	 */
	hostLogs(host: string, startDate: string, endDate: string): DsaHourLog[] {
		const logs: DsaHourLog[] = [];
		const lastEnd = this.clock() - this.options.availabilityDelaySec * SECOND;
		const first = parseDay(startDate, 'startDate');
		const last = Math.min(
			parseDay(endDate, 'endDate'),
			parseDay(beijingDay(this.clock()), 'today'),
		);
		for (let day = first; day <= last; day += DAY) {
			const ymd = new Date(day).toISOString().slice(0, 10);
			const compact = ymd.replace(/-/g, '');
			for (let h = 0; h < 24; h++) {
				const hourStart = day + h * HOUR - BEIJING;
				if (hourStart + HOUR > lastEnd) break;
				if (!this.hasTraffic(host, `${compact}${pad2(h)}`)) continue;
				const late = lateness(`${host}|${compact}${pad2(h)}`) * this.options.lateArrivalSpreadSec * SECOND;
				if (hourStart + HOUR + late > lastEnd) continue;
				logs.push({
					host,
					datetime: `${ymd} ${pad2(h)}:00:00`,
					name: `${compact}/${pad2(h)}/${compact}-${host}`,
				});
			}
		}
		return logs;
	}

	logSpec(log: DsaHourLog | string): FileSpec {
		return this.options.files.spec('dsa', typeof log === 'string' ? log : log.name);
	}

	handle(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		this.counters.requests++;
		if (req.path !== DSA_PATH) return ctx.text(res, 404, 'Not Found');
		try {
			const params = dsaParams(req);
			this.authenticate(req, params);
			const data = this.getDsaHostLogs(params, ctx);
			this.counters.accepted++;
			ctx.json(res, 200, { code: 0, message: '', codeDesc: 'Success', data });
		} catch (error) {
			if (!(error instanceof DsaError)) throw error;
			bump(this.counters.errors, String(error.code));
			ctx.json(res, 200, {
				code: error.code,
				message: error.message,
				codeDesc: DSA_CODE_DESC[error.code],
			});
		}
	}

	private authenticate(req: EmulatorRequest, params: Record<string, string>): void {
		if (!params.Action) throw new DsaError(4000, '(100002)the Action parameter is missing');
		if (!params.SecretId || !params.Signature) throw new DsaError(4100, DSA_AUTH_MESSAGE);
		if (!/^\d+$/.test(params.Timestamp ?? '') || !/^[1-9]\d*$/.test(params.Nonce ?? '')) {
			throw new DsaError(4000, '(100002)Timestamp and Nonce must be positive integers');
		}
		if (params.SecretId !== this.options.secretId) throw new DsaError(4100, DSA_AUTH_MESSAGE);
		if ((params.Token ?? '') !== (this.options.sessionToken ?? '')) {
			throw new DsaError(4100, DSA_AUTH_MESSAGE);
		}
		if (params.Signature !== this.expectedSignature(req, params)) {
			throw new DsaError(4100, DSA_AUTH_MESSAGE);
		}
		const now = this.clock();
		// A millisecond Timestamp (13 digits, as in the seed example) is ~50,000 years off.
		if (Math.abs(Number(params.Timestamp) - now / SECOND) > this.options.maxSkewSec) {
			throw new DsaError(
				4500,
				'(100005)the request Timestamp is more than 2 hours from server time',
			);
		}
		this.checkNonce(`${params.SecretId}|${params.Nonce}`, now);
		if (!this.rate.allow(params.SecretId, this.options.callsPerMinute, 60 * SECOND, now)) {
			throw new DsaError(4400, `(100006)more than ${this.options.callsPerMinute} calls per minute`);
		}
	}

	private checkNonce(key: string, now: number): void {
		for (const [k, expiry] of this.nonces) if (expiry <= now) this.nonces.delete(k);
		if (this.nonces.has(key)) {
			throw new DsaError(4500, '(100005)the Nonce was already used (replay)');
		}
		this.nonces.set(key, now + this.options.maxSkewSec * SECOND);
	}

	/** method + Host header + path + '?' + every parameter but Signature, raw, in byte order. */
	private expectedSignature(req: EmulatorRequest, params: Record<string, string>): string {
		const joined = Object.keys(params)
			.filter((k) => k !== 'Signature')
			.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
			.map((k) => `${k}=${params[k]}`)
			.join('&');
		const toSign = `${req.method}${header(req, 'host') ?? ''}${req.path}?${joined}`;
		const hash = params.SignatureMethod === 'HmacSHA256' ? 'sha256' : 'sha1';
		return createHmac(hash, this.options.secretKey).update(toSign).digest('base64');
	}

	/**
	 * Either date empty → today's logs, as Tencent documents. "Today" is the Beijing (UTC+8) day,
	 * since DSA is operated from China and its `datetime` values are Beijing times.
	 */
	private getDsaHostLogs(
		params: Record<string, string>,
		ctx: RouteContext,
	): Record<string, unknown> {
		if (params.Action !== 'GetDsaHostLogs') {
			throw new DsaError(4000, `(100002)unknown Action ${params.Action}`);
		}
		const hosts = parseHosts(params.hosts);
		const today = beijingDay(this.clock());
		let startDate = today;
		let endDate = today;
		if (params.startDate && params.endDate) {
			startDate = params.startDate;
			endDate = params.endDate;
			const start = parseDay(startDate, 'startDate');
			if (parseDay(endDate, 'endDate') < start) {
				throw new DsaError(4000, '(100001)endDate is before startDate');
			}
			// Today is the first of the kept days.
			if (start < parseDay(today, 'today') - (this.options.historyDays - 1) * DAY) {
				throw new DsaError(4000, `(100001)logs are kept for ${this.options.historyDays} days only`);
			}
		}
		const expires = Math.floor(this.clock() / SECOND) + this.options.urlTtlSec;
		const cdn = ctx.baseUrlOf('tencent-cdn');
		const data: Record<string, Array<{ datetime: string; url: string }>> = {};
		for (const host of hosts) {
			if (!this.options.hosts.includes(host)) continue;
			data[host] = this.hostLogs(host, startDate, endDate).map((log) => ({
				datetime: log.datetime,
				url: this.options.files.signedUrl(cdn, 'dsa', log.name, expires),
			}));
		}
		return data;
	}
}

// ---------------------------------------------------------------------------------------------
// The log CDN
// ---------------------------------------------------------------------------------------------

export interface TencentCdnOptions {
	files: TencentLogFiles;
	clock: Clock;
}

export interface TencentCdnCounters {
	downloads: number;
	bytes: number;
	rejected: number;
	/** Requests that carried an Authorization or X-TC-* header: must stay 0. */
	credentialLeaks: number;
}

export class TencentCdnEmulator implements VendorModule {
	readonly name = 'tencent-cdn';
	readonly options: TencentCdnOptions;
	clock: Clock;
	counters: TencentCdnCounters = { downloads: 0, bytes: 0, rejected: 0, credentialLeaks: 0 };

	constructor(options: Partial<TencentCdnOptions> = {}) {
		this.options = { files: tencentLogFiles, clock: realClock, ...options };
		this.clock = this.options.clock;
	}

	get files(): TencentLogFiles {
		return this.options.files;
	}

	reset(): void {
		this.counters = { downloads: 0, bytes: 0, rejected: 0, credentialLeaks: 0 };
		this.options.files.reset();
		this.clock = this.options.clock;
	}

	handle(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		const deny = (status: number, code: string, message: string) => {
			this.counters.rejected++;
			const xml =
				'<?xml version="1.0" encoding="UTF-8"?>\n' +
				`<Error><Code>${code}</Code><Message>${message}</Message></Error>\n`;
			ctx.text(res, status, xml, 'application/xml');
		};
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			return deny(405, 'MethodNotAllowed', 'GET only');
		}
		// Presigned URLs carry their own authorisation; an API credential here is a leak.
		const leaked = Object.keys(req.headers).find(
			(h) => h === 'authorization' || h.startsWith('x-tc-'),
		);
		if (leaked) {
			this.counters.credentialLeaks++;
			return deny(403, 'AccessDenied', `Credentials must not be sent to the log CDN (${leaked}).`);
		}
		const file = this.options.files.parsePath(req.path);
		if (!file) return deny(404, 'NoSuchKey', 'The specified key does not exist.');
		const nowSec = Math.floor(this.clock() / SECOND);
		const verdict = this.options.files.check(
			req.path,
			req.url.searchParams.get('e'),
			req.url.searchParams.get('st'),
			nowSec,
		);
		if (verdict === 'expired') return deny(403, 'AccessDenied', 'Request has expired.');
		if (verdict === 'bad') return deny(403, 'AccessDenied', 'Signature does not match.');
		const spec = this.options.files.spec(file.kind, file.name);
		this.counters.downloads++;
		this.counters.bytes += spec.size;
		ctx.sendFile(res, spec, { contentType: 'application/octet-stream' });
	}
}

/** The three Tencent modules sharing one file store (and, optionally, one pinned clock). */
export function createTencentEmulators(
	options: {
		teo?: Partial<TeoOptions>;
		dsa?: Partial<DsaOptions>;
		files?: TencentLogFiles;
		clock?: Clock;
	} = {},
): { teo: TeoEmulator; dsa: DsaEmulator; cdn: TencentCdnEmulator; files: TencentLogFiles } {
	const files = options.files ?? new TencentLogFiles();
	const clock = options.clock ?? realClock;
	return {
		teo: new TeoEmulator({ files, clock, ...options.teo }),
		dsa: new DsaEmulator({ files, clock, ...options.dsa }),
		cdn: new TencentCdnEmulator({ files, clock }),
		files,
	};
}
