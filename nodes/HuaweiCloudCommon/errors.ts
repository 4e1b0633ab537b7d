/**
 * Huawei Cloud error answers (API gateway, CloudDC and CodeArts Check error code pages) as VendorApiErrors: API-gateway
 * codes (APIGW.*), service codes (CC.*, CloudDC's own) and the bare HTTP-429 string, each with a
 * message saying what happened and a hint saying what to do. Gateway texts are never echoed for
 * 401s: they can quote the access key.
 */
import type { IDataObject } from 'n8n-workflow';
import { ErrorKind, VendorApiError } from '../shared/errors';
import { parseJsonBody } from '../shared/http';
import { parseRetryAfter } from '../shared/retry';
import { header } from '../shared/headers';

/** What the failed call was about, so messages can name it. */
export interface ErrorContext {
	vendor: string;
	/** The IAM action the call needs (named when permission is denied). */
	permission?: string;
	/** What a "not found" refers to, e.g. `export 3 of server …`. */
	target?: string;
	/** What to do when it is not found. */
	notFoundHint?: string;
	/** What to do when the service refuses the request otherwise (4xx: conflict, bad value). */
	refusedHint?: string;
}

interface ErrorBody {
	code?: string;
	message?: string;
}

/** Service codes that mean "busy, try again" whatever HTTP status carries them. */
const BUSY_CODES = new Set(['CC.00000000', 'CC.00050012']);

const text = (value: unknown): string | undefined =>
	value === undefined || value === null || value === '' ? undefined : String(value);

/** error_code/error_msg, errorCode/errorMessage or IAM's {error:{code,message}}; else the text. */
export function readErrorBody(body: unknown): ErrorBody {
	const json = parseJsonBody(body);
	if (json) {
		const nested = (json.error && typeof json.error === 'object' ? json.error : {}) as IDataObject;
		return {
			code: text(json.error_code ?? json.errorCode ?? nested.code),
			message: text(json.error_msg ?? json.errorMessage ?? nested.message),
		};
	}
	const raw = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	const snippet = raw.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
	return { message: snippet || undefined };
}

/** True when a 2xx JSON answer is really an error (CodeArts Check answers some with HTTP 200). */
export function isErrorAnswer(body: IDataObject | undefined): boolean {
	return typeof body?.error_code === 'string' && body.error_code !== '';
}

const TOKEN_REJECTED: [RegExp, string, string] = [
	/token/i,
	'the IAM token was rejected (expired or invalid) even after requesting a new one',
	'Check that the IAM user is enabled and its password unchanged, then run again.',
];

const SIGNATURE_REJECTED = 'the signature did not verify: wrong Secret Access Key (SK)';

/** True for the gateway's answer to a request signed with the wrong Secret Access Key. */
export function isSignatureRejection(error: unknown): error is VendorApiError {
	return error instanceof VendorApiError && error.vendorMessage.includes(SIGNATURE_REJECTED);
}

/** APIGW.0301 texts, told apart by the gateway's message (the gateway error code page lists them). */
const GATEWAY_401: Array<[RegExp, string, string]> = [
	[
		/signature expired/i,
		'the request signature expired: the clock of the n8n server is more than 15 minutes off',
		'Synchronise the n8n server clock (NTP) and run again.',
	],
	[
		/verify aksk signature fail/i,
		SIGNATURE_REJECTED,
		'Copy the SK that belongs to this Access Key ID again into the credential. Repeated failures lock the key for 5 minutes.',
	],
	[
		/ak not exist/i,
		'the Access Key ID (AK) does not exist',
		'Check the Access Key ID in the credential; it may have been deleted or belong to another account.',
	],
	[
		/reach the limit/i,
		'the access key is locked for 5 minutes after repeated signature failures',
		'Fix the Secret Access Key in the credential, wait 5 minutes, then run again.',
	],
	TOKEN_REJECTED,
];

function authError(status: number, error: ErrorBody, vendor: string): VendorApiError {
	const base = { vendor, httpStatus: status, code: error.code ?? status, kind: 'auth' as ErrorKind };
	if (error.code === 'CC.00000003') {
		return new VendorApiError({ ...base, message: TOKEN_REJECTED[1], hint: TOKEN_REJECTED[2] });
	}
	const known = GATEWAY_401.find(([pattern]) => pattern.test(error.message ?? ''));
	if (known) return new VendorApiError({ ...base, message: known[1], hint: known[2] });
	return new VendorApiError({
		...base,
		message: 'authentication failed',
		hint: 'Check the access keys (or user name, password and account name) in the credential, and the server clock.',
	});
}

function permissionError(status: number, error: ErrorBody, ctx: ErrorContext): VendorApiError {
	const base = { vendor: ctx.vendor, httpStatus: status, code: error.code ?? status, kind: 'permission' as ErrorKind };
	const action = ctx.permission ? ` (IAM action ${ctx.permission})` : '';
	if (error.code === 'APIGW.0402') {
		return new VendorApiError({
			...base,
			message: 'the API gateway does not accept calls from this IP address',
			hint: 'Allow the public IP of the n8n server in the access control of the account or key.',
		});
	}
	if (error.code === 'APIGW.0302') {
		return new VendorApiError({
			...base,
			message: `this IAM user may not call this API${action}`,
			hint: 'The gateway refused the user (black/white list). Ask an administrator to allow it.',
		});
	}
	const detail = error.message ? `: ${error.message}` : '';
	return new VendorApiError({
		...base,
		message: `permission denied${action}${detail}`,
		hint:
			`${ctx.permission ? `Grant the IAM user the action ${ctx.permission} (e.g. in a custom policy). ` : ''}` +
			'Also check that the Region and Project ID in the credential are the ones the resource lives in.',
	});
}

/** The error a non-successful Huawei answer stands for. */
export function huaweiError(
	status: number,
	body: unknown,
	headers: Record<string, unknown>,
	ctx: ErrorContext,
): VendorApiError {
	const error = readErrorBody(body);
	const detail = error.message ? `: ${error.message}` : '';
	const base = { vendor: ctx.vendor, httpStatus: status, code: error.code ?? status };
	const retryAfterMs = parseRetryAfter(header(headers, 'retry-after'));
	if (status === 429 || error.code === 'APIGW.0308' || BUSY_CODES.has(error.code ?? '')) {
		return new VendorApiError({
			...base,
			kind: 'throttle',
			retryable: true,
			retryAfterMs,
			message: `the service is busy or throttling requests${detail}`,
			hint: 'Retried with backoff and still refused. Lower the concurrency or run again later.',
		});
	}
	if (status >= 500) {
		return new VendorApiError({
			...base,
			kind: 'server',
			retryable: true,
			retryAfterMs,
			message: `server error (HTTP ${status})${detail}`,
			hint: 'Retried with backoff and still failing. Try again later.',
		});
	}
	if (status === 401 || error.code === 'APIGW.0301') return authError(status, error, ctx.vendor);
	if (status === 403) return permissionError(status, error, ctx);
	if (error.code === 'APIGW.0101') {
		return new VendorApiError({
			...base,
			kind: 'notFound',
			message: 'the API does not exist at this endpoint',
			hint: 'Check the Region and the service endpoint in the credential: the service may not be offered in this region.',
		});
	}
	if (status === 404 || error.code === 'CC.00050013') {
		return new VendorApiError({
			...base,
			kind: 'notFound',
			message: `${ctx.target ?? 'the resource'} was not found${detail}`,
			hint: ctx.notFoundHint ?? 'Check the ID in the node and the Region and Project ID in the credential.',
		});
	}
	return new VendorApiError({
		...base,
		kind: 'input',
		message: `the request was refused (HTTP ${status})${detail}`,
		hint: ctx.refusedHint ?? 'Check the IDs and options in the node.',
	});
}
