/**
 * Tencent Cloud request signing (API 2.0 HmacSHA1/HmacSHA256 and API 3.0 TC3-HMAC-SHA256, as the
 * "Signature" and "Signature v3" pages of Tencent Cloud's API documentation describe them), as pure functions over Node's
 * `crypto`: TC3-HMAC-SHA256 for API 3.0 (EdgeOne) and the API 2.0 HmacSHA1/HmacSHA256 "signature
 * method" (DSA). Nothing here reads a clock or a random source, so every output is reproducible.
 */
import { createHash, createHmac } from 'crypto';

export type Tc3SignedHeaders = 'content-type;host' | 'content-type;host;x-tc-action';

export interface Tc3Input {
	secretId: string;
	secretKey: string;
	/** Product name in the credential scope (`teo`, `cvm`, …). */
	service: string;
	/** Host exactly as sent in the Host header (with the port when it is not the default). */
	host: string;
	action: string;
	/** UNIX seconds; also sent as X-TC-Timestamp. */
	timestamp: number;
	/** The exact body bytes that go on the wire (a string is hashed as UTF-8). */
	payload: string | Buffer;
	/** The exact Content-Type header value that is sent. */
	contentType: string;
	signedHeaders?: Tc3SignedHeaders;
	method?: 'POST' | 'GET';
	/** GET only: the query string after `?`, already RFC 3986-encoded as it is sent. */
	query?: string;
}

export interface Tc3Result {
	authorization: string;
	signature: string;
	canonicalRequest: string;
	stringToSign: string;
	credentialScope: string;
}

export interface Tc3DerivedKeys {
	secretDate: Buffer;
	secretService: Buffer;
	secretSigning: Buffer;
}

export type TencentV2Algorithm = 'HmacSHA1' | 'HmacSHA256';

export interface TencentV2Input {
	secretKey: string;
	method: 'GET' | 'POST';
	host: string;
	path: string;
	/** Every request parameter (common and action), raw values; a `Signature` entry is ignored. */
	params: Record<string, string>;
	algorithm: TencentV2Algorithm;
}

export interface TencentV2Result {
	signature: string;
	stringToSign: string;
}

const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

function hmacSha256(key: string | Buffer, message: string): Buffer {
	return createHmac('sha256', key).update(message, 'utf8').digest();
}

/** The credential-scope date: the UTC calendar date of the timestamp, never the local one. */
export function utcDateOf(timestamp: number): string {
	return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/** The TC3 key chain; exported so tests can check each link against published values. */
export function tc3DerivedKeys(secretKey: string, date: string, service: string): Tc3DerivedKeys {
	const secretDate = hmacSha256(`TC3${secretKey}`, date);
	const secretService = hmacSha256(secretDate, service);
	const secretSigning = hmacSha256(secretService, 'tc3_request');
	return { secretDate, secretService, secretSigning };
}

function tc3CanonicalHeaders(input: Tc3Input, signedHeaders: Tc3SignedHeaders): string {
	const lines = [
		`content-type:${input.contentType.trim().toLowerCase()}`,
		`host:${input.host.trim().toLowerCase()}`,
	];
	if (signedHeaders === 'content-type;host;x-tc-action') {
		lines.push(`x-tc-action:${input.action.trim().toLowerCase()}`);
	}
	return lines.map((line) => `${line}\n`).join('');
}

export function signTc3(input: Tc3Input): Tc3Result {
	const signedHeaders = input.signedHeaders ?? 'content-type;host;x-tc-action';
	const method = input.method ?? 'POST';
	const canonicalRequest = [
		method,
		'/',
		method === 'GET' ? (input.query ?? '') : '',
		tc3CanonicalHeaders(input, signedHeaders),
		signedHeaders,
		sha256Hex(input.payload),
	].join('\n');
	const date = utcDateOf(input.timestamp);
	const credentialScope = `${date}/${input.service}/tc3_request`;
	const stringToSign = [
		TC3_ALGORITHM,
		String(input.timestamp),
		credentialScope,
		sha256Hex(canonicalRequest),
	].join('\n');
	const { secretSigning } = tc3DerivedKeys(input.secretKey, date, input.service);
	const signature = createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
	const authorization =
		`${TC3_ALGORITHM} Credential=${input.secretId}/${credentialScope}, ` +
		`SignedHeaders=${signedHeaders}, Signature=${signature}`;
	return { authorization, signature, canonicalRequest, stringToSign, credentialScope };
}

/** Byte-order comparison: upper-case names sort before lower-case ones, as Tencent requires. */
function byteOrder(a: string, b: string): number {
	return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function signTencentV2(input: TencentV2Input): TencentV2Result {
	const joined = Object.keys(input.params)
		.filter((name) => name !== 'Signature')
		.sort(byteOrder)
		.map((name) => `${name}=${input.params[name]}`)
		.join('&');
	const stringToSign = `${input.method}${input.host}${input.path}?${joined}`;
	const hash = input.algorithm === 'HmacSHA256' ? 'sha256' : 'sha1';
	const signature = createHmac(hash, input.secretKey).update(stringToSign, 'utf8').digest('base64');
	return { signature, stringToSign };
}

/** encodeURIComponent leaves `!'()*` alone; RFC 3986 reserves them, so encode them too. */
export function encodeRfc3986(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/**
 * application/x-www-form-urlencoded in insertion order. Spaces become %20 rather than `+`: a
 * literal `+` is what base64 signatures contain, so every `+` on the wire must be an encoded one.
 */
export function encodeForm(params: Record<string, string>): string {
	return Object.keys(params)
		.map((name) => `${encodeRfc3986(name)}=${encodeRfc3986(params[name])}`)
		.join('&');
}

/** `teo.intl.tencentcloudapi.com` → `teo`; a port, if any, is ignored. */
export function tencentServiceOf(host: string): string {
	const hostname = host.trim().toLowerCase().replace(/:\d+$/, '');
	return hostname.split('.')[0];
}
