/**
 * Huawei Cloud API Gateway request signing, algorithm SDK-HMAC-SHA256, as Huawei's
 * "API Request Signing Guide" (support.huaweicloud.com, devg-apisign) describes it.
 * Pure functions over Node's crypto: the credential signs outgoing requests with them and the
 * emulator verifies incoming ones with the same code, so both sides agree byte for byte.
 */
import { createHash, createHmac } from 'crypto';

export const SDK_SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** Header whose value replaces the body hash (e.g. UNSIGNED-PAYLOAD for streamed bodies). */
export const CONTENT_SHA256_HEADER = 'x-sdk-content-sha256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export interface HuaweiSignInput {
	accessKey: string;
	secretKey: string;
	method: string;
	/** Absolute URL, or a path with an optional query (the host comes from `headers.host`). */
	url: string;
	/** Every header listed here is signed; it must hold x-sdk-date equal to `sdkDate`. */
	headers: Record<string, string>;
	body?: string | Buffer;
	/** YYYYMMDDTHHMMSSZ, as sent in X-Sdk-Date. */
	sdkDate: string;
}

export interface HuaweiSignResult {
	authorization: string;
	signature: string;
	canonicalRequest: string;
	stringToSign: string;
	signedHeaders: string;
}

export interface ParsedHuaweiAuthorization {
	accessKey: string;
	signedHeaders: string[];
	signature: string;
}

// RFC 3986 unreserved characters; everything else is percent-encoded byte by byte.
const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** RFC 3986 over UTF-8 bytes (space = %20, upper-case hex); lone surrogates become U+FFFD. */
export function rfc3986Encode(value: string): string {
	let out = '';
	for (const byte of Buffer.from(value, 'utf8')) {
		const ch = String.fromCharCode(byte);
		out +=
			byte < 0x80 && UNRESERVED.test(ch)
				? ch
				: `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		// A stray '%' is literal text; the gateway has no better reading of it either.
		return segment;
	}
}

/** Byte-order comparison of the UTF-8 forms, as the Go SDK's sort.Strings does. */
function compareUtf8(a: string, b: string): number {
	return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * The canonical URI: each path segment (as it appears on the wire, percent-decoded first so an
 * already-encoded path is not encoded twice) RFC 3986-encoded, always ending in '/'.
 */
export function canonicalUri(pathname: string): string {
	const encoded = pathname
		.split('/')
		.map((segment) => rfc3986Encode(safeDecode(segment)))
		.join('/');
	return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** Decoded query pairs in, canonical query out: sorted by name, then value; both encoded. */
export function canonicalQueryString(params: Array<[string, string]>): string {
	return [...params]
		.sort(([ka, va], [kb, vb]) => compareUtf8(ka, kb) || compareUtf8(va, vb))
		.map(([key, value]) => `${rfc3986Encode(key)}=${rfc3986Encode(value)}`)
		.join('&');
}

function normalizeHeaders(headers: Record<string, string>): Map<string, string> {
	const normalized = new Map<string, string>();
	for (const [name, value] of Object.entries(headers)) {
		const lower = name.toLowerCase();
		// Two spellings of one header would be sent twice; which one to sign is ambiguous.
		if (normalized.has(lower)) throw new Error(`header ${lower} is given twice`);
		normalized.set(lower, String(value).trim());
	}
	return normalized;
}

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

export function hmacSha256Hex(key: string, data: string): string {
	return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

/** UTC time as X-Sdk-Date wants it: YYYYMMDDTHHMMSSZ. */
export function formatSdkDate(date: Date): string {
	return date
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/[-:]/g, '');
}

const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** The instant an X-Sdk-Date value names, or undefined when it is malformed or impossible. */
export function parseSdkDate(s: string | undefined | null): Date | undefined {
	const m = SDK_DATE.exec(String(s ?? '').trim());
	if (!m) return undefined;
	const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
	// Date.UTC rolls 20240231 over into March; a round trip catches such values.
	return formatSdkDate(date) === m[0] ? date : undefined;
}

function splitUrl(url: string): { pathname: string; query: Array<[string, string]> } {
	const parsed = new URL(url, 'http://signing.invalid');
	return { pathname: parsed.pathname, query: [...parsed.searchParams.entries()] };
}

/** Sign a request; returns the Authorization value and every intermediate for diagnostics. */
export function signHuaweiRequest(input: HuaweiSignInput): HuaweiSignResult {
	const headers = normalizeHeaders(input.headers);
	const dateHeader = headers.get('x-sdk-date');
	// The gateway refuses a signature whose signed headers lack x-sdk-date.
	if (dateHeader === undefined) throw new Error('x-sdk-date must be among the signed headers');
	if (dateHeader !== input.sdkDate) throw new Error('x-sdk-date header differs from sdkDate');
	const names = [...headers.keys()].sort(compareUtf8);
	const signedHeaders = names.join(';');
	const { pathname, query } = splitUrl(input.url);
	const canonicalRequest = [
		input.method.toUpperCase(),
		canonicalUri(pathname),
		canonicalQueryString(query),
		names.map((name) => `${name}:${headers.get(name)}\n`).join(''),
		signedHeaders,
		headers.get(CONTENT_SHA256_HEADER) ?? sha256Hex(input.body ?? ''),
	].join('\n');
	const stringToSign = [SDK_SIGNING_ALGORITHM, input.sdkDate, sha256Hex(canonicalRequest)].join(
		'\n',
	);
	const signature = hmacSha256Hex(input.secretKey, stringToSign);
	const authorization =
		`${SDK_SIGNING_ALGORITHM} Access=${input.accessKey}, ` +
		`SignedHeaders=${signedHeaders}, Signature=${signature}`;
	return { authorization, signature, canonicalRequest, stringToSign, signedHeaders };
}

/** Read `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` (undefined if malformed). */
export function parseHuaweiAuthorization(
	value: string | undefined,
): ParsedHuaweiAuthorization | undefined {
	const prefix = `${SDK_SIGNING_ALGORITHM} `;
	if (!value?.startsWith(prefix)) return undefined;
	const fields = new Map<string, string>();
	for (const part of value.slice(prefix.length).split(',')) {
		const eq = part.indexOf('=');
		if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
	}
	const accessKey = fields.get('Access');
	const signedHeaders = fields.get('SignedHeaders');
	const signature = fields.get('Signature');
	if (!accessKey || !signedHeaders || !signature) return undefined;
	return { accessKey, signedHeaders: signedHeaders.split(';'), signature };
}
