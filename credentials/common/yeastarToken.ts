/**
 * Yeastar P-Series login, used by the credential's preAuthentication. Every renewal is a fresh
 * `get_token` with the Client ID/Secret: the PBX's `refresh_token` retires the access token it
 * replaces, which another execution or queue-mode worker may still be using, while `get_token`
 * leaves other tokens alone (they expire after 30 minutes; at most 8 may live at once). A login
 * the PBX rejects is remembered in the credential (see loginMemory.ts): the PBX blocks the
 * caller's IP after 5 consecutive failed logins, however slowly they come.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { VendorApiError, type VendorErrorInfo } from '../../nodes/shared/errors';
import { httpStatusError, parseJsonBody } from '../../nodes/shared/http';
import { registerCredentialSecrets } from '../../nodes/shared/redact';
import {
	fingerprint,
	isCredentialTest,
	markPreAuthenticated,
	REJECTED_TOKEN,
	rejectionRecord,
	rememberedRejection,
} from './loginMemory';
import { sendLogin } from './loginRequest';

export const YEASTAR_VENDOR = 'Yeastar P-Series';
export const YEASTAR_USER_AGENT = 'n8n-nodes-logpull/0.1 (OpenAPI)';
export const YEASTAR_TOKEN_FIELD = 'accessToken';

export function yeastarBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
}

export function yeastarApiUrl(credentials: ICredentialDataDecryptedObject): string {
	const path = String(credentials.apiPath || 'openapi/v1.0').replace(/^\/+|\/+$/g, '');
	return `${yeastarBaseUrl(credentials)}/${path}`;
}

/**
 * Which PBX, client and secret a token (or a rejected login) belongs to, so a token is never sent
 * to another PBX nor used for a secret it was not issued for.
 */
export function yeastarTokenOwner(credentials: ICredentialDataDecryptedObject): string {
	return fingerprint(yeastarApiUrl(credentials), credentials.clientId, credentials.clientSecret);
}

/** The rejection remembered for exactly these values, if any. */
export function yeastarRememberedRejection(credentials: ICredentialDataDecryptedObject): VendorApiError | undefined {
	return rememberedRejection(credentials, yeastarTokenOwner(credentials), 'Client ID and Client Secret');
}

const LOGIN_ERRORS: Record<number, Omit<VendorErrorInfo, 'vendor' | 'code'>> = {
	// Other executions may be about to release tokens (a Test revokes its own): wait and retry.
	60002: {
		kind: 'throttle',
		retryable: true,
		message: 'the PBX already holds the maximum number of access tokens for this application (MAX LIMITATION EXCEEDED)',
		hint: 'The login was retried with waits. Other clients hold all 8 tokens: wait up to 30 minutes for them to expire, or revoke unused tokens on the PBX.',
	},
	70004: {
		kind: 'permission',
		message: 'the PBX has blocked this IP address (ACCOUNT IP BLOCKED)',
		hint: 'Too many failed logins. An administrator must remove the IP under Security > Security Rules > Blocked IPs; then fix the Client ID/Secret.',
	},
	70087: {
		kind: 'permission',
		message: 'this IP address is not allowed to use the API (IP FORBIDDEN)',
		hint: 'Add the n8n host address to the allowed IP list of the API application on the PBX (Integrations > API).',
	},
	10005: {
		kind: 'permission',
		message: 'the API application has no permission (ACCESS DENIED)',
		hint: 'Grant the API application access on the PBX (Integrations > API).',
	},
};

function loginError(errcode: number, errmsg: string): VendorErrorInfo {
	const known = LOGIN_ERRORS[errcode];
	if (known) return { vendor: YEASTAR_VENDOR, code: errcode, ...known };
	return {
		vendor: YEASTAR_VENDOR,
		code: errcode,
		kind: 'auth',
		message: `the PBX rejected the Client ID / Client Secret (${errmsg || 'FAILURE'})`,
		hint: 'Copy the Client ID and Client Secret again from Integrations > API on the PBX; the PBX blocks the IP after 5 failed logins.',
	};
}

interface TokenAnswer extends IDataObject {
	errcode: number;
	errmsg: string;
	access_token: string;
	access_token_expire_time: number;
}

async function getToken(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<TokenAnswer> {
	// The body holds the Client Secret: sendLogin never follows a redirect to another host.
	const answer = await sendLogin(helper, YEASTAR_VENDOR, {
		method: 'POST',
		url: `${yeastarApiUrl(credentials)}/get_token`,
		body: { username: credentials.clientId, password: credentials.clientSecret },
		json: true,
		headers: { 'User-Agent': YEASTAR_USER_AGENT, 'Content-Type': 'application/json' },
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
	});
	if (answer.statusCode < 200 || answer.statusCode >= 300) throw httpStatusError(YEASTAR_VENDOR, answer, answer.text);
	const body = parseJsonBody(answer.text);
	// Only the PBX's own errcode may count as a rejection (and be remembered as one).
	if (typeof body?.errcode !== 'number') {
		throw new VendorApiError({
			vendor: YEASTAR_VENDOR,
			kind: 'other',
			httpStatus: answer.statusCode,
			message: "the login was answered with something that is not the PBX's JSON",
			hint: 'Check the base URL and API path in the credential: a proxy or sign-in page may be answering instead of the PBX.',
		});
	}
	return body as TokenAnswer;
}

export async function obtainYeastarToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	registerCredentialSecrets(credentials.clientSecret, credentials.accessToken);
	markPreAuthenticated(credentials);
	const owner = yeastarTokenOwner(credentials);
	if (!isCredentialTest(credentials, YEASTAR_TOKEN_FIELD)) {
		const remembered = yeastarRememberedRejection(credentials);
		if (remembered) throw remembered;
	}
	const answer = await getToken(helper, credentials);
	if (answer?.errcode === 0 && answer.access_token) {
		registerCredentialSecrets(answer.access_token);
		const lifetimeMs = Number(answer.access_token_expire_time || 1800) * 1000;
		return {
			accessToken: answer.access_token,
			// Strings: n8n's credential screens treat hidden password fields as text.
			accessTokenExpiry: String(Date.now() + lifetimeMs),
			tokenOwner: owner,
			rejectedLogin: '',
		};
	}
	const info = loginError(Number(answer?.errcode ?? -1), String(answer?.errmsg ?? ''));
	const error = new VendorApiError(info);
	if (info.kind !== 'auth') throw error;
	// Stored, so no process tries these values again; authenticate() raises the error itself.
	return {
		accessToken: REJECTED_TOKEN,
		accessTokenExpiry: '',
		tokenOwner: '',
		rejectedLogin: rejectionRecord(owner, error, info),
	};
}
