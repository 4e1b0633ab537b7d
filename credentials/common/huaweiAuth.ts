/**
 * Huawei Cloud authentication helpers behind the HuaweiCloudApi credential: the endpoints of the
 * region and AK/SK request signing (SDK-HMAC-SHA256, as Huawei's "API request signing" guide
 * describes it). The IAM password token lives in huaweiIamToken.ts. The transports take their
 * endpoints from `huaweiEndpoints`, so a private deployment or an emulator can stand in.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { formatSdkDate, rfc3986Encode, signHuaweiRequest, UNSIGNED_PAYLOAD } from './huaweiSigning';
import { registerCredentialSecrets, registerRequestSecrets } from '../../nodes/shared/redact';
import { header, headerKey, requestUrl, setHeader, str } from './requestOptions';

export type HuaweiAuthType = 'akSk' | 'password';

export interface HuaweiEndpoints {
	region: string;
	iam: string;
	cloudDc: string;
	codeArtsCheck: string;
}

export const HUAWEI_IAM_VENDOR = 'Huawei Cloud IAM';

/** Regions listed in the region tables of the CloudDC and CodeArts Check SDKs. */
export const HUAWEI_REGIONS: Array<{ name: string; value: string }> = [
	{ name: 'AP-Singapore (ap-southeast-3)', value: 'ap-southeast-3' },
	{ name: 'CN East-Shanghai1 (cn-east-3)', value: 'cn-east-3' },
	{ name: 'CN East-Shanghai2 (cn-east-2)', value: 'cn-east-2' },
	{ name: 'CN North-Beijing1 (cn-north-1)', value: 'cn-north-1' },
	{ name: 'CN North-Beijing4 (cn-north-4)', value: 'cn-north-4' },
	{ name: 'CN South-Guangzhou (cn-south-1)', value: 'cn-south-1' },
	{ name: 'CN Southwest-Guiyang1 (cn-southwest-2)', value: 'cn-southwest-2' },
	{ name: 'LA-Mexico City2 (la-north-2)', value: 'la-north-2' },
	{ name: 'LA-Sao Paulo1 (sa-brazil-1)', value: 'sa-brazil-1' },
	{ name: 'Other (Enter Region ID)', value: 'custom' },
];

export function huaweiAuthType(credentials: ICredentialDataDecryptedObject): HuaweiAuthType {
	return credentials.authType === 'password' ? 'password' : 'akSk';
}

export function huaweiRegion(credentials: ICredentialDataDecryptedObject): string {
	return credentials.region === 'custom' ? str(credentials.customRegion) : str(credentials.region);
}

const endpoint = (override: unknown, fallback: string): string =>
	(str(override) || fallback).replace(/\/+$/, '');

/** Service base URLs: the override when set, else the public pattern for the region. */
export function huaweiEndpoints(credentials: ICredentialDataDecryptedObject): HuaweiEndpoints {
	const region = huaweiRegion(credentials);
	return {
		region,
		iam: endpoint(credentials.iamEndpoint, `https://iam.${region}.myhuaweicloud.com`),
		cloudDc: endpoint(credentials.cloudDcEndpoint, `https://clouddc.${region}.myhuaweicloud.com`),
		codeArtsCheck: endpoint(
			credentials.codeArtsCheckEndpoint,
			`https://codearts-check.${region}.myhuaweicloud.com`,
		),
	};
}

type Headers = IDataObject;

function queryPairs(
	qs: IDataObject | undefined,
	format: string | undefined,
): Array<[string, string]> {
	const pairs: Array<[string, string]> = [];
	const scalar = (value: unknown): string =>
		value instanceof Date
			? value.toISOString()
			: typeof value === 'object'
				? JSON.stringify(value)
				: String(value);
	for (const [key, value] of Object.entries(qs ?? {})) {
		// axios drops null and undefined parameters; doing the same keeps signed and sent in step.
		if (value === undefined || value === null) continue;
		if (!Array.isArray(value)) {
			pairs.push([key, scalar(value)]);
		} else if (format === 'comma') {
			pairs.push([key, value.map(scalar).join(',')]);
		} else {
			value.forEach((item, i) => {
				const name =
					format === 'brackets' ? `${key}[]` : format === 'indices' ? `${key}[${i}]` : key;
				pairs.push([name, scalar(item)]);
			});
		}
	}
	return pairs;
}

/**
 * The absolute URL the request goes to, with `qs` folded in. The query must be part of the
 * signature, and axios would otherwise serialise `qs` its own way after we signed.
 */
function resolveUrl(options: IHttpRequestOptions & { uri?: string }): URL {
	const full = requestUrl(options);
	if (!/^https?:\/\//i.test(full)) throw new Error('Huawei Cloud requests need an absolute URL or a baseURL');
	const url = new URL(full);
	const extra = queryPairs(options.qs, options.arrayFormat)
		.map(([key, value]) => `${rfc3986Encode(key)}=${rfc3986Encode(value)}`)
		.join('&');
	if (extra) url.search = url.search.length > 1 ? `${url.search}&${extra}` : `?${extra}`;
	return url;
}

const isJsonType = (contentType: string | undefined) => /[/+]json\b/i.test(contentType ?? '');

function isStreamLike(body: object): boolean {
	return typeof (body as { pipe?: unknown }).pipe === 'function' || Symbol.asyncIterator in body;
}

/**
 * Settle the bytes that will be sent and return them for hashing (undefined = cannot hash).
 * Mirrors what axios does to each body type so the signed bytes are the transmitted bytes.
 */
function settleBody(options: IHttpRequestOptions, headers: Headers): string | Buffer | undefined {
	const body = options.body as unknown;
	const settle = (bytes: string | Buffer) => {
		options.body = bytes;
		return bytes;
	};
	if (body === undefined || body === null) return '';
	if (Buffer.isBuffer(body)) return body;
	if (typeof body === 'string') {
		if (!isJsonType(header(headers, 'content-type'))) return body;
		// axios trims a JSON string and JSON-quotes a non-JSON one; pin both down ourselves.
		try {
			JSON.parse(body);
			return settle(body.trim());
		} catch {
			return settle(Buffer.from(body, 'utf8'));
		}
	}
	if (body instanceof URLSearchParams) {
		if (!headerKey(headers, 'content-type')) {
			setHeader(headers, 'Content-Type', 'application/x-www-form-urlencoded');
		}
		return settle(body.toString());
	}
	if (ArrayBuffer.isView(body)) {
		return settle(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
	}
	if (body instanceof ArrayBuffer) return settle(Buffer.from(body));
	if (typeof body === 'object' && (isStreamLike(body) || body.constructor?.name === 'FormData')) {
		return undefined;
	}
	if (!headerKey(headers, 'content-type')) setHeader(headers, 'Content-Type', 'application/json');
	return settle(JSON.stringify(body) ?? '');
}

/** host[:port] as Node sends it, the port left out when it is 80 or 443. */
function hostHeader(url: URL): string {
	const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
	return `${url.hostname}${port}`;
}

/** Headers that are signed when the request carries them (besides host and x-sdk-date). */
const OPTIONAL_SIGNED = [
	'content-type',
	'x-project-id',
	'x-security-token',
	'x-sdk-content-sha256',
];

/** AK/SK: sign the request as it will be sent. `now` is injectable for tests. */
export function signRequestOptions(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	now: Date = new Date(),
): IHttpRequestOptions {
	const accessKey = str(credentials.accessKey);
	const secretKey = str(credentials.secretKey);
	const securityToken = str(credentials.securityToken);
	registerCredentialSecrets(secretKey, securityToken);
	const options: IHttpRequestOptions & { uri?: string } = {
		...requestOptions,
		headers: { ...(requestOptions.headers ?? {}) },
	};
	const headers = options.headers as Headers;
	const url = resolveUrl(options);
	if (options.uri !== undefined && options.url === undefined) options.uri = url.href;
	else options.url = url.href;
	delete options.baseURL;
	delete options.qs;

	const sdkDate = formatSdkDate(now);
	setHeader(headers, 'Host', hostHeader(url));
	setHeader(headers, 'X-Sdk-Date', sdkDate);
	if (securityToken) setHeader(headers, 'X-Security-Token', securityToken);
	const body = settleBody(options, headers);
	if (body === undefined) setHeader(headers, 'X-Sdk-Content-Sha256', UNSIGNED_PAYLOAD);

	const signed: Record<string, string> = { host: hostHeader(url), 'x-sdk-date': sdkDate };
	for (const name of OPTIONAL_SIGNED) {
		const value = header(headers, name);
		if (value !== undefined) signed[name] = value;
	}
	const { authorization, signature } = signHuaweiRequest({
		accessKey,
		secretKey,
		method: options.method ?? 'GET',
		url: url.href,
		headers: signed,
		body: body ?? '',
		sdkDate,
	});
	registerRequestSecrets(signature);
	setHeader(headers, 'Authorization', authorization);
	return options;
}
