/** The shared machinery's pure parts: redaction, small bodies, backoff, rate limiting, errors. */
import { Readable } from 'stream';
import { readSmallBody } from '../../../nodes/shared/download';
import { networkError, recoverVendorError, VendorApiError } from '../../../nodes/shared/errors';
import { acquireRateSlot } from '../../../nodes/shared/rateLimit';
import { redact, redactUrl, registerCredentialSecrets } from '../../../nodes/shared/redact';
import { backoffDelay, parseRetryAfter, withRetry } from '../../../nodes/shared/retry';
import { mapWithConcurrency } from '../../../nodes/shared/concurrency';
import { httpStatusError } from '../../../nodes/shared/http';

describe('redact', () => {
	it('masks registered secrets anywhere in a text', () => {
		registerCredentialSecrets('s3cr3t-value-xyz');
		expect(redact('failed with key s3cr3t-value-xyz in body')).toBe('failed with key [redacted] in body');
	});

	it('masks token-like query, JSON and header values without knowing them', () => {
		expect(redact('GET /x?access_token=abcDEF123&files=1')).toBe('GET /x?access_token=[redacted]&files=1');
		expect(redact('{"refresh_token":"zzz","errcode":0}')).toBe('{"refresh_token":"[redacted]","errcode":0}');
		expect(redact('Authorization: TC3-HMAC-SHA256 Credential=AKID/x, Signature=abc')).toBe('Authorization: [redacted]');
		expect(redact('X-Auth-Token: MIIabc.def')).toBe('X-Auth-Token: [redacted]');
		expect(redact('...&Signature=0123456789abcdef0123')).toContain('Signature=[redacted]');
	});

	it('keeps only origin and path of a URL, masking every query value', () => {
		expect(redactUrl('https://cdn.example.com/a/b.log.gz?st=SIG&e=123')).toBe(
			'https://cdn.example.com/a/b.log.gz?st=[redacted]&e=[redacted]',
		);
		expect(redactUrl('not a url?token=1')).toBe('not a url');
	});
});

describe('small bodies', () => {
	it('reads at most the limit of an error body', async () => {
		const text = await readSmallBody(Readable.from([Buffer.alloc(100000, 'a')]), 1000);
		expect(text).toHaveLength(1000);
	});
});

describe('retry', () => {
	it('uses full jitter under an exponential ceiling', () => {
		for (let attempt = 1; attempt <= 6; attempt++) {
			const delay = backoffDelay({ attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 }, attempt);
			expect(delay).toBeGreaterThanOrEqual(0);
			expect(delay).toBeLessThan(Math.min(1000, 100 * 2 ** (attempt - 1)));
		}
	});

	it('honours Retry-After in seconds or as a date (withRetry refuses a wait beyond its budget)', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
		expect(backoffDelay({ attempts: 5, baseDelayMs: 100 }, 1, 2500)).toBe(2500);
		expect(backoffDelay({ attempts: 5, baseDelayMs: 100 }, 1, 10 * 60 * 1000)).toBe(600000);
	});

	it('retries only retryable vendor errors, up to the attempts', async () => {
		let calls = 0;
		const retryable = () => new VendorApiError({ vendor: 'V', message: 'busy', retryable: true, retryAfterMs: 1 });
		await expect(
			withRetry({ attempts: 3, baseDelayMs: 1 }, async () => {
				calls++;
				throw retryable();
			}),
		).rejects.toThrow('V: busy');
		expect(calls).toBe(3);

		calls = 0;
		await expect(
			withRetry({ attempts: 3, baseDelayMs: 1 }, async () => {
				calls++;
				throw new VendorApiError({ vendor: 'V', message: 'bad key', kind: 'auth' });
			}),
		).rejects.toThrow('bad key');
		expect(calls).toBe(1);
	});
});

describe('HTTP status errors', () => {
	it('retries 429 and 5xx, honouring the server\'s Retry-After', () => {
		const throttled = httpStatusError('V', { statusCode: 429, headers: { 'Retry-After': '7' } }, 'slow down');
		expect(throttled.retryable).toBe(true);
		expect(throttled.retryAfterMs).toBe(7000);
		expect(httpStatusError('V', { statusCode: 503, headers: {} }, '').retryable).toBe(true);
		expect(httpStatusError('V', { statusCode: 404, headers: {} }, '<html>Not here</html>').message).toBe('V: HTTP 404: Not here [404]');
	});
});

describe('rate limit', () => {
	it('never schedules more than N requests within the window', async () => {
		const slots = await Promise.all(
			Array.from({ length: 12 }, async () => await acquireRateSlot('unit-test', { requests: 5, perMs: 200 })),
		);
		slots.sort((a, b) => a - b);
		for (let i = 5; i < slots.length; i++) expect(slots[i] - slots[i - 5]).toBeGreaterThanOrEqual(200);
		expect(slots[11] - slots[0]).toBeGreaterThanOrEqual(400);
	});
});

describe('errors', () => {
	it('classifies connection failures as retryable and keeps their codes out of the text', () => {
		const err = networkError('V', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
		expect(err?.retryable).toBe(true);
		expect(err?.message).not.toContain('ECONNRESET');
		const tls = networkError('V', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self signed' });
		expect(tls?.retryable).toBe(false);
		expect(tls?.hint).toMatch(/Ignore SSL Issues/);
	});

	it('recovers a vendor error that n8n re-wrapped keeping only its message', () => {
		const original = new VendorApiError({ vendor: 'V', message: 'distinct failure 42', hint: 'do this' });
		const wrapped = new Error(original.message);
		expect(recoverVendorError(wrapped)).toBe(original);
	});
});

describe('concurrency', () => {
	it('keeps order and bounds parallelism', async () => {
		let inFlight = 0;
		let peak = 0;
		const results = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (n) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			await new Promise((r) => setTimeout(r, n * 5));
			inFlight--;
			if (n === 4) throw new Error('four');
			return n * 10;
		});
		expect(peak).toBe(2);
		expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'x'))).toEqual([50, 10, 'x', 20, 30]);
	});
});
