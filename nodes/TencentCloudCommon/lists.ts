/** List-valued fields: typed as text (comma or newline separated) or passed as an array by an expression. */
import { InvalidParameterError } from '../shared/errors';

/** Entries of a list field, trimmed, without blanks or repeats, in the order given. */
export function parseList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.flatMap((v) => String(v ?? '').split(/[\s,;]+/)) : String(value ?? '').split(/[\s,;]+/);
	return [...new Set(parts.map((p) => p.trim()).filter(Boolean))];
}

const DOMAIN = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** Domain names of a list field, lower-cased; the first entry that is not a domain name fails the field. */
export function parseDomains(field: string, value: unknown): string[] {
	const domains = [...new Set(parseList(value).map((d) => d.toLowerCase()))];
	const bad = domains.find((d) => !DOMAIN.test(d));
	if (bad !== undefined) {
		throw new InvalidParameterError(field, `"${bad}" is not a domain name (e.g. www.example.com)`);
	}
	return domains;
}

/** Ids of a list field checked against a pattern, e.g. zone or proxy ids. */
export function parseIds(field: string, value: unknown, pattern: RegExp, example: string): string[] {
	const ids = parseList(value);
	const bad = ids.find((id) => !pattern.test(id));
	if (bad !== undefined) throw new InvalidParameterError(field, `"${bad}" is not an ID like ${example}`);
	return ids;
}
