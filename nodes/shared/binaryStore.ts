/**
 * Where this n8n keeps binary data, and deleting what a failed attempt stored there. Part of the
 * download pipeline: with download.ts and streams.ts, the only modules using Node's fs and streams.
 */
import { rm } from 'fs/promises';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { basename, isAbsolute } from 'path';

export type BinaryMode = 'memory' | 'filesystem' | 'other';
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
	return (await discardBinary(ctx, probe)) ? 'filesystem' : 'other';
}

export async function binaryDataMode(ctx: IExecuteFunctions): Promise<BinaryMode> {
	if (!binaryMode) {
		binaryMode = detectBinaryMode(ctx);
		// A failed probe is not remembered: the next download asks again.
		binaryMode.catch(() => (binaryMode = undefined));
	}
	return await binaryMode;
}
