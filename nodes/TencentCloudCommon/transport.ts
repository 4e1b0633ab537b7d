/**
 * Tencent Cloud transport shared by the EdgeOne and DSA nodes. The credential signs: TC3 for
 * EdgeOne (API 3.0, `POST /` with X-TC-Action/X-TC-Version headers and a JSON body) and the
 * API 2.0 signature for DSA (`POST /v2/index.php`, form body). Here: endpoints, client-side rate
 * limits per credential, retries, answer checking and the presigned CDN downloads (no credential).
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';
import type { Readable } from 'stream';
import type { TransferOptions } from '../shared/transferOptions';
import { readSmallBody } from '../shared/download';
import { VendorApiError } from '../shared/errors';
import { httpStatusError, parseJsonBody, sendHttp } from '../shared/http';
import type { AuthOptions, FullResponse } from '../shared/http';
import { sendPresigned } from '../shared/presigned';
import { acquireRateSlot, reportThrottle } from '../shared/rateLimit';
import type { RateLimit } from '../shared/rateLimit';
import { withRetry } from '../shared/retry';
import { DSA_VENDOR, dsaError, TEO_VENDOR, teoError } from './errors';

export const TENCENT_CREDENTIAL = 'tencentCloudApi';

/** Both execution and dropdown-loading contexts call the API. */
export type TencentContext = IExecuteFunctions | ILoadOptionsFunctions;

/** Documented per-action limits of DownloadL7Logs/DownloadL4Logs, by API version. */
const TEO_RATE_LIMITS: Record<string, RateLimit> = {
	'2022-09-01': { requests: 100, perMs: 1000 },
	'2022-01-06': { requests: 20, perMs: 1000 },
};
const DSA_RATE_LIMIT: RateLimit = { requests: 100, perMs: 60000 };
const DSA_PATH = '/v2/index.php';
const TEO_DEFAULT_ENDPOINT = 'https://teo.tencentcloudapi.com';
const DSA_DEFAULT_ENDPOINT = 'https://dsa.api.qcloud.com';

/** Limits are counted per account, so every execution using the same credential shares one window. */
function credentialKey(ctx: TencentContext): string {
	const ref = ctx.getNode().credentials?.[TENCENT_CREDENTIAL];
	return ref?.id ?? ref?.name ?? 'default';
}

/** How many processes (queue-mode workers, n8n instances) use this credential's account. */
async function sharingProcesses(ctx: TencentContext): Promise<number> {
	const value = Number((await ctx.getCredentials(TENCENT_CREDENTIAL)).sharingProcesses ?? 1);
	return Number.isFinite(value) && value >= 1 ? Math.min(100, Math.floor(value)) : 1;
}

/** One rate-limited attempt; a throttle answer slows this process down for the next ones. */
async function throttled<T>(ctx: TencentContext, key: string, limit: RateLimit, attempt: () => Promise<T>): Promise<T> {
	await acquireRateSlot(key, limit, await sharingProcesses(ctx));
	try {
		return await attempt();
	} catch (error) {
		if (error instanceof VendorApiError && error.kind === 'throttle') reportThrottle(key);
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- a transparent layer; the router shapes every error
		throw error;
	}
}

async function send(ctx: TencentContext, vendor: string, options: IHttpRequestOptions, auth?: AuthOptions): Promise<FullResponse> {
	// sendHttp only uses `helpers` and the optional cancel signal, which a load-options context has too.
	return await sendHttp(ctx as IExecuteFunctions, vendor, options, auth);
}

async function endpointOf(ctx: TencentContext, field: 'teoEndpoint' | 'dsaEndpoint', fallback: string): Promise<string> {
	const credentials = await ctx.getCredentials(TENCENT_CREDENTIAL);
	const value = String(credentials[field] ?? '').trim() || fallback;
	if (!/^https?:\/\/[^/\s]+/i.test(value)) {
		const name = field === 'teoEndpoint' ? 'EdgeOne Endpoint' : 'DSA Endpoint';
		throw new VendorApiError({
			vendor: field === 'teoEndpoint' ? TEO_VENDOR : DSA_VENDOR,
			kind: 'input',
			message: `the ${name} "${value}" is not a URL`,
			hint: `Set the ${name} of the credential to a URL such as ${fallback}.`,
		});
	}
	return value.replace(/\/+$/, '');
}

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return body === undefined ? '' : JSON.stringify(body);
}

function unexpectedAnswer(vendor: string, response: FullResponse, endpointField: string): VendorApiError {
	if (response.statusCode >= 300) return httpStatusError(vendor, response, bodyText(response.body));
	return new VendorApiError({
		vendor,
		kind: 'other',
		message: 'the answer is not a Tencent Cloud API response',
		hint: `Check the ${endpointField} of the credential.`,
	});
}

/** One EdgeOne API 3.0 call: rate limited, retried on throttling, 5xx and network failures. */
export async function teoRequest(
	ctx: TencentContext,
	action: string,
	version: string,
	body: IDataObject,
	transfer: TransferOptions,
): Promise<IDataObject> {
	const url = `${await endpointOf(ctx, 'teoEndpoint', TEO_DEFAULT_ENDPOINT)}/`;
	const limit = TEO_RATE_LIMITS[version] ?? TEO_RATE_LIMITS['2022-01-06'];
	const key = `tencent-teo:${credentialKey(ctx)}:${version}`;
	return await withRetry(transfer.retry, async () => await throttled(ctx, key, limit, async () => {
		const response = await send(
			ctx,
			TEO_VENDOR,
			{ method: 'POST', url, headers: { 'X-TC-Action': action, 'X-TC-Version': version }, body, timeout: transfer.timeoutMs },
			{ credentialType: TENCENT_CREDENTIAL },
		);
		const answer = parseJsonBody(response.body)?.Response as IDataObject | undefined;
		if (answer?.Error && typeof answer.Error === 'object') {
			throw teoError(answer.Error as IDataObject, action, version, answer.RequestId);
		}
		if (!answer || response.statusCode >= 300) throw unexpectedAnswer(TEO_VENDOR, response, 'EdgeOne Endpoint');
		return answer;
	}));
}

/**
 * One DSA API 2.0 call (`Action` and its parameters), throttled to the documented 100 calls per
 * minute. Returns the answer's `data`.
 */
export async function dsaRequest(ctx: TencentContext, params: IDataObject, transfer: TransferOptions): Promise<IDataObject> {
	const url = `${await endpointOf(ctx, 'dsaEndpoint', DSA_DEFAULT_ENDPOINT)}${DSA_PATH}`;
	// The quota window is a minute long: a short backoff would just spend the attempts.
	const quotaWaitMs = Math.min(60000, 20 * transfer.retry.baseDelayMs);
	const key = `tencent-dsa:${credentialKey(ctx)}`;
	return await withRetry(transfer.retry, async () => await throttled(ctx, key, DSA_RATE_LIMIT, async () => {
		const response = await send(
			ctx,
			DSA_VENDOR,
			{ method: 'POST', url, body: params, timeout: transfer.timeoutMs },
			{ credentialType: TENCENT_CREDENTIAL },
		);
		const answer = parseJsonBody(response.body);
		if (!answer || typeof answer.code === 'undefined') throw unexpectedAnswer(DSA_VENDOR, response, 'DSA Endpoint');
		if (Number(answer.code) !== 0) throw dsaError(answer, quotaWaitMs);
		// PHP encodes an empty map as `[]`.
		const data = answer.data;
		return data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : {};
	}));
}

function xmlField(xml: string, name: string): string | undefined {
	return new RegExp(`<${name}>([^<]{1,200})</${name}>`).exec(xml)?.[1]?.trim();
}

/**
 * Start streaming a presigned log URL. It carries its own authorisation, so no credential is
 * attached; a refused link (403/404/410, an XML error from the CDN) means it expired or is unknown.
 * The link may only lead to a public address, the address of the product's endpoint in the
 * credential (a private deployment, the emulator), or an Allowed Download Host.
 */
export async function downloadPresigned(
	ctx: IExecuteFunctions,
	vendor: string,
	url: string,
	transfer: TransferOptions,
): Promise<FullResponse<Readable>> {
	const endpoint =
		vendor === DSA_VENDOR
			? await endpointOf(ctx, 'dsaEndpoint', DSA_DEFAULT_ENDPOINT)
			: await endpointOf(ctx, 'teoEndpoint', TEO_DEFAULT_ENDPOINT);
	const response = await sendPresigned(ctx, {
		vendor,
		url,
		timeoutMs: transfer.timeoutMs,
		policy: { allowedHosts: transfer.allowedDownloadHosts, trustedEndpoints: [endpoint] },
	});
	// A streamed request (`encoding: 'stream'`) always answers with the open body stream.
	if (response.statusCode < 300) return response as FullResponse<Readable>;
	const text = await readSmallBody(response.body);
	if ([403, 404, 410].includes(response.statusCode)) {
		const detail = [xmlField(text, 'Code'), xmlField(text, 'Message')].filter(Boolean).join(': ');
		throw new VendorApiError({
			vendor,
			httpStatus: response.statusCode,
			code: response.statusCode,
			kind: 'notFound',
			message: `the download link has expired or was refused${detail ? ` (${detail})` : ''}`,
			hint: 'Log links are short-lived: list the logs again (run the node again) and download right after listing.',
		});
	}
	throw httpStatusError(vendor, response, text);
}
