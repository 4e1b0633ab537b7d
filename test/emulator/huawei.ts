/**
 * Huawei Cloud: IAM (password tokens with user lockout, project lookup),
 * CloudDC (server list, asynchronous log export, `.tar.gz` download) and CodeArts Check (task and
 * job lookups, ZIP log download with the HTTP-200-JSON-error gotcha). All three sit behind one
 * API-gateway model (`HuaweiCloud`): AK/SK signatures verified the way APIG does, IAM tokens,
 * APIGW.* error bodies, AK lockout after repeated bad signatures and per-caller throttling.
 *
 * Invented where the docs are silent (the vendor pages say nothing of them): CloudDC service error codes (CLOUDDC.4xxx), the
 * export failure status, the server SN field; CodeArts Check error codes other than the four
 * documented ones, and the shape of a getJobsInfo record (a `job_id` plus `sub_jobs[]` of
 * `{sub_job_id,…}` — the docs leave where a sub_job_id comes from unconfirmed).
 */
import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import { ServerResponse } from 'http';
import {
	parseHuaweiAuthorization,
	parseSdkDate,
	signHuaweiRequest,
} from '../../credentials/common/huaweiSigning';
import { FileSpec } from './files';
import { EmulatorRequest, RouteContext, VendorModule } from './server';

// ---------------------------------------------------------------------------------------------
// Shared account and gateway

export interface HuaweiAccessKey {
	accessKey: string;
	secretKey: string;
	/** Set for temporary (STS) keys: requests must carry and sign X-Security-Token. */
	securityToken?: string;
}

export interface HuaweiUser {
	id: string;
	name: string;
	password: string;
}

export interface HuaweiProject {
	id: string;
	/** Project name = region id, e.g. cn-south-1. */
	name: string;
}

export interface HuaweiCloudOptions {
	domainId: string;
	domainName: string;
	keys: HuaweiAccessKey[];
	users: HuaweiUser[];
	projects: HuaweiProject[];
	tokenTtlMs: number;
	/** Length of issued tokens; real ones are several KB. */
	tokenLength: number;
	maxClockSkewMs: number;
	/** Consecutive wrong passwords before IAM locks the user. */
	passwordLockThreshold: number;
	passwordLockMs: number;
	/** Consecutive bad signatures before APIG locks the AK (0 = never). */
	akLockThreshold: number;
	akLockMs: number;
	/** Gateway throttle per AK or token; undefined = unlimited. */
	throttle?: { limit: number; windowMs: number };
}

export const HUAWEI_DEFAULTS: HuaweiCloudOptions = {
	domainId: 'd0a1b2c3d4e5f60718293a4b5c6d7e8f',
	domainName: 'logpull-account',
	keys: [
		{ accessKey: 'EMUAKHUAWEI000000001', secretKey: 'emu-sk-0001-aBcDeFgHiJkLmNoPqRsTuVwXyZ0123' },
		{
			accessKey: 'EMUAKHUAWEISTS000001',
			secretKey: 'emu-sk-sts1-ZyXwVuTsRqPoNmLkJiHgFeDcBa9876',
			securityToken: 'emu-sts-token-gQIRAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
		},
	],
	users: [
		{ id: 'u0a1b2c3d4e5f60718293a4b5c6d7e8f', name: 'logpull-user', password: 'Emu-Passw0rd!' },
	],
	projects: [
		{ id: '0123456789abcdef0123456789abcdef', name: 'cn-south-1' },
		{ id: 'fedcba9876543210fedcba9876543210', name: 'cn-east-3' },
	],
	tokenTtlMs: 24 * 3600 * 1000,
	tokenLength: 4096,
	maxClockSkewMs: 15 * 60 * 1000,
	passwordLockThreshold: 5,
	passwordLockMs: 15 * 60 * 1000,
	akLockThreshold: 5,
	akLockMs: 5 * 60 * 1000,
};

export interface IssuedToken {
	userId: string;
	userName: string;
	project?: HuaweiProject;
	issuedAt: number;
	expiresAt: number;
}

export type Principal =
	| { kind: 'aksk'; accessKey: string }
	| { kind: 'token'; token: string; info: IssuedToken };

export type DenyReason =
	| 'missing'
	| 'signature'
	| 'signature-expired'
	| 'unknown-ak'
	| 'ak-locked'
	| 'bad-token'
	| 'token-expired'
	| 'throttled';

interface Denied {
	status: number;
	code: string;
	message: string;
	reason: DenyReason;
}

interface FailureCount {
	count: number;
	lockedUntil: number;
}

const requestId = () => randomBytes(16).toString('hex');

export function gatewayBody(code: string, message: string): Record<string, string> {
	return { error_code: code, error_msg: message, request_id: requestId() };
}

const iamAuthFail = (text: string): Omit<Denied, 'reason'> => ({
	status: 401,
	code: 'APIGW.0301',
	message: `Incorrect IAM authentication information: ${text}`,
});

function headerOf(req: EmulatorRequest, name: string): string | undefined {
	const value = req.headers[name.toLowerCase()];
	return Array.isArray(value) ? value.join(', ') : value;
}

function sameHex(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/** One Huawei account plus the API gateway in front of all its services. */
export class HuaweiCloud {
	readonly options: HuaweiCloudOptions;
	tokens = new Map<string, IssuedToken>();
	passwordFailures = new Map<string, FailureCount>();
	akFailures = new Map<string, FailureCount>();
	private calls = new Map<string, number[]>();
	counters = this.zeroCounters();

	constructor(options: Partial<HuaweiCloudOptions> = {}) {
		this.options = { ...HUAWEI_DEFAULTS, ...options };
	}

	private zeroCounters() {
		return {
			tokensIssued: 0,
			wrongPasswords: 0,
			lockedRefusals: 0,
			signatureFailures: 0,
			tokenFailures: 0,
			throttled: 0,
			accepted: 0,
		};
	}

	reset(): void {
		this.tokens.clear();
		this.passwordFailures.clear();
		this.akFailures.clear();
		this.calls.clear();
		this.counters = this.zeroCounters();
	}

	get defaultProject(): HuaweiProject {
		return this.options.projects[0];
	}

	/** Make every issued token expired (as if 24 h had passed). */
	expireTokens(): void {
		for (const t of this.tokens.values()) t.expiresAt = 0;
	}

	isUserLocked(name: string, now = Date.now()): boolean {
		return (this.passwordFailures.get(name)?.lockedUntil ?? 0) > now;
	}

	/** A fresh token, base64-looking like IAM's PKI tokens ("MII…"). */
	issueToken(user: HuaweiUser, project: HuaweiProject | undefined, now = Date.now()): string {
		const length = Math.max(64, this.options.tokenLength);
		const token = `MII${randomBytes(Math.ceil(length * 0.75)).toString('base64')}`.slice(0, length);
		this.tokens.set(token, {
			userId: user.id,
			userName: user.name,
			project,
			issuedAt: now,
			expiresAt: now + this.options.tokenTtlMs,
		});
		this.counters.tokensIssued++;
		return token;
	}

	/** Record a password attempt; returns the outcome IAM would answer with. */
	checkPassword(user: HuaweiUser, password: string, now = Date.now()): 'ok' | 'wrong' | 'locked' {
		const entry = this.passwordFailures.get(user.name) ?? { count: 0, lockedUntil: 0 };
		if (entry.lockedUntil > now) {
			this.counters.lockedRefusals++;
			return 'locked';
		}
		if (password === user.password) {
			this.passwordFailures.delete(user.name);
			return 'ok';
		}
		entry.count++;
		this.counters.wrongPasswords++;
		if (entry.count >= this.options.passwordLockThreshold) {
			entry.lockedUntil = now + this.options.passwordLockMs;
			entry.count = 0;
		}
		this.passwordFailures.set(user.name, entry);
		return 'wrong';
	}

	/** APIG's authentication step: AK/SK signature or X-Auth-Token, then the throttle. */
	authenticate(req: EmulatorRequest, now = Date.now()): Principal | Denied {
		const authorization = headerOf(req, 'authorization');
		const token = headerOf(req, 'x-auth-token');
		let outcome: Principal | Denied;
		if (authorization) outcome = this.verifySignature(req, authorization, now);
		else if (token) outcome = this.verifyToken(token, now);
		else outcome = { ...iamAuthFail('x-auth-token not found'), reason: 'missing' };
		if ('reason' in outcome) return outcome;
		if (!this.admit(outcome, now)) {
			this.counters.throttled++;
			const message = 'The throttling threshold has been reached';
			return { status: 429, code: 'APIGW.0308', message, reason: 'throttled' };
		}
		this.counters.accepted++;
		return outcome;
	}

	private verifyToken(token: string, now: number): Principal | Denied {
		const info = this.tokens.get(token);
		if (!info) {
			this.counters.tokenFailures++;
			return { ...iamAuthFail('decrypt token fail'), reason: 'bad-token' };
		}
		if (info.expiresAt <= now) {
			this.counters.tokenFailures++;
			return { ...iamAuthFail('token expired'), reason: 'token-expired' };
		}
		return { kind: 'token', token, info };
	}

	private verifySignature(
		req: EmulatorRequest,
		authorization: string,
		now: number,
	): Principal | Denied {
		const parsed = parseHuaweiAuthorization(authorization);
		if (!parsed) return this.badSignature(undefined, now);
		const key = this.options.keys.find((k) => k.accessKey === parsed.accessKey);
		if (!key) {
			this.counters.signatureFailures++;
			const text = `Get secretKey failed,ak:${parsed.accessKey},err:ak not exist`;
			return { ...iamAuthFail(text), reason: 'unknown-ak' };
		}
		const failures = this.akFailures.get(key.accessKey);
		if (failures && failures.lockedUntil > now) {
			this.counters.signatureFailures++;
			return {
				...iamAuthFail('AK access failed to reach the limit,forbidden.'),
				reason: 'ak-locked',
			};
		}
		// The gateway only trusts a timestamp that is itself covered by the signature.
		if (!parsed.signedHeaders.includes('x-sdk-date')) return this.badSignature(key, now);
		const date = parseSdkDate(headerOf(req, 'x-sdk-date'));
		if (!date) return this.badSignature(key, now);
		if (Math.abs(now - date.getTime()) > this.options.maxClockSkewMs) {
			this.counters.signatureFailures++;
			return { ...iamAuthFail('signature expired'), reason: 'signature-expired' };
		}
		if (key.securityToken) {
			const sent = headerOf(req, 'x-security-token');
			if (sent !== key.securityToken || !parsed.signedHeaders.includes('x-security-token')) {
				return this.badSignature(key, now);
			}
		}
		if (!this.signatureMatches(req, key, parsed.signedHeaders, parsed.signature)) {
			return this.badSignature(key, now);
		}
		this.akFailures.delete(key.accessKey);
		return { kind: 'aksk', accessKey: key.accessKey };
	}

	/** Recompute the signature from the request as received, over the client's SignedHeaders. */
	private signatureMatches(
		req: EmulatorRequest,
		key: HuaweiAccessKey,
		signedHeaders: string[],
		signature: string,
	): boolean {
		const headers: Record<string, string> = {};
		for (const name of signedHeaders) {
			const value = headerOf(req, name);
			if (value === undefined) return false;
			headers[name] = value;
		}
		try {
			const expected = signHuaweiRequest({
				accessKey: key.accessKey,
				secretKey: key.secretKey,
				method: req.method,
				url: `${req.url.pathname}${req.url.search}`,
				headers,
				body: req.body,
				sdkDate: headers['x-sdk-date'],
			});
			return sameHex(expected.signature, signature);
		} catch {
			return false;
		}
	}

	private badSignature(key: HuaweiAccessKey | undefined, now = Date.now()): Denied {
		this.counters.signatureFailures++;
		if (key && this.options.akLockThreshold > 0) {
			const entry = this.akFailures.get(key.accessKey) ?? { count: 0, lockedUntil: 0 };
			entry.count++;
			if (entry.count >= this.options.akLockThreshold) {
				entry.lockedUntil = now + this.options.akLockMs;
				entry.count = 0;
			}
			this.akFailures.set(key.accessKey, entry);
		}
		return { ...iamAuthFail('verify aksk signature fail'), reason: 'signature' };
	}

	/** Sliding-window rate limit per caller. */
	private admit(principal: Principal, now: number): boolean {
		const throttle = this.options.throttle;
		if (!throttle) return true;
		const id = principalId(principal);
		const recent = (this.calls.get(id) ?? []).filter((t) => t > now - throttle.windowMs);
		const admitted = recent.length < throttle.limit;
		if (admitted) recent.push(now);
		this.calls.set(id, recent);
		return admitted;
	}

	/** May the caller act in this IAM project? (path project_id, X-Project-Id, token scope) */
	projectAllowed(principal: Principal, projectId: string, req: EmulatorRequest): boolean {
		if (principal.kind === 'token') return principal.info.project?.id === projectId;
		const header = headerOf(req, 'x-project-id');
		if (header !== undefined && header !== projectId) return false;
		return this.options.projects.some((p) => p.id === projectId);
	}
}

export function principalId(principal: Principal): string {
	if (principal.kind === 'aksk') return `ak:${principal.accessKey}`;
	return `token:${createHash('sha256').update(principal.token).digest('hex').slice(0, 16)}`;
}

/**
 * Run the gateway for a module: answers the denial itself (optionally reshaped by the service)
 * and returns the principal only when the request may proceed.
 */
function guard(
	cloud: HuaweiCloud,
	req: EmulatorRequest,
	res: ServerResponse,
	ctx: RouteContext,
	reshape?: (denied: Denied) => { status: number; body: unknown } | undefined,
): Principal | undefined {
	const outcome = cloud.authenticate(req);
	if (!('reason' in outcome)) return outcome;
	const custom = reshape?.(outcome);
	if (custom) ctx.json(res, custom.status, custom.body);
	else ctx.json(res, outcome.status, gatewayBody(outcome.code, outcome.message));
	return undefined;
}

const apiNotFound = (res: ServerResponse, ctx: RouteContext) =>
	ctx.json(
		res,
		404,
		gatewayBody(
			'APIGW.0101',
			'The API does not exist or has not been published in the environment',
		),
	);

function intParam(value: string | null, fallback: number): number | undefined {
	if (value === null || value === '') return fallback;
	return /^-?\d+$/.test(value) ? Number(value) : undefined;
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** Deterministic 32-hex id, so a default fixture is the same across runs. */
export function hexId(seed: string): string {
	return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

function uuidFrom(seed: string): string {
	const h = hexId(seed);
	const parts = [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20, 32)];
	return parts.join('-');
}

// ---------------------------------------------------------------------------------------------
// IAM

const iamError = (code: number, message: string, title: string) => ({
	error: { code, message, title },
});

interface PasswordAuthBody {
	auth?: {
		identity?: {
			methods?: unknown;
			password?: {
				user?: { name?: unknown; password?: unknown; domain?: { name?: unknown; id?: unknown } };
			};
		};
		scope?: {
			project?: { id?: unknown; name?: unknown };
			domain?: { id?: unknown; name?: unknown };
		};
	};
}

export class HuaweiIamEmulator implements VendorModule {
	readonly name = 'huawei-iam';

	constructor(readonly cloud: HuaweiCloud) {}

	reset(): void {
		this.cloud.reset();
	}

	actionOf(req: EmulatorRequest): string {
		if (req.path === '/v3/auth/tokens') return 'KeystoneCreateUserTokenByPassword';
		if (req.path === '/v3/projects') return 'KeystoneListProjects';
		return req.path;
	}

	handle(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		if (req.path === '/v3/auth/tokens' && req.method === 'POST') {
			return this.createToken(req, res, ctx);
		}
		if (req.path === '/v3/projects' && req.method === 'GET') {
			if (!guard(this.cloud, req, res, ctx)) return;
			return this.listProjects(req, res, ctx);
		}
		return apiNotFound(res, ctx);
	}

	private createToken(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		const invalid = () =>
			ctx.json(res, 400, iamError(400, 'The request body is invalid', 'Bad Request'));
		let body: PasswordAuthBody;
		try {
			body = JSON.parse(req.body.toString('utf8')) as PasswordAuthBody;
		} catch {
			return invalid();
		}
		const identity = body.auth?.identity;
		const user = identity?.password?.user;
		const methods = Array.isArray(identity?.methods) ? identity.methods : [];
		if (!methods.includes('password') || typeof user?.name !== 'string') return invalid();
		if (typeof user.password !== 'string' || !user.domain) return invalid();

		const o = this.cloud.options;
		const domainOk = user.domain.name === o.domainName || user.domain.id === o.domainId;
		const account = domainOk ? o.users.find((u) => u.name === user.name) : undefined;
		const wrong = () =>
			ctx.json(res, 401, iamError(401, 'The username or password is wrong.', 'Unauthorized'));
		if (!account) return wrong();
		const verdict = this.cloud.checkPassword(account, user.password);
		if (verdict === 'locked') {
			return ctx.json(res, 401, iamError(401, 'The account is locked.', 'Unauthorized'));
		}
		if (verdict === 'wrong') return wrong();

		const scope = body.auth?.scope;
		let project: HuaweiProject | undefined;
		if (scope?.project) {
			project = o.projects.find(
				(p) => p.id === scope.project?.id || p.name === scope.project?.name,
			);
			if (!project) {
				return ctx.json(
					res,
					400,
					iamError(400, 'The project in the scope does not exist.', 'Bad Request'),
				);
			}
		} else if (!scope?.domain) return invalid();

		const now = Date.now();
		const token = this.cloud.issueToken(account, project, now);
		const nocatalog = req.url.searchParams.get('nocatalog') === 'true';
		ctx.json(res, 201, this.tokenBody(account, project, now, nocatalog), {
			'X-Subject-Token': token,
		});
	}

	private tokenBody(
		user: HuaweiUser,
		project: HuaweiProject | undefined,
		now: number,
		nocatalog: boolean,
	) {
		const o = this.cloud.options;
		const domain = { id: o.domainId, name: o.domainName };
		// IAM writes microseconds: 2024-06-11T03:36:55.786000Z
		const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');
		return {
			token: {
				expires_at: iso(now + o.tokenTtlMs),
				issued_at: iso(now),
				methods: ['password'],
				...(project ? { project: { id: project.id, name: project.name, domain } } : { domain }),
				roles: [{ id: hexId('role/te_admin'), name: 'te_admin' }],
				user: { id: user.id, name: user.name, domain, password_expires_at: '' },
				...(nocatalog ? {} : { catalog: [] }),
			},
		};
	}

	private listProjects(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		const o = this.cloud.options;
		const name = req.url.searchParams.get('name');
		const projects = o.projects
			.filter((p) => name === null || p.name === name)
			.map((p) => ({
				id: p.id,
				name: p.name,
				domain_id: o.domainId,
				parent_id: o.domainId,
				is_domain: false,
				enabled: true,
				description: '',
				links: { self: `${ctx.baseUrl}/v3/projects/${p.id}` },
			}));
		ctx.json(res, 200, {
			projects,
			links: { self: `${ctx.baseUrl}/v3/projects`, previous: null, next: null },
		});
	}
}

// ---------------------------------------------------------------------------------------------
// CloudDC

export const MANAGE_STATES = [
	'delivering',
	'received',
	'onboard',
	'ready',
	'in-use',
	'frozen',
	'offboarding',
] as const;

export interface CloudDcServer {
	id: string;
	name: string;
	/** Serial number: the download is named `${sn}-dump.tar.gz`. */
	sn: string;
	manageState: string;
	projectId: string;
	/** Size of this server's log export (default: `exportBytes`). */
	exportBytes?: number;
	/** Exports of this server end in the failure status. */
	failExport?: boolean;
}

/** SNs that a careless client would turn into a dangerous or unusable file name. */
export const HOSTILE_SNS = {
	traversal: '../../etc/passwd',
	long: `SN${'9'.repeat(300)}`,
	messy: 'a b;"c\'$(x)|<y>?*',
	backslash: '..\\..\\windows\\system32',
} as const;

/** How export progress is spelled: 'example' like the docs' example, 'schema' like their table. */
export type ExportStatusStyle = 'example' | 'schema';

export interface CloudDcOptions {
	servers: CloudDcServer[];
	exportDurationMs: number;
	exportBytes: number;
	statusStyle: ExportStatusStyle;
	/** CloudDC's own throttle (HTTP 429 with a plain string body); undefined = none. */
	serviceThrottle?: { limit: number; windowMs: number };
}

export interface CloudDcExport {
	id: string;
	serverId: string;
	projectId: string;
	createdAt: number;
	/** Set by completeExports(): treat the export as finished whatever the clock says. */
	skipWait?: boolean;
	fail: boolean;
	bytes: number;
}

const CLOUDDC_ERRORS = {
	badRequest: ['CLOUDDC.4000', 400],
	projectMismatch: ['CLOUDDC.4030', 403],
	serverNotFound: ['CLOUDDC.4040', 404],
	exportNotFound: ['CLOUDDC.4041', 404],
	exportNotReady: ['CLOUDDC.4090', 409],
	exportFailed: ['CLOUDDC.4091', 409],
} as const;

export function defaultCloudDcServers(projectId: string, count = 25): CloudDcServer[] {
	return Array.from({ length: count }, (_, i) => ({
		id: uuidFrom(`clouddc/server/${i}`),
		name: `bms-${String(i + 1).padStart(3, '0')}`,
		sn: `2102312${String(100000 + i)}EMU`,
		manageState: i % 5 === 4 ? 'ready' : 'in-use',
		projectId,
	}));
}

const FAIL_AT = 0.6;

export class CloudDcEmulator implements VendorModule {
	readonly name = 'clouddc';
	readonly options: CloudDcOptions;
	exports = new Map<string, CloudDcExport>();
	private nextExport = 1;
	private serviceCalls = new Map<string, number[]>();
	counters = { exportsCreated: 0, statusPolls: 0, downloads: 0, serviceThrottled: 0 };

	constructor(
		readonly cloud: HuaweiCloud,
		options: Partial<CloudDcOptions> = {},
	) {
		this.options = {
			servers: defaultCloudDcServers(cloud.defaultProject.id),
			exportDurationMs: 300,
			exportBytes: 64 * 1024,
			statusStyle: 'example',
			...options,
		};
	}

	reset(): void {
		this.cloud.reset();
		this.exports.clear();
		this.nextExport = 1;
		this.serviceCalls.clear();
		this.counters = { exportsCreated: 0, statusPolls: 0, downloads: 0, serviceThrottled: 0 };
	}

	server(id: string): CloudDcServer | undefined {
		return this.options.servers.find((s) => s.id === id);
	}

	/** Give a server a hostile serial number (file-name tests). */
	setServerSn(id: string, sn: string): void {
		const server = this.server(id);
		if (!server) throw new Error(`no server ${id}`);
		server.sn = sn;
	}

	/** The archive an export serves, as a file spec (tests hash it with fileSha256). */
	exportSpec(exportId: string): FileSpec {
		const job = this.exports.get(exportId);
		if (!job) throw new Error(`no export ${exportId}`);
		return {
			format: 'tar.gz',
			style: 'syslog',
			size: job.bytes,
			seed: `clouddc/${job.serverId}/${job.id}`,
			entries: [
				'dump_info/LogDump/sel.log',
				'dump_info/LogDump/operate_log',
				'dump_info/AppDump/sensor_info',
			],
		};
	}

	/** Make every export finish now (skip the wait). */
	completeExports(): void {
		for (const job of this.exports.values()) job.skipWait = true;
	}

	actionOf(req: EmulatorRequest): string {
		return this.route(req)?.action ?? req.path;
	}

	private route(
		req: EmulatorRequest,
	): { action: string; projectId: string; serverId?: string; exportId?: string } | undefined {
		const seg = '([^/]+)';
		const base = `^/v1/${seg}/physicalservers`;
		const patterns: Array<[string, string, RegExp]> = [
			['GET', 'ListServers', new RegExp(`${base}$`)],
			['POST', 'ExportServerLogs', new RegExp(`${base}/${seg}/logs/exports$`)],
			['GET', 'ShowLogsExportStatus', new RegExp(`${base}/${seg}/logs/exports/${seg}$`)],
			['GET', 'DownloadServerLogs', new RegExp(`${base}/${seg}/logs/exports/${seg}/content$`)],
		];
		for (const [method, action, pattern] of patterns) {
			const m = pattern.exec(req.path);
			if (m && req.method === method) {
				const [projectId, serverId, exportId] = m.slice(1).map(safeDecode);
				return { action, projectId, serverId, exportId };
			}
		}
		return undefined;
	}

	handle(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		const route = this.route(req);
		if (!route) return apiNotFound(res, ctx);
		const principal = guard(this.cloud, req, res, ctx);
		if (!principal) return;
		if (!this.cloud.projectAllowed(principal, route.projectId, req)) {
			return this.fail(
				res,
				ctx,
				'projectMismatch',
				'The project ID in the URL does not match the credential.',
			);
		}
		if (!this.admitService(principal)) {
			this.counters.serviceThrottled++;
			return ctx.text(res, 429, 'The request is overloaded.');
		}
		if (route.action === 'ListServers') return this.listServers(req, res, ctx, route.projectId);
		const server = this.server(route.serverId ?? '');
		if (!server || server.projectId !== route.projectId) {
			return this.fail(
				res,
				ctx,
				'serverNotFound',
				`The physical server ${route.serverId} does not exist.`,
			);
		}
		if (route.action === 'ExportServerLogs') return this.createExport(res, ctx, server);
		const job = this.exports.get(route.exportId ?? '');
		if (!job || job.serverId !== server.id) {
			return this.fail(
				res,
				ctx,
				'exportNotFound',
				`The export task ${route.exportId} does not exist.`,
			);
		}
		if (route.action === 'ShowLogsExportStatus') {
			this.counters.statusPolls++;
			return ctx.json(res, 200, this.progress(job));
		}
		return this.download(res, ctx, server, job);
	}

	private fail(
		res: ServerResponse,
		ctx: RouteContext,
		kind: keyof typeof CLOUDDC_ERRORS,
		msg: string,
	): void {
		const [code, status] = CLOUDDC_ERRORS[kind];
		ctx.json(res, status, { error_code: code, error_msg: msg });
	}

	private admitService(principal: Principal): boolean {
		const limit = this.options.serviceThrottle;
		if (!limit) return true;
		const now = Date.now();
		const id = principalId(principal);
		const recent = (this.serviceCalls.get(id) ?? []).filter((t) => t > now - limit.windowMs);
		const admitted = recent.length < limit.limit;
		if (admitted) recent.push(now);
		this.serviceCalls.set(id, recent);
		return admitted;
	}

	private listServers(
		req: EmulatorRequest,
		res: ServerResponse,
		ctx: RouteContext,
		projectId: string,
	): void {
		const q = req.url.searchParams;
		const state = q.get('manage_state');
		if (state !== null && !(MANAGE_STATES as readonly string[]).includes(state)) {
			return this.fail(res, ctx, 'badRequest', `Invalid manage_state: ${state}`);
		}
		const requested = intParam(q.get('limit'), 10);
		if (requested === undefined) return this.fail(res, ctx, 'badRequest', 'Invalid limit.');
		// Documented clamping rather than an error: < 10 reads as 10, > 1000 as 1000.
		const limit = Math.min(1000, Math.max(10, requested));
		const all = this.options.servers.filter(
			(s) => s.projectId === projectId && (state === null || s.manageState === state),
		);
		const marker = q.get('marker');
		let start = 0;
		if (marker) {
			const at = all.findIndex((s) => s.id === marker);
			if (at < 0) return this.fail(res, ctx, 'badRequest', `Invalid marker: ${marker}`);
			start = at + 1;
		}
		const page = all.slice(start, start + limit);
		const pageInfo: Record<string, unknown> = { current_count: page.length };
		if (start + limit < all.length && page.length) pageInfo.next_marker = page[page.length - 1].id;
		if (start > 0 && page.length) pageInfo.previous_marker = page[0].id;
		ctx.json(res, 200, {
			servers: page.map((s) => this.serverView(s)),
			page_info: pageInfo,
			count: all.length,
		});
	}

	private serverView(s: CloudDcServer): Record<string, unknown> {
		return {
			id: s.id,
			name: s.name,
			project_id: s.projectId,
			domain_id: this.cloud.options.domainId,
			manage_state: s.manageState,
			power_state: 'on',
			health_state: 'ok',
			onboard_time: '2024-06-01T08:00:00Z',
			location: { region: this.cloud.defaultProject.name, cabinet: 'A01', slot: '12' },
			hardware_attributes: { serial_number: s.sn, vendor: 'Huawei', model: '2288H V5' },
			tags: [],
			error: null,
		};
	}

	private createExport(res: ServerResponse, ctx: RouteContext, server: CloudDcServer): void {
		const job: CloudDcExport = {
			id: String(this.nextExport++),
			serverId: server.id,
			projectId: server.projectId,
			createdAt: Date.now(),
			fail: server.failExport === true,
			bytes: server.exportBytes ?? this.options.exportBytes,
		};
		this.exports.set(job.id, job);
		this.counters.exportsCreated++;
		ctx.json(res, 202, this.progress(job));
	}

	private vocabulary(): {
		running: string;
		done: string;
		failed: string;
		percent: (n: number) => string;
	} {
		return this.options.statusStyle === 'example'
			? { running: 'Running', done: 'completed', failed: 'failed', percent: (n) => `${n}%` }
			: { running: 'processing', done: 'completed', failed: 'failed', percent: (n) => String(n) };
	}

	private fraction(job: CloudDcExport, now: number): number {
		if (job.skipWait) return 1;
		return (now - job.createdAt) / Math.max(1, this.options.exportDurationMs);
	}

	state(job: CloudDcExport, now = Date.now()): 'running' | 'done' | 'failed' {
		const fraction = this.fraction(job, now);
		if (job.fail && fraction >= FAIL_AT) return 'failed';
		return fraction >= 1 ? 'done' : 'running';
	}

	progress(job: CloudDcExport, now = Date.now()): Record<string, string> {
		const words = this.vocabulary();
		const state = this.state(job, now);
		const fraction = this.fraction(job, now);
		const percent =
			state === 'done'
				? 100
				: state === 'failed'
					? FAIL_AT * 100
					: Math.min(99, Math.floor(fraction * 100));
		const created = new Date(job.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
		return {
			export_id: job.id,
			status: words[state],
			percentage: words.percent(percent),
			created_at: this.options.statusStyle === 'example' ? created : created.replace('Z', '+00:00'),
		};
	}

	private download(
		res: ServerResponse,
		ctx: RouteContext,
		server: CloudDcServer,
		job: CloudDcExport,
	): void {
		const state = this.state(job);
		if (state === 'failed') {
			return this.fail(
				res,
				ctx,
				'exportFailed',
				'The log export task failed; export the logs again.',
			);
		}
		if (state !== 'done') {
			return this.fail(res, ctx, 'exportNotReady', 'The log export task is not completed.');
		}
		this.counters.downloads++;
		ctx.sendFile(res, this.exportSpec(job.id), {
			contentType: 'application/octet-stream;charset=UTF-8',
			fileName: `${server.sn}-dump.tar.gz`,
			extraHeaders: { 'Content-Transfer-Encoding': 'binary' },
		});
	}
}

// ---------------------------------------------------------------------------------------------
// CodeArts Check

export interface CodeArtsSubJob {
	sub_job_id: string;
	status: string;
	engine: string;
	/** Size of this sub-job's ZIP (default: `logBytes`). */
	logBytes?: number;
}

export interface CodeArtsJob {
	job_id: string;
	status: 'quering' | 'running' | 'success' | 'failed' | 'aborted';
	start_time: string;
	end_time: string;
	trigger_type: string;
	sub_jobs: CodeArtsSubJob[];
}

export interface CodeArtsTask {
	task_id: string;
	task_name: string;
	creator_id: string;
	git_url: string;
	git_branch: string;
	created_at: string;
	last_check_time: string;
	jobs: CodeArtsJob[];
}

export interface CodeArtsProject {
	/** CodeArts project id (32 hex), not the IAM project id. */
	id: string;
	tasks: CodeArtsTask[];
}

export interface CodeArtsCheckOptions {
	projects: CodeArtsProject[];
	logBytes: number;
	logContentType: 'application/zip' | 'application/octet-stream';
	/** Send Content-Disposition (undocumented, so off by default). */
	logFileName: boolean;
}

const CC = {
	badParam: {
		error_code: 'CC.xxxxxxxx.400',
		error_msg: 'Verify request parameter failed. Check whether the request parameters are correct.',
	},
	tokenExpired: { error_code: 'CC.00000003', error_msg: 'Authentication information expired.' },
	busy: { error_code: 'CC.00050012', error_msg: 'The system is busy. Please try again later.' },
	projectMissing: { error_code: 'CC.00050013', error_msg: 'The project does not exist.' },
	taskMissing: { error_code: 'CC.00040004', error_msg: 'The task does not exist.' },
	subJobMissing: {
		error_code: 'CC.00040005',
		error_msg: 'The log of the sub task does not exist.',
	},
};

const SUB_JOB_ID = /^[0-9A-Za-z]{32}$/;

/** A task as ShowTaskListByProjectId lists it (executions are a separate API). */
function taskView(task: CodeArtsTask): Record<string, unknown> {
	const { task_id, task_name, creator_id, git_url, git_branch, created_at, last_check_time } = task;
	return { task_id, task_name, creator_id, git_url, git_branch, created_at, last_check_time };
}

/** An execution record of getJobsInfo; sub_jobs is this emulator's assumption (undocumented). */
function jobView(job: CodeArtsJob): Record<string, unknown> {
	return {
		job_id: job.job_id,
		status: job.status,
		start_time: job.start_time,
		end_time: job.end_time,
		trigger_type: job.trigger_type,
		sub_jobs: job.sub_jobs.map(({ sub_job_id, status, engine }) => ({
			sub_job_id,
			status,
			engine,
		})),
	};
}

export function defaultCodeArtsProjects(taskCount = 12, jobsPerTask = 3): CodeArtsProject[] {
	const projectId = hexId('codearts/project/0');
	const stamp = (day: number, hour: number) =>
		`2024-06-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
	const tasks = Array.from({ length: taskCount }, (_, t): CodeArtsTask => {
		const jobs = Array.from(
			{ length: jobsPerTask },
			(_, j): CodeArtsJob => ({
				job_id: hexId(`codearts/job/${t}/${j}`),
				// The newest job of every third task failed, so last-jobs differ from last-success.
				status: t % 3 === 0 && j === jobsPerTask - 1 ? 'failed' : 'success',
				start_time: stamp(1 + j, 8 + (t % 10)),
				end_time: stamp(1 + j, 9 + (t % 10)),
				trigger_type: 'manual',
				sub_jobs: ['secbrella', 'codemars'].map((engine, s) => ({
					sub_job_id: hexId(`codearts/subjob/${t}/${j}/${s}`),
					status: 'success',
					engine,
				})),
			}),
		);
		return {
			task_id: hexId(`codearts/task/${t}`),
			task_name: `repo-${t + 1}-check`,
			creator_id: hexId('codearts/creator'),
			git_url: `https://codehub.example.com/logpull/repo-${t + 1}.git`,
			git_branch: 'master',
			created_at: stamp(1, 7),
			last_check_time: jobs[jobs.length - 1]?.end_time ?? '',
			jobs,
		};
	});
	return [{ id: projectId, tasks }];
}

export class CodeArtsCheckEmulator implements VendorModule {
	readonly name = 'codeartscheck';
	readonly options: CodeArtsCheckOptions;
	/** sub_job_id → remaining HTTP-200 JSON error answers. */
	jsonErrors = new Map<
		string,
		{ remaining: number; body: { error_code: string; error_msg: string } }
	>();
	counters = { downloads: 0, jsonErrorsServed: 0 };

	constructor(
		readonly cloud: HuaweiCloud,
		options: Partial<CodeArtsCheckOptions> = {},
	) {
		this.options = {
			projects: defaultCodeArtsProjects(),
			logBytes: 32 * 1024,
			logContentType: 'application/octet-stream',
			logFileName: false,
			...options,
		};
	}

	reset(): void {
		this.cloud.reset();
		this.jsonErrors.clear();
		this.counters = { downloads: 0, jsonErrorsServed: 0 };
	}

	/**
	 * Make a known sub-job's log download answer HTTP 200 with a JSON error body (the
	 * documented CC.00050012 "busy" case by default) for the next `times` requests.
	 */
	answerJsonError(subJobId: string, times = Infinity, body = CC.busy): void {
		this.jsonErrors.set(subJobId, { remaining: times, body });
	}

	allSubJobIds(): string[] {
		return this.tasks().flatMap((t) => t.jobs.flatMap((j) => j.sub_jobs.map((s) => s.sub_job_id)));
	}

	/** The ZIP a sub-job's log download serves, as a file spec. */
	logSpec(subJobId: string): FileSpec {
		const sub = this.findSubJob(subJobId);
		if (!sub) throw new Error(`no sub job ${subJobId}`);
		return {
			format: 'zip',
			style: 'syslog',
			size: sub.logBytes ?? this.options.logBytes,
			seed: `codearts-check/${subJobId}`,
			entries: [`${subJobId}.log`],
		};
	}

	private tasks(): CodeArtsTask[] {
		return this.options.projects.flatMap((p) => p.tasks);
	}

	private findSubJob(id: string): CodeArtsSubJob | undefined {
		for (const task of this.tasks()) {
			for (const job of task.jobs) {
				const sub = job.sub_jobs.find((s) => s.sub_job_id === id);
				if (sub) return sub;
			}
		}
		return undefined;
	}

	actionOf(req: EmulatorRequest): string {
		return this.route(req)?.action ?? req.path;
	}

	private route(req: EmulatorRequest): { action: string; id?: string } | undefined {
		if (req.method !== 'GET') return undefined;
		if (req.path === '/v1/log-file') return { action: 'DownloadLog' };
		const tasks = /^\/v2\/([^/]+)\/tasks$/.exec(req.path);
		if (tasks) return { action: 'ShowTaskListByProjectId', id: safeDecode(tasks[1]) };
		const jobs = /^\/v4\/tasks\/([^/]+)\/(jobs|last-jobs)$/.exec(req.path);
		if (jobs) {
			const action = jobs[2] === 'jobs' ? 'GetJobsInfo' : 'ShowLastJobs';
			return { action, id: safeDecode(jobs[1]) };
		}
		return undefined;
	}

	handle(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		const route = this.route(req);
		if (!route) return apiNotFound(res, ctx);
		// CodeArts Check reports an expired token itself (CC.00000003), not as APIGW.0301.
		const principal = guard(this.cloud, req, res, ctx, (denied) =>
			denied.reason === 'token-expired' ? { status: 401, body: CC.tokenExpired } : undefined,
		);
		if (!principal) return;
		switch (route.action) {
			case 'ShowTaskListByProjectId':
				return this.listTasks(req, res, ctx, route.id ?? '');
			case 'GetJobsInfo':
				return this.listJobs(req, res, ctx, route.id ?? '');
			case 'ShowLastJobs':
				return this.lastJobs(res, ctx, route.id ?? '');
			default:
				return this.downloadLog(req, res, ctx);
		}
	}

	private listTasks(
		req: EmulatorRequest,
		res: ServerResponse,
		ctx: RouteContext,
		projectId: string,
	): void {
		const offset = intParam(req.url.searchParams.get('offset'), 0);
		const limit = intParam(req.url.searchParams.get('limit'), 10);
		if (offset === undefined || offset < 0 || limit === undefined || limit < 1 || limit > 100) {
			return ctx.json(res, 400, CC.badParam);
		}
		const project = this.options.projects.find((p) => p.id === projectId);
		// A documented business error that comes with HTTP 200.
		if (!project) return ctx.json(res, 200, CC.projectMissing);
		const tasks = project.tasks.slice(offset, offset + limit).map(taskView);
		ctx.json(res, 200, { tasks, total: project.tasks.length });
	}

	private listJobs(
		req: EmulatorRequest,
		res: ServerResponse,
		ctx: RouteContext,
		taskId: string,
	): void {
		const q = req.url.searchParams;
		const page = intParam(q.get('page'), 1);
		const size = intParam(q.get('page_size'), 200);
		if (page === undefined || page < 1 || size === undefined || size < 1 || size > 200) {
			return ctx.json(res, 400, CC.badParam);
		}
		const task = this.tasks().find((t) => t.task_id === taskId);
		if (!task) return ctx.json(res, 404, CC.taskMissing);
		const statuses = q
			.getAll('statuses')
			.flatMap((s) => s.split(','))
			.filter(Boolean);
		const jobs = [...task.jobs]
			.filter((j) => !statuses.length || statuses.includes(j.status))
			.sort((a, b) => b.start_time.localeCompare(a.start_time));
		const records = jobs.slice((page - 1) * size, page * size).map(jobView);
		ctx.json(res, 200, { total: jobs.length, jobs: records });
	}

	private lastJobs(res: ServerResponse, ctx: RouteContext, taskId: string): void {
		const task = this.tasks().find((t) => t.task_id === taskId);
		if (!task) return ctx.json(res, 404, CC.taskMissing);
		const newest = [...task.jobs].sort((a, b) => b.start_time.localeCompare(a.start_time));
		ctx.json(res, 200, {
			result: {
				last_job_id: newest[0]?.job_id ?? '',
				last_success_job_id: newest.find((j) => j.status === 'success')?.job_id ?? '',
			},
		});
	}

	private downloadLog(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		const id = req.url.searchParams.get('sub_job_id') ?? '';
		if (!SUB_JOB_ID.test(id)) return ctx.json(res, 400, CC.badParam);
		if (!this.findSubJob(id)) return ctx.json(res, 404, CC.subJobMissing);
		const injected = this.jsonErrors.get(id);
		if (injected && injected.remaining > 0) {
			injected.remaining--;
			this.counters.jsonErrorsServed++;
			return ctx.json(res, 200, injected.body);
		}
		this.counters.downloads++;
		ctx.sendFile(res, this.logSpec(id), {
			contentType: this.options.logContentType,
			fileName: this.options.logFileName ? `${id}.zip` : undefined,
		});
	}
}

// ---------------------------------------------------------------------------------------------

export interface HuaweiEmulators {
	cloud: HuaweiCloud;
	iam: HuaweiIamEmulator;
	cloudDc: CloudDcEmulator;
	codeArts: CodeArtsCheckEmulator;
	modules: VendorModule[];
}

/** The three Huawei listeners sharing one account, ready for `new Emulator(x.modules)`. */
export function huaweiEmulators(
	options: {
		cloud?: Partial<HuaweiCloudOptions>;
		cloudDc?: Partial<CloudDcOptions>;
		codeArts?: Partial<CodeArtsCheckOptions>;
	} = {},
): HuaweiEmulators {
	const cloud = new HuaweiCloud(options.cloud);
	const iam = new HuaweiIamEmulator(cloud);
	const cloudDc = new CloudDcEmulator(cloud, options.cloudDc);
	const codeArts = new CodeArtsCheckEmulator(cloud, options.codeArts);
	return { cloud, iam, cloudDc, codeArts, modules: [iam, cloudDc, codeArts] };
}
