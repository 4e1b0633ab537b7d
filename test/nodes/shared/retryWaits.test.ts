/** Retry waits: stopped by the cancel signal at once, refused when the server asks for more than the budget. */
import { VendorApiError } from '../../../nodes/shared/errors';
import { abortableSleep, RETRY_WAIT_BUDGET_MS, withRetry } from '../../../nodes/shared/retry';

const throttled = (retryAfterMs?: number) =>
	new VendorApiError({ vendor: 'V', kind: 'throttle', message: 'HTTP 429: slow down', retryable: true, retryAfterMs });

it('abortableSleep ends early on abort and says so', async () => {
	const controller = new AbortController();
	const started = Date.now();
	setTimeout(() => controller.abort(), 20);
	await expect(abortableSleep(60000, controller.signal)).resolves.toBe(false);
	expect(Date.now() - started).toBeLessThan(10000);
	await expect(abortableSleep(1, controller.signal)).resolves.toBe(false);
	await expect(abortableSleep(1)).resolves.toBe(true);
});

it('a stopped execution ends a Retry-After wait at once and tries no more', async () => {
	const controller = new AbortController();
	let calls = 0;
	const started = Date.now();
	setTimeout(() => controller.abort(), 50);
	await expect(
		withRetry({ attempts: 5, baseDelayMs: 1, signal: controller.signal }, async () => {
			calls++;
			throw throttled(100000);
		}),
	).rejects.toThrow(/^V: the execution was canceled while waiting to retry \(HTTP 429: slow down\)$/);
	expect(calls).toBe(1);
	expect(Date.now() - started).toBeLessThan(10000);
});

it('fails at once when Retry-After exceeds what is left of the budget, naming the wait', async () => {
	let calls = 0;
	const started = Date.now();
	const failure = await withRetry({ attempts: 5, baseDelayMs: 1 }, async () => {
		calls++;
		throw throttled(3600 * 1000);
	}).catch((e: VendorApiError) => e);
	expect(calls).toBe(1);
	expect(Date.now() - started).toBeLessThan(10000);
	expect(failure.message).toBe(
		`V: HTTP 429: slow down; the server asked to wait 3600 s before trying again, more than the ${RETRY_WAIT_BUDGET_MS / 1000} s left of the retry budget, so it was not retried`,
	);
	expect(failure.retryable).toBe(false);
	expect(failure.kind).toBe('throttle');
});

it('counts waits already spent against the budget', async () => {
	jest.useFakeTimers();
	try {
		let calls = 0;
		const waits = [200000, 200000];
		const result = withRetry({ attempts: 5, baseDelayMs: 1 }, async () => {
			throw throttled(waits[calls++]);
		}).catch((e: VendorApiError) => e);
		await jest.advanceTimersByTimeAsync(200000);
		const failure = await result;
		expect(calls).toBe(2);
		expect(failure.message).toMatch(/asked to wait 200 s before trying again, more than the 100 s left/);
	} finally {
		jest.useRealTimers();
	}
});
