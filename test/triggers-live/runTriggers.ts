/**
 * The four polling triggers in a real `n8n start` while two days pass (clock.ts), with n8n
 * restarted (SIGTERM, same user folder) halfway: every file the emulator world published must be
 * delivered exactly once, byte for byte, per trigger.
 *   node runTriggers.js <path to n8n bin> <path to pack .tgz> <label>
 */
import { type ChildProcess, spawn } from 'child_process';
import { createHash } from 'crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createInterface } from 'readline';
import { N8nRest } from '../queue/rest';
import { type N8nServer, prepareN8n } from '../real-n8n/n8nProcess';
import { FAKE_START, faketimeEnv, HOUR, SPEED } from './clock';
import { type DeliveryRecord, passed, type TriggerReport } from './compare';
import { killTree } from './processes';
import { liveWorkflows, partsOf, TRIGGERS, type WorldSetup } from './workflows';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fakeHours = (ms: number) => `${(ms / HOUR).toFixed(1)} h`;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (line: string) => console.log(`info [${elapsed()}] ${line}`);

interface Status {
	now: number;
	go: number;
	freeze: number;
	polls: Record<string, { total: number; afterFreeze: number }>;
}

class World {
	constructor(
		readonly child: ChildProcess,
		readonly control: string,
	) {}

	static async start(): Promise<{ world: World; credentials: object[]; setup: WorldSetup }> {
		const script = join(__dirname, 'world.js');
		const child = spawn(process.execPath, [script], { env: { ...process.env, ...faketimeEnv(FAKE_START) }, stdio: ['pipe', 'pipe', 'inherit'] });
		const first = await new Promise<string>((resolve, reject) => {
			createInterface({ input: child.stdout! }).once('line', resolve);
			child.once('exit', (code) => reject(new Error(`the emulator world exited (${code}) before it was ready`)));
		});
		const info = JSON.parse(first);
		return { world: new World(child, info.control), credentials: info.credentials, setup: info.setup };
	}

	async call(path: string, body?: unknown): Promise<any> {
		const response = await fetch(`${this.control}${path}`, { method: body ? 'POST' : 'GET', body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(120000) });
		if (response.status !== 200) throw new Error(`world ${path} answered ${response.status}: ${await response.text()}`);
		return await response.json();
	}

	status = async (): Promise<Status> => await this.call('/status');

	async waitUntil(what: string, done: (s: Status) => boolean, timeoutMs: number): Promise<Status> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const s = await this.status();
			if (done(s)) return s;
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s)}`);
			await sleep(200);
		}
	}
}

/**
 * How far n8n's clock (its HTTP Date header) is from the world's, in fake seconds, against the
 * middle of two world readings around it (a busy machine makes each request take a while).
 */
async function clockSkewSec(server: N8nServer, world: World): Promise<number> {
	const before = (await world.status()).now;
	const answer = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10000) });
	const after = (await world.status()).now;
	const n8nNow = Date.parse(answer.headers.get('date') ?? '');
	return Math.round((n8nNow - (before + after) / 2) / 1000);
}

async function sha256(path: string): Promise<string> {
	return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function records(out: string): Promise<DeliveryRecord[]> {
	const found: DeliveryRecord[] = [];
	for (const trigger of TRIGGERS) {
		for (const file of readdirSync(join(out, trigger))) found.push({ trigger, parts: partsOf(file), sha256: await sha256(join(out, trigger, file)) });
	}
	return found;
}

const countFiles = (out: string) => TRIGGERS.reduce((n, t) => n + readdirSync(join(out, t)).length, 0);

async function main(): Promise<void> {
	const [n8nBin, packPath, label = 'triggers'] = process.argv.slice(2);
	const pids = new Set<number>();
	process.on('exit', () => {
		for (const pid of pids) killTree(pid);
	});
	for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

	const root = mkdtempSync(join(tmpdir(), 'logpull-triggers-'));
	const out = join(root, 'out');
	for (const t of TRIGGERS) mkdirSync(join(out, t), { recursive: true });
	const { world, credentials, setup } = await World.start();
	pids.add(world.child.pid!);
	const checks: Array<{ name: string; ok: boolean; detail: string }> = [];
	let server: N8nServer | undefined;
	let history = '';
	try {
		const n8n = await prepareN8n(n8nBin, packPath, credentials, root, {
			GENERIC_TIMEZONE: 'UTC',
			N8N_RESTRICT_FILE_ACCESS_TO: out,
			// Running executions finish before n8n exits (n8nProcess kills it after 15 s).
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '12',
		});
		const workflows = liveWorkflows(out, setup);
		const start = async () => {
			const s = await n8n.start(faketimeEnv((await world.status()).now), { readyTimeoutMs: 180000 });
			pids.add(s.pid);
			const skew = await clockSkewSec(s, world);
			const run = checks.filter((c) => c.name.startsWith('clock')).length + 1;
			checks.push({ name: `clock of n8n run ${run}`, ok: Math.abs(skew) <= 1800, detail: `${skew} fake s from the emulator's (at most 1800: 1.5 real s)` });
			return s;
		};
		server = await start();
		log(`n8n up, fake time ${new Date((await world.status()).now).toISOString()}`);
		let rest = new N8nRest(server.url);
		await rest.setUpOwner();
		// As the editor saves them (quicker than one more CLI run); activation makes each trigger's
		// first poll, which finds the files already there.
		for (const wf of workflows) {
			const json = { ...wf.json };
			delete json.id;
			wf.json.id = String((await rest.ok('POST', '/workflows', json)).id);
			await rest.activate(wf.json.id);
		}
		const { go, freeze } = await world.call('/go', {});
		log(`publication from ${new Date(go).toISOString()} for ${fakeHours(freeze - go)} (${Math.round((freeze - go) / SPEED / 1000)} s)`);

		await world.waitUntil('the middle of the run', (s) => s.now >= (go + freeze) / 2, 120000);
		const before = await world.status();
		await server.stop();
		history += server.output();
		pids.delete(server.pid);
		const down = await world.status();
		server = await start();
		const up = await world.status();
		log(`restarted: stopped in ${fakeHours(down.now - before.now)}, down for ${fakeHours(up.now - down.now)} of fake time`);
		rest = new N8nRest(server.url);
		await rest.login();

		// Two polls of every trigger that began after the last publication, then a quiet folder.
		const settled = await world.waitUntil('two polls of each trigger after the last publication', (s) => Object.values(s.polls).every((p) => p.afterFreeze >= 2), 150000);
		let files = -1;
		for (let stable = 0; stable < 3; ) {
			await sleep(1000);
			const running = (await Promise.all(workflows.map(async (wf) => await rest.executions(wf.json.id)))).flat().filter((e) => ['running', 'new', 'waiting'].includes(e.status));
			const now = countFiles(out);
			stable = now === files && !running.length ? stable + 1 : 0;
			files = now;
		}
		for (const wf of workflows) {
			const executions: any[] = await rest.executions(wf.json.id);
			const failed = executions.filter((e) => e.status !== 'success');
			const first = failed[0] ? ` (first: #${failed[0].id} ${(await rest.execution(failed[0].id).catch(() => undefined))?.error ?? failed[0].status})` : '';
			const real = executions.map((e) => (Date.parse(e.stoppedAt) - Date.parse(e.startedAt)) / SPEED).filter(Number.isFinite).sort((a, b) => a - b);
			const took = real.length ? `, ${Math.round(real[real.length >> 1])} ms median, ${Math.round(real[real.length - 1])} ms longest` : '';
			log(`${wf.json.name}: ${settled.polls[wf.name.slice(5, -5)]?.total ?? '?'} polls, ${executions.length} executions${took}, ${failed.length} not successful${first}`);
		}
		await server.stop();
		history += server.output();
		pids.delete(server.pid);
		server = undefined;

		const reports: TriggerReport[] = await world.call('/check', { records: await records(out) });
		for (const r of reports) {
			const detail = `published ${r.published}, delivered ${r.delivered}, missing ${r.missing}, duplicates ${r.duplicates}, sha mismatches ${r.shaMismatches}, unexpected ${r.unexpected}, incomplete ${r.incomplete}`;
			checks.push({ name: r.trigger, ok: passed(r), detail: r.examples.length ? `${detail}; ${r.examples.join('; ')}` : detail });
		}
	} catch (error) {
		checks.push({ name: 'run', ok: false, detail: (error as Error).stack ?? String(error) });
	} finally {
		if (server) {
			history += server.output();
			await server.stop();
		}
		world.child.stdin?.end();
	}
	const failed = checks.filter((c) => !c.ok);
	if (failed.length) console.log(`---- n8n output\n${history.slice(-20000)}\n----`);
	for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
	console.log(`${label}: ${checks.length - failed.length} passed, ${failed.length} failed (${elapsed()})`);
	rmSync(root, { recursive: true, force: true });
	process.exit(failed.length || !checks.length ? 1 : 0);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
