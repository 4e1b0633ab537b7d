/**
 * n8n 1.x's default binary mode keeps files in memory; a file announced beyond Max In-Memory Size
 * must be refused before its body is read, with a message that tells the user what to change.
 */
import type * as Engine from '../../engine';
import { Emulator } from '../../emulator/server';
import { YeastarEmulator } from '../../emulator/yeastar';
import { loadWorkflow } from '../../helpers';
import { yeastarCredentials } from '../yeastarTestBed';

const previousMode = process.env.N8N_DEFAULT_BINARY_DATA_MODE;
let engine: typeof Engine;
let yeastar: YeastarEmulator;
let emulator: Emulator;

beforeAll(async () => {
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'default';
	engine = require('../../engine');
	yeastar = new YeastarEmulator();
	emulator = await new Emulator([yeastar]).start();
});
afterAll(async () => {
	await emulator.stop();
	engine.shutdownEngine();
	if (previousMode === undefined) delete process.env.N8N_DEFAULT_BINARY_DATA_MODE;
	else process.env.N8N_DEFAULT_BINARY_DATA_MODE = previousMode;
});

function store() {
	return new engine.CredentialStore({
		yeastarPSeriesApi: yeastarCredentials(emulator, yeastar.options) as never,
	});
}

it('refuses a file above the in-memory limit before downloading it', async () => {
	yeastar.sizes.set('20240614', 3 * 1048576);
	const wf = loadWorkflow('yeastar-download-latest.json', { count: 1, transferOptions: { maxInMemoryMb: 1, maxAttempts: 1 } });
	const { error, output } = await engine.runWorkflow(wf, store());
	expect(error?.message).toMatch(/too large to hold in memory \(limit 1\.0 MB\)/);
	expect(error?.description).toMatch(/N8N_DEFAULT_BINARY_DATA_MODE=filesystem/);
	expect(output('Yeastar P-Series PBX')).toHaveLength(0);
});

it('still downloads files under the limit in memory mode', async () => {
	yeastar.sizes.set('20240613', 64 * 1024);
	const wf = loadWorkflow('yeastar-download-latest.json', { selectBy: 'names', fileNames: '20240613' });
	const { error, output } = await engine.runWorkflow(wf, store());
	expect(error).toBeUndefined();
	const [item] = output('Yeastar P-Series PBX');
	expect(item.binary!.data.id).toBeUndefined();
	expect(Buffer.from(item.binary!.data.data, 'base64').length).toBe(item.json.size);
});
