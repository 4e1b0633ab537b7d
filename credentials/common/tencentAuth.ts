/**
 * What the TencentCloudApi credential does to each request: API 2.0 (DSA) is signed with the
 * HmacSHA1/HmacSHA256 signature into its form body, API 3.0 (EdgeOne) with TC3-HMAC-SHA256 into
 * its headers. The signatures themselves are tencentSigning.ts.
 */
import { randomInt } from 'crypto';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import { VendorApiError } from '../../nodes/shared/errors';
import { registerCredentialSecrets, registerRequestSecrets } from '../../nodes/shared/redact';
import { header, requestUrl, str, withoutHeaders } from './requestOptions';
import { encodeForm, signTc3, signTencentV2, tencentServiceOf, type TencentV2Algorithm } from './tencentSigning';

/** API 2.0 (DSA) has one fixed path; everything else is API 3.0 and signed with TC3. */
const API_V2_PATH = '/v2/index.php';
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const VENDOR = 'Tencent Cloud';
/** Common parameters authenticate() owns: any value the caller passed is replaced. */
const V2_OWN_PARAMS = ['Signature', 'SecretId', 'Timestamp', 'Nonce', 'Token'];
/** Headers authenticate() owns; dropped in any letter case so the request never carries two. */
const TC3_OWN_HEADERS = ['authorization', 'content-type', 'x-tc-timestamp', 'x-tc-token'];

interface TencentKeys {
	secretId: string;
	secretKey: string;
	sessionToken: string;
	teoEndpoint: string;
}

function inputError(message: string, hint?: string): VendorApiError {
	return new VendorApiError({ vendor: VENDOR, kind: 'input', message, hint });
}

function readKeys(credentials: ICredentialDataDecryptedObject): TencentKeys {
	const keys = {
		secretId: str(credentials.secretId),
		secretKey: str(credentials.secretKey),
		sessionToken: str(credentials.sessionToken),
		teoEndpoint: str(credentials.teoEndpoint),
	};
	if (!keys.secretId || !keys.secretKey) {
		throw inputError(
			'the credential has no SecretId or SecretKey',
			'Fill in both fields of the Tencent Cloud API credential.',
		);
	}
	return keys;
}

function urlOf(options: IHttpRequestOptions): URL {
	const full = requestUrl(options);
	try {
		return new URL(full);
	} catch {
		throw inputError(
			`the request URL "${full}" is not valid`,
			'Check the endpoint fields of the credential.',
		);
	}
}

function hostOf(endpoint: string): string | undefined {
	try {
		return new URL(endpoint).host.toLowerCase();
	} catch {
		return undefined;
	}
}

/** API 2.0 carries every value as text; structured values (e.g. `hosts`) travel as JSON text. */
function paramText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}

function sourceParams(body: unknown): Record<string, unknown> {
	if (body === undefined || body === null || body === '') return {};
	// A string body is our own earlier form output, met again when n8n re-authenticates a retry.
	if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
	if (body instanceof URLSearchParams) return Object.fromEntries(body);
	if (typeof body === 'object' && !Buffer.isBuffer(body) && !Array.isArray(body)) {
		return body as Record<string, unknown>;
	}
	throw inputError('an API 2.0 request needs its parameters as an object body');
}

function v2Params(options: IHttpRequestOptions): Record<string, string> {
	const params: Record<string, string> = {};
	const merged = { ...(options.qs ?? {}), ...sourceParams(options.body) };
	for (const [name, value] of Object.entries(merged)) {
		if (value === undefined || value === null || V2_OWN_PARAMS.includes(name)) continue;
		params[name] = paramText(value);
	}
	if (!params.Action) throw inputError('an API 2.0 request needs an Action parameter');
	return params;
}

function v2Algorithm(params: Record<string, string>): TencentV2Algorithm {
	// The server picks SHA-1 for anything but HmacSHA256, so only two values are worth sending.
	return params.SignatureMethod === 'HmacSHA1' ? 'HmacSHA1' : 'HmacSHA256';
}

function signApiV2(keys: TencentKeys, url: URL, options: IHttpRequestOptions): IHttpRequestOptions {
	const params = v2Params(options);
	params.SignatureMethod = v2Algorithm(params);
	params.SecretId = keys.secretId;
	params.Timestamp = String(Math.floor(Date.now() / 1000));
	// Tencent rejects a Nonce it has seen before, so every request draws a fresh one.
	params.Nonce = String(randomInt(1, 2 ** 31));
	if (keys.sessionToken) params.Token = keys.sessionToken;
	const { signature } = signTencentV2({
		secretKey: keys.secretKey,
		method: 'POST',
		host: url.host,
		path: url.pathname,
		params,
		algorithm: params.SignatureMethod as TencentV2Algorithm,
	});
	registerCredentialSecrets(keys.secretId, keys.secretKey, keys.sessionToken);
	registerRequestSecrets(signature);
	const headers = withoutHeaders(options.headers, ['content-type', 'authorization']);
	headers['Content-Type'] = FORM_CONTENT_TYPE;
	return {
		...options,
		method: 'POST',
		qs: undefined,
		headers,
		body: encodeForm({ ...params, Signature: signature }),
	};
}

/** Serialise once: the bytes hashed into the signature must be the bytes sent. */
function jsonPayload(body: unknown): string | Buffer {
	if (body === undefined || body === null || body === '') return '{}';
	if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
	if (
		body instanceof URLSearchParams ||
		typeof (body as { getHeaders?: unknown }).getHeaders === 'function'
	) {
		throw inputError('an API 3.0 request needs a JSON body');
	}
	return JSON.stringify(body);
}

function signApiV3(keys: TencentKeys, url: URL, options: IHttpRequestOptions): IHttpRequestOptions {
	const action = header(options.headers ?? {}, 'x-tc-action');
	if (!action) throw inputError('an API 3.0 request needs an X-TC-Action header');
	const payload = jsonPayload(options.body);
	const host = url.host.toLowerCase();
	// A custom teo endpoint (proxy, emulator) does not name the service in its host.
	const service = host === hostOf(keys.teoEndpoint) ? 'teo' : tencentServiceOf(host);
	const timestamp = Math.floor(Date.now() / 1000);
	const signed = signTc3({
		secretId: keys.secretId,
		secretKey: keys.secretKey,
		service,
		host,
		action,
		timestamp,
		payload,
		contentType: JSON_CONTENT_TYPE,
	});
	registerCredentialSecrets(keys.secretId, keys.secretKey, keys.sessionToken);
	registerRequestSecrets(signed.signature);
	const headers = withoutHeaders(options.headers, TC3_OWN_HEADERS);
	headers['Content-Type'] = JSON_CONTENT_TYPE;
	headers['X-TC-Timestamp'] = String(timestamp);
	if (keys.sessionToken) headers['X-TC-Token'] = keys.sessionToken;
	headers.Authorization = signed.authorization;
	// Always POST: n8n drops the body of a GET, which would break the signed payload hash.
	return { ...options, method: 'POST', headers, body: payload };
}

/** Sign a request for the product its path names: API 2.0 (DSA) or API 3.0 (EdgeOne). */
export function tencentAuthenticate(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const keys = readKeys(credentials);
	const url = urlOf(requestOptions);
	return url.pathname === API_V2_PATH
		? signApiV2(keys, url, requestOptions)
		: signApiV3(keys, url, requestOptions);
}
