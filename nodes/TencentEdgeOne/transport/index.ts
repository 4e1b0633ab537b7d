/**
 * EdgeOne's API 3.0 transport: `POST /` with X-TC-Action/X-TC-Version headers and a JSON body,
 * signed by the credential (TC3), rate limited to the documented per-action limits, retried on
 * throttling, 5xx and network failures. Error answers (`Response.Error.Code`, as Tencent Cloud's
 * API 3.0 common error codes list them) become errors naming what to fix.
 */
import type { IDataObject } from 'n8n-workflow';
import type { ErrorKind, VendorApiError } from '../../shared/errors';
import { parseJsonBody } from '../../shared/http';
import type { RateLimit } from '../../shared/rateLimit';
import type { TransferOptions } from '../../shared/transferOptions';
import { tencentError } from '../../TencentCloudCommon/errors';
import { credentialKey, endpointOf, tencentApiRequest, unexpectedAnswer } from '../../TencentCloudCommon/transport';
import type { TencentContext, TencentProduct } from '../../TencentCloudCommon/transport';

export { CREDENTIAL_TYPE } from '../../TencentCloudCommon/transport';
export const VENDOR = 'Tencent EdgeOne';

export const EDGEONE: TencentProduct = {
	vendor: VENDOR,
	endpointField: 'teoEndpoint',
	endpointName: 'EdgeOne Endpoint',
	defaultEndpoint: 'https://teo.tencentcloudapi.com',
};

/** Documented per-action limits of DownloadL7Logs/DownloadL4Logs, by API version. */
const RATE_LIMITS: Record<string, RateLimit> = {
	'2022-09-01': { requests: 100, perMs: 1000 },
	'2022-01-06': { requests: 20, perMs: 1000 },
};

/** One EdgeOne API 3.0 call: rate limited, retried on throttling, 5xx and network failures. */
export async function teoApiRequest(
	ctx: TencentContext,
	action: string,
	version: string,
	body: IDataObject,
	transfer: TransferOptions,
): Promise<IDataObject> {
	const url = `${await endpointOf(ctx, EDGEONE)}/`;
	const rate = { key: `tencent-teo:${credentialKey(ctx)}:${version}`, limit: RATE_LIMITS[version] ?? RATE_LIMITS['2022-01-06'] };
	const headers = { 'X-TC-Action': action, 'X-TC-Version': version };
	return await tencentApiRequest(ctx, EDGEONE, rate, { method: 'POST', url, headers, body }, transfer, (response) => {
		const answer = parseJsonBody(response.body)?.Response as IDataObject | undefined;
		if (answer?.Error && typeof answer.Error === 'object') {
			throw teoError(answer.Error as IDataObject, action, version, answer.RequestId);
		}
		if (!answer || response.statusCode >= 300) throw unexpectedAnswer(EDGEONE, response);
		return answer;
	});
}

/** API parameter → the node field a user can change. */
const TEO_FIELDS: Record<string, string> = {
	StartTime: 'Time Range',
	EndTime: 'Time Range',
	ZoneIds: 'Zone Names or IDs',
	Zones: 'Zone Names or IDs',
	Domains: 'Domains',
	ProxyIds: 'Proxy IDs',
};

function teo(code: string, kind: ErrorKind, message: string, hint: string, retryable = false, vendorText?: string): VendorApiError {
	return tencentError({ vendor: VENDOR, code, kind, message, hint, retryable, vendorText });
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
function teoError(error: IDataObject, action: string, version: string, requestId?: unknown): VendorApiError {
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
