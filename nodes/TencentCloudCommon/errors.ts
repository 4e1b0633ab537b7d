/**
 * How both Tencent products turn an error answer into a VendorApiError: the pack's words, the
 * vendor's own text where n8n lets it stand, the code, and what to do.
 */
import { tripsN8nRewrite, VendorApiError } from '../shared/errors';
import type { ErrorKind } from '../shared/errors';

export interface TencentErrorInfo {
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
export function tencentError(info: TencentErrorInfo): VendorApiError {
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

