/**
 * What the download's own stream stages cost, before and after the transfer bounds (stall
 * watchdog, size, ratio and time caps), without sockets, disk, engine or emulator: another
 * commit's `saveResponseAsBinary` and this tree's, in one process, each fed 1 GB in 64 KB chunks
 * (what a socket delivers) and drained by a stand-in for n8n's filesystem store. The two alternate
 * run by run, so the host's swings hit both alike; CPU seconds per GB and the per-round ratio.
 *   LOGPULL_BENCH_BASELINE=<ref> node .tmp/build/test/scripts/benchStages.js
 *   node .tmp/build/test/scripts/benchStages.js <baseline build dir>   (what `npm run bench` does)
 * LOGPULL_BENCH_STAGE_ROUNDS (15) rounds, each with SHA-256 off and on.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { join } from 'path';
import { Readable } from 'stream';
import { type Baseline, buildBaseline } from './baseline';
import { median } from './stats';

const CHUNK = Buffer.alloc(65536, 0x61);
const CHUNKS = 16384;
const BYTES = CHUNKS * CHUNK.length;
const ROUNDS = Number(process.env.LOGPULL_BENCH_STAGE_ROUNDS ?? 15);

type Save = (ctx: IExecuteFunctions, response: unknown, options: Record<string, unknown>) => Promise<{ json: Record<string, unknown> }>;

function socketLike(): Readable {
	let sent = 0;
	return new Readable({
		read() {
			this.push(sent++ < CHUNKS ? CHUNK : null);
		},
	});
}

/** n8n's filesystem store, minus the disk: reads the stream to its end, gives the file an id. */
const filesystemStore = {
	getExecutionCancelSignal: () => undefined,
	helpers: {
		prepareBinaryData: async (data: Buffer | Readable) => {
			if (!Buffer.isBuffer(data)) for await (const chunk of data) void chunk;
			return { id: 'filesystem-v2:bench/00000000-0000-4000-8000-000000000000', data: '', mimeType: 'application/octet-stream' };
		},
		getBinaryPath: (id: string) => `/nonexistent-logpull-bench/${id.split('/').pop()}`,
	},
} as unknown as IExecuteFunctions;

/** CPU seconds for 1 GB through `save`; both option shapes, each side reads the one it knows. */
async function once(save: Save, sha256: boolean): Promise<number> {
	const cpu = process.cpuUsage();
	const { json } = await save(filesystemStore, { body: socketLike(), headers: { 'content-length': String(BYTES) }, statusCode: 200 }, {
		vendor: 'bench',
		sourceUrl: 'http://bench.invalid/file.tar',
		fallbackName: 'file.tar',
		sha256,
		maxInMemoryBytes: 64 * 1048576,
		transfer: { maxInMemoryBytes: 64 * 1048576, maxFileBytes: 20 * 1024 ** 3, maxTransferMs: 3600000, timeoutMs: 60000, sha256 },
	});
	const used = process.cpuUsage(cpu);
	if (json.size !== BYTES || (sha256 && typeof json.sha256 !== 'string')) throw new Error(`bad run: ${JSON.stringify(json)}`);
	return (used.user + used.system) / 1e6;
}

/** Each SHA-256 setting: the report line and the added CPU seconds per GB (median of each round's difference). */
async function compareStages(baselineBuild: string): Promise<{ sha256: boolean; line: string; addedCpuPerGb: number }[]> {
	const before = require(join(baselineBuild, 'nodes', 'shared', 'download.js')).saveResponseAsBinary as Save;
	const after = require('../../nodes/shared/download').saveResponseAsBinary as Save;
	const results: { sha256: boolean; line: string; addedCpuPerGb: number }[] = [];
	for (const sha256 of [false, true]) {
		await once(before, sha256);
		await once(after, sha256);
		const cpu = { before: [] as number[], after: [] as number[] };
		for (let round = 0; round < ROUNDS; round++) {
			const order = round % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const);
			for (const which of order) cpu[which].push(await once(which === 'before' ? before : after, sha256));
		}
		const ratios = cpu.after.map((a, k) => a / cpu.before[k]);
		const addedCpuPerGb = median(cpu.after.map((a, k) => a - cpu.before[k]));
		const show = (values: number[], digits: number) => values.map((v) => v.toFixed(digits)).join(', ');
		const line =
			`SHA-256 ${sha256 ? 'on ' : 'off'}: before ${median(cpu.before).toFixed(3)} CPU s/GB, after ${median(cpu.after).toFixed(3)}, ` +
			`added ${addedCpuPerGb.toFixed(3)}; after/before ${median(ratios).toFixed(3)} (per round: ${show(ratios, 2)})`;
		results.push({ sha256, line, addedCpuPerGb });
	}
	return results;
}

async function main(): Promise<void> {
	let baseline: Baseline | undefined;
	let build = process.argv[2];
	if (!build) {
		const ref = process.env.LOGPULL_BENCH_BASELINE;
		if (!ref) throw new Error('give the baseline build dir or set LOGPULL_BENCH_BASELINE');
		baseline = buildBaseline(ref);
		build = baseline.build;
	}
	try {
		console.log(`The download stages alone, 1 GB in 64 KB chunks, median of ${ROUNDS} alternating rounds:`);
		const results = await compareStages(build);
		for (const { line } of results) console.log(line);
		// For `npm run bench`, which weighs the added CPU against the whole download's.
		console.log(JSON.stringify({ addedCpuPerGb: Object.fromEntries(results.map((r) => [r.sha256 ? 'on' : 'off', r.addedCpuPerGb])) }));
	} finally {
		baseline?.cleanup();
	}
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
