/**
 * The bounds every transfer runs within, and the errors that say which bound was hit and what to
 * change. Stalls and cut-off bodies are retried; a limit the user set (size, time, memory) or a
 * decompression bomb is not: the same request would hit it again.
 */
import { VendorApiError } from './errors';

/** A body may pause this long at most, whatever the Timeout: a silent minute mid-body is a dead connection. */
export const IDLE_CAP_MS = 60000;

/**
 * gzip-compressed text logs inflate 5–20×, highly repetitive ones up to ~50×; deflate's ceiling
 * is ~1,030×, which is what a bomb uses. 100× leaves real logs room and stops a bomb within
 * 1% of its compressed size. Small files are exempt: their size, not their ratio, is harmless.
 */
export const MAX_INFLATE_RATIO = 100;
export const INFLATE_RATIO_FLOOR_BYTES = 16 * 1048576;

/** How long a body may go without a byte: the lesser of the request's Timeout and a minute. */
export function idleTimeoutMs(timeoutMs: number | undefined): number {
	return timeoutMs !== undefined && timeoutMs > 0 ? Math.min(timeoutMs, IDLE_CAP_MS) : IDLE_CAP_MS;
}

export function mb(bytes: number): string {
	return `${(bytes / 1048576).toFixed(1)} MB`;
}

function received(bytes: number, announced: number | undefined): string {
	return announced === undefined ? `${bytes} bytes` : `${bytes} of ${announced} bytes`;
}

export function stalledError(vendor: string, idleMs: number, bytes: number, announced: number | undefined): VendorApiError {
	return new VendorApiError({
		vendor,
		kind: 'timeout',
		message: `the server stopped sending: nothing arrived for ${idleMs / 1000} s after ${received(bytes, announced)}`,
		hint: 'The connection stalled (dropped by a firewall or NAT, or an overloaded server) and was retried up to Max Attempts. Check the network path to the server; a body may pause at most the lesser of Timeout and 60 s.',
		retryable: true,
	});
}

export function deadlineError(vendor: string, limitMs: number, bytes: number, announced: number | undefined): VendorApiError {
	return new VendorApiError({
		vendor,
		kind: 'timeout',
		message: `the download did not finish within Max Transfer Time (${Math.round(limitMs / 60000)} min): ${received(bytes, announced)} arrived`,
		hint: 'The partial file was discarded. Raise "Max Transfer Time" in Transfer Options if the link is this slow, or lower Concurrency so each file gets more of it.',
	});
}

export function truncatedError(vendor: string, bytes: number, announced: number | undefined): VendorApiError {
	return new VendorApiError({
		vendor,
		kind: 'integrity',
		message:
			announced === undefined
				? `download truncated: the connection closed after ${bytes} bytes, before the end of the file`
				: `download truncated: received ${bytes} of ${announced} bytes`,
		hint: 'A download cut short is retried up to Max Attempts; the last attempt was cut short too. The incomplete file was discarded, not passed on. Run again; if it persists a proxy may cut long transfers or the file may be changing on the server.',
		retryable: true,
	});
}

export function fileTooLargeError(vendor: string, maxBytes: number, announced: number | undefined, inflated = false): VendorApiError {
	const what = inflated ? 'the decompressed file' : 'the file';
	return new VendorApiError({
		vendor,
		kind: 'input',
		message:
			announced === undefined
				? `${what} is larger than Max File Size (${mb(maxBytes)}); the transfer was stopped there`
				: `${what} is ${mb(announced)}, larger than Max File Size (${mb(maxBytes)})`,
		hint: 'Nothing was saved. Raise "Max File Size" in Transfer Options if files this large are expected; a body that never ends is cut off at this limit.',
	});
}

export function tooLargeForMemoryError(vendor: string, maxBytes: number, announced: number | undefined): VendorApiError {
	return new VendorApiError({
		vendor,
		kind: 'input',
		message:
			announced === undefined
				? `the file grew past ${mb(maxBytes)} while streaming, too large to hold in memory (limit ${mb(maxBytes)})`
				: `the file is ${mb(announced)}, too large to hold in memory (limit ${mb(maxBytes)})`,
		hint: 'Set N8N_DEFAULT_BINARY_DATA_MODE=filesystem on the n8n instance so files stream to disk, or raise "Max In-Memory Size" in the node options if the host has the memory.',
	});
}

export function tooLargeForDatabaseError(vendor: string, maxBytes: number, announced: number | undefined): VendorApiError {
	return new VendorApiError({
		vendor,
		kind: 'input',
		message:
			announced === undefined
				? `the file grew past ${mb(maxBytes)} while streaming, more than n8n's database binary mode accepts (N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE, ${mb(maxBytes)})`
				: `the file is ${mb(announced)}, more than n8n's database binary mode accepts (N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE, ${mb(maxBytes)}); nothing was downloaded`,
		hint: 'This n8n keeps binary data in its database (the n8n 2.x queue-mode default), whole files in memory. Use N8N_DEFAULT_BINARY_DATA_MODE=filesystem on storage every n8n process shares, or s3, or select fewer or smaller files (a shorter range, one archive per day).',
	});
}

export function inflateBombError(vendor: string, inflated: number, compressed: number): VendorApiError {
	return new VendorApiError({
		vendor,
		kind: 'integrity',
		message: `decompression stopped: ${mb(compressed)} inflated to more than ${mb(inflated)}, over ${MAX_INFLATE_RATIO}× (a decompression bomb or a corrupt file)`,
		hint: 'Nothing was saved. Turn off "Decompress (Gunzip)" to receive the compressed file as it is.',
	});
}
