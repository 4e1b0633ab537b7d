/**
 * Reading the request n8n hands a credential's `authenticate`, the way axios will send it: what
 * is signed must be what goes on the wire. Header look-up and replacement are in
 * nodes/shared/headers.ts, shared with the transports.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

export { header, headerKey, setHeader, withoutHeaders } from '../../nodes/shared/headers';

/** The URL axios will request: an absolute `url` (or `uri`) as is, else joined to `baseURL` as axios joins them. */
export function requestUrl(options: IHttpRequestOptions & { uri?: string }): string {
	const url = options.url ?? options.uri ?? '';
	if (/^[a-z][a-z\d+.-]*:\/\//i.test(url) || !options.baseURL) return url;
	return url ? `${options.baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}` : options.baseURL;
}

/** Text a credential trims before use: keys pasted from a console often carry a space or newline. */
export const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
