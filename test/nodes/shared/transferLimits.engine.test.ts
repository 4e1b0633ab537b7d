/**
 * Every transfer ends, and is bounded, in filesystem mode through the real engine: a body that
 * stalls after its headers, one closed early, one that never ends, a gzip bomb. Each run ends
 * with an error that names what happened, retried only when a retry can help, and leaves no
 * file in n8n's binary data folder.
 */
import { gzipSync } from 'zlib';
import * as engine from '../../engine';
import { fileSha256 } from '../../emulator/files';
import { setNodeOption } from '../../helpers';
import { binaryFolderOf, endlessBody, filesUnder, partialBody, Scripted, ScriptedBodies, TENCENT_NODE } from './scriptedBodies';

const bed = new ScriptedBodies();
let runs = 0;

beforeAll(async () => {
	await bed.start();
	await engine.initEngine();
});
afterAll(async () => {
	await bed.emulator.stop();
	engine.shutdownEngine();
});
beforeEach(() => bed.reset());

/** One run under a fresh workflow id, with the files it left in its binary data folder. */
async function run(vendor: Scripted, transferOptions: Record<string, unknown>, params: Record<string, unknown> = {}) {
	const id = `transferLimits${++runs}`;
	const result = await engine.runWorkflow(bed.workflow(vendor, id, { transferOptions, ...params }), bed.store(engine));
	return { ...result, leftOnDisk: filesUnder(`${binaryFolderOf(engine)}/workflows/${id}`) };
}

it('delivers a good file and leaves only that file and its metadata on disk (no mode probe)', async () => {
	const { error, output, leftOnDisk } = await run('tencent-cdn', { maxAttempts: 1 });
	expect(error).toBeUndefined();
	const uuid = output(TENCENT_NODE)[0].binary!.data.id!.split('/').pop();
	expect(leftOnDisk.map((f) => f.split('/').pop()).sort()).toEqual([uuid, `${uuid}.metadata`]);
});

it('ends an authenticated download that stalls after its headers, retried per Max Attempts', async () => {
	bed.answers.yeastar = (_req, res) => partialBody(res, 32768, 65536);
	const started = Date.now();
	const { error, leftOnDisk } = await run('yeastar', { maxAttempts: 2, retryBaseDelayMs: 5, timeoutSeconds: 2 });
	expect(error?.message).toMatch(/Yeastar P-Series: the server stopped sending: nothing arrived for 2 s after 32768 of 65536 bytes/);
	expect(error?.description).toMatch(/retried up to Max Attempts/);
	expect(bed.downloads('yeastar')).toBe(2);
	expect(bed.closed).toBe(2);
	expect(Date.now() - started).toBeLessThan(40000);
	expect(leftOnDisk).toEqual([]);
});

it('reports a body closed early as truncated (received of announced), retried, with no partial file left', async () => {
	bed.answers['tencent-cdn'] = (_req, res) => {
		partialBody(res, 32768, 65536);
		setTimeout(() => res.socket?.end(), 20);
	};
	const { error, leftOnDisk } = await run('tencent-cdn', { maxAttempts: 3, retryBaseDelayMs: 5 });
	expect(error?.message).toMatch(/download truncated: received 32768 of 65536 bytes/);
	expect(error?.message).not.toMatch(/connection failed/);
	expect(error?.description).toMatch(/retried up to Max Attempts/);
	expect(bed.downloads('tencent-cdn')).toBe(3);
	expect(leftOnDisk).toEqual([]);
});

it('cuts an endless chunked body off at Max File Size, without retrying it', async () => {
	bed.answers['tencent-cdn'] = (_req, res) => endlessBody(res);
	const { error, leftOnDisk } = await run('tencent-cdn', { maxAttempts: 3, retryBaseDelayMs: 5, maxFileSizeMb: 1 });
	expect(error?.message).toMatch(/the file is larger than Max File Size \(1\.0 MB\); the transfer was stopped there/);
	expect(error?.description).toMatch(/Raise "Max File Size"/);
	expect(bed.downloads('tencent-cdn')).toBe(1);
	expect(bed.closed).toBe(1);
	expect(leftOnDisk).toEqual([]);
});

it('refuses a file announced above Max File Size before reading it', async () => {
	bed.answers['tencent-cdn'] = (_req, res) => partialBody(res, 1024, 5 * 1048576);
	const { error } = await run('tencent-cdn', { maxAttempts: 3, retryBaseDelayMs: 5, maxFileSizeMb: 2 });
	expect(error?.message).toMatch(/the file is 5\.0 MB, larger than Max File Size \(2\.0 MB\)/);
	expect(bed.downloads('tencent-cdn')).toBe(1);
});

it('stops a gzip bomb while decompressing, without retrying it', async () => {
	const bomb = gzipSync(Buffer.alloc(64 * 1048576));
	bed.answers['tencent-cdn'] = (_req, res) => {
		res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': bomb.length });
		res.end(bomb);
	};
	const { error, leftOnDisk } = await run('tencent-cdn', { maxAttempts: 3, retryBaseDelayMs: 5 }, { gunzip: true });
	expect(error?.message).toMatch(/decompression stopped: .* inflated to more than .* over 100×/);
	expect(error?.description).toMatch(/Turn off "Decompress \(Gunzip\)"/);
	expect(bed.downloads('tencent-cdn')).toBe(1);
	expect(leftOnDisk).toEqual([]);
});

it('bounds the decompressed size by Max File Size too', async () => {
	const inflating = gzipSync(Buffer.alloc(3 * 1048576, 'a'));
	bed.answers['tencent-cdn'] = (_req, res) => {
		res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': inflating.length });
		res.end(inflating);
	};
	const { error, leftOnDisk } = await run('tencent-cdn', { maxAttempts: 3, maxFileSizeMb: 1 }, { gunzip: true });
	expect(error?.message).toMatch(/the decompressed file is larger than Max File Size \(1\.0 MB\)/);
	expect(bed.downloads('tencent-cdn')).toBe(1);
	expect(leftOnDisk).toEqual([]);
});

it('deletes only the failed file of parallel downloads; siblings written at the same time stay whole', async () => {
	bed.tencent.files.defaultSize = 4 * 1048576;
	bed.answers['tencent-cdn'] = (req, res, ctx) => {
		if (!req.path.includes('www.example.org')) return bed.tencent.cdn.handle(req, res, ctx);
		partialBody(res, 32768, 65536);
		setTimeout(() => res.socket?.end(), 5);
	};
	const id = `transferLimits${++runs}`;
	const wf = setNodeOption(
		bed.workflow('tencent-cdn', id, { zoneIds: ['zone-2mzegj4vln5f', 'zone-39quuimqg8r6'], transferOptions: { maxAttempts: 3, retryBaseDelayMs: 5, concurrency: 4 } }),
		'continueOnFail',
		true,
	);
	const { output } = await engine.runWorkflow(wf, bed.store(engine));
	const items = output(TENCENT_NODE);
	const delivered = items.filter((i) => i.binary);
	expect(delivered).toHaveLength(2);
	expect(items.filter((i) => i.json.error).map((i) => i.json.error)).toEqual([expect.stringMatching(/download truncated: received 32768 of 65536 bytes/)]);
	const kept = delivered.flatMap((i) => [i.binary!.data.id!.split('/').pop(), `${i.binary!.data.id!.split('/').pop()}.metadata`]);
	expect(filesUnder(`${binaryFolderOf(engine)}/workflows/${id}`).map((f) => f.split('/').pop()).sort()).toEqual(kept.sort());
	for (const item of delivered) {
		expect(await engine.binarySha256(item.binary!.data)).toBe(await fileSha256(bed.tencent.files.spec('l7', String(item.json.LogPacketName))));
	}
});
