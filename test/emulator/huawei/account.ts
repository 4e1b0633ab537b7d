/**
 * The Huawei account the emulated services share: access keys, users and projects, the defaults
 * the tests use, and the types of what its gateway issues and decides (tokens, callers, denials).
 */
import { createHash } from 'crypto';

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

export interface Denied {
	status: number;
	code: string;
	message: string;
	reason: DenyReason;
}

export interface FailureCount {
	count: number;
	lockedUntil: number;
}

export function principalId(principal: Principal): string {
	if (principal.kind === 'aksk') return `ak:${principal.accessKey}`;
	return `token:${createHash('sha256').update(principal.token).digest('hex').slice(0, 16)}`;
}
