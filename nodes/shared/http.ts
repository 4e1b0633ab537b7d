/**
 * The one way every transport talks HTTP: through n8n's helpers (so n8n's proxy, TLS and
 * cancellation settings apply), never throwing on an HTTP status (each vendor reads its own
 * error bodies, including on streamed downloads), and turning socket-level failures into
 * retryable, secret-free VendorApiErrors. The request's timeout covers the wait for the answer;
 * every body then runs behind a stall watchdog, so a body that stops mid-way ends too.
 */
import type {
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHttpRequestOptions,
	IDataObject,
} from 'n8n-workflow';
import { header } from './headers';
import { networkError, recoverVendorError, VendorApiError } from './errors';
import { idleTimeoutMs } from './limits';
import { parseRetryAfter } from './retry';
import { guardBody, isReadable, readAll } from './streams';

export interface FullResponse<T = unknown> {
	body: T;
	headers: IDataObject;
	statusCode: number;
}

export interface AuthOptions {
	credentialType: string;
	/** Credentials to use instead of the stored ones (e.g. with the token blanked to force renewal). */
	credentialsDecrypted?: ICredentialsDecrypted;
}

function unwrapFailure(vendor: string, error: unknown): Error {
	const known = recoverVendorError(error);
	if (known) return known;
	const network = networkError(vendor, error);
	if (network) return network;
	return new VendorApiError({
		vendor,
		kind: 'other',
		message: `request failed: ${(error as Error)?.message ?? String(error)}`,
	});
}

/** No API answer of these vendors comes near this; a bigger one is refused, not buffered. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/**
 * Send a request (authenticated when `auth` is given) and return the full response. API answers
 * come back as text, read with a size cap; `encoding: 'stream'` requests get the open stream.
 * Authenticated requests never follow redirects: a redirect to another host would carry the
 * token or signature headers with it.
 */
export async function sendHttp<T = unknown>(
	ctx: IExecuteFunctions,
	vendor: string,
	options: IHttpRequestOptions,
	auth?: AuthOptions,
): Promise<FullResponse<T>> {
	const wantsStream = options.encoding === 'stream';
	const request: IHttpRequestOptions = {
		...options,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (auth) request.disableFollowRedirect = true;
	const cancel = requestCancel(ctx);
	let response: FullResponse;
	try {
		if (auth) {
			const extra = auth.credentialsDecrypted ? { credentialsDecrypted: auth.credentialsDecrypted } : undefined;
			// n8n sets an authenticated request's abort signal from the context it is called on.
			const caller = Object.create(ctx, { getExecutionCancelSignal: { value: () => cancel.signal } }) as IExecuteFunctions;
			response = (await ctx.helpers.httpRequestWithAuthentication.call(
				caller,
				auth.credentialType,
				request,
				extra,
			)) as FullResponse;
		} else {
			response = (await ctx.helpers.httpRequest({ ...request, abortSignal: cancel.signal })) as FullResponse;
		}
	} catch (error) {
		throw unwrapFailure(vendor, error);
	}
	if (isReadable(response.body)) {
		const length = header(response.headers, 'content-length');
		const announced = length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
		response.body = guardBody(response.body, vendor, idleTimeoutMs(options.timeout), announced, cancel.abort);
	}
	if (!wantsStream) response.body = await readAnswer(vendor, response.body);
	return response as FullResponse<T>;
}

async function readAnswer(vendor: string, body: unknown): Promise<string> {
	if (!isReadable(body)) return typeof body === 'string' ? body : JSON.stringify(body ?? '');
	const tooLarge = () =>
		new VendorApiError({
			vendor,
			kind: 'integrity',
			message: `the answer is larger than ${MAX_ANSWER_BYTES / 1048576} MB, far beyond any real API answer; it was refused`,
			hint: 'Check the endpoint or base URL in the credential: something other than the vendor API is answering.',
		});
	try {
		return (await readAll(body, MAX_ANSWER_BYTES, tooLarge)).toString('utf8');
	} catch (error) {
		throw unwrapFailure(vendor, error);
	}
}

/**
 * The request's own abort, joined to the execution's cancel signal. Aborting is the one way to
 * close a socket whose body was given up: n8n 2.x hands the body out behind a wrapper that cannot
 * pass a destroy on while the server sends nothing.
 */
function requestCancel(ctx: IExecuteFunctions): { signal: AbortSignal; abort: () => void } {
	const own = new AbortController();
	const execution = ctx.getExecutionCancelSignal?.();
	return { signal: execution ? AbortSignal.any([execution, own.signal]) : own.signal, abort: () => own.abort() };
}

/** Parse a JSON body that may arrive as a string, a Buffer or already parsed. */
export function parseJsonBody(body: unknown): IDataObject | undefined {
	if (body && typeof body === 'object' && !Buffer.isBuffer(body)) return body as IDataObject;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	try {
		const parsed = JSON.parse(text);
		return parsed && typeof parsed === 'object' ? (parsed as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/** Error for a non-2xx answer whose body did not say more (HTML page, plain text…). */
export function httpStatusError(
	vendor: string,
	response: { statusCode: number; headers: IDataObject },
	bodyText: string,
): VendorApiError {
	const { statusCode } = response;
	const snippet = bodyText.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
	const retryable = statusCode === 429 || statusCode >= 500;
	return new VendorApiError({
		vendor,
		httpStatus: statusCode,
		code: statusCode,
		kind: statusCode === 429 ? 'throttle' : statusCode >= 500 ? 'server' : statusCode === 404 ? 'notFound' : 'other',
		message: `HTTP ${statusCode}${snippet ? `: ${snippet}` : ''}`,
		hint: retryable
			? 'The server is busy or failing; the request was retried with backoff. Try again later or lower the concurrency.'
			: 'Check the node parameters and the credential.',
		retryable,
		retryAfterMs: parseRetryAfter(header(response.headers, 'retry-after')),
	});
}
