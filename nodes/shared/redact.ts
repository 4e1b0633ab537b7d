/**
 * The one place secrets are scrubbed. Credentials register every secret value they hold (keys,
 * tokens, signatures); every error message, description and output URL passes through `redact`.
 */
const MASK = '[redacted]';
const MAX_SECRETS = 2000;
const secrets = new Set<string>();

/** Remember secret values so they are masked wherever they show up later. */
export function registerSecrets(...values: unknown[]): void {
	for (const value of values) {
		if (typeof value !== 'string' || value.length < 6) continue;
		if (secrets.size >= MAX_SECRETS) secrets.delete(secrets.values().next().value as string);
		secrets.add(value);
	}
}

const SENSITIVE_KEY =
	'access_token|refresh_token|token|accessToken|refreshToken|password|secret|secretKey|SecretKey|SecretId|secret_id|Signature|signature|sign|st|sk|ak|X-Auth-Token|X-Subject-Token|X-Security-Token|X-TC-Token|x-sdk-content-sha256';

const PATTERNS: Array<[RegExp, string]> = [
	// query strings and form bodies: key=value
	[new RegExp(`([?&;\\s]|^)(${SENSITIVE_KEY})=([^&\\s"',;]+)`, 'gi'), `$1$2=${MASK}`],
	// JSON: "key": "value"
	[new RegExp(`("(?:${SENSITIVE_KEY})"\\s*:\\s*)"[^"]*"`, 'gi'), `$1"${MASK}"`],
	// headers: Authorization: <scheme> <anything>
	[/(authorization["']?\s*[:=]\s*["']?)[^"'\n]+/gi, `$1${MASK}`],
	[/((?:x-auth-token|x-subject-token|x-security-token|x-tc-token)["']?\s*[:=]\s*["']?)[^"'\s,]+/gi, `$1${MASK}`],
	// signature parts of signed Authorization values that may appear on their own
	[/(Signature=)[0-9a-fA-F+/=]{16,}/g, `$1${MASK}`],
];

export function redact(text: string): string;
export function redact(text: string | undefined): string | undefined;
export function redact(text: string | undefined): string | undefined {
	if (text === undefined || text === null) return text;
	let out = String(text);
	for (const secret of secrets) {
		if (out.includes(secret)) out = out.split(secret).join(MASK);
	}
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
