/**
 * Where this n8n keeps binary data, and deleting what a failed attempt stored there. Part of the
 * download pipeline: with download.ts and streams.ts, the only modules using Node's fs and streams.
 */
import { rm } from 'fs/promises';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { basename, isAbsolute } from 'path';

export type BinaryMode = 'memory' | 'filesystem' | 'database' | 'other';
let binaryMode: Promise<BinaryMode> | undefined;

/**
 * Delete a stored binary's file and its `.metadata` from n8n's binary data folder. Only a path
 * that n8n resolves for this very id and that ends in its uuid is touched; other stores (S3)
 * answer with no local path and keep what they hold. True when the local files are gone.
 */
export async function discardBinary(ctx: IExecuteFunctions, binary: IBinaryData): Promise<boolean> {
	if (!binary.id) return false;
	let file: string;
	try {
		file = ctx.helpers.getBinaryPath(binary.id);
	} catch {
		return false;
	}
	const uuid = binary.id.split('/').pop();
	if (!file || !isAbsolute(file) || !uuid || basename(file) !== uuid) return false;
	try {
		await Promise.all([rm(file, { force: true }), rm(`${file}.metadata`, { force: true })]);
		return true;
	} catch {
		return false;
	}
}

/**
 * How this n8n stores binary data (n8n 1.x keeps it in memory by default). There is no API for
 * it, so store an empty probe once per process and delete it: only the in-memory mode returns it
 * without an id, only the filesystem mode gives it a local path.
 */
async function detectBinaryMode(ctx: IExecuteFunctions): Promise<BinaryMode> {
	const probe = await ctx.helpers.prepareBinaryData(Buffer.alloc(0), 'logpull-mode-probe.txt');
	if (!probe.id) return 'memory';
	// n8n 2.x queue mode defaults to keeping each file whole in its database (the empty probe row
	// goes with the execution); nothing on disk to delete there.
	if (probe.id.startsWith('database:')) return 'database';
	return (await discardBinary(ctx, probe)) ? 'filesystem' : 'other';
}

/**
 * The largest file n8n's database mode accepts: it holds the whole file in memory and refuses a
 * larger one only after it arrived. n8n reads the same variable (MB, 512 unless set).
 */
export function databaseModeLimitBytes(): number {
	const mb = Number(process.env.N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE ?? 512);
	return (Number.isFinite(mb) && mb > 0 ? mb : 512) * 1048576;
}

export async function binaryDataMode(ctx: IExecuteFunctions): Promise<BinaryMode> {
	if (!binaryMode) {
		binaryMode = detectBinaryMode(ctx);
		// A failed probe is not remembered: the next download asks again.
		binaryMode.catch(() => (binaryMode = undefined));
	}
	return await binaryMode;
}
