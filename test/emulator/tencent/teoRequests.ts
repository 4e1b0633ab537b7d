/**
 * EdgeOne API 3.0's request side: TC3-HMAC-SHA256 verified independently of the client's signer,
 * parameter parsing, and the error a refused request raises (answered as `Response.Error`).
 */
import { createHmac } from 'crypto';
import { EmulatorRequest, RouteContext } from '../server';
import { Clock, header, SECOND, sha256Hex } from './common';
import { TeoOptions } from './teoPackets';

/** A request the API refuses: becomes `Response.Error`. */
export class TeoError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

export type TeoParams = Record<string, unknown>;
export type TeoHandler = (params: TeoParams, ctx: RouteContext) => Record<string, unknown>;

/** `TC3-HMAC-SHA256 Credential=id/date/service/tc3_request, SignedHeaders=…, Signature=hex`. */
const TC3_AUTH = new RegExp(
	[
		'^TC3-HMAC-SHA256 Credential=([^/\\s,]+)/(\\d{4}-\\d{2}-\\d{2})/([a-z0-9-]+)/tc3_request',
		', ?SignedHeaders=([a-z0-9;-]+)',
		', ?Signature=([0-9a-f]{64})$',
	].join(''),
);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
export const TEO_VERSIONS = ['2022-09-01', '2022-01-06'];

export function timeParam(params: TeoParams, name: string): number {
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

export function intParam(params: TeoParams, name: string, fallback: number, max: number): number {
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

export function listParam(params: TeoParams, name: string): string[] | undefined {
	const value = params[name];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
		throw new TeoError('InvalidParameter', `\`${name}\` must be an array of strings.`);
	}
	return value as string[];
}

/** TC3 as the server checks it; returns the caller's SecretId or the error to answer. */
export function verifyTc3(
	req: EmulatorRequest,
	options: TeoOptions,
	clock: Clock,
): string | TeoError {
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
	if (Math.abs(timestamp - clock() / SECOND) > options.maxSkewSec) {
		return new TeoError(
			'AuthFailure.SignatureExpire',
			'Signature expired. Timestamp and server time cannot differ by more than 5 minutes.',
		);
	}
	if (secretId !== options.secretId) {
		return new TeoError(
			'AuthFailure.SecretIdNotFound',
			'The SecretId is not found, please ensure that your SecretId is correct.',
		);
	}
	// The server derives the scope itself: a client using its local date (or another
	// service name) signs something else and fails like any wrong signature.
	const date = new Date(timestamp * SECOND).toISOString().slice(0, 10);
	const expected = expectedTc3Signature(req, options.secretKey, date, signed, stamp);
	if (scopeDate !== date || scopeService !== 'teo' || expected !== signature) {
		return new TeoError(
			'AuthFailure.SignatureFailure',
			'The provided credentials could not be validated. Please check your signature is correct.',
		);
	}
	const token = header(req, 'x-tc-token') ?? '';
	if (token !== (options.sessionToken ?? '')) {
		return new TeoError('AuthFailure.TokenFailure', 'Token verification failed.');
	}
	return secretId;
}

function expectedTc3Signature(
	req: EmulatorRequest,
	secretKey: string,
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
	const kSigning = hmac(hmac(hmac(`TC3${secretKey}`, date), 'teo'), 'tc3_request');
	return createHmac('sha256', kSigning).update(toSign).digest('hex');
}
