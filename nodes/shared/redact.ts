/**
 * The one place secrets are scrubbed; every error message, description and output URL passes
 * through `redact`. Two registries of values to mask:
 * - credential secrets (keys, passwords, client secrets, tokens reused across requests): few, one
 *   set per credential plus its renewals, so they are kept; only past a generous cap is the one
 *   registered longest ago dropped, with a warning. Values in use are registered again on every
 *   request, so what is dropped is a token long since replaced.
 * - request secrets (signatures, one-call values): one per request, so a bounded set drops its
 *   oldest quietly; a signature is worthless once its request is done.
 * Each value is masked as written and as URL-encoding and JSON escaping write it. Values under
 * six characters are masked only as whole tokens, so a short secret does not shred the text.
 */
import { LoggerProxy } from 'n8n-workflow';

const MASK = '[redacted]';
const SHORT = 6;
const MAX_CREDENTIAL_SECRETS = 10000;
const MAX_REQUEST_SECRETS = 2000;

interface Masked {
	/** The forms the value may appear in, longest first. */
	forms: string[];
	/** Whole-token patterns, for a short value. */
	tokens?: RegExp[];
}

const credentialSecrets = new Map<string, Masked>();
const requestSecrets = new Map<string, Masked>();

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function maskedForms(value: string): Masked {
	const rfc3986 = encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	const form = new URLSearchParams({ v: value }).toString().slice(2);
	const json = JSON.stringify(value).slice(1, -1);
	const forms = [...new Set([value, encodeURIComponent(value), rfc3986, form, json])].sort((a, b) => b.length - a.length);
	if (value.length >= SHORT) return { forms };
	// Letters, digits and `_` around it would make it part of a longer word.
	const tokens = forms.map((f) => new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(f)}(?![A-Za-z0-9_])`, 'g'));
	return { forms, tokens };
}

function usable(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

/** Secrets a credential holds or is issued for reuse (keys, passwords, tokens); kept. */
export function registerCredentialSecrets(...values: unknown[]): void {
	for (const value of values) {
		if (!usable(value)) continue;
		const known = credentialSecrets.get(value);
		// Registered again on use: moving it to the end keeps values in use away from the cap.
		credentialSecrets.delete(value);
		credentialSecrets.set(value, known ?? maskedForms(value));
		if (!known) scan = undefined;
		if (credentialSecrets.size > MAX_CREDENTIAL_SECRETS) {
			credentialSecrets.delete(credentialSecrets.keys().next().value as string);
			LoggerProxy.warn(
				`n8n-nodes-logpull: more than ${MAX_CREDENTIAL_SECRETS} credential secrets registered; the one unused longest is no longer masked`,
			);
		}
	}
}

/** Values that live for one request (signatures); the oldest are dropped past a bound. */
export function registerRequestSecrets(...values: unknown[]): void {
	for (const value of values) {
		if (!usable(value) || credentialSecrets.has(value) || requestSecrets.has(value)) continue;
		if (requestSecrets.size >= MAX_REQUEST_SECRETS) requestSecrets.delete(requestSecrets.keys().next().value as string);
		requestSecrets.set(value, maskedForms(value));
		scan = undefined;
	}
}

const SENSITIVE_KEY = [
	'access_token|refresh_token|token|accessToken|refreshToken|password|secret|secretKey|SecretKey|SecretId|secret_id',
	'authorization|Signature|signature|sign|st|sk|ak|X-Auth-Token|X-Subject-Token|X-Security-Token|X-TC-Token|x-sdk-content-sha256',
	// Presigned object-storage URLs: COS (q-…) and S3-style (X-Amz-…).
	'q-signature|q-ak|x-cos-security-token|X-Amz-Security-Token|X-Amz-Signature|X-Amz-Credential',
].join('|');
const TOKEN_HEADER = 'x-auth-token|x-subject-token|x-security-token|x-tc-token';
/** A key, bare or quoted, as JSON and Node's util.inspect print it. */
const KEY_BEFORE = `((?:^|[\\s{,(\\[;])["']?(?:${SENSITIVE_KEY})["']?\\s*:\\s*)`;

const PATTERNS: Array<[RegExp, string]> = [
	// query strings and form bodies: key=value
	[new RegExp(`([?&;\\s]|^)(${SENSITIVE_KEY})=(\\[[^\\]]*\\]|[^&\\s"',;]+)`, 'gi'), `$1$2=${MASK}`],
	// JSON and util.inspect: key: "value" / 'value', escaped quotes included...
	[new RegExp(`${KEY_BEFORE}"(?:[^"\\\\]|\\\\.)*"`, 'gi'), `$1"${MASK}"`],
	[new RegExp(`${KEY_BEFORE}'(?:[^'\\\\]|\\\\.)*'`, 'gi'), `$1'${MASK}'`],
	// ...and key: [values], as headers with several values print
	[new RegExp(`${KEY_BEFORE}\\[[^\\]]*\\]`, 'gi'), `$1["${MASK}"]`],
	[new RegExp(`((?:${TOKEN_HEADER})["']?\\s*[:=]\\s*)\\[(?!"${escapeRegExp(MASK)}"\\]|${escapeRegExp(MASK.slice(1))})[^\\]]*\\]`, 'gi'), `$1["${MASK}"]`],
	// headers: Authorization: <scheme> <anything>; token headers (arrays were masked above)
	[/(authorization["']?\s*[:=](?![\s"']*\[)\s*["']?)[^"'\n]+/gi, `$1${MASK}`],
	[new RegExp(`((?:${TOKEN_HEADER})["']?\\s*[:=](?![\\s"']*\\[)\\s*["']?)[^"'\\s,]+`, 'gi'), `$1${MASK}`],
	// a bearer token wherever it is quoted
	[/\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, `$1${MASK}`],
	// signature parts of signed Authorization values that may appear on their own
	[/(Signature=)[0-9a-fA-F+/=]{16,}/g, `$1${MASK}`],
];

/** Every form of every registered value, flat for a quick scan; rebuilt after the sets change. */
let scan: { long: string[]; short: Array<[string, RegExp]> } | undefined;

function scanList(): NonNullable<typeof scan> {
	if (scan) return scan;
	const long: string[] = [];
	const short: Array<[string, RegExp]> = [];
	for (const registry of [credentialSecrets, requestSecrets]) {
		for (const { forms, tokens } of registry.values()) {
			forms.forEach((form, k) => (tokens ? short.push([form, tokens[k]]) : long.push(form)));
		}
	}
	// Longest first, so a secret that contains another is masked whole.
	long.sort((a, b) => b.length - a.length);
	scan = { long, short };
	return scan;
}

function maskRegistered(text: string): string {
	const { long, short } = scanList();
	let out = text;
	for (const form of long) if (out.includes(form)) out = out.split(form).join(MASK);
	for (const [form, token] of short) if (out.includes(form)) out = out.replace(token, MASK);
	return out;
}

export function redact(text: string): string;
export function redact(text: string | undefined): string | undefined;
export function redact(text: string | undefined): string | undefined {
	if (text === undefined || text === null) return text;
	let out = maskRegistered(String(text));
	for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
	return out;
}

/** A URL fit for an output item: origin and path, every query value masked. */
export function redactUrl(url: string): string {
	try {
		const parsed = new URL(url);
		const keys = [...new Set(parsed.searchParams.keys())];
		const query = keys.length ? `?${keys.map((k) => `${encodeURIComponent(k)}=${MASK}`).join('&')}` : '';
		return redact(`${parsed.origin}${parsed.pathname}${query}`);
	} catch {
		return redact(url.split('?')[0]);
	}
}
