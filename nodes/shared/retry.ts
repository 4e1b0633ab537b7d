/**
 * Exponential backoff with full jitter for anything a transport marks retryable (429, 5xx,
 * vendor throttle codes, connection resets). Credential failures are never retryable, so they
 * are never retried. A server's Retry-After wins over the computed delay, within a cap.
 */
import { sleep } from 'n8n-workflow';
import { VendorApiError } from './errors';

export interface RetryPolicy {
	/** Total attempts including the first. */
	attempts: number;
	baseDelayMs: number;
	maxDelayMs?: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30000 };
const RETRY_AFTER_CAP_MS = 120000;

export function backoffDelay(policy: RetryPolicy, failedAttempt: number, retryAfterMs?: number): number {
	if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(retryAfterMs, RETRY_AFTER_CAP_MS);
	const ceiling = Math.min(policy.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs!, policy.baseDelayMs * 2 ** (failedAttempt - 1));
	return Math.floor(Math.random() * ceiling);
}

/** Parse a Retry-After header (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: unknown): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export interface RetryStats {
	retries: number;
}

/** Process-wide count of retries spent, reported by the soak and the benchmarks. */
export const retryStats: RetryStats = { retries: 0 };

export async function withRetry<T>(
	policy: RetryPolicy,
	attemptFn: (attempt: number) => Promise<T>,
): Promise<T> {
	const attempts = Math.max(1, Math.floor(policy.attempts));
	for (let attempt = 1; ; attempt++) {
		try {
			return await attemptFn(attempt);
		} catch (error) {
			const retryable = error instanceof VendorApiError && error.retryable;
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- a transparent layer; the router shapes every error
			if (!retryable || attempt >= attempts) throw error;
			retryStats.retries++;
			await sleep(backoffDelay(policy, attempt, (error as VendorApiError).retryAfterMs));
		}
	}
}
