/**
 * Yeastar P-Series token lifecycle, used by the credential's preAuthentication: refresh with the
 * refresh token when one is held for this same PBX and client, otherwise get_token. A rejected
 * Client ID/Secret is remembered for 15 minutes so no workflow keeps knocking: the PBX blocks the
 * caller's IP after 5 failed logins.
 */
import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { networkError, VendorApiError, VendorErrorInfo } from '../../nodes/shared/errors';
import { registerCredentialSecrets } from '../../nodes/shared/redact';

export const YEASTAR_VENDOR = 'Yeastar P-Series';
export const YEASTAR_USER_AGENT = 'n8n-nodes-logpull/0.1 (OpenAPI)';
const LOGIN_BACKOFF_MS = 15 * 60 * 1000;
const failedLogins = new Map<string, { at: number; info: VendorErrorInfo }>();

export function yeastarBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
}

export function yeastarApiUrl(credentials: ICredentialDataDecryptedObject): string {
	const path = String(credentials.apiPath || 'openapi/v1.0').replace(/^\/+|\/+$/g, '');
	return `${yeastarBaseUrl(credentials)}/${path}`;
}

/** Which PBX and client a token belongs to, so a token is never sent to another PBX. */
export function yeastarTokenOwner(credentials: ICredentialDataDecryptedObject): string {
	return createHash('sha256')
		.update(`${yeastarApiUrl(credentials)}\n${credentials.clientId}\n${credentials.clientSecret}`)
		.digest('hex')
		.slice(0, 24);
}

const LOGIN_ERRORS: Record<number, { message: string; hint: string; kind: 'auth' | 'permission' | 'throttle' }> = {
	60002: {
		kind: 'throttle',
		message: 'the PBX already holds the maximum number of access tokens for this application (MAX LIMITATION EXCEEDED)',
		hint: 'Other clients hold all 8 tokens. Wait up to 30 minutes for them to expire, or revoke unused tokens on the PBX.',
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
		hint: 'Copy the Client ID and Client Secret again from Integrations > API on the PBX. This login is not retried for 15 minutes: the PBX blocks the IP after 5 failed logins.',
	};
}

interface TokenAnswer extends IDataObject {
	errcode: number;
	errmsg: string;
	access_token: string;
	refresh_token: string;
	access_token_expire_time: number;
	refresh_token_expire_time: number;
}

function tokenFields(answer: TokenAnswer, owner: string): IDataObject {
	registerCredentialSecrets(answer.access_token, answer.refresh_token);
	const now = Date.now();
	return {
		accessToken: answer.access_token,
		refreshToken: answer.refresh_token,
		accessTokenExpiresAt: now + Number(answer.access_token_expire_time || 1800) * 1000,
		refreshTokenExpiresAt: now + Number(answer.refresh_token_expire_time || 86400) * 1000,
		tokenOwner: owner,
	};
}

export async function obtainYeastarToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	registerCredentialSecrets(credentials.clientSecret, credentials.accessToken, credentials.refreshToken);
	const owner = yeastarTokenOwner(credentials);
	const api = yeastarApiUrl(credentials);
	const post = async (endpoint: string, body: IDataObject): Promise<TokenAnswer> => {
		try {
			return (await helper.helpers.httpRequest({
				method: 'POST',
				url: `${api}/${endpoint}`,
				body,
				json: true,
				headers: { 'User-Agent': YEASTAR_USER_AGENT, 'Content-Type': 'application/json' },
				skipSslCertificateValidation: credentials.ignoreSslIssues === true,
			})) as TokenAnswer;
		} catch (error) {
			// Classify here: n8n's wrapper keeps only the message of what it catches.
			throw networkError(YEASTAR_VENDOR, error) ?? error;
		}
	};

	if (
		credentials.refreshToken &&
		credentials.tokenOwner === owner &&
		Number(credentials.refreshTokenExpiresAt) > Date.now() + 60000
	) {
		const refreshed = await post('refresh_token', { refresh_token: credentials.refreshToken });
		if (refreshed?.errcode === 0 && refreshed.access_token) return tokenFields(refreshed, owner);
		// A revoked or expired refresh token: fall back to a full login below.
	}

	const previous = failedLogins.get(owner);
	// A fresh error each time: n8n rewrites the errors it wraps.
	if (previous && Date.now() - previous.at < LOGIN_BACKOFF_MS) throw new VendorApiError(previous.info);
	const answer = await post('get_token', { username: credentials.clientId, password: credentials.clientSecret });
	if (answer?.errcode === 0 && answer.access_token) {
		failedLogins.delete(owner);
		return tokenFields(answer, owner);
	}
	const info = loginError(Number(answer?.errcode ?? -1), String(answer?.errmsg ?? ''));
	if (info.kind === 'auth' || info.kind === 'permission') failedLogins.set(owner, { at: Date.now(), info });
	throw new VendorApiError(info);
}
