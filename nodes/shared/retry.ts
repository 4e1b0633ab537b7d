/**
 * Exponential backoff with full jitter for anything a transport marks retryable (429, 5xx,
 * vendor throttle codes, connection resets, stalls). Credential failures are never retryable, so
 * they are never retried. A server's Retry-After wins over the computed delay while it fits the
 * retry budget; a longer one fails at once, saying so, instead of sleeping and asking too early.
 * Stopping the execution ends a wait at once.
 */
import { VendorApiError } from './errors';

export interface RetryPolicy {
	/** Total attempts including the first. */
	attempts: number;
	baseDelayMs: number;
	maxDelayMs?: number;
	/** The execution's cancel signal: a stopped execution neither waits nor tries again. */
	signal?: AbortSignal;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30000 };
/**
 * Most one operation (a request, or a file with its link) waits between its attempts, in total.
 * Computed backoff stays within it (at most 9 waits of 30 s); it bounds what servers ask for.
 */
export const RETRY_WAIT_BUDGET_MS = 300000;

export function backoffDelay(policy: RetryPolicy, failedAttempt: number, retryAfterMs?: number): number {
	if (retryAfterMs !== undefined && retryAfterMs >= 0) return retryAfterMs;
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

/** Wait `ms`, or less when `signal` aborts; resolves whether the wait ran its full length. */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<boolean> {
	if (signal?.aborted) return false;
	return await new Promise<boolean>((resolve) => {
		const onAbort = () => {
			clearTimeout(timer);
			resolve(false);
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve(true);
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

export interface RetryStats {
	retries: number;
}

/**
 * Test hook, not product state: the soak and the benchmarks (test/) read how many retries a run
 * spent. Nothing in the nodes reads it.
 */
export const retryStats: RetryStats = { retries: 0 };

function waitTooLong(error: VendorApiError, waitMs: number, leftMs: number): VendorApiError {
	return new VendorApiError({
		vendor: error.vendor,
		kind: error.kind,
		httpStatus: error.httpStatus,
		message: `${error.detail}; the server asked to wait ${Math.ceil(waitMs / 1000)} s before trying again, more than the ${Math.floor(leftMs / 1000)} s left of the retry budget, so it was not retried`,
		hint: `Run again after that wait, or schedule the workflow less often. Retries of one request wait at most ${RETRY_WAIT_BUDGET_MS / 60000} minutes in total.`,
	});
}

/** "canceled" in the text is how n8n's engine tells a stopped execution from a failed one. */
function stopped(error: VendorApiError): VendorApiError {
	return new VendorApiError({
		vendor: error.vendor,
		kind: 'other',
		message: `the execution was canceled while waiting to retry (${error.detail})`,
		hint: 'Nothing more was sent.',
	});
}

export async function withRetry<T>(
	policy: RetryPolicy,
	attemptFn: (attempt: number) => Promise<T>,
): Promise<T> {
	const attempts = Math.max(1, Math.floor(policy.attempts));
	let waited = 0;
	for (let attempt = 1; ; attempt++) {
		try {
			return await attemptFn(attempt);
		} catch (error) {
			const retryable = error instanceof VendorApiError && error.retryable;
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- a transparent layer; the router shapes every error
			if (!retryable || attempt >= attempts) throw error;
			const failure = error as VendorApiError;
			const delay = backoffDelay(policy, attempt, failure.retryAfterMs);
			const left = RETRY_WAIT_BUDGET_MS - waited;
			if (delay > left) {
				throw failure.retryAfterMs !== undefined ? waitTooLong(failure, delay, left) : failure;
			}
			retryStats.retries++;
			waited += delay;
			if (!(await abortableSleep(delay, policy.signal))) throw stopped(failure);
		}
	}
}
