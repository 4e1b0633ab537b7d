/**
 * Streaming download into n8n binary data. The response body flows socket → stall watchdog →
 * integrity check (byte count, sha256, format sniff, size caps) → optional gunzip (bounded in
 * size and ratio) → prepareBinaryData, so memory stays flat whatever the size when n8n stores
 * binary data on disk. A body shorter or longer than announced, one that is not the expected
 * format, too large, stalled or too slow fails the download instead of producing a good-looking
 * file, and the partial file it left in n8n's binary data folder is deleted.
 */
import type { IBinaryData, IExecuteFunctions, IDataObject } from 'n8n-workflow';
import { pipeline, Readable } from 'stream';
import { createGunzip } from 'zlib';
import { binaryDataMode, type BinaryMode, databaseModeLimitBytes, discardBinary } from './binaryStore';
import type { TransferOptions } from './transferOptions';
import { networkError, VendorApiError } from './errors';
import { fileNameFromContentDisposition, sanitizeFileName } from './fileName';
import { header } from './headers';
import {
	deadlineError,
	fileTooLargeError,
	idleTimeoutMs,
	INFLATE_RATIO_FLOOR_BYTES,
	inflateBombError,
	MAX_INFLATE_RATIO,
	tooLargeForDatabaseError,
	tooLargeForMemoryError,
	truncatedError,
} from './limits';
import { redactUrl } from './redact';
import { binaryOutput, type ByteCap, guardBody, IntegrityCheck, StoreAbandoned } from './streams';

export interface StreamResponse {
	body: Readable;
	headers: Record<string, unknown>;
	statusCode: number;
}

export interface SaveOptions {
	vendor: string;
	/** URL the bytes came from (shown redacted in the output). */
	sourceUrl: string;
	/** Preferred file name; otherwise Content-Disposition, then the URL path, then `fallbackName`. */
	fileName?: string;
	fallbackName: string;
	mimeType?: string;
	/** Size the vendor announced elsewhere (listing metadata), checked like Content-Length. */
	expectedSize?: number;
	/** The limits and the checksum choice of the node's Transfer Options. */
	transfer: Pick<TransferOptions, 'maxInMemoryBytes' | 'maxFileBytes' | 'maxTransferMs' | 'timeoutMs' | 'sha256'>;
	/** Inspect the first bytes; return a problem description to reject the body. */
	sniff?: (head: Buffer) => string | undefined;
	gunzip?: boolean;
}

export interface DownloadedFile {
	binary: IBinaryData;
	json: IDataObject;
}

const ERROR_BODY_LIMIT = 64 * 1024;

/**
 * Read a small (error) body into a string, never more than `limit` bytes. A body that breaks off
 * is shown as far as it got; one the stall watchdog ended fails with its (retryable) timeout.
 */
export async function readSmallBody(body: unknown, limit = ERROR_BODY_LIMIT): Promise<string> {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body.slice(0, limit);
	if (Buffer.isBuffer(body)) return body.subarray(0, limit).toString('utf8');
	if (!(body instanceof Readable)) return JSON.stringify(body).slice(0, limit);
	const chunks: Buffer[] = [];
	let length = 0;
	try {
		for await (const chunk of body) {
			const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
			chunks.push(buf);
			length += buf.length;
			if (length >= limit) break;
		}
	} catch (error) {
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- a transparent layer; the router shapes every error
		if (error instanceof VendorApiError) throw error;
	}
	body.destroy();
	return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function fileNameFromUrl(url: string): string | undefined {
	try {
		return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
	} catch {
		return undefined;
	}
}

/** The tightest of Max File Size, Max In-Memory Size (memory mode) and the database-mode limit. */
function byteCap(vendor: string, transfer: SaveOptions['transfer'], mode: BinaryMode, inflated: boolean): ByteCap {
	if (mode === 'memory' && transfer.maxInMemoryBytes < transfer.maxFileBytes) {
		return { bytes: transfer.maxInMemoryBytes, error: () => tooLargeForMemoryError(vendor, transfer.maxInMemoryBytes, undefined) };
	}
	const databaseLimit = databaseModeLimitBytes();
	if (mode === 'database' && databaseLimit < transfer.maxFileBytes) {
		return { bytes: databaseLimit, error: () => tooLargeForDatabaseError(vendor, databaseLimit, undefined) };
	}
	return { bytes: transfer.maxFileBytes, error: () => fileTooLargeError(vendor, transfer.maxFileBytes, undefined, inflated) };
}

/** The failure a user should read: ours as is, a connection closed mid-body as a truncation. */
function describeFailure(vendor: string, error: unknown, received: number, announced: number | undefined): unknown {
	if (error instanceof VendorApiError) return error;
	const network = networkError(vendor, error);
	if (network?.kind === 'network' && network.retryable && received > 0) return truncatedError(vendor, received, announced);
	return network ?? error;
}

/** Stream a download response into binary data and describe it (name, size, sha256, source). */
export async function saveResponseAsBinary(
	ctx: IExecuteFunctions,
	response: StreamResponse,
	options: SaveOptions,
): Promise<DownloadedFile> {
	const { vendor, transfer } = options;
	const refuse = (error: VendorApiError): never => {
		response.body.destroy();
		throw error;
	};
	const lengthHeader = header(response.headers, 'content-length');
	const declared = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
	if (declared !== undefined && options.expectedSize !== undefined && declared !== options.expectedSize) {
		refuse(
			new VendorApiError({
				vendor,
				kind: 'integrity',
				message: `the server announced ${declared} bytes but the file should have ${options.expectedSize}`,
				hint: 'Nothing was saved. Run again; if it persists the file may be changing on the server.',
				retryable: true,
			}),
		);
	}
	const expected = declared ?? options.expectedSize;
	if (expected !== undefined && expected > transfer.maxFileBytes) refuse(fileTooLargeError(vendor, transfer.maxFileBytes, expected));
	const mode = await binaryDataMode(ctx);
	if (mode === 'memory' && expected !== undefined && expected > transfer.maxInMemoryBytes) {
		refuse(tooLargeForMemoryError(vendor, transfer.maxInMemoryBytes, expected));
	}
	if (mode === 'database' && expected !== undefined && expected > databaseModeLimitBytes()) {
		refuse(tooLargeForDatabaseError(vendor, databaseModeLimitBytes(), expected));
	}

	const fileName = sanitizeFileName(
		options.fileName ??
			fileNameFromContentDisposition(header(response.headers, 'content-disposition')) ??
			fileNameFromUrl(options.sourceUrl),
		options.fallbackName,
	);
	const served = (header(response.headers, 'content-type') ?? '').split(';')[0].trim();
	let mimeType = options.mimeType ?? (served || 'application/octet-stream');

	const hashing = transfer.sha256;
	const body = guardBody(response.body, vendor, idleTimeoutMs(transfer.timeoutMs), expected);
	const check = new IntegrityCheck({ vendor, expected, sniff: options.sniff, hashing, cap: byteCap(vendor, transfer, mode, false) });
	const stages: NodeJS.ReadWriteStream[] = [check];
	let outputHash: IntegrityCheck | undefined;
	let deliveredName = fileName;
	if (options.gunzip) {
		outputHash = new IntegrityCheck({
			vendor,
			hashing,
			cap: byteCap(vendor, transfer, mode, true),
			ratio: {
				of: check,
				max: MAX_INFLATE_RATIO,
				floorBytes: INFLATE_RATIO_FLOOR_BYTES,
				error: (inflated, compressed) => inflateBombError(vendor, inflated, compressed),
			},
		});
		stages.push(createGunzip(), outputHash);
		deliveredName = sanitizeFileName(fileName.replace(/\.gz$/i, ''), fileName);
		mimeType = deliveredName.endsWith('.jsonl') || deliveredName.endsWith('.log') ? 'text/plain' : mimeType;
		if (mimeType === 'application/gzip' || mimeType === 'application/octet-stream') mimeType = 'text/plain';
	}
	const { sink, output } = binaryOutput(mode === 'filesystem');
	const finished = new Promise<Error | null>((resolve) => {
		(pipeline as unknown as (...s: unknown[]) => void)(body, ...stages, sink, (error?: Error | null) => resolve(error ?? null));
	});
	const deadline = setTimeout(
		() => body.destroy(deadlineError(vendor, transfer.maxTransferMs, body.bytes, expected)),
		transfer.maxTransferMs,
	);

	const started = Date.now();
	let binary: IBinaryData | undefined;
	let storeError: unknown;
	try {
		binary = await ctx.helpers.prepareBinaryData(output, deliveredName, mimeType);
	} catch (error) {
		storeError = error;
		sink.destroy(error as Error);
	}
	const failure = await finished;
	clearTimeout(deadline);
	if (failure || storeError) {
		if (binary) await discardBinary(ctx, binary);
		// The pipeline's own error says what went wrong (truncation, format); n8n's is generic.
		const cause = failure && !(failure instanceof StoreAbandoned) ? failure : (storeError ?? failure);
		throw describeFailure(vendor, cause, body.bytes, expected);
	}

	const json: IDataObject = {
		fileName: deliveredName,
		mimeType,
		size: outputHash ? outputHash.bytes : check.bytes,
		...(hashing ? { sha256: (outputHash ?? check).hash?.digest('hex') } : {}),
		source: redactUrl(options.sourceUrl),
		fetchedAt: new Date().toISOString(),
		durationMs: Date.now() - started,
	};
	if (outputHash) {
		json.compressedSize = check.bytes;
		if (hashing) json.compressedSha256 = check.hash?.digest('hex');
	}
	return { binary: binary!, json };
}

export const looksLikeJson = (head: Buffer): boolean => /^\s*[{[]/.test(head.subarray(0, 64).toString('latin1'));
export const isGzip = (head: Buffer): boolean => head[0] === 0x1f && head[1] === 0x8b;
export const isTar = (head: Buffer): boolean => head.subarray(257, 262).toString('latin1') === 'ustar';
export const isZip = (head: Buffer): boolean =>
	head.length >= 4 && (head.readUInt32LE(0) === 0x04034b50 || head.readUInt32LE(0) === 0x06054b50);
