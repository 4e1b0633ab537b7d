/**
 * The trigger example workflows (test/fixtures/workflows/*-trigger-*.json) run through n8n-core
 * as the editor's "Fetch Test Event" runs them: the trigger polls in manual mode, then n8n's own
 * Compression, Split Out and Read/Write Files from Disk nodes take its files. Checks what those
 * stock nodes made of them: each entry gunzipped equals Node's own gunzip of the delivered file,
 * each sub-job ZIP yields that sub-job's log, and every file on disk has its entry's bytes (the
 * Yeastar .tar, which Compression cannot open, the delivered bytes).
 *
 * The stock nodes come from n8n-nodes-base (test/engine/stockNodes.ts); without it these tests
 * are skipped, saying why, except under npm test, which runs them after the real-n8n install.
 * The environment lets n8n's file helpers see Node's fs errors as errors.
 *
 * @jest-environment ./test/engine/hostErrorsEnvironment.js
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createHash } from 'crypto';
import { gunzipSync } from 'zlib';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { binaryBuffer, CredentialStore, shutdownEngine } from '../engine';
import { fakeDateOnly } from '../engine/emulatorSuite';
import { loadStockNodes } from '../engine/stockNodes';
import { type AllEmulators, startAllEmulators } from '../emulator';
import { demoCredentials } from '../scripts/demoCredentials';
import { decompressedEntries, runTriggerExample } from '../scripts/triggerExamples';

const stock = loadStockNodes();
// npm test runs these once the real-n8n install is there, and must not let them skip.
if (!stock && process.env.LOGPULL_REQUIRE_STOCK_NODES === '1') throw new Error('n8n-nodes-base not found, though LOGPULL_REQUIRE_STOCK_NODES=1');
const describeWithStock = stock ? describe : describe.skip;
if (!stock) console.warn('trigger examples skipped: n8n-nodes-base not found (LOGPULL_N8N_NODES_BASE, or the real-n8n cache from test/real-n8n/install.sh)');

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
// The emulated CodeArts project's own executions end on 2024-06-03 between 09:00 and 18:00 UTC.
const CODEARTS_NOW = Date.UTC(2024, 5, 3, 20, 0);

// n8n 2.x lets file nodes touch only ~/.n8n-files unless told otherwise, as a user tells it.
const root = mkdtempSync(join(process.env.LOGPULL_TMP_ROOT ?? tmpdir(), 'logpull-examples-'));
process.env.N8N_RESTRICT_FILE_ACCESS_TO = root;

let all: AllEmulators;
let folder: string;

beforeAll(async () => {
	if (!stock) return;
	all = await startAllEmulators({ host: '127.0.0.1' });
});
afterAll(async () => {
	jest.useRealTimers();
	await all?.emulator.stop();
	shutdownEngine();
	rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
	folder = mkdtempSync(join(root, 'run-'));
});
afterEach(() => {
	jest.useRealTimers();
	rmSync(folder, { recursive: true, force: true });
});

const store = () => new CredentialStore(Object.fromEntries(demoCredentials(all).map((c) => [c.type, { ...c.data }])));

async function run(file: string) {
	const result = await runTriggerExample(file, folder, store());
	expect(result.error).toBeUndefined();
	expect(result.delivered.length).toBeGreaterThan(0);
	return result;
}

/** The bytes of each binary of the items, by file name. */
async function bytesByName(items: INodeExecutionData[]): Promise<Map<string, Buffer>> {
	const found = new Map<string, Buffer>();
	for (const item of items) for (const b of Object.values(item.binary ?? {})) found.set(b.fileName ?? '', await binaryBuffer(b as never));
	return found;
}

describeWithStock('trigger example workflows, Fetch Test Event, into stock n8n nodes', () => {
	it('Yeastar: each day .tar the trigger delivers is written to disk as it is', async () => {
		const { delivered, written, output } = await run('yeastar-trigger-new-system-log.json');
		expect(written.map((f) => f.path)).toEqual(delivered.map((i) => `yeastar-${String(i.json.date)}.tar`).sort());
		for (const item of delivered) {
			const onDisk = readFileSync(join(folder, `yeastar-${String(item.json.date)}.tar`));
			expect(sha256(onDisk)).toBe(item.json.sha256);
			expect(onDisk.subarray(257, 262).toString()).toBe('ustar');
		}
		expect(output('Write System Log to Disk')).toHaveLength(delivered.length);
	});

	it('EdgeOne: each .gz packet is gunzipped by Compression and its JSON Lines written to disk', async () => {
		const packetFile = (json: IDataObject) => `edgeone-${String(json.zoneId)}-${String(json.LogPacketName)}.jsonl`;
		const { delivered, written, output } = await run('tencent-edgeone-trigger-new-packets.json');
		const entries = output('Decompress Packet');
		expect(decompressedEntries(entries)).toHaveLength(delivered.length);
		expect(written.map((f) => f.path)).toEqual(delivered.map((i) => packetFile(i.json)).sort());
		for (const [k, item] of entries.entries()) {
			const onDisk = readFileSync(join(folder, packetFile(item.json)));
			const packet = await binaryBuffer(delivered[k].binary!.data as never);
			expect(sha256(packet)).toBe(delivered[k].json.sha256);
			expect(onDisk.equals(await binaryBuffer(item.binary!.file_0 as never))).toBe(true);
			expect(onDisk.equals(gunzipSync(packet))).toBe(true);
			// Every line is a JSON access-log record: the packet was really unpacked.
			for (const line of onDisk.toString('utf8').trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
		}
	});

	it('DSA: each hourly .gz log is gunzipped by Compression and written to disk by host and hour', async () => {
		const { delivered, written, output } = await run('tencent-dsa-trigger-new-hourly-logs.json');
		const entries = output('Decompress Hourly Log');
		expect(entries).toHaveLength(delivered.length);
		const hourFile = (json: IDataObject) => `dsa-${String(json.host)}-${String(json.datetime).replace(/\D/g, '').slice(0, 10)}.log`;
		expect(written.map((f) => f.path)).toEqual(delivered.map((i) => hourFile(i.json)).sort());
		for (const [k, item] of entries.entries()) {
			const onDisk = readFileSync(join(folder, hourFile(item.json)));
			expect(onDisk.equals(await binaryBuffer(item.binary!.file_0 as never))).toBe(true);
			expect(onDisk.length).toBeGreaterThan(0);
			expect(onDisk.equals(gunzipSync(await binaryBuffer(delivered[k].binary!.data as never)))).toBe(true);
		}
	});

	it('CodeArts Check: every sub-job log ZIP of the execution is unzipped and each log written to disk', async () => {
		fakeDateOnly(CODEARTS_NOW);
		const { delivered, written, output } = await run('huawei-codearts-trigger-new-finished-execution.json');
		expect(delivered).toHaveLength(1);
		const [execution] = delivered;
		const subJobs = execution.json.sub_job_ids as string[];
		expect(subJobs.length).toBeGreaterThan(1);
		const entries = await bytesByName(output('Unzip Sub-Job Logs'));
		expect([...entries.keys()].sort()).toEqual(subJobs.map((id) => `${id}.log`).sort());
		const base = `codearts-${String(execution.json.job_id)}`;
		expect(written.map((f) => f.path)).toEqual(subJobs.map((id) => `${base}-${id}.log`).sort());
		expect(output('Write Log to Disk')).toHaveLength(subJobs.length);
		for (const id of subJobs) {
			const onDisk = readFileSync(join(folder, `${base}-${id}.log`));
			expect(onDisk.equals(entries.get(`${id}.log`)!)).toBe(true);
			// The log the ZIP held, not the archive: syslog lines.
			expect(onDisk.length).toBeGreaterThan(0);
			expect(onDisk.subarray(0, 2).toString()).not.toBe('PK');
		}
	});
});
