/**
 * Waiting between attempts ends when the user stops the execution, and a server asking for a
 * wait longer than the retry budget gets an immediate, explicit failure instead of a long sleep.
 * The engine's own cancel (what n8n's Stop button calls) is used; nothing here sleeps long.
 */
import * as engine from '../../engine';
import { binaryFolderOf, filesUnder, partialBody, ScriptedBodies } from './scriptedBodies';

const core = require('n8n-core');

const bed = new ScriptedBodies();
let execution: { cancel(): void } | undefined;
const processRun = core.WorkflowExecute.prototype.processRunExecutionData;

beforeAll(async () => {
	// Keep hold of the running execution so the test can stop it as the editor would.
	core.WorkflowExecute.prototype.processRunExecutionData = function (this: unknown, ...args: unknown[]) {
		execution = processRun.apply(this, args);
		return execution;
	};
	await bed.start();
});
afterAll(async () => {
	core.WorkflowExecute.prototype.processRunExecutionData = processRun;
	await bed.emulator.stop();
	engine.shutdownEngine();
});
beforeEach(() => {
	bed.reset();
	execution = undefined;
});

const busy = (retryAfter: string) => (_req: unknown, res: import('http').ServerResponse) => {
	res.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': retryAfter });
	res.end('busy, come back later');
};

it('stops waiting for a Retry-After at once when the execution is stopped', async () => {
	bed.answers['tencent-cdn'] = busy('100');
	const started = Date.now();
	const running = engine.runWorkflow(bed.workflow('tencent-cdn', 'stopping1', { transferOptions: { maxAttempts: 3 } }), bed.store(engine));
	// Stop once the first answer (the 503) has come back, so the node is in its 100 s wait.
	while (bed.downloads('tencent-cdn') < 1 && Date.now() - started < 20000) await new Promise((r) => setTimeout(r, 20));
	await new Promise((r) => setTimeout(r, 200));
	execution!.cancel();
	const { run } = await running;
	expect(Date.now() - started).toBeLessThan(30000);
	expect(run.status).toBe('canceled');
	expect(bed.downloads('tencent-cdn')).toBe(1);
});

it('fails at once, naming the wait, when Retry-After is beyond the retry budget', async () => {
	bed.answers['tencent-cdn'] = busy('3600');
	const started = Date.now();
	const { error } = await engine.runWorkflow(bed.workflow('tencent-cdn', 'stopping2', { transferOptions: { maxAttempts: 3 } }), bed.store(engine));
	expect(Date.now() - started).toBeLessThan(30000);
	expect(error?.message).toMatch(/HTTP 503: busy, come back later.*the server asked to wait 3600 s before trying again, more than the 300 s left of the retry budget/);
	expect(error?.description).toMatch(/Run again after that wait/);
	expect(bed.downloads('tencent-cdn')).toBe(1);
});

it('still honours a Retry-After that fits the budget', async () => {
	let calls = 0;
	bed.answers['tencent-cdn'] = (req, res, ctx) => {
		if (++calls === 1) return busy('1')(req, res);
		delete bed.answers['tencent-cdn'];
		bed.tencent.cdn.handle(req, res, ctx);
	};
	const started = Date.now();
	const { error, output } = await engine.runWorkflow(bed.workflow('tencent-cdn', 'stopping3', { transferOptions: { maxAttempts: 3 } }), bed.store(engine));
	expect(error).toBeUndefined();
	expect(output('Tencent EdgeOne')).toHaveLength(1);
	expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	expect(bed.downloads('tencent-cdn')).toBe(2);
});

it('ends a stalled download at once when the execution is stopped, leaving no partial file', async () => {
	bed.answers.yeastar = (_req, res) => partialBody(res, 32768, 65536);
	const started = Date.now();
	const wf = bed.workflow('yeastar', 'stopping4', { transferOptions: { maxAttempts: 3 } });
	const running = engine.runWorkflow(wf, bed.store(engine));
	while (bed.downloads('yeastar') < 1 && Date.now() - started < 20000) await new Promise((r) => setTimeout(r, 20));
	await new Promise((r) => setTimeout(r, 300));
	execution!.cancel();
	const { run } = await running;
	expect(Date.now() - started).toBeLessThan(30000);
	expect(run.status).toBe('canceled');
	expect(bed.downloads('yeastar')).toBe(1);
	expect(bed.closed).toBe(1);
	expect(filesUnder(`${binaryFolderOf(engine)}/workflows/stopping4`)).toEqual([]);
});
