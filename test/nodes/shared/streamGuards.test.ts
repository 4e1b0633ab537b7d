/**
 * The stall watchdog on every body (API answers, error bodies, downloads) and the per-file
 * deadline, with short timers and in-process streams: each ends with its error, none hangs.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { Readable } from 'stream';
import { readSmallBody, saveResponseAsBinary } from '../../../nodes/shared/download';
import { VendorApiError } from '../../../nodes/shared/errors';
import { sendHttp } from '../../../nodes/shared/http';
import { guardBody } from '../../../nodes/shared/streams';

/** Sends `first` then nothing, until destroyed (which it records). */
function stallingBody(first: Buffer): Readable & { destroyedAt?: number } {
	let sent = false;
	const body: Readable & { destroyedAt?: number } = new Readable({
		read() {
			if (!sent) {
				sent = true;
				this.push(first);
			}
		},
		destroy(error, done) {
			body.destroyedAt = Date.now();
			done(error);
		},
	});
	return body;
}

/** n8n's helpers in in-memory mode: a streamed file is read whole into the item. */
function memoryCtx(body: Readable, headers: Record<string, string> = {}): IExecuteFunctions {
	return {
		getExecutionCancelSignal: () => undefined,
		helpers: {
			httpRequest: async () => ({ body, headers, statusCode: 200 }),
			prepareBinaryData: async (data: Buffer | Readable) => {
				const chunks: Buffer[] = [];
				if (Buffer.isBuffer(data)) chunks.push(data);
				else for await (const c of data) chunks.push(c as Buffer);
				return { data: Buffer.concat(chunks).toString('base64'), mimeType: 'application/octet-stream' };
			},
		},
	} as unknown as IExecuteFunctions;
}

async function failureOf(promise: Promise<unknown>): Promise<VendorApiError> {
	return (await promise.then(
		() => undefined,
		(e: unknown) => e,
	)) as VendorApiError;
}

it('ends an API answer that stalls after its headers with a retryable timeout', async () => {
	const body = stallingBody(Buffer.from('{"errcode":0,'));
	const failure = await failureOf(sendHttp(memoryCtx(body, { 'content-length': '100' }), 'V', { url: 'http://x/', timeout: 200 }));
	expect(failure).toBeInstanceOf(VendorApiError);
	expect(failure.message).toBe('V: the server stopped sending: nothing arrived for 0.2 s after 13 of 100 bytes');
	expect([failure.kind, failure.retryable]).toEqual(['timeout', true]);
	expect(body.destroyedAt).toBeDefined();
});

it('ends an error body that stalls (readSmallBody) with the same timeout instead of a partial text', async () => {
	const body = stallingBody(Buffer.from('<html>busy'));
	const response = await sendHttp(memoryCtx(body), 'V', { url: 'http://x/', timeout: 200, encoding: 'stream' });
	const failure = await failureOf(readSmallBody(response.body));
	expect([failure.kind, failure.retryable]).toEqual(['timeout', true]);
});

it('does not count time our own consumer takes as a stall', async () => {
	const source = Readable.from(Array.from({ length: 20 }, () => Buffer.alloc(65536)));
	const guarded = guardBody(source, 'V', 100);
	await new Promise((r) => setTimeout(r, 400));
	let bytes = 0;
	for await (const chunk of guarded) bytes += (chunk as Buffer).length;
	expect(bytes).toBe(20 * 65536);
});

it('stops a download that trickles past Max Transfer Time, without retrying it', async () => {
	let timer: NodeJS.Timeout | undefined;
	const trickle = new Readable({
		read() {
			timer = setTimeout(() => this.push(Buffer.from('x')), 20);
		},
		destroy(error, done) {
			clearTimeout(timer);
			done(error);
		},
	});
	const ctx = memoryCtx(trickle);
	const started = Date.now();
	const failure = await failureOf(
		saveResponseAsBinary(ctx, { body: trickle, headers: { 'content-length': '100000' }, statusCode: 200 }, {
			vendor: 'V',
			sourceUrl: 'http://x/file.log',
			fallbackName: 'file.log',
			transfer: { maxInMemoryBytes: 1048576, maxFileBytes: 1048576, maxTransferMs: 300, timeoutMs: 10000, sha256: false },
		}),
	);
	expect(Date.now() - started).toBeLessThan(10000);
	expect(failure.message).toMatch(/^V: the download did not finish within Max Transfer Time \([\d.]+ min\): \d+ of 100000 bytes arrived$/);
	expect(failure.retryable).toBe(false);
	expect(failure.hint).toMatch(/Raise "Max Transfer Time"/);
	expect(trickle.destroyed).toBe(true);
});
