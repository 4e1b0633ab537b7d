/**
 * Tencent Cloud error answers turned into VendorApiErrors that tell the user what to fix:
 * API 3.0 (`Response.Error.Code`, as Tencent Cloud's API 3.0 common error codes page lists them) and
 * API 2.0 (`code`, from the DSA API 2.0 error code table).
 */
import type { IDataObject } from 'n8n-workflow';
import { tripsN8nRewrite, VendorApiError } from '../shared/errors';
import type { ErrorKind, KnownVendorError } from '../shared/errors';

export const TEO_VENDOR = 'Tencent EdgeOne';
export const DSA_VENDOR = 'Tencent Cloud DSA';

/** API parameter → the node field a user can change. */
const TEO_FIELDS: Record<string, string> = {
	StartTime: 'Time Range',
	EndTime: 'Time Range',
	ZoneIds: 'Zone Names or IDs',
	Zones: 'Zone Names or IDs',
	Domains: 'Domains',
	ProxyIds: 'Proxy IDs',
};

interface TencentErrorInfo {
	vendor: string;
	code: string | number;
	kind: ErrorKind;
	message: string;
	/** The vendor's own words, appended to the message. */
	vendorText?: string;
	hint: string;
	retryable?: boolean;
	retryAfterMs?: number;
}

/** The vendor's own words go into the message, unless n8n would rewrite it: then into the hint. */
function tencentError(info: TencentErrorInfo): VendorApiError {
	const { vendorText } = info;
	const aside = vendorText !== undefined && tripsN8nRewrite(vendorText);
	return new VendorApiError({
		vendor: info.vendor,
		code: info.code,
		kind: info.kind,
		message: vendorText && !aside ? `${info.message}: ${vendorText}` : info.message,
		hint: aside ? `${info.hint} Tencent Cloud said: ${vendorText}` : info.hint,
		retryable: info.retryable ?? false,
		retryAfterMs: info.retryAfterMs,
	});
}

function teo(code: string, kind: ErrorKind, message: string, hint: string, retryable = false, vendorText?: string): VendorApiError {
	return tencentError({ vendor: TEO_VENDOR, code, kind, message, hint, retryable, vendorText });
}

/** The parameter an InvalidParameter/MissingParameter answer is about: `Name` in the message, else the code's suffix. */
function parameterOf(code: string, message: string): string | undefined {
	const quoted = /`([A-Za-z][A-Za-z0-9.]*)`/.exec(message);
	if (quoted) return quoted[1];
	const suffix = code.split('.')[1];
	return suffix && TEO_FIELDS[suffix] ? suffix : undefined;
}

function authError(code: string, message: string, action: string): VendorApiError {
	switch (code) {
		case 'AuthFailure.SecretIdNotFound':
		case 'AuthFailure.InvalidSecretId':
			return teo(code, 'auth', 'Tencent Cloud does not know this SecretId', 'Copy the SecretId again from the console (CAM > API Keys) without spaces, and check that the key is enabled.');
		case 'AuthFailure.SignatureFailure':
			return teo(code, 'auth', 'the signature does not match: the SecretKey is wrong', 'Copy the SecretKey that belongs to this SecretId again into the credential.');
		case 'AuthFailure.SignatureExpire':
			return teo(code, 'auth', "the request time is more than 5 minutes away from Tencent Cloud's time", 'The clock of the n8n host is off: enable NTP time synchronisation on it and run again.');
		case 'AuthFailure.TokenFailure':
			return teo(code, 'auth', 'the Session Token is invalid or has expired', 'Get new temporary credentials, or leave Session Token empty when using a permanent API key.');
		case 'AuthFailure.UnauthorizedOperation':
			return permissionError(code, action);
		default:
			return teo(code, 'auth', 'authentication failed', 'Check the SecretId, SecretKey and Session Token of the credential.', false, message);
	}
}

function permissionError(code: string, action: string): VendorApiError {
	return teo(
		code,
		'permission',
		`the key is valid but CAM does not allow it to call teo:${action}`,
		`Grant this CAM user or role the permission teo:${action} (for example with a read-only EdgeOne policy) on the zones used.`,
	);
}

/** `Response.Error` of an EdgeOne answer as an error naming what to fix. */
export function teoError(error: IDataObject, action: string, version: string, requestId?: unknown): VendorApiError {
	const code = String(error.Code ?? 'UnknownError');
	const message = String(error.Message ?? '').trim() || 'no message';
	const withId = (hint: string) => (requestId ? `${hint} (RequestId ${String(requestId)})` : hint);
	if (code.startsWith('AuthFailure')) return authError(code, message, action);
	if (code.startsWith('UnauthorizedOperation')) return permissionError(code, action);
	if (code.startsWith('RequestLimitExceeded')) {
		return teo(code, 'throttle', 'too many requests (rate limit exceeded)', 'Retried with backoff; lower the concurrency or run the workflow less often.', true);
	}
	if (code.startsWith('InternalError') || code.startsWith('ServiceUnavailable')) {
		return teo(code, 'server', 'the service failed', withId('Retried with backoff; try again later.'), true, message);
	}
	if (code.startsWith('InvalidParameter') || code === 'MissingParameter' || code === 'UnknownParameter') {
		const parameter = parameterOf(code, message);
		const field = parameter ? TEO_FIELDS[parameter] : undefined;
		const what = parameter ? `the parameter ${parameter}${field ? ` (field "${field}")` : ''}` : 'a parameter';
		return teo(code, 'input', `${what} was refused`, withId(field ? `Check the "${field}" field.` : 'Check the node fields.'), false, message);
	}
	if (code.startsWith('ResourceNotFound') || code.startsWith('ResourceUnavailable')) {
		return teo(code, 'notFound', 'zone not found or not available', 'Check "Zone Names or IDs": pick zones from the list; they must belong to the account of this API key.', false, message);
	}
	if (code === 'NoSuchVersion' || code === 'InvalidAction' || code === 'ActionOffline') {
		return teo(code, 'input', `${action} is not offered in API version ${version}`, 'Set "API Version" to 2022-09-01; the 2022-01-06 log API has been retired.', false, message);
	}
	return teo(code, 'other', 'request failed', withId('See the Tencent Cloud error code list for this code.'), false, message);
}

const DSA_CODES: Record<number, KnownVendorError> = {
	4000: { kind: 'input', message: 'a request parameter was refused', hint: 'Check the Hosts (domain names) and the dates.' },
	4100: { kind: 'auth', message: 'authentication failed (wrong SecretId or SecretKey, or the key is disabled)', hint: 'Copy the SecretId and SecretKey again from the console (CAM > API Keys).' },
	4101: { kind: 'permission', message: 'this sub-user may not call GetDsaHostLogs', hint: 'Grant the CAM user permission for DSA (dsa:GetDsaHostLogs).' },
	4102: { kind: 'permission', message: 'this sub-user has no access to the requested domains', hint: 'Grant the CAM user access to these DSA domains.' },
	4103: { kind: 'permission', message: 'this API is not open to the key of a non-developer sub-account', hint: 'Use a key of the main account or of a developer sub-account.' },
	4200: { kind: 'auth', message: 'the request expired', hint: 'The clock of the n8n host is off: enable NTP time synchronisation on it.' },
	4300: { kind: 'permission', message: 'access denied for this account', hint: 'Check in the console that the account is in good standing and may use DSA.' },
	4400: { kind: 'throttle', retryable: true, message: 'the call quota is exhausted (more than 100 calls per minute)', hint: 'Retried after a wait; run fewer DSA workflows at the same time.' },
	4500: { kind: 'auth', message: 'refused as a replay: the request time is more than 2 hours from server time, or a Nonce was reused', hint: 'The clock of the n8n host is off: enable NTP time synchronisation on it and run again.' },
	4600: { kind: 'input', message: 'protocol not supported', hint: 'Check the DSA Endpoint in the credential.' },
	5000: { kind: 'notFound', message: 'resource not found', hint: 'Check that the Hosts are DSA domains of the account of this API key.' },
	5100: { kind: 'other', message: 'the operation failed', hint: 'Try again later.' },
	6000: { kind: 'server', retryable: true, message: 'internal server error', hint: 'Retried with backoff; try again later.' },
	6100: { kind: 'input', message: 'the interface is retired or under maintenance', hint: 'DSA has been merged into ECDN; the GetDsaHostLogs API may no longer answer for this account. Check the DSA Endpoint in the credential, or fetch the logs through ECDN.' },
	6200: { kind: 'server', retryable: true, message: 'the interface is temporarily unavailable', hint: 'Retried with backoff; try again later.' },
};

/** A non-zero API 2.0 `code` as an error; `quotaWaitMs` is how long to wait before retrying 4400. */
export function dsaError(body: IDataObject, quotaWaitMs: number): VendorApiError {
	const code = Number(body.code);
	const vendorText = [body.codeDesc, body.message].filter((v) => typeof v === 'string' && v).join(': ');
	const known = DSA_CODES[code];
	return tencentError({
		vendor: DSA_VENDOR,
		code,
		kind: known?.kind ?? 'other',
		retryable: known?.retryable ?? false,
		retryAfterMs: code === 4400 ? quotaWaitMs : undefined,
		message: known?.message ?? 'request failed',
		vendorText: vendorText || undefined,
		hint: known?.hint ?? 'See the Tencent Cloud API 2.0 error code list for this code.',
	});
}
