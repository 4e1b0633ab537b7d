/**
 * Yeastar P-Series OpenAPI transport: every request carries the access token (added by the
 * credential) and a User-Agent; errors arrive as `errcode` with HTTP 200 and are mapped here.
 * A 10004 (token expired) renews the token once and repeats the call.
 */
import type { IDataObject, IExecuteFunctions, ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { Readable } from 'stream';
import { type KnownVendorError, VendorApiError } from '../../shared/errors';
import { withExpirableToken, ExpirableTokenSpec } from '../../shared/expirableToken';
import { AuthOptions, FullResponse, httpStatusError, parseJsonBody, sendHttp } from '../../shared/http';
import { readSmallBody } from '../../shared/download';
import { header } from '../../shared/headers';
import type { TransferOptions } from '../../shared/transferOptions';
import { withRetry } from '../../shared/retry';
import {
	YEASTAR_USER_AGENT,
	YEASTAR_VENDOR,
	yeastarApiUrl,
	yeastarBaseUrl,
	yeastarTokenOwner,
} from '../../../credentials/common/yeastarToken';

export const CREDENTIAL_TYPE = 'yeastarPSeriesApi';
export const VENDOR = YEASTAR_VENDOR;

export class YeastarTokenExpiredError extends VendorApiError {
	constructor() {
		super({
			vendor: VENDOR,
			code: 10004,
			kind: 'auth',
			message: 'the access token was rejected (TOKEN EXPIRED) even after renewing it',
			hint: 'Check the PBX clock and that the API application is still enabled, then run again.',
		});
	}
}

const ERRCODES: Record<number, KnownVendorError> = {
	[-2]: { kind: 'server', retryable: true, message: 'internal server error on the PBX', hint: 'Retried with backoff; try again later.' },
	10001: { kind: 'input', message: 'the PBX does not offer this API (INTERFACE NOT EXISTED)', hint: 'System-log download needs firmware x.15.0 or later; check the API Path in the credential.' },
	10002: { kind: 'input', message: 'this API version is out of maintenance', hint: 'Set the API Path in the credential to the version the PBX documents (openapi/v1.0).' },
	10003: { kind: 'input', message: 'this API version is not supported (API VERSION UNSUPPORTED)', hint: 'Set the API Path in the credential to openapi/v1.0.' },
	10005: { kind: 'permission', message: 'the API application has no permission for this (ACCESS DENIED)', hint: 'Grant the API application access on the PBX (Integrations > API).' },
	40001: { kind: 'input', message: 'a parameter has the wrong syntax (PARAMETER SYNTAX ERROR)', hint: 'Check the file names and dates in the node.' },
	40002: { kind: 'input', message: 'a parameter was refused (PARAMETER ERROR)', hint: 'Check the file names and dates in the node.' },
	60001: { kind: 'notFound', message: 'no such log file, or the download link expired (DATA NOT FOUND)', hint: 'Use names from the "Get Many" operation; download links live 30 minutes.' },
	70004: { kind: 'permission', message: 'the PBX has blocked this IP address (ACCOUNT IP BLOCKED)', hint: 'An administrator must remove the IP under Security > Security Rules > Blocked IPs.' },
	70082: { kind: 'throttle', retryable: true, message: 'the PBX is busy with another task (OVERLOAD_TASK_RUNNING)', hint: 'Retried with backoff; try again later.' },
	70087: { kind: 'permission', message: 'this IP address may not use the API (IP FORBIDDEN)', hint: 'Add the n8n host to the allowed IPs of the API application.' },
};

export function yeastarError(errcode: number, errmsg: unknown): VendorApiError {
	const known = ERRCODES[errcode];
	if (known) return new VendorApiError({ vendor: VENDOR, code: errcode, ...known });
	return new VendorApiError({
		vendor: VENDOR,
		code: errcode,
		message: `request failed (${String(errmsg || 'FAILURE')})`,
		hint: 'See the Yeastar error code table for this errcode.',
	});
}

const tokenSpec: ExpirableTokenSpec = {
	credentialType: CREDENTIAL_TYPE,
	tokenField: 'accessToken',
	needsRenewal: (c: ICredentialDataDecryptedObject) =>
		c.tokenOwner !== yeastarTokenOwner(c) || Number(c.accessTokenExpiry || 0) < Date.now() + 120000,
	isTokenRejected: (e) => e instanceof VendorApiError && e.vendorCode === 10004,
};

/** The answer's JSON, or the vendor error it carries. */
export function checkAnswer(response: FullResponse, bodyText?: string): IDataObject {
	const body = parseJsonBody(bodyText ?? response.body);
	if (!body || typeof body.errcode === 'undefined') {
		throw httpStatusError(VENDOR, response, bodyText ?? String(response.body ?? ''));
	}
	const errcode = Number(body.errcode);
	if (errcode !== 0) throw yeastarError(errcode, body.errmsg);
	return body;
}

/** One API call with token handling, no retry (callers decide what a retry repeats). */
export async function yeastarApiAttempt(
	ctx: IExecuteFunctions,
	endpoint: string,
	qs: IDataObject,
	transfer: TransferOptions,
): Promise<IDataObject> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const url = `${yeastarApiUrl(credentials)}/${endpoint}`;
	return await withExpirableToken(ctx, tokenSpec, async (auth: AuthOptions) => {
		const response = await sendHttp(
			ctx,
			VENDOR,
			{ method: 'GET', url, qs, json: true, timeout: transfer.timeoutMs, headers: { 'User-Agent': YEASTAR_USER_AGENT } },
			auth,
		);
		return checkAnswer(response);
	});
}

/** One API call with token handling, retried on throttling, 5xx and network failures. */
export async function yeastarApiRequest(
	ctx: IExecuteFunctions,
	endpoint: string,
	qs: IDataObject,
	transfer: TransferOptions,
): Promise<IDataObject> {
	return await withRetry(transfer.retry, async () => await yeastarApiAttempt(ctx, endpoint, qs, transfer));
}

/**
 * The archive URL for a `download_resource_url`, which must be a path on the configured PBX:
 * the access token travels with the download, so an absolute URL to another host is refused.
 */
export function resolveDownloadUrl(credentials: ICredentialDataDecryptedObject, resource: unknown): string {
	const base = yeastarBaseUrl(credentials);
	const value = String(resource ?? '');
	const refuse = () =>
		new VendorApiError({
			vendor: VENDOR,
			kind: 'integrity',
			message: 'the PBX returned a download URL outside the configured base URL; it was refused so the access token is not sent elsewhere',
			hint: 'Check the Base URL in the credential. A reverse proxy must not rewrite download links to another host.',
		});
	if (!value) throw refuse();
	if (value.startsWith('/') && !value.startsWith('//')) return `${base}${value}`;
	let target: URL;
	try {
		target = new URL(value);
	} catch {
		throw refuse();
	}
	if (target.origin !== new URL(base).origin) throw refuse();
	return target.toString();
}

function expiredLinkError(): VendorApiError {
	return new VendorApiError({
		vendor: VENDOR,
		code: 60001,
		kind: 'notFound',
		retryable: true,
		message: 'the download link expired or is unknown (DATA NOT FOUND)',
		hint: 'A new link was requested for each attempt and the PBX still refused it. Check the PBX storage and run again.',
	});
}

/** Start the archive download; a JSON answer instead of the file is turned into its error. */
export async function openArchiveStream(
	ctx: IExecuteFunctions,
	url: string,
	transfer: TransferOptions,
): Promise<FullResponse<Readable>> {
	return await withExpirableToken(ctx, tokenSpec, async (auth: AuthOptions) => {
		const response = await sendHttp<Readable>(
			ctx,
			VENDOR,
			{ method: 'GET', url, encoding: 'stream', timeout: transfer.timeoutMs, headers: { 'User-Agent': YEASTAR_USER_AGENT } },
			auth,
		);
		const type = header(response.headers, 'content-type') ?? '';
		if (response.statusCode >= 300 || /json|html|text\/plain/i.test(type)) {
			const text = await readSmallBody(response.body);
			try {
				checkAnswer(response, text);
			} catch (error) {
				// The link lives 30 minutes; a retry asks for a new one.
				if (error instanceof VendorApiError && error.vendorCode === 60001) throw expiredLinkError();
				// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- a transparent layer; the router shapes every error
				throw error;
			}
			throw httpStatusError(VENDOR, response, text);
		}
		return response;
	});
}
