/**
 * What the EdgeOne and DSA transports share: the Tencent Cloud credential, whose `authenticate`
 * signs (TC3 for EdgeOne's API 3.0, the API 2.0 signature for DSA), the endpoint a product's
 * credential field names, client-side rate limits per credential, and the presigned CDN downloads
 * both products hand out (no credential). Each product's request function is in its transport/.
 */
import type { IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';
import type { Readable } from 'stream';
import { readSmallBody } from '../shared/download';
import { VendorApiError } from '../shared/errors';
import { httpStatusError, sendHttp } from '../shared/http';
import type { FullResponse } from '../shared/http';
import { sendPresigned } from '../shared/presigned';
import { acquireRateSlot, reportThrottle } from '../shared/rateLimit';
import type { RateLimit } from '../shared/rateLimit';
import { withRetry } from '../shared/retry';
import type { TransferOptions } from '../shared/transferOptions';

export const CREDENTIAL_TYPE = 'tencentCloudApi';

/** Both execution and dropdown-loading contexts call the API. */
export type TencentContext = IExecuteFunctions | ILoadOptionsFunctions;

/** What tells the products apart: their name in messages and their endpoint field. */
export interface TencentProduct {
	vendor: string;
	endpointField: 'teoEndpoint' | 'dsaEndpoint';
	/** The endpoint field's label in the credential. */
	endpointName: string;
	defaultEndpoint: string;
}

/** Limits are counted per account, so every execution using the same credential shares one window. */
export function credentialKey(ctx: TencentContext): string {
	const ref = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	return ref?.id ?? ref?.name ?? 'default';
}

/** How many processes (queue-mode workers, n8n instances) use this credential's account. */
async function sharingProcesses(ctx: TencentContext): Promise<number> {
	const value = Number((await ctx.getCredentials(CREDENTIAL_TYPE)).sharingProcesses ?? 1);
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

/**
 * One call of a product's API, signed by the credential: each attempt takes a slot of the
 * product's rate limit (`rateKey` names its window), and `read` turns the answer into the result
 * or throws the product's error; throttling, 5xx and network failures are retried.
 */
export async function tencentApiRequest<T>(
	ctx: TencentContext,
	product: TencentProduct,
	rate: { key: string; limit: RateLimit },
	options: IHttpRequestOptions,
	transfer: TransferOptions,
	read: (response: FullResponse) => T,
): Promise<T> {
	return await withRetry(transfer.retry, async () => await throttled(ctx, rate.key, rate.limit, async () => {
		// sendHttp only uses `helpers` and the optional cancel signal, which a load-options context has too.
		const response = await sendHttp(ctx as IExecuteFunctions, product.vendor, { ...options, timeout: transfer.timeoutMs }, {
			credentialType: CREDENTIAL_TYPE,
		});
		return read(response);
	}));
}

export async function endpointOf(ctx: TencentContext, product: TencentProduct): Promise<string> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const value = String(credentials[product.endpointField] ?? '').trim() || product.defaultEndpoint;
	if (!/^https?:\/\/[^/\s]+/i.test(value)) {
		throw new VendorApiError({
			vendor: product.vendor,
			kind: 'input',
			message: `the ${product.endpointName} "${value}" is not a URL`,
			hint: `Set the ${product.endpointName} of the credential to a URL such as ${product.defaultEndpoint}.`,
		});
	}
	return value.replace(/\/+$/, '');
}

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return body === undefined ? '' : JSON.stringify(body);
}

/** An answer that is neither the product's result nor its error: an HTTP error, or not Tencent at all. */
export function unexpectedAnswer(product: TencentProduct, response: FullResponse): VendorApiError {
	if (response.statusCode >= 300) return httpStatusError(product.vendor, response, bodyText(response.body));
	return new VendorApiError({
		vendor: product.vendor,
		kind: 'other',
		message: 'the answer is not a Tencent Cloud API response',
		hint: `Check the ${product.endpointName} of the credential.`,
	});
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
	product: TencentProduct,
	url: string,
	transfer: TransferOptions,
): Promise<FullResponse<Readable>> {
	const { vendor } = product;
	const endpoint = await endpointOf(ctx, product);
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
