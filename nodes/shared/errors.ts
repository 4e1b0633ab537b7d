/**
 * Error shaping shared by every vendor. Transports and credentials throw `VendorApiError` (a
 * plain, secret-free error that knows whether it may be retried); the router turns whatever was
 * thrown into a NodeApiError / NodeOperationError whose message names the vendor, the vendor's
 * code and message, and whose description tells the user what to do. All text is redacted.
 */
import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { redact } from './redact';

export type ErrorKind =
	| 'auth'
	| 'permission'
	| 'throttle'
	| 'server'
	| 'network'
	| 'input'
	| 'notFound'
	| 'integrity'
	| 'timeout'
	| 'other';

export interface VendorErrorInfo {
	vendor: string;
	message: string;
	code?: string | number;
	httpStatus?: number;
	/** What the user can do about it. */
	hint?: string;
	kind?: ErrorKind;
	retryable?: boolean;
	/** Server-requested wait (Retry-After), in milliseconds. */
	retryAfterMs?: number;
}

/** One row of a vendor's error-code table: what the code means and what to do about it. */
export type KnownVendorError = Required<Pick<VendorErrorInfo, 'kind' | 'message' | 'hint'>> & Pick<VendorErrorInfo, 'retryable'>;

/**
 * n8n replaces an error message that contains a Node.js error code with its own generic text,
 * even inside a word ("ResourceNotFound" holds ENOTFOUND). Text that would trip it never goes
 * into a message: a vendor code is named in the hint instead, a network code not at all.
 */
const N8N_REWRITTEN_WORDS =
	/ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|ERRADDRINUSE|EADDRNOTAVAIL|ECONNABORTED|EHOSTUNREACH|EAI_AGAIN|ENOENT|EISDIR|ENOTDIR|EACCES|EEXIST|EPERM|GETADDRINFO/i;

/** True when n8n would swap a message holding `text` for its own. */
export const tripsN8nRewrite = (text: string): boolean => N8N_REWRITTEN_WORDS.test(text);

/**
 * n8n wraps errors thrown inside a credential's preAuthentication in a NodeApiError that keeps
 * only the message, so recently raised errors are remembered by message to be recovered whole.
 */
const recentErrors = new Map<string, VendorApiError>();

/** The one place the text of a vendor error is put together: "Vendor: what happened [code]". */
function composeMessage(vendor: string, vendorMessage: string, shownCode: string | undefined): string {
	return `${vendor}: ${vendorMessage}${shownCode === undefined ? '' : ` [${shownCode}]`}`;
}

export class VendorApiError extends Error {
	readonly vendor: string;
	/** Not named `code`: n8n's NodeApiError would read it as an HTTP status when wrapping. */
	readonly vendorCode?: string | number;
	/** What happened, in the pack's words (with the vendor's where they help): no vendor name, no code. */
	readonly vendorMessage: string;
	readonly httpStatus?: number;
	readonly hint?: string;
	readonly kind: ErrorKind;
	readonly retryable: boolean;
	readonly retryAfterMs?: number;
	/** The code as the message shows it; undefined when it is absent or kept out of the text. */
	private readonly shownCode?: string;

	constructor(info: VendorErrorInfo) {
		const code = info.code === undefined || info.code === '' ? undefined : String(info.code);
		// Network codes say nothing a user can act on; the message says what failed.
		const named = code !== undefined && info.kind !== 'network' ? code : undefined;
		const shownCode = named !== undefined && !tripsN8nRewrite(named) ? named : undefined;
		const vendorMessage = redact(info.message);
		super(redact(composeMessage(info.vendor, vendorMessage, shownCode)));
		this.name = 'VendorApiError';
		this.vendor = info.vendor;
		this.vendorCode = info.code;
		this.vendorMessage = vendorMessage;
		this.shownCode = shownCode;
		this.httpStatus = info.httpStatus;
		const codeNote = named !== undefined && shownCode === undefined ? `Error code: ${named}.` : undefined;
		// An error re-worded from another keeps its hint, which may name the code already.
		const noted = codeNote === undefined || info.hint?.includes(codeNote);
		const hint = noted ? info.hint : [info.hint, codeNote].filter(Boolean).join(' ');
		this.hint = hint === undefined ? undefined : redact(hint);
		this.kind = info.kind ?? 'other';
		this.retryable = info.retryable ?? false;
		this.retryAfterMs = info.retryAfterMs;
		if (recentErrors.size >= 200) recentErrors.delete(recentErrors.keys().next().value as string);
		recentErrors.set(this.message, this);
	}

	/** The message without the vendor's name: what happened, and the code when it is shown. */
	get detail(): string {
		return this.shownCode === undefined ? this.vendorMessage : `${this.vendorMessage} [${this.shownCode}]`;
	}
}

/** The VendorApiError behind an error, through causes or n8n's message-only wrapping. */
export function recoverVendorError(error: unknown): VendorApiError | undefined {
	let current = error as { cause?: unknown; message?: unknown } | undefined;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		if (current instanceof VendorApiError) return current;
		if (typeof current.message === 'string' && recentErrors.has(current.message)) {
			return recentErrors.get(current.message);
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

/** The user gave a value the vendor cannot accept; raised before any request is sent. */
export class InvalidParameterError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(`${field}: ${message}`);
		this.name = 'InvalidParameterError';
	}
}

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ECONNREFUSED',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_STREAM_PREMATURE_CLOSE',
	'ESOCKETTIMEDOUT',
]);
const TLS_CODES = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_HAS_EXPIRED',
	'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const NETWORK_TEXT =
	/ECONNRESET|ETIMEDOUT|ECONNABORTED|ECONNREFUSED|EPIPE|EAI_AGAIN|EHOSTUNREACH|socket hang up|aborted|premature close|closed unexpectedly|connection timed out|refused the connection|host is unreachable/i;
const TLS_TEXT = /self[- ]signed certificate|unable to verify the first certificate|certificate has expired|altnames/i;

function causeChain(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	let current = error as Record<string, unknown> | undefined;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		chain.push(current);
		current = current.cause as Record<string, unknown> | undefined;
	}
	return chain;
}

/**
 * Turn a transport-level failure (socket reset, timeout, TLS, aborted body) into a VendorApiError.
 * Returns undefined for anything else. Deliberately copies nothing from the original error but its
 * code: axios errors carry request headers and URLs with tokens in them.
 */
export function networkError(vendor: string, error: unknown): VendorApiError | undefined {
	if (error instanceof VendorApiError) return error;
	for (const e of causeChain(error)) {
		const code = typeof e.code === 'string' ? e.code : undefined;
		// n8n's NodeApiError replaces socket error texts with its own and keeps the originals in
		// `messages`, so all of them are read.
		const texts = [e.message, e.description, e.httpCode, ...(Array.isArray(e.messages) ? e.messages : [])]
			.filter((t): t is string => typeof t === 'string')
			.join('\n');
		if ((code && TLS_CODES.has(code)) || TLS_TEXT.test(texts)) {
			return new VendorApiError({
				vendor,
				kind: 'network',
				code,
				message: 'the server certificate could not be verified',
				hint: 'If the server uses a self-signed certificate, turn on "Ignore SSL Issues" in the credential; otherwise check the host name in the base URL.',
			});
		}
		if (code === 'ENOTFOUND' || /ENOTFOUND|incorrect host \(domain\)/.test(texts)) {
			return new VendorApiError({
				vendor,
				kind: 'network',
				code: 'ENOTFOUND',
				message: 'the host name could not be resolved',
				hint: 'Check the base URL or endpoint in the credential.',
			});
		}
		if ((code && NETWORK_CODES.has(code)) || NETWORK_TEXT.test(texts)) {
			return new VendorApiError({
				vendor,
				kind: 'network',
				code: code ?? 'ECONNRESET',
				message: 'the connection failed or was cut off',
				hint: 'The request was retried with backoff and still failed. Check that the host is reachable and try again.',
				retryable: true,
			});
		}
	}
	return undefined;
}

/** Whatever was thrown, as an n8n error fit to show a user: redacted, with item index and hint. */
export function toNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const node = ctx.getNode();
	if (error instanceof VendorApiError) {
		// Not `code`: NodeApiError swaps in its own text for codes like ECONNRESET.
		const response: JsonObject = { vendor: error.vendor, message: error.message };
		if (error.vendorCode !== undefined) response.vendorCode = String(error.vendorCode);
		const nodeError = new NodeApiError(node, response, {
			message: error.message,
			description: error.hint,
			httpCode: error.httpStatus ? String(error.httpStatus) : undefined,
			itemIndex,
		});
		// NodeApiError swaps any message containing a Node error code ("ResourceNotFound" holds
		// ENOTFOUND) for its generic text; ours is already the precise one.
		nodeError.message = error.message;
		nodeError.description = error.hint ?? null;
		return nodeError;
	}
	if (error instanceof InvalidParameterError) {
		return new NodeOperationError(node, redact(error.message), {
			itemIndex,
			description: `Fix the "${error.field}" field and run again. No request was sent.`,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		// n8n's own errors (e.g. from preAuthentication) may wrap a VendorApiError.
		const inner = recoverVendorError(error);
		if (inner) return toNodeError(ctx, inner, itemIndex);
		const message = redact(error.message);
		const description = redact(error.description ?? undefined);
		return new NodeOperationError(node, message, { itemIndex, description });
	}
	const inner = recoverVendorError(error);
	if (inner) return toNodeError(ctx, inner, itemIndex);
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, redact(message), { itemIndex });
}
