/**
 * What a credential remembers between processes, and how the Test button is told apart from a run.
 *
 * n8n gives nodes no shared memory: every `n8n execute`, restart and queue-mode worker starts
 * empty. The one place every process sees is the credential, and the one way to write into it is
 * the output of the credential's preAuthentication, which n8n persists whenever that output holds
 * the hidden `expirable` field. So a rejected login is stored there (`rejectedLogin`, tied to a
 * hash of the secret, endpoint and user) together with a sentinel in the token field, and nothing
 * is sent to the vendor again until the secret changes or the user presses Test: the PBX blocks
 * the IP after 5 failed logins and Huawei IAM locks the user after 5.
 *
 * n8n calls preAuthentication when the token field is empty, after a 401, and for a credential
 * Test. Our transports never let n8n see a 401 (they read every status themselves) and blank the
 * field when they want a renewal, so a call that finds the field filled is a Test. The Test
 * request carries a marker header as well: authenticate() refuses to send it unless
 * preAuthentication ran for this very request, raising a 401 that makes n8n run it, so a token
 * stored by an earlier run can never stand in for the secret being tested.
 */
import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { VendorApiError, type VendorErrorInfo } from '../../nodes/shared/errors';
import { headerKey } from './requestOptions';

/** Token-field value while a rejection is remembered (never sent anywhere). */
export const REJECTED_TOKEN = 'logpull:login-rejected';
/** Header on each credential's Test request; authenticate() strips it before sending. */
export const TEST_MARKER_HEADER = 'X-Logpull-Credential-Test';
export const TEST_MARKER_HEADERS = { [TEST_MARKER_HEADER]: '1' };
/** Header on a request made only so preAuthentication stores something: never sent. */
export const STORE_ONLY_HEADER = 'X-Logpull-Store-Only';

/** A short, non-reversible fingerprint of the values a login or token belongs to. */
export function fingerprint(...parts: unknown[]): string {
	return createHash('sha256')
		.update(parts.map((p) => (typeof p === 'string' ? p : String(p ?? ''))).join('\n'))
		.digest('hex')
		.slice(0, 32);
}

interface StoredRejection {
	key: string;
	at: string;
	vendor: string;
	message: string;
	code?: string | number;
	httpStatus?: number;
	hint?: string;
}

function parseRejection(value: unknown): StoredRejection | undefined {
	if (typeof value !== 'string' || !value.startsWith('{')) return undefined;
	try {
		const parsed = JSON.parse(value) as StoredRejection;
		return typeof parsed.key === 'string' && typeof parsed.message === 'string' ? parsed : undefined;
	} catch {
		return undefined;
	}
}

/** The stored form of a rejection of the login identified by `key`. */
export function rejectionRecord(key: string, error: VendorApiError, info: VendorErrorInfo): string {
	const record: StoredRejection = {
		key,
		at: new Date().toISOString(),
		vendor: error.vendor,
		message: info.message,
		code: info.code,
		httpStatus: info.httpStatus,
		hint: info.hint,
	};
	return JSON.stringify(record);
}

/**
 * The remembered rejection for the login `key`, as a fresh error (n8n rewrites the errors it
 * wraps), or undefined when none is stored for these exact values.
 */
export function rememberedRejection(
	credentials: ICredentialDataDecryptedObject,
	key: string,
	whatToFix: string,
): VendorApiError | undefined {
	const stored = parseRejection(credentials.rejectedLogin);
	if (!stored || stored.key !== key) return undefined;
	return new VendorApiError({
		vendor: stored.vendor,
		kind: 'auth',
		code: stored.code,
		httpStatus: stored.httpStatus,
		message: `${stored.message} (rejected at ${stored.at})`,
		hint:
			`${stored.hint ? `${stored.hint} ` : ''}To protect the account, the pack does not send ` +
			`these ${whatToFix} again until they change: save corrected credentials, or press Test ` +
			'on the credential, to try again.',
	});
}

/** True when n8n calls preAuthentication for a credential Test (see the header comment). */
export function isCredentialTest(credentials: ICredentialDataDecryptedObject, tokenField: string): boolean {
	const token = credentials[tokenField];
	return typeof token === 'string' && token !== '';
}

/** Credential objects preAuthentication handled: n8n hands the same object to authenticate(). */
const preAuthenticated = new WeakSet<object>();

export function markPreAuthenticated(credentials: ICredentialDataDecryptedObject): void {
	preAuthenticated.add(credentials);
}

/** An error n8n answers by running preAuthentication and authenticating once more. */
export function renewalRequired(vendor: string, message: string): VendorApiError {
	const error = new VendorApiError({ vendor, kind: 'auth', message, httpStatus: 401 });
	return Object.assign(error, { response: { status: 401 } });
}

/**
 * Strip the Test marker; for a Test request that preAuthentication did not see, ask n8n to run it
 * (so the Test logs in with what the user typed).
 */
export function takeTestMarker(
	vendor: string,
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): { options: IHttpRequestOptions; isTest: boolean } {
	const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
	if (headerKey(headers, STORE_ONLY_HEADER) !== undefined) {
		throw new VendorApiError({ vendor, kind: 'other', message: 'stored in the credential; nothing sent' });
	}
	const key = headerKey(headers, TEST_MARKER_HEADER);
	if (key === undefined) return { options: requestOptions, isTest: false };
	delete headers[key];
	if (!preAuthenticated.has(credentials)) {
		throw renewalRequired(vendor, 'the credential test must log in with the values entered');
	}
	return { options: { ...requestOptions, headers }, isTest: true };
}
