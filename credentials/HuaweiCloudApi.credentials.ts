import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import {
	formatSdkDate,
	rfc3986Encode,
	signHuaweiRequest,
	UNSIGNED_PAYLOAD,
} from './common/huaweiSigning';
import { VendorApiError, networkError } from '../nodes/shared/errors';
import { registerSecrets } from '../nodes/shared/redact';

/**
 * Huawei Cloud (vendor-apis.md §2): AK/SK request signing (SDK-HMAC-SHA256) or an IAM user token
 * obtained with a password. One credential serves CloudDC and CodeArts Check; the transports take
 * their endpoints from `huaweiEndpoints` so a private deployment or an emulator can stand in.
 */

export type HuaweiAuthType = 'akSk' | 'password';

export interface HuaweiEndpoints {
	region: string;
	iam: string;
	cloudDc: string;
	codeArtsCheck: string;
}

const VENDOR = 'Huawei Cloud IAM';

/** Regions of the CloudDC (§3.1) and CodeArts Check (§4.1) SDK region tables. */
const REGIONS: Array<{ name: string; value: string }> = [
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

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

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

// ---------------------------------------------------------------------------------------------
// Request plumbing for AK/SK signing

type Headers = IDataObject;

function findHeader(headers: Headers, name: string): string | undefined {
	const lower = name.toLowerCase();
	return Object.keys(headers).find((key) => key.toLowerCase() === lower);
}

function headerValue(headers: Headers, name: string): string | undefined {
	const key = findHeader(headers, name);
	const value = key === undefined ? undefined : headers[key];
	return value === undefined || value === null ? undefined : String(value);
}

/** Set a header, dropping other spellings of its name so exactly one copy is sent. */
function setHeader(headers: Headers, name: string, value: string): void {
	for (let key = findHeader(headers, name); key !== undefined; key = findHeader(headers, name)) {
		delete headers[key];
	}
	headers[name] = value;
}

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
	const raw = options.url ?? options.uri ?? '';
	let url: URL;
	if (/^https?:\/\//i.test(raw)) url = new URL(raw);
	else if (options.baseURL) {
		url = new URL(`${options.baseURL.replace(/\/+$/, '')}/${raw.replace(/^\/+/, '')}`);
	} else throw new Error('Huawei Cloud requests need an absolute URL or a baseURL');
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
		if (!isJsonType(headerValue(headers, 'content-type'))) return body;
		// axios trims a JSON string and JSON-quotes a non-JSON one; pin both down ourselves.
		try {
			JSON.parse(body);
			return settle(body.trim());
		} catch {
			return settle(Buffer.from(body, 'utf8'));
		}
	}
	if (body instanceof URLSearchParams) {
		if (!findHeader(headers, 'content-type')) {
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
	if (!findHeader(headers, 'content-type')) setHeader(headers, 'Content-Type', 'application/json');
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
	registerSecrets(secretKey, securityToken);
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
		const value = headerValue(headers, name);
		if (value !== undefined) signed[name] = value;
	}
	const { authorization } = signHuaweiRequest({
		accessKey,
		secretKey,
		method: options.method ?? 'GET',
		url: url.href,
		headers: signed,
		body: body ?? '',
		sdkDate,
	});
	setHeader(headers, 'Authorization', authorization);
	return options;
}

// ---------------------------------------------------------------------------------------------
// IAM password token

interface IamTokenBody {
	token?: { expires_at?: string; project?: { id?: string } };
	error?: { code?: number; message?: string; title?: string };
	error_code?: string;
	error_msg?: string;
}

function tokenRequestBody(credentials: ICredentialDataDecryptedObject): IDataObject {
	const projectId = str(credentials.projectId);
	return {
		auth: {
			identity: {
				methods: ['password'],
				password: {
					user: {
						name: str(credentials.userName),
						password: typeof credentials.password === 'string' ? credentials.password : '',
						domain: { name: str(credentials.domainName) },
					},
				},
			},
			// Project-scoped, because CloudDC is a project-level service.
			scope: { project: projectId ? { id: projectId } : { name: huaweiRegion(credentials) } },
		},
	};
}

function parseBody(body: unknown): IamTokenBody {
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as IamTokenBody;
		} catch {
			return {};
		}
	}
	return body && typeof body === 'object' ? (body as IamTokenBody) : {};
}

function iamMessage(body: IamTokenBody): string {
	return str(body.error?.message) || str(body.error_msg);
}

/** Classify a failed token request; the text never holds the password or a token. */
export function iamTokenError(status: number, body: IamTokenBody): VendorApiError {
	const message = iamMessage(body);
	const code =
		body.error_code ?? (body.error?.code !== undefined ? String(body.error.code) : status);
	const base = { vendor: VENDOR, httpStatus: status, code };
	if (status === 401 && /lock/i.test(message)) {
		return new VendorApiError({
			...base,
			kind: 'auth',
			message: 'the IAM user is locked after too many wrong passwords',
			hint:
				'Wait for the lockout period (account lockout policy) to end or ask the account ' +
				'administrator to unlock the user, then fix the password before trying again.',
		});
	}
	if (status === 401) {
		return new VendorApiError({
			...base,
			kind: 'auth',
			message: 'the IAM user name, password or account name is wrong',
			hint:
				'Use an IAM user (a HUAWEI ID cannot get tokens), its account (domain) name and its ' +
				'password. Repeated wrong passwords lock the user.',
		});
	}
	if (status === 429 || status >= 500) {
		return new VendorApiError({
			...base,
			kind: status === 429 ? 'throttle' : 'server',
			retryable: true,
			message: `IAM could not issue a token (HTTP ${status})${message ? `: ${message}` : ''}`,
		});
	}
	const hints: Record<number, string> = {
		400: 'Check the region or project ID in the credential: the token is scoped to that project.',
		403:
			'The IAM user may not obtain tokens: check that programmatic access is enabled and ' +
			'that login protection (MFA) is not required for API use.',
		404: 'Check the IAM endpoint (or the region) in the credential.',
	};
	return new VendorApiError({
		...base,
		kind: 'auth',
		message: `IAM refused the token request (HTTP ${status})${message ? `: ${message}` : ''}`,
		hint: hints[status] ?? 'Check the credential settings.',
	});
}

function expiresAtMs(value: string | undefined): number {
	const parsed = Date.parse(value ?? '');
	// IAM tokens live 24 h; if the date is unreadable, assume a safe 23 h.
	return Number.isFinite(parsed) ? parsed : Date.now() + 23 * 3600 * 1000;
}

async function requestIamToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	registerSecrets(credentials.password);
	let response: IN8nHttpFullResponse;
	try {
		response = (await helper.helpers.httpRequest({
			method: 'POST',
			url: `${huaweiEndpoints(credentials).iam}/v3/auth/tokens`,
			qs: { nocatalog: 'true' },
			headers: { 'Content-Type': 'application/json;charset=utf8' },
			body: tokenRequestBody(credentials),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		// The raw error carries the request body (with the password): keep nothing but its code.
		throw (
			networkError(VENDOR, error) ??
			new VendorApiError({ vendor: VENDOR, kind: 'network', message: 'the token request failed' })
		);
	}
	const body = parseBody(response.body);
	const headers = (response.headers ?? {}) as IDataObject;
	const token = headerValue(headers, 'x-subject-token');
	if (response.statusCode !== 201 && response.statusCode !== 200) {
		throw iamTokenError(response.statusCode, body);
	}
	if (!token) {
		throw new VendorApiError({
			vendor: VENDOR,
			kind: 'auth',
			httpStatus: response.statusCode,
			message: 'IAM answered without an X-Subject-Token header',
			hint: 'Check that the IAM endpoint is Huawei Cloud IAM, not a proxy that strips headers.',
		});
	}
	registerSecrets(token);
	return {
		iamToken: token,
		iamTokenExpiresAt: expiresAtMs(body.token?.expires_at),
		iamTokenProjectId: str(body.token?.project?.id),
	};
}

// ---------------------------------------------------------------------------------------------
// Credential type

const akSk = { show: { authType: ['akSk'] } };
const password = { show: { authType: ['password'] } };

const iamBaseUrl =
	'={{ $credentials.iamEndpoint || ("https://iam." + ($credentials.region === "custom" ? ' +
	'$credentials.customRegion : $credentials.region) + ".myhuaweicloud.com") }}';
const regionExpression =
	'={{ $credentials.region === "custom" ? $credentials.customRegion : $credentials.region }}';

const gatewayMessage = (text: string) => `Incorrect IAM authentication information: ${text}`;

export class HuaweiCloudApi implements ICredentialType {
	name = 'huaweiCloudApi';

	displayName = 'Huawei Cloud API';

	icon: Icon = { light: 'file:icons/huaweiCloud.svg', dark: 'file:icons/huaweiCloud.dark.svg' };

	documentationUrl =
		'https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-algorithm-001.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'AK/SK (Recommended)',
					value: 'akSk',
					description: 'Sign every request with an access key pair',
				},
				{
					name: 'IAM Password (Token)',
					value: 'password',
					description: 'Obtain a 24-hour IAM user token with a user name and password',
				},
			],
			default: 'akSk',
		},
		{
			displayName: 'Access Key ID (AK)',
			name: 'accessKey',
			type: 'string',
			default: '',
			required: true,
			displayOptions: akSk,
		},
		{
			displayName: 'Secret Access Key (SK)',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: akSk,
		},
		{
			displayName: 'Security Token',
			name: 'securityToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary access keys (STS); leave empty for permanent keys',
			displayOptions: akSk,
		},
		{
			displayName: 'IAM User Name',
			name: 'userName',
			type: 'string',
			default: '',
			required: true,
			displayOptions: password,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'After five wrong passwords IAM locks the user for a while',
			displayOptions: password,
		},
		{
			displayName: 'Account Name',
			name: 'domainName',
			type: 'string',
			default: '',
			required: true,
			description: 'The account (domain) the IAM user belongs to',
			displayOptions: password,
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: REGIONS,
			default: 'cn-south-1',
		},
		{
			displayName: 'Region ID',
			name: 'customRegion',
			type: 'string',
			default: '',
			placeholder: 'e.g. ap-southeast-1',
			required: true,
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			description:
				'IAM project ID of the region. Leave empty to look it up from the region through IAM.',
		},
		{
			displayName: 'IAM Endpoint',
			name: 'iamEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://iam.cn-south-1.myhuaweicloud.com',
			description: 'Leave empty to use the public endpoint of the region',
		},
		{
			displayName: 'CloudDC Endpoint',
			name: 'cloudDcEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://clouddc.cn-south-1.myhuaweicloud.com',
			description: 'Leave empty to use the public endpoint of the region',
		},
		{
			displayName: 'CodeArts Check Endpoint',
			name: 'codeArtsCheckEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://codearts-check.cn-south-1.myhuaweicloud.com',
			description:
				'Leave empty to use the public endpoint of the region. Some regions use ' +
				'https://codecheck-ext.{region}.myhuaweicloud.com instead.',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the certificate cannot be verified (private deployments)',
		},
		{
			displayName: 'IAM Token',
			name: 'iamToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'IAM Token Expires At',
			name: 'iamTokenExpiresAt',
			type: 'hidden',
			typeOptions: { password: true },
			default: 0,
		},
		{
			displayName: 'IAM Token Project ID',
			name: 'iamTokenProjectId',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// AK/SK needs no token; n8n calls this on every request while iamToken is empty.
		if (huaweiAuthType(credentials) !== 'password') return {};
		return await requestIamToken(this, credentials);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (huaweiAuthType(credentials) === 'akSk') {
			return signRequestOptions(credentials, requestOptions);
		}
		const options = { ...requestOptions, headers: { ...(requestOptions.headers ?? {}) } };
		const token = str(credentials.iamToken);
		registerSecrets(token);
		// Without a token the request fails with 401, which makes n8n fetch one and retry.
		if (token) setHeader(options.headers, 'X-Auth-Token', token);
		return options;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: iamBaseUrl,
			url: '/v3/projects',
			qs: { name: regionExpression },
			method: 'GET',
			json: true,
			skipSslCertificateValidation: '={{ $credentials.ignoreSslIssues }}',
			// Let every answer reach the rules: the gateway tells failures apart only in the body.
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error_msg',
					value: gatewayMessage('verify aksk signature fail'),
					message:
						'Wrong Secret Access Key: the signature did not verify. Check the SK of this AK.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error_msg',
					value: gatewayMessage('signature expired'),
					message:
						'Signature expired: the n8n server clock is over 15 minutes off. Synchronise it (NTP).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error_msg',
					value: gatewayMessage('AK access failed to reach the limit,forbidden.'),
					message:
						'Access key locked for 5 minutes after repeated failures: fix the SK, retry later.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error_msg',
					value: gatewayMessage('decrypt token fail'),
					message: 'IAM rejected the token. Save the credential again to obtain a new one.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error_code',
					value: 'APIGW.0301',
					message:
						'Authentication failed: check that the Access Key ID exists, the Secret Access Key, ' +
						'the security token of temporary keys, and the server clock.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error_code',
					value: 'APIGW.0302',
					message:
						'The credentials are valid, but this IAM user may not call IAM (permission denied).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 403,
					message:
						'The credentials are valid, but this IAM user lacks permission to list projects ' +
						'(iam:projects:list). Set the Project ID in the credential.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error_code',
					value: 'APIGW.0308',
					message: 'Huawei Cloud is throttling requests from this key. Try again in a moment.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error_code',
					value: 'APIGW.0101',
					message: 'IAM API not found: check the IAM endpoint.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'projects[0].id',
					value: undefined,
					message:
						'IAM did not return a project for this region: check the region (or the IAM endpoint).',
				},
			},
		],
	};
}
