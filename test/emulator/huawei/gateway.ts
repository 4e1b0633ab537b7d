/**
 * The API gateway in front of every Huawei service (`HuaweiCloud`): AK/SK signatures verified the
 * way APIG does, IAM tokens, APIGW.* error bodies, AK lockout after repeated bad signatures and
 * per-caller throttling; `guard` runs it for a service.
 */
import { randomBytes, timingSafeEqual } from 'crypto';
import { ServerResponse } from 'http';
import {
	parseHuaweiAuthorization,
	parseSdkDate,
	signHuaweiRequest,
} from '../../../credentials/common/huaweiSigning';
import { RateWindow } from '../rateWindow';
import { EmulatorRequest, RouteContext } from '../server';
import {
	Denied,
	FailureCount,
	HUAWEI_DEFAULTS,
	HuaweiAccessKey,
	HuaweiCloudOptions,
	HuaweiProject,
	HuaweiUser,
	IssuedToken,
	Principal,
	principalId,
} from './account';

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
	private calls = new RateWindow();
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
		return this.calls.allow(principalId(principal), throttle.limit, throttle.windowMs, now);
	}

	/** May the caller act in this IAM project? (path project_id, X-Project-Id, token scope) */
	projectAllowed(principal: Principal, projectId: string, req: EmulatorRequest): boolean {
		if (principal.kind === 'token') return principal.info.project?.id === projectId;
		const header = headerOf(req, 'x-project-id');
		if (header !== undefined && header !== projectId) return false;
		return this.options.projects.some((p) => p.id === projectId);
	}
}

/**
 * Run the gateway for a module: answers the denial itself (optionally reshaped by the service)
 * and returns the principal only when the request may proceed.
 */
export function guard(
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

export const apiNotFound = (res: ServerResponse, ctx: RouteContext) =>
	ctx.json(
		res,
		404,
		gatewayBody(
			'APIGW.0101',
			'The API does not exist or has not been published in the environment',
		),
	);
