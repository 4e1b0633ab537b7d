/**
 * The IAM password token of the HuaweiCloudApi credential (password mode): requested by the
 * credential's preAuthentication from `POST /v3/auth/tokens`, reused until close to expiry, scoped
 * to one IAM, account, user, password, region and project. A password IAM refuses is remembered in
 * the credential (loginMemory.ts): IAM locks the user after 5 wrong passwords.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { VendorApiError } from '../../nodes/shared/errors';
import { registerCredentialSecrets } from '../../nodes/shared/redact';
import { HUAWEI_IAM_VENDOR, huaweiEndpoints, huaweiRegion } from './huaweiAuth';
import {
	fingerprint,
	isCredentialTest,
	markPreAuthenticated,
	REJECTED_TOKEN,
	rejectionRecord,
	rememberedRejection,
} from './loginMemory';
import { sendLogin } from './loginRequest';
import { header, setHeader, str } from './requestOptions';

const VENDOR = HUAWEI_IAM_VENDOR;
export const IAM_TOKEN_FIELD = 'iamToken';

interface IamTokenBody {
	token?: { expires_at?: string; project?: { id?: string } };
	error?: { code?: number; message?: string; title?: string };
	error_code?: string;
	error_msg?: string;
}

const password = (credentials: ICredentialDataDecryptedObject): string =>
	typeof credentials.password === 'string' ? credentials.password : '';

function tokenRequestBody(credentials: ICredentialDataDecryptedObject): IDataObject {
	const projectId = str(credentials.projectId);
	return {
		auth: {
			identity: {
				methods: ['password'],
				password: {
					user: {
						name: str(credentials.userName),
						password: password(credentials),
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
	const code = body.error_code ?? (body.error?.code !== undefined ? String(body.error.code) : status);
	const base = { vendor: VENDOR, httpStatus: status, code };
	if (status === 401 && /lock/i.test(message)) {
		return new VendorApiError({
			...base,
			kind: 'permission',
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
			hint: 'Use an IAM user (a HUAWEI ID cannot get tokens), its account (domain) name and its password.',
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
		kind: 'permission',
		message: `IAM refused the token request (HTTP ${status})${message ? `: ${message}` : ''}`,
		hint: hints[status] ?? 'Check the credential settings.',
	});
}

function expiresAtMs(value: string | undefined): number {
	const parsed = Date.parse(value ?? '');
	// IAM tokens live 24 h; if the date is unreadable, assume a safe 23 h.
	return Number.isFinite(parsed) ? parsed : Date.now() + 23 * 3600 * 1000;
}

/** Which IAM, account, user and password a login is; a rejection is remembered for exactly it. */
function loginKey(credentials: ICredentialDataDecryptedObject): string {
	return fingerprint(huaweiEndpoints(credentials).iam, str(credentials.domainName), str(credentials.userName), password(credentials));
}

export function iamRememberedRejection(credentials: ICredentialDataDecryptedObject): VendorApiError | undefined {
	return rememberedRejection(credentials, loginKey(credentials), 'IAM user name and password');
}

async function postTokenRequest(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IN8nHttpFullResponse> {
	// The body holds the password: sendLogin never follows a redirect to another host.
	const answer = await sendLogin(helper, VENDOR, {
		method: 'POST',
		url: `${huaweiEndpoints(credentials).iam}/v3/auth/tokens`,
		qs: { nocatalog: 'true' },
		headers: { 'Content-Type': 'application/json;charset=utf8' },
		body: tokenRequestBody(credentials),
		json: true,
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
	});
	return { statusCode: answer.statusCode, headers: answer.headers, body: answer.text };
}

export async function requestIamToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	registerCredentialSecrets(credentials.password);
	markPreAuthenticated(credentials);
	if (!isCredentialTest(credentials, IAM_TOKEN_FIELD)) {
		const remembered = iamRememberedRejection(credentials);
		if (remembered) throw remembered;
	}
	const response = await postTokenRequest(helper, credentials);
	const body = parseBody(response.body);
	const token = header((response.headers ?? {}) as IDataObject, 'x-subject-token');
	if (response.statusCode !== 201 && response.statusCode !== 200) {
		const error = iamTokenError(response.statusCode, body);
		if (error.kind !== 'auth') throw error;
		// Stored, so no process tries this password again; authenticate() raises the error itself.
		return {
			iamToken: REJECTED_TOKEN,
			iamTokenExpiry: '',
			iamTokenScope: '',
			rejectedLogin: rejectionRecord(loginKey(credentials), error, {
				vendor: VENDOR,
				message: 'the IAM user name, password or account name is wrong',
				code: error.vendorCode,
				httpStatus: error.httpStatus,
				hint: error.hint,
			}),
		};
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
		// Strings: n8n's credential screens treat hidden password fields as text.
		iamTokenExpiry: String(expiresAtMs(body.token?.expires_at)),
		iamTokenProjectId: str(body.token?.project?.id),
		iamTokenScope: iamTokenScope(credentials),
		rejectedLogin: '',
	};
}

/**
 * Which IAM, account, user, password and project a token was issued for. A token is renewed when
 * these change, so editing the credential never sends a token of the old values.
 */
export function iamTokenScope(credentials: ICredentialDataDecryptedObject): string {
	const { iam, region } = huaweiEndpoints(credentials);
	return fingerprint(iam, str(credentials.domainName), str(credentials.userName), password(credentials), region, str(credentials.projectId));
}

/** Renew this long before IAM's expiry, so a long download never starts on a dying token. */
const RENEW_BEFORE_MS = 10 * 60 * 1000;

/** True when the stored token must not be used: close to expiry, or of other values. */
export function iamTokenNeedsRenewal(credentials: ICredentialDataDecryptedObject, now = Date.now()): boolean {
	const projectId = str(credentials.projectId);
	return (
		Number(credentials.iamTokenExpiry || 0) < now + RENEW_BEFORE_MS ||
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

/** Password mode: the stored token in X-Auth-Token, the token's project in the path. */
export function addIamToken(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const options = { ...requestOptions, headers: { ...(requestOptions.headers ?? {}) } };
	const token = str(credentials.iamToken);
	registerCredentialSecrets(token);
	// Without a token the request fails with 401, which makes n8n fetch one and retry.
	if (token && credentials.iamTokenScope === iamTokenScope(credentials)) setHeader(options.headers, 'X-Auth-Token', token);
	const projectId = str(credentials.iamTokenProjectId);
	if (projectId && options.url?.includes(PROJECT_ID_PLACEHOLDER)) {
		options.url = options.url.split(PROJECT_ID_PLACEHOLDER).join(encodeURIComponent(projectId));
	}
	return options;
}
