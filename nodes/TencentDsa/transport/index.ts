/**
 * DSA's API 2.0 transport: `POST /v2/index.php` with `Action` and its parameters as a form body,
 * signed by the credential, throttled to the documented 100 calls per minute. Error answers
 * (a non-zero `code`, from the DSA API 2.0 error code table) become errors naming what to fix.
 */
import type { IDataObject } from 'n8n-workflow';
import type { KnownVendorError, VendorApiError } from '../../shared/errors';
import { parseJsonBody } from '../../shared/http';
import type { RateLimit } from '../../shared/rateLimit';
import type { TransferOptions } from '../../shared/transferOptions';
import { tencentError } from '../../TencentCloudCommon/errors';
import { credentialKey, endpointOf, tencentApiRequest, unexpectedAnswer } from '../../TencentCloudCommon/transport';
import type { TencentContext, TencentProduct } from '../../TencentCloudCommon/transport';

export { CREDENTIAL_TYPE } from '../../TencentCloudCommon/transport';
export const VENDOR = 'Tencent Cloud DSA';

export const DSA: TencentProduct = {
	vendor: VENDOR,
	endpointField: 'dsaEndpoint',
	endpointName: 'DSA Endpoint',
	defaultEndpoint: 'https://dsa.api.qcloud.com',
};

const RATE_LIMIT: RateLimit = { requests: 100, perMs: 60000 };
const API_PATH = '/v2/index.php';

/** One DSA API 2.0 call (`Action` and its parameters). Returns the answer's `data`. */
export async function dsaApiRequest(ctx: TencentContext, params: IDataObject, transfer: TransferOptions): Promise<IDataObject> {
	const url = `${await endpointOf(ctx, DSA)}${API_PATH}`;
	// The quota window is a minute long: a short backoff would just spend the attempts.
	const quotaWaitMs = Math.min(60000, 20 * transfer.retry.baseDelayMs);
	const rate = { key: `tencent-dsa:${credentialKey(ctx)}`, limit: RATE_LIMIT };
	return await tencentApiRequest(ctx, DSA, rate, { method: 'POST', url, body: params }, transfer, (response) => {
		const answer = parseJsonBody(response.body);
		if (!answer || typeof answer.code === 'undefined') throw unexpectedAnswer(DSA, response);
		if (Number(answer.code) !== 0) throw dsaError(answer, quotaWaitMs);
		// PHP encodes an empty map as `[]`.
		const data = answer.data;
		return data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : {};
	});
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
function dsaError(body: IDataObject, quotaWaitMs: number): VendorApiError {
	const code = Number(body.code);
	const vendorText = [body.codeDesc, body.message].filter((v) => typeof v === 'string' && v).join(': ');
	const known = DSA_CODES[code];
	return tencentError({
		vendor: VENDOR,
		code,
		kind: known?.kind ?? 'other',
		retryable: known?.retryable ?? false,
		retryAfterMs: code === 4400 ? quotaWaitMs : undefined,
		message: known?.message ?? 'request failed',
		vendorText: vendorText || undefined,
		hint: known?.hint ?? 'See the Tencent Cloud API 2.0 error code list for this code.',
	});
}
