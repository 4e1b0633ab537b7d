/**
 * Client-side rate limiting so a workflow stays under each vendor's documented limit instead of
 * collecting throttle errors. A sliding window per key (credential + API), shared by every
 * execution in this n8n process: the vendor counts per account, not per execution.
 *
 * n8n gives nodes no memory shared between processes, so with queue-mode workers (or several
 * n8n instances) on one account two things keep the account under its limit: the credential's
 * "Processes Sharing This Credential" divides the budget, and a throttle answer halves this
 * process's pace for a while (the other processes do the same when they are refused), recovering
 * step by step once the vendor stops refusing.
 */
import { sleep } from 'n8n-workflow';

export interface RateLimit {
	requests: number;
	perMs: number;
}

interface Window {
	stamps: number[];
	/** Share of the budget this process uses now: 1, or less after throttle answers. */
	pace: number;
	lastThrottle: number;
}

const windows = new Map<string, Window>();
/**
 * The limiter's clock: monotonic, so a wall clock stepped back (NTP, a VM resumed) never makes the
 * slots already given out lie hours "in the future" and stall every request until it catches up.
 */
const monotonicNow = () => performance.now();
const SLOWEST_PACE = 1 / 16;
/** Each quiet period this long after a throttle answer doubles the pace again, up to 1. */
const RECOVERY_MS = 10000;

function windowOf(key: string): Window {
	let window = windows.get(key);
	if (!window) {
		window = { stamps: [], pace: 1, lastThrottle: 0 };
		windows.set(key, window);
	}
	return window;
}

function currentPace(window: Window, now: number): number {
	if (window.pace >= 1) return 1;
	const quietSteps = Math.floor((now - window.lastThrottle) / RECOVERY_MS);
	return Math.min(1, window.pace * 2 ** quietSteps);
}

/** The budget this process may use: the vendor's limit, divided among the sharing processes. */
export function effectiveLimit(limit: RateLimit, sharingProcesses = 1, pace = 1): RateLimit {
	const share = Math.max(1, Math.floor(sharingProcesses));
	const requests = Math.max(1, Math.floor((limit.requests / share) * pace));
	return { requests, perMs: limit.perMs };
}

/** Reserve the next free slot for `key`, wait until it comes, and return its (wall-clock) time. */
export async function acquireRateSlot(key: string, limit: RateLimit, sharingProcesses = 1): Promise<number> {
	const now = monotonicNow();
	const window = windowOf(key);
	const { requests, perMs } = effectiveLimit(limit, sharingProcesses, currentPace(window, now));
	// Slack: requests scheduled a window apart can arrive closer together (signing, a busy host).
	const span = perMs + Math.max(100, perMs * 0.05);
	window.stamps = window.stamps.filter((t) => t > now - span);
	let at = now;
	if (window.stamps.length >= requests) at = window.stamps[window.stamps.length - requests] + span;
	window.stamps.push(at);
	const wallNow = Date.now();
	if (at > now) await sleep(at - now);
	return wallNow + (at - now);
}

/** The vendor said "too many requests" for `key`: slow this process down. */
export function reportThrottle(key: string, now = monotonicNow()): void {
	const window = windowOf(key);
	window.pace = Math.max(SLOWEST_PACE, currentPace(window, now) / 2);
	window.lastThrottle = now;
}
