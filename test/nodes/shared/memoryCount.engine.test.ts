/**
 * In n8n 1.x's in-memory binary mode, Max In-Memory Size is counted on the bytes as they stream,
 * not trusted from Content-Length: a chunked body, or one that inflates, is stopped at the limit
 * with the same message as a file announced too large, and not retried.
 */
import { gzipSync } from 'zlib';
import type * as Engine from '../../engine';
import { endlessBody, ScriptedBodies } from './scriptedBodies';

const previousMode = process.env.N8N_DEFAULT_BINARY_DATA_MODE;
let engine: typeof Engine;
const bed = new ScriptedBodies();

beforeAll(async () => {
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'default';
	engine = require('../../engine');
	await bed.start();
});
afterAll(async () => {
	await bed.emulator.stop();
	engine.shutdownEngine();
	if (previousMode === undefined) delete process.env.N8N_DEFAULT_BINARY_DATA_MODE;
	else process.env.N8N_DEFAULT_BINARY_DATA_MODE = previousMode;
});
beforeEach(() => bed.reset());

const LIMITED = { maxInMemoryMb: 1, maxAttempts: 3, retryBaseDelayMs: 5 };

it('stops a body without Content-Length at the in-memory limit', async () => {
	bed.answers['tencent-cdn'] = (_req, res) => endlessBody(res);
	const { error, output } = await engine.runWorkflow(bed.workflow('tencent-cdn', 'memoryCount1', { transferOptions: LIMITED }), bed.store(engine));
	expect(error?.message).toMatch(/too large to hold in memory \(limit 1\.0 MB\)/);
	expect(error?.description).toMatch(/N8N_DEFAULT_BINARY_DATA_MODE=filesystem/);
	expect(output('Tencent EdgeOne')).toHaveLength(0);
	expect(bed.downloads('tencent-cdn')).toBe(1);
});

it('counts the decompressed bytes against the in-memory limit', async () => {
	const inflating = gzipSync(Buffer.alloc(3 * 1048576, 'a'));
	bed.answers['tencent-cdn'] = (_req, res) => {
		res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': inflating.length });
		res.end(inflating);
	};
	const wf = bed.workflow('tencent-cdn', 'memoryCount2', { gunzip: true, transferOptions: LIMITED });
	const { error } = await engine.runWorkflow(wf, bed.store(engine));
	expect(inflating.length).toBeLessThan(1048576);
	expect(error?.message).toMatch(/too large to hold in memory \(limit 1\.0 MB\)/);
	expect(bed.downloads('tencent-cdn')).toBe(1);
});

it('still delivers a decompressed file under the limit in memory', async () => {
	const wf = bed.workflow('tencent-cdn', 'memoryCount3', { gunzip: true, transferOptions: LIMITED });
	const { error, output } = await engine.runWorkflow(wf, bed.store(engine));
	expect(error).toBeUndefined();
	const [item] = output('Tencent EdgeOne');
	expect(item.binary!.data.id).toBeUndefined();
	expect(Buffer.from(item.binary!.data.data, 'base64').length).toBe(item.json.size);
});
