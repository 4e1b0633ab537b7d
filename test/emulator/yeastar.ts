/**
 * Yeastar P-Series OpenAPI (help.yeastar.com developer guide): token lifecycle with the 8-token cap, IP block after
 * 5 failed logins, errcodes with HTTP 200, paginated system-log list (answered ascending whatever
 * order_by says, as the docs' own example does), two-step download with 30-minute URLs, `.tar`
 * archives with one entry per requested day.
 */
import { randomBytes } from 'crypto';
import { ServerResponse } from 'http';
import { EmulatorRequest, RouteContext, VendorModule } from './server';
import { FileSpec } from './files';

const API = '/openapi/v1.0';

export interface YeastarOptions {
	clientId: string;
	clientSecret: string;
	/** Date-based log names the PBX holds (YYYYMMDD). */
	logNames: string[];
	/** Bytes per day inside the archive (default 64 KiB); override per name with `sizes`. */
	bytesPerDay: number;
	accessTtlSec: number;
	refreshTtlSec: number;
	downloadUrlTtlSec: number;
	maxTokens: number;
	maxPageSize: number;
	/** Prefix the download_resource_url with this origin (to test that off-origin links are refused). */
	downloadUrlOrigin?: string;
}

interface Token {
	access: string;
	refresh: string;
	accessExpires: number;
	refreshExpires: number;
	revoked: boolean;
}

interface Archive {
	file: string;
	names: string[];
	expires: number;
}

export function defaultLogNames(count = 45, last = '20240614'): string[] {
	const end = Date.UTC(+last.slice(0, 4), +last.slice(4, 6) - 1, +last.slice(6, 8));
	return Array.from({ length: count }, (_, i) =>
		new Date(end - (count - 1 - i) * 86400000).toISOString().slice(0, 10).replace(/-/g, ''),
	);
}

const token32 = () => randomBytes(24).toString('base64').replace(/[^A-Za-z0-9]/g, '').padEnd(32, 'x').slice(0, 32);

export class YeastarEmulator implements VendorModule {
	readonly name = 'yeastar';
	readonly options: YeastarOptions;
	sizes = new Map<string, number>();
	tokens: Token[] = [];
	archives = new Map<string, Archive>();
	failedLogins = 0;
	ipBlocked = false;
	tokensIssued = 0;
	refreshes = 0;

	constructor(options: Partial<YeastarOptions> = {}) {
		this.options = {
			clientId: 'yeastar-client-id',
			clientSecret: 'yeastar-client-secret',
			logNames: defaultLogNames(),
			bytesPerDay: 64 * 1024,
			accessTtlSec: 1800,
			refreshTtlSec: 86400,
			downloadUrlTtlSec: 1800,
			maxTokens: 8,
			maxPageSize: 100,
			...options,
		};
	}

	reset(): void {
		this.tokens = [];
		this.archives.clear();
		this.sizes.clear();
		this.failedLogins = 0;
		this.ipBlocked = false;
		this.tokensIssued = 0;
		this.refreshes = 0;
	}

	/** Make every access token expired now (as if 30 minutes had passed). */
	expireAccessTokens(): void {
		for (const t of this.tokens) t.accessExpires = 0;
	}

	expireDownloadUrls(): void {
		for (const a of this.archives.values()) a.expires = 0;
	}

	liveTokens(now = Date.now()): Token[] {
		return this.tokens.filter((t) => !t.revoked && t.accessExpires > now);
	}

	/** The archive the PBX would build for these names, as a file spec (tests hash it). */
	archiveSpec(file: string, names: string[]): FileSpec {
		const size = names.reduce((sum, n) => sum + (this.sizes.get(n) ?? this.options.bytesPerDay), 0);
		return {
			format: 'tar',
			size: size + 512 * names.length + 1024,
			seed: file,
			style: 'pbx',
			entries: names.map((n) => `syslog/pbx-${n}.log`),
		};
	}

	actionOf(req: EmulatorRequest): string {
		return req.path.replace(API, '');
	}

	handle(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		const reply = (body: Record<string, unknown>) => ctx.json(res, 200, body);
		const fail = (errcode: number, errmsg: string) => reply({ errcode, errmsg });
		if (!req.headers['user-agent']) return fail(-1, 'FAILURE');
		if (this.ipBlocked) return fail(70004, 'ACCOUNT IP BLOCKED');
		const now = Date.now();

		if (req.path === `${API}/get_token` && req.method === 'POST') {
			let body: { username?: string; password?: string } = {};
			try {
				body = JSON.parse(req.body.toString('utf8'));
			} catch {
				return fail(40001, 'PARAMETER SYNTAX ERROR');
			}
			if (body.username !== this.options.clientId || body.password !== this.options.clientSecret) {
				this.failedLogins++;
				if (this.failedLogins >= 5) this.ipBlocked = true;
				return fail(40002, 'PARAMETER ERROR');
			}
			this.failedLogins = 0;
			if (this.liveTokens(now).length >= this.options.maxTokens) return fail(60002, 'MAX LIMITATION EXCEEDED');
			return reply(this.issue(now));
		}
		if (req.path === `${API}/refresh_token` && req.method === 'POST') {
			let refresh = '';
			try {
				refresh = JSON.parse(req.body.toString('utf8')).refresh_token;
			} catch {
				return fail(40001, 'PARAMETER SYNTAX ERROR');
			}
			const old = this.tokens.find((t) => t.refresh === refresh && !t.revoked && t.refreshExpires > now);
			if (!old) return fail(10004, 'TOKEN EXPIRED');
			old.revoked = true;
			this.refreshes++;
			return reply(this.issue(now));
		}

		const access = req.url.searchParams.get('access_token');
		const token = this.tokens.find((t) => t.access === access);
		if (!token || token.revoked || token.accessExpires <= now) return fail(10004, 'TOKEN EXPIRED');

		if (req.path === `${API}/del_token`) {
			token.revoked = true;
			return reply({ errcode: 0, errmsg: 'SUCCESS' });
		}
		if (req.path === `${API}/system/information`) {
			return reply({
				errcode: 0,
				errmsg: 'SUCCESS',
				data: { device_name: 'Emulated PBX', model_name: 'P570', firmware_version: '37.15.0.20', sn: 'EMU0000001' },
			});
		}
		if (req.path === `${API}/system_log/list`) {
			const page = Number(req.url.searchParams.get('page') ?? 1);
			const size = Number(req.url.searchParams.get('page_size') ?? 10);
			if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1) {
				return fail(40001, 'PARAMETER SYNTAX ERROR');
			}
			if (size > this.options.maxPageSize) return fail(40002, 'PARAMETER ERROR');
			const names = [...this.options.logNames].sort();
			return reply({
				errcode: 0,
				errmsg: 'SUCCESS',
				total_number: names.length,
				data: names.slice((page - 1) * size, page * size).map((file_name) => ({ file_name })),
			});
		}
		if (req.path === `${API}/system_log/download`) {
			const files = (req.url.searchParams.get('files') ?? '').split(',').filter(Boolean);
			if (!files.length) return fail(40002, 'PARAMETER ERROR');
			if (files.some((f) => !this.options.logNames.includes(f))) return fail(60001, 'DATA NOT FOUND');
			const stamp = new Date(now).toISOString().replace(/\D/g, '').slice(0, 14);
			const file = `PBX-SystemLog-37.15.0.20-download-${stamp}-${token32().slice(0, 16)}.tar`;
			this.archives.set(file, { file, names: files, expires: now + this.options.downloadUrlTtlSec * 1000 });
			const origin = this.options.downloadUrlOrigin ?? '';
			return reply({ errcode: 0, errmsg: 'SUCCESS', file, download_resource_url: `${origin}/api/download/${file}` });
		}
		if (req.path.startsWith('/api/download/')) {
			const archive = this.archives.get(decodeURIComponent(req.path.slice('/api/download/'.length)));
			if (!archive || archive.expires <= now) return fail(60001, 'DATA NOT FOUND');
			return ctx.sendFile(res, this.archiveSpec(archive.file, archive.names), {
				contentType: 'application/x-tar',
				fileName: archive.file,
			});
		}
		return fail(10001, 'INTERFACE NOT EXISTED');
	}

	private issue(now: number): Record<string, unknown> {
		const t: Token = {
			access: token32(),
			refresh: token32(),
			accessExpires: now + this.options.accessTtlSec * 1000,
			refreshExpires: now + this.options.refreshTtlSec * 1000,
			revoked: false,
		};
		this.tokens.push(t);
		this.tokensIssued++;
		return {
			errcode: 0,
			errmsg: 'SUCCESS',
			access_token_expire_time: this.options.accessTtlSec,
			access_token: t.access,
			refresh_token_expire_time: this.options.refreshTtlSec,
			refresh_token: t.refresh,
		};
	}
}
