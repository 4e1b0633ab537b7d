import { randomInt } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { VendorApiError } from '../nodes/shared/errors';
import { registerCredentialSecrets, registerRequestSecrets } from '../nodes/shared/redact';
import {
	encodeForm,
	signTc3,
	signTencentV2,
	tencentServiceOf,
	type TencentV2Algorithm,
} from './common/tencentSigning';

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
	// Keys pasted from the console often carry a trailing space or newline.
	const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	const keys = {
		secretId: text(credentials.secretId),
		secretKey: text(credentials.secretKey),
		sessionToken: text(credentials.sessionToken),
		teoEndpoint: text(credentials.teoEndpoint),
	};
	if (!keys.secretId || !keys.secretKey) {
		throw inputError(
			'the credential has no SecretId or SecretKey',
			'Fill in both fields of the Tencent Cloud API credential.',
		);
	}
	return keys;
}

/** The URL axios will request: an absolute `url` wins, else `baseURL` joined as axios joins it. */
function requestUrl(options: IHttpRequestOptions): URL {
	const url = options.url ?? '';
	const absolute = /^[a-z][a-z\d+.-]*:\/\//i.test(url);
	const full =
		absolute || !options.baseURL
			? url
			: url
				? `${options.baseURL.replace(/\/?\/$/, '')}/${url.replace(/^\/+/, '')}`
				: options.baseURL;
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

function headerValue(headers: IDataObject, name: string): string | undefined {
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return value === undefined || value === null ? undefined : String(value);
}

function withoutHeaders(headers: IDataObject | undefined, names: string[]): IDataObject {
	const kept: IDataObject = {};
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (!names.includes(key.toLowerCase())) kept[key] = value;
	}
	return kept;
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
	const action = headerValue(options.headers ?? {}, 'x-tc-action');
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

function authRule(code: string, message: string) {
	return {
		type: 'responseSuccessBody' as const,
		properties: { key: 'Response.Error.Code', value: code, message },
	};
}

const BAD_KEY =
	'Tencent Cloud does not know this SecretId. Copy the SecretId again from the console ' +
	'(CAM > API Keys) without spaces, and check that the key is enabled.';

export class TencentCloudApi implements ICredentialType {
	name = 'tencentCloudApi';

	displayName = 'Tencent Cloud API';

	icon: Icon = { light: 'file:icons/tencentCloud.svg', dark: 'file:icons/tencentCloud.dark.svg' };

	documentationUrl = 'https://cloud.tencent.com/document/api/213/30654';

	properties: INodeProperties[] = [
		{
			displayName: 'SecretId',
			name: 'secretId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'AKID…',
			description: 'The SecretId of a Tencent Cloud API key (CAM > API Keys)',
		},
		{
			displayName: 'SecretKey',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The SecretKey that belongs to the SecretId',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for temporary credentials (STS): the token issued with the temporary SecretId and ' +
				'SecretKey. Leave empty for a permanent API key.',
		},
		{
			displayName: 'EdgeOne Endpoint',
			name: 'teoEndpoint',
			type: 'string',
			default: 'https://teo.tencentcloudapi.com',
			hint: 'The international site uses https://teo.intl.tencentcloudapi.com',
			description: 'Base URL of the EdgeOne (teo) API 3.0 endpoint',
		},
		{
			displayName: 'DSA Endpoint',
			name: 'dsaEndpoint',
			type: 'string',
			default: 'https://dsa.api.qcloud.com',
			description: 'Base URL of the Dynamic Site Acceleration API 2.0 endpoint',
		},
		{
			displayName: 'Processes Sharing This Credential',
			name: 'sharingProcesses',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
			description:
				'How many n8n processes use this account at the same time (queue-mode workers plus main, or several n8n instances). The documented rate limits are divided among them, so together they stay under the limit.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const keys = readKeys(credentials);
		const url = requestUrl(requestOptions);
		return url.pathname === API_V2_PATH
			? signApiV2(keys, url, requestOptions)
			: signApiV3(keys, url, requestOptions);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.teoEndpoint}}',
			url: '/',
			method: 'POST',
			headers: { 'X-TC-Action': 'DescribeZones', 'X-TC-Version': '2022-09-01' },
			body: { Limit: 1 },
		},
		rules: [
			authRule('AuthFailure.SecretIdNotFound', BAD_KEY),
			authRule('AuthFailure.InvalidSecretId', BAD_KEY),
			authRule(
				'AuthFailure.SignatureFailure',
				'The SecretId is known but the signature does not match: the SecretKey is wrong. ' +
					'Copy the SecretKey that belongs to this SecretId again.',
			),
			authRule(
				'AuthFailure.SignatureExpire',
				"The request time is more than 5 minutes away from Tencent Cloud's time. " +
					'Fix the clock of the n8n host (enable NTP time sync) and test again.',
			),
			authRule(
				'AuthFailure.TokenFailure',
				'The Session Token is invalid or has expired. Get new temporary credentials, ' +
					'or leave Session Token empty when using a permanent API key.',
			),
			authRule(
				'AuthFailure.UnauthorizedOperation',
				'The key is valid but CAM does not allow it to call EdgeOne (teo:DescribeZones). ' +
					'Grant this user or role read access to EdgeOne.',
			),
		],
	};
}
