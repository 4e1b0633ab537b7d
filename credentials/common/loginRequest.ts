/**
 * Login requests carry the secret itself (Client Secret, IAM password) in their body, so they never
 * follow a redirect: a 3xx is refused, naming where it pointed, and nothing is resent. Their
 * answers are bounded like every API answer: a wait for the answer, a stall watchdog on the
 * body and a size cap.
 */
import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { networkError, VendorApiError } from '../../nodes/shared/errors';
import { IDLE_CAP_MS } from '../../nodes/shared/limits';
import { guardBody, isReadable, readAll } from '../../nodes/shared/streams';
import { headerKey } from './requestOptions';

/**
 * A credential's preAuthentication sees no node option, so a login's bounds are fixed: a minute
 * for the answer to start (axios' default under n8n is 5 minutes per attempt), the same pause at
 * most mid-body, and 1 MB of answer (a token answer is a few KB).
 */
export const LOGIN_LIMITS = { answerMs: 60000, idleMs: IDLE_CAP_MS, maxBytes: 1048576 };

interface ResponseLike {
	status?: number;
	statusCode?: number;
	headers?: Record<string, unknown>;
}

function responseOf(error: unknown): ResponseLike | undefined {
	let current = error as { response?: ResponseLike; cause?: unknown } | undefined;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		if (current.response && typeof current.response === 'object') return current.response;
		current = current.cause as typeof current;
	}
	return undefined;
}

/** Where a redirect pointed, as host only (its path or query may carry anything). */
function targetHost(location: unknown, from: string): string {
	const value = Array.isArray(location) ? location[0] : location;
	if (typeof value !== 'string' || value === '') return 'an unnamed location';
	try {
		return new URL(value, from).host;
	} catch {
		return 'an unreadable location';
	}
}

/** The error for a login answered with a redirect: never followed, never resent. */
export function redirectRefused(vendor: string, url: string, status: number, location: unknown): VendorApiError {
	return new VendorApiError({
		vendor,
		kind: 'auth',
		httpStatus: status,
		message: `the login was answered with a redirect (HTTP ${status}) to ${targetHost(location, url)}; it was not followed, so the secret was not sent there`,
		hint: 'Set the credential to the final address of the service (check the scheme, host and port); a proxy must not redirect API logins.',
	});
}

/** A redirect-refused error when `error` is n8n's/axios' answer to a 3xx, else undefined. */
export function loginRedirectError(vendor: string, url: string, error: unknown): VendorApiError | undefined {
	const response = responseOf(error);
	const status = Number(response?.status ?? response?.statusCode);
	if (!(status >= 300 && status < 400)) return undefined;
	const headers = response?.headers ?? {};
	const key = headerKey(headers, 'location');
	return redirectRefused(vendor, url, status, key === undefined ? undefined : headers[key]);
}

/** axios' own timeout (the wait for the answer), wherever n8n's wrapping put it. */
function timedOut(error: unknown): boolean {
	let current = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		if (current.code === 'ETIMEDOUT' || /timeout of \d+ms exceeded/.test(String(current.message))) return true;
		current = current.cause as typeof current;
	}
	return false;
}

function answerTimeout(vendor: string): VendorApiError {
	return new VendorApiError({
		vendor,
		kind: 'timeout',
		message: `no answer to the login within ${LOGIN_LIMITS.answerMs / 1000} s`,
		hint: 'The login was retried up to Max Attempts. Check that the host in the credential is reachable and that the service is up.',
		retryable: true,
	});
}

export interface LoginAnswer {
	statusCode: number;
	headers: IDataObject;
	text: string;
}

/** Send a login and read its whole answer within LOGIN_LIMITS; any status comes back, a 3xx is refused. */
export async function sendLogin(helper: IHttpRequestHelper, vendor: string, options: IHttpRequestOptions): Promise<LoginAnswer> {
	const own = new AbortController();
	const failed = (error: unknown) =>
		// The raw error carries the request body (with the secret): keep nothing but its code.
		loginRedirectError(vendor, options.url, error) ??
		(timedOut(error) ? answerTimeout(vendor) : undefined) ??
		networkError(vendor, error) ??
		new VendorApiError({ vendor, kind: 'network', message: 'the login request failed' });
	let response: IN8nHttpFullResponse;
	try {
		response = (await helper.helpers.httpRequest({
			...options,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: LOGIN_LIMITS.answerMs,
			abortSignal: own.signal,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		throw failed(error);
	}
	const headers = (response.headers ?? {}) as IDataObject;
	const { statusCode } = response;
	if (statusCode >= 300 && statusCode < 400) {
		own.abort();
		const key = headerKey(headers, 'location');
		throw redirectRefused(vendor, options.url, statusCode, key === undefined ? undefined : headers[key]);
	}
	const body: unknown = response.body;
	if (!isReadable(body)) return { statusCode, headers, text: typeof body === 'string' ? body : JSON.stringify(body ?? '') };
	const tooLarge = () =>
		new VendorApiError({
			vendor,
			kind: 'integrity',
			message: `the login answer is larger than ${(LOGIN_LIMITS.maxBytes / 1048576).toFixed(1)} MB, far beyond any login answer; it was refused`,
			hint: 'Check the endpoint or base URL in the credential: something other than the vendor API is answering.',
		});
	const length = Number(headers['content-length']);
	const guarded = guardBody(body, vendor, LOGIN_LIMITS.idleMs, Number.isInteger(length) ? length : undefined, () => own.abort());
	try {
		return { statusCode, headers, text: (await readAll(guarded, LOGIN_LIMITS.maxBytes, tooLarge)).toString('utf8') };
	} catch (error) {
		own.abort();
		throw error instanceof VendorApiError ? error : failed(error);
	}
}
