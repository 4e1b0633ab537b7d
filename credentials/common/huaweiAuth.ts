/**
 * Huawei Cloud authentication helpers behind the HuaweiCloudApi credential (vendor-apis.md §2):
 * AK/SK request signing (SDK-HMAC-SHA256), the IAM password token, and the endpoints of the
 * region. The transports take their endpoints from `huaweiEndpoints`, so a private deployment or
 * an emulator can stand in.
 */
import { createHash } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { formatSdkDate, rfc3986Encode, signHuaweiRequest, UNSIGNED_PAYLOAD } from './huaweiSigning';
import { VendorApiError, networkError } from '../../nodes/shared/errors';
import { registerCredentialSecrets, registerRequestSecrets } from '../../nodes/shared/redact';

export type HuaweiAuthType = 'akSk' | 'password';

export interface HuaweiEndpoints {
	region: string;
	iam: string;
	cloudDc: string;
	codeArtsCheck: string;
}

export const HUAWEI_IAM_VENDOR = 'Huawei Cloud IAM';
const VENDOR = HUAWEI_IAM_VENDOR;

/** Regions of the CloudDC (§3.1) and CodeArts Check (§4.1) SDK region tables. */
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
		const value = headerValue(headers, name);
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
				'password. Repeated wrong passwords lock the user, so the same password is not tried ' +
				'again for 15 minutes; saving a corrected one takes effect at once.',
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

/**
 * Logins IAM refused as wrong, by a hash of endpoint, account, user and password. IAM locks a user
 * after five wrong passwords, and parallel downloads or later runs would each try again.
 */
const rejectedLogins = new Map<string, { at: number; status: number; body: IamTokenBody }>();
const REJECTED_LOGIN_MEMORY_MS = 15 * 60 * 1000;

function loginKey(credentials: ICredentialDataDecryptedObject): string {
	const password = typeof credentials.password === 'string' ? credentials.password : '';
	const parts = [huaweiEndpoints(credentials).iam, str(credentials.domainName), str(credentials.userName), password];
	return createHash('sha256').update(parts.join('\n')).digest('hex');
}

function rememberRejection(key: string, status: number, body: IamTokenBody): void {
	// A lockout is not remembered: the right password must get through once it ends.
	if (status !== 401 || /lock/i.test(iamMessage(body))) return;
	if (rejectedLogins.size >= 100) rejectedLogins.delete(rejectedLogins.keys().next().value as string);
	rejectedLogins.set(key, { at: Date.now(), status, body: { error: body.error, error_code: body.error_code } });
}

export async function requestIamToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	registerCredentialSecrets(credentials.password);
	const key = loginKey(credentials);
	const rejected = rejectedLogins.get(key);
	// A fresh error each time: n8n rewrites the errors it wraps.
	if (rejected && Date.now() - rejected.at < REJECTED_LOGIN_MEMORY_MS) {
		throw iamTokenError(rejected.status, rejected.body);
	}
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
		rememberRejection(key, response.statusCode, body);
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
	registerCredentialSecrets(token);
	return {
		iamToken: token,
		iamTokenExpiresAt: expiresAtMs(body.token?.expires_at),
		iamTokenProjectId: str(body.token?.project?.id),
		iamTokenScope: iamTokenScope(credentials),
	};
}

/**
 * Which IAM, account, user and project a token was issued for. A token is renewed when these
 * change, so editing the region or user never sends a token of the old scope.
 */
export function iamTokenScope(credentials: ICredentialDataDecryptedObject): string {
	const { iam, region } = huaweiEndpoints(credentials);
	const parts = [iam, str(credentials.domainName), str(credentials.userName), region, str(credentials.projectId)];
	return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24);
}

/** Renew this long before IAM's expiry, so a long download never starts on a dying token. */
const RENEW_BEFORE_MS = 10 * 60 * 1000;

/** True when the stored token must not be used: close to expiry, or of another scope. */
export function iamTokenNeedsRenewal(credentials: ICredentialDataDecryptedObject, now = Date.now()): boolean {
	const projectId = str(credentials.projectId);
	return (
		Number(credentials.iamTokenExpiresAt ?? 0) < now + RENEW_BEFORE_MS ||
		(projectId !== '' && str(credentials.iamTokenProjectId) !== projectId) ||
		credentials.iamTokenScope !== iamTokenScope(credentials)
	);
}

/**
 * Placeholder a transport may leave in a URL path when the credential has no project ID and
 * uses a password: the project is then the token's own, known only once the token is issued
 * (preAuthentication runs just before authenticate), so authenticate fills it in.
 */
export const PROJECT_ID_PLACEHOLDER = '{project_id}';

/** Password mode: the cached token in X-Auth-Token, the token's project in the path. */
export function addIamToken(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const options = { ...requestOptions, headers: { ...(requestOptions.headers ?? {}) } };
	const token = str(credentials.iamToken);
	registerCredentialSecrets(token);
	// Without a token the request fails with 401, which makes n8n fetch one and retry.
	if (token) setHeader(options.headers, 'X-Auth-Token', token);
	const projectId = str(credentials.iamTokenProjectId);
	if (projectId && options.url?.includes(PROJECT_ID_PLACEHOLDER)) {
		options.url = options.url.split(PROJECT_ID_PLACEHOLDER).join(encodeURIComponent(projectId));
	}
	return options;
}
