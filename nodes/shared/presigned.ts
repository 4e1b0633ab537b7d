/**
 * Fetching a presigned download link: no credential attached (the link carries its own
 * authorisation), and only to where the address guard allows. Redirects are followed here, not
 * by axios, so every hop is checked before it is requested; each hop is a fresh request without
 * credentials either.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import type { Readable } from 'stream';
import { DownloadGuard, FETCH_ID_HEADER, type DownloadHostPolicy, type Lookup } from './addressGuard';
import { header } from './headers';
import { VendorApiError } from './errors';
import { sendHttp, type FullResponse } from './http';

/** Real CDNs redirect once or twice at most (to a regional edge); more is a loop or a game. */
export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface PresignedRequest {
	vendor: string;
	/** The link with its signature: it never appears in an error. */
	url: string;
	timeoutMs: number;
	policy: DownloadHostPolicy;
	/** Tests resolve names without DNS. */
	lookup?: Lookup;
}

/** Start streaming a presigned link; the answer's status is the caller's to judge (3xx excepted). */
export async function sendPresigned(ctx: IExecuteFunctions, request: PresignedRequest): Promise<FullResponse<Readable>> {
	const guard = new DownloadGuard(request.vendor, request.policy, request.lookup);
	let link = request.url;
	for (let hop = 0; ; hop++) {
		const target = await guard.checkUrl(link, hop > 0);
		const fetchId = guard.fetchId();
		const response = await sendHttp<Readable>(ctx, request.vendor, {
			method: 'GET',
			url: link,
			encoding: 'stream',
			timeout: request.timeoutMs,
			disableFollowRedirect: true,
			headers: {
				// The log files are compressed already; a transfer decoded on the way would no longer
				// match its Content-Length.
				'Accept-Encoding': 'identity',
				[FETCH_ID_HEADER]: fetchId,
			},
		});
		const refused = await guard.connectionProblem(target, fetchId, response.body);
		if (refused) {
			response.body?.destroy?.();
			throw refused;
		}
		const location = REDIRECT_STATUSES.has(response.statusCode) ? header(response.headers, 'location') : undefined;
		if (!location) return response;
		response.body?.destroy?.();
		if (hop >= MAX_REDIRECTS) {
			throw new VendorApiError({
				vendor: request.vendor,
				kind: 'other',
				message: `the download link redirected more than ${MAX_REDIRECTS} times, gave up`,
				hint: 'List the logs again and download right after listing; if it persists the CDN is misconfigured.',
			});
		}
		link = URL.canParse(location, link) ? new URL(location, link).href : location;
	}
}
