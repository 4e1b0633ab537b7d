/**
 * Client-side rate limiting so a workflow stays under each vendor's documented limit instead of
 * collecting throttle errors. A sliding window per key (credential + API), shared by every
 * execution in this n8n process: the vendor counts per account, not per execution.
 */
import { sleep } from 'n8n-workflow';

export interface RateLimit {
	requests: number;
	perMs: number;
}

const windows = new Map<string, number[]>();

/** Reserve the next free slot for `key`, wait until it comes, and return its time. */
export async function acquireRateSlot(key: string, limit: RateLimit): Promise<number> {
	// A little slack: requests scheduled exactly a window apart can arrive closer together.
	const window = limit.perMs + Math.max(50, limit.perMs * 0.02);
	const now = Date.now();
	const stamps = (windows.get(key) ?? []).filter((t) => t > now - window);
	let at = now;
	if (stamps.length >= limit.requests) at = stamps[stamps.length - limit.requests] + window;
	stamps.push(at);
	windows.set(key, stamps);
	if (at > now) await sleep(at - now);
	return at;
}
