/**
 * Login requests carry the secret itself (Client Secret, IAM password) in their body, so they never
 * follow a redirect: a 3xx is refused, naming where it pointed, and nothing is resent.
 */
import { VendorApiError } from '../../nodes/shared/errors';
import { headerKey } from './requestOptions';

interface ResponseLike {
	status?: number;
	statusCode?: number;
	headers?: Record<string, unknown>;
}

function responseOf(error: unknown): ResponseLike | undefined {
	let current = error as { response?: ResponseLike; cause?: unknown } | undefined;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		if (current.response && typeof current.response === 'object') return current.response;
		current = current.cause as typeof current;
	}
	return undefined;
}

/** Where a redirect pointed, as host only (its path or query may carry anything). */
function targetHost(location: unknown, from: string): string {
	const value = Array.isArray(location) ? location[0] : location;
	if (typeof value !== 'string' || value === '') return 'an unnamed location';
	try {
		return new URL(value, from).host;
	} catch {
		return 'an unreadable location';
	}
}

/** The error for a login answered with a redirect: never followed, never resent. */
export function redirectRefused(vendor: string, url: string, status: number, location: unknown): VendorApiError {
	return new VendorApiError({
		vendor,
		kind: 'auth',
		httpStatus: status,
		message: `the login was answered with a redirect (HTTP ${status}) to ${targetHost(location, url)}; it was not followed, so the secret was not sent there`,
		hint: 'Set the credential to the final address of the service (check the scheme, host and port); a proxy must not redirect API logins.',
	});
}

/** A redirect-refused error when `error` is n8n's/axios' answer to a 3xx, else undefined. */
export function loginRedirectError(vendor: string, url: string, error: unknown): VendorApiError | undefined {
	const response = responseOf(error);
	const status = Number(response?.status ?? response?.statusCode);
	if (!(status >= 300 && status < 400)) return undefined;
	const headers = response?.headers ?? {};
	const key = headerKey(headers, 'location');
	return redirectRefused(vendor, url, status, key === undefined ? undefined : headers[key]);
}
