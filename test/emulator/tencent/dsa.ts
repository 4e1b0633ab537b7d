/**
 * DSA API 2.0 on `/v2/index.php` (GET query or POST form): HmacSHA1/HmacSHA256 signatures, replay
 * protection, `{"code":N,…}` errors with HTTP 200, GetDsaHostLogs.
 */
import { createHash, createHmac } from 'crypto';
import { ServerResponse } from 'http';
import { FileSpec } from '../files';
import { EmulatorRequest, RouteContext, VendorModule } from '../server';
import {
	BEIJING,
	bump,
	Clock,
	DAY,
	header,
	HOUR,
	lateness,
	pad2,
	realClock,
	SECOND,
	TENCENT_EMULATOR_KEYS,
} from './common';
import { RateWindow } from '../rateWindow';
import {
	beijingDay,
	DSA_AUTH_MESSAGE,
	DSA_CODE_DESC,
	DsaError,
	dsaParams,
	parseDay,
	parseHosts,
} from './dsaRequests';
import { TencentLogFiles, tencentLogFiles } from './logFiles';

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
