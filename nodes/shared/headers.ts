/**
 * HTTP header look-up in any letter case, for answers and for request options alike: n8n and
 * axios hand headers over as plain objects whose key spelling is whatever the sender chose.
 */

type Headers = Record<string, unknown>;

/** The key under which `name` is stored, in whatever case it was written. */
export function headerKey(headers: Headers, name: string): string | undefined {
	const lower = name.toLowerCase();
	return Object.keys(headers).find((key) => key.toLowerCase() === lower);
}

/** A header's value as text; a repeated header gives its first value. */
export function header(headers: Headers, name: string): string | undefined {
	const key = headerKey(headers, name);
	const value = key === undefined ? undefined : headers[key];
	if (value === undefined || value === null) return undefined;
	return Array.isArray(value) ? String(value[0]) : String(value);
}

/** Set a header, dropping other spellings of its name so exactly one copy is sent. */
export function setHeader(headers: Headers, name: string, value: string): void {
	for (let key = headerKey(headers, name); key !== undefined; key = headerKey(headers, name)) {
		delete headers[key];
	}
	headers[name] = value;
}

/** A copy without the named headers, in any letter case. */
export function withoutHeaders<T extends Headers>(headers: T | undefined, names: string[]): T {
	const lower = names.map((name) => name.toLowerCase());
	const kept: Headers = {};
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (!lower.includes(key.toLowerCase())) kept[key] = value;
	}
	return kept as T;
}
