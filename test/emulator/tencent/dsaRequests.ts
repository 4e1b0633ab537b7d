/**
 * DSA API 2.0's request side: parameters from a GET query or a POST form, days and hosts, and the
 * coded error a refused request raises (answered as `{"code":N,…}` with HTTP 200).
 */
import { EmulatorRequest } from '../server';
import { BEIJING, header } from './common';

export const DSA_CODE_DESC: Record<number, string> = {
	4000: 'InvalidParameter',
	4100: 'AuthFailure',
	4400: 'RequestLimitExceeded',
	4500: 'RequestReplay',
	4600: 'UnsupportedProtocol',
};
export const DSA_AUTH_MESSAGE =
	'Authentication failed. ' +
	'For more information, please see the Authentication section in the document.';

export class DsaError extends Error {
	constructor(
		readonly code: number,
		message: string,
	) {
		super(message);
	}
}

export function dsaParams(req: EmulatorRequest): Record<string, string> {
	if (req.method === 'GET') return Object.fromEntries(req.url.searchParams);
	if (req.method !== 'POST') throw new DsaError(4600, 'Only GET and POST are supported.');
	const type = (header(req, 'content-type') ?? '').toLowerCase();
	if (type.startsWith('multipart/form-data')) {
		throw new DsaError(4000, 'The emulator reads x-www-form-urlencoded bodies only.');
	}
	// Form decoding turns a bare `+` into a space, as the real PHP front end does.
	return Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
}

/** Beijing calendar day of an instant, `YYYY-MM-DD`. */
export function beijingDay(ms: number): string {
	return new Date(ms + BEIJING).toISOString().slice(0, 10);
}

export function parseDay(value: string, name: string): number {
	const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
	if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
		throw new DsaError(4000, `(100001)${name} must be a YYYY-MM-DD date`);
	}
	return ms;
}

export function parseHosts(value: string | undefined): string[] {
	let hosts: unknown;
	try {
		hosts = JSON.parse(value ?? '');
	} catch {
		throw new DsaError(4000, '(100001)hosts must be a JSON array of domain names');
	}
	const valid =
		Array.isArray(hosts) &&
		hosts.length >= 1 &&
		hosts.length <= 10 &&
		hosts.every((h) => typeof h === 'string' && h.length > 0);
	if (!valid) {
		throw new DsaError(4000, '(100001)hosts must be a JSON array of 1 to 10 domain names');
	}
	return hosts as string[];
}
