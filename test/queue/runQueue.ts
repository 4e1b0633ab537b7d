/**
 * The pack in n8n queue mode: main + 2 workers on Redis and Postgres (started by run.sh), the
 * example workflows behind production webhooks so workers run them, against the emulator in this
 * process. Checks: who ran what, files readable from main, Yeastar tokens shared between workers,
 * a wrong secret remembered across workers and restarts, the EdgeOne rate budget divided between
 * workers, and a large file refused in `database` binary mode.
 *   node runQueue.js <path to n8n bin> <path to pack .tgz> <label>
 * Environment: LOGPULL_QUEUE_REDIS_PORT, LOGPULL_QUEUE_PG_PORT, LOGPULL_QUEUE_PG_DB.
 */
import { randomUUID } from 'crypto';
import { readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { startAllEmulators, type AllEmulators } from '../emulator';
import { leafNodeNames } from '../helpers';
import { FIXTURES_DIR } from '../paths';
import { type DemoCredential, demoCredentials, exampleWorkflowFiles } from '../scripts/demoCredentials';
import { QueueCluster } from './cluster';
import { type Execution, N8nRest } from './rest';

interface Check {
	name: string;
	ok: boolean;
	detail: string;
}

const checks: Check[] = [];
const info: string[] = [];
const check = (name: string, ok: boolean, detail: string) => {
	checks.push({ name, ok, detail });
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
};
const note = (line: string) => {
	info.push(line);
	console.log(`info ${line}`);
};

const fixture = (file: string) => JSON.parse(readFileSync(join(FIXTURES_DIR, file), 'utf8'));

/** A fixture with its Manual Trigger replaced by a production Webhook (POST /webhook/<path>). */
function webhookWorkflow(source: any, id: string, path: string): any {
	const wf = JSON.parse(JSON.stringify(source));
	wf.id = id;
	wf.name = `${wf.name} [queue ${id}]`;
	wf.active = true;
	const trigger = wf.nodes.find((n: any) => n.type === 'n8n-nodes-base.manualTrigger');
	const oldName = trigger.name;
	Object.assign(trigger, {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	});
	wf.connections.Webhook = wf.connections[oldName];
	delete wf.connections[oldName];
	return wf;
}

function withNodeParameters(wf: any, parameters: Record<string, unknown>): any {
	for (const node of wf.nodes) if (node.type.startsWith('n8n-nodes-logpull.')) Object.assign(node.parameters, parameters);
	return wf;
}

function withCredential(wf: any, type: string, credential: DemoCredential): any {
	for (const node of wf.nodes) if (node.credentials?.[type]) node.credentials[type] = { id: credential.id, name: credential.name };
	return wf;
}

interface Planned {
	label: string;
	id: string;
	path: string;
	json: any;
}

class Runner {
	readonly seen = new Map<string, Set<string>>();
	/** Every execution the checks waited for, by workflow label. */
	readonly all: Array<{ label: string; execution: Execution }> = [];

	constructor(
		readonly rest: N8nRest,
		readonly cluster: QueueCluster,
	) {}

	/** Fires `count` webhook calls at once and waits for as many new finished executions. */
	async run(wf: Planned, count: number, timeoutMs?: number): Promise<Execution[]> {
		const seen = this.seen.get(wf.id) ?? new Set<string>();
		this.seen.set(wf.id, seen);
		await this.rest.trigger(wf.path, count);
		const executions = await this.rest.waitForNew(wf.id, seen, count, timeoutMs);
		for (const execution of executions) this.all.push({ label: wf.label, execution });
		return executions;
	}

	/** "worker-1 5, worker-2 5" */
	split(executions: Execution[]): string {
		const counts = new Map<string, number>();
		for (const e of executions) {
			const on = this.cluster.ranOn(e.id).join('+') || 'no worker';
			counts.set(on, (counts.get(on) ?? 0) + 1);
		}
		return [...counts.entries()]
			.sort()
			.map(([w, n]) => `${w} ${n}`)
			.join(', ');
	}

	workersUsed(executions: Execution[]): number {
		return new Set(executions.flatMap((e) => this.cluster.ranOn(e.id))).size;
	}
}

async function errorsOf(rest: N8nRest, executions: Execution[]): Promise<string[]> {
	const failed = executions.filter((e) => e.status !== 'success');
	return await Promise.all(failed.map(async (e) => `#${e.id} ${e.status}: ${(await rest.execution(e.id)).error ?? '?'}`));
}

/** The items of the workflow's last nodes, and every file in them checked through main. */
async function verifyFiles(rest: N8nRest, all: AllEmulators, wf: any, executionId: string) {
	const { runData, error } = await rest.execution(executionId);
	const items: any[] = leafNodeNames(wf).flatMap((node) => runData[node]?.[0]?.data?.main?.[0] ?? []);
	const problems: string[] = [];
	const modes = new Set<string>();
	let verified = 0;
	if (error) problems.push(`execution error: ${error}`);
	for (const item of items) {
		if (item.json?.error) problems.push(`error item: ${item.json.error}`);
		for (const binary of Object.values(item.binary ?? {}) as any[]) {
			const id = String(binary.id ?? '');
			modes.add(id.split(':')[0] || 'in memory');
			const got = await rest.binarySha256(id);
			const servedDigest = item.json.compressedSha256 ?? got.sha256;
			if (got.status !== 200) problems.push(`${binary.fileName}: main answered ${got.status} for ${id}`);
			else if (got.sha256 !== item.json.sha256) problems.push(`${binary.fileName}: main serves ${got.sha256}, the node reported ${item.json.sha256}`);
			else if (!all.emulator.served.some((s) => s.complete && s.sha256 === servedDigest)) problems.push(`${binary.fileName}: not a file the emulator served whole`);
			else verified++;
		}
	}
	return { items, verified, problems, modes: [...modes] };
}

function databaseModeSupported(n8nBin: string): boolean {
	try {
		const config = join(dirname(n8nBin), '..', 'n8n-core', 'dist', 'binary-data', 'binary-data.config.js');
		return /'database'/.test(readFileSync(config, 'utf8'));
	} catch {
		return false;
	}
}

async function main(): Promise<void> {
	const [n8nBin, packPath, label = 'queue'] = process.argv.slice(2);
	const started = Date.now();
	const major = Number(/n8n-(\d+)\./.exec(label)?.[1] ?? /(\d+)\.\d+\.\d+/.exec(label)?.[1] ?? 1);
	const all = await startAllEmulators();
	all.emulator.recordDigests = true;
	const credentials = demoCredentials(all);
	const yeastarGood = credentials.find((c) => c.type === 'yeastarPSeriesApi')!;
	const tencent = credentials.find((c) => c.type === 'tencentCloudApi')!;
	const yeastarWrong: DemoCredential = {
		...yeastarGood,
		id: 'yeastarQueueWrong1',
		name: 'Yeastar with a wrong secret (queue)',
		data: { ...yeastarGood.data, clientSecret: 'wrong-secret-typed-queue' },
	};

	const planned: Planned[] = [];
	const plan = (label: string, json: any): Planned => {
		const id = `q${String(planned.length + 1).padStart(2, '0')}${json.id}`.slice(0, 16);
		const path = `logpull-${id.toLowerCase()}`;
		const p = { label, id, path, json: webhookWorkflow(json, id, path) };
		planned.push(p);
		return p;
	};
	const examples = exampleWorkflowFiles().map((f) => plan(f, fixture(f)));
	const tokensWf = plan('yeastar tokens', fixture('yeastar-list-system-logs.json'));
	const wrongWf = plan('yeastar wrong secret', withCredential(fixture('yeastar-list-system-logs.json'), 'yeastarPSeriesApi', yeastarWrong));
	const legacyList = plan('edgeone legacy list', withNodeParameters(fixture('tencent-edgeone-l7-list.json'), { apiVersion: '2022-01-06' }));
	const dbSmall = plan('database mode download', fixture('yeastar-download-latest.json'));
	const dbLarge = plan(
		'database mode large file',
		withNodeParameters(fixture('yeastar-download-latest.json'), { count: 1, transferOptions: { sha256: true, maxInMemoryMb: 4 } }),
	);

	const cluster = await QueueCluster.prepare({
		n8nBin,
		packPath,
		credentials: [...credentials, yeastarWrong],
		redisPort: Number(process.env.LOGPULL_QUEUE_REDIS_PORT),
		pgPort: Number(process.env.LOGPULL_QUEUE_PG_PORT),
		pgDatabase: String(process.env.LOGPULL_QUEUE_PG_DB),
		queuePrefix: `logpull-${label}`,
		workers: 2,
		listAvailableModes: major < 2,
		root: process.env.LOGPULL_QUEUE_TMP ?? tmpdir(),
	});
	// Stopped from outside (Ctrl-C, CI timeout): no n8n process may outlive this one.
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			console.log(`${label}: ${signal}, stopping n8n`);
			void Promise.race([cluster.stop(), new Promise((r) => setTimeout(r, 20000))]).finally(() => {
				cluster.cleanup();
				process.exit(130);
			});
		});
	}
	let crashed: Error | undefined;
	try {
		const dir = join(cluster.dir, 'workflows');
		require('fs').mkdirSync(dir, { recursive: true });
		for (const p of planned) writeFileSync(join(dir, `${p.id}.json`), JSON.stringify(p.json));
		// Activated on import; n8n allows that in queue mode only (both 1.x and 2.x).
		const imported = await cluster.n8n.run(['import:workflow', '--separate', `--input=${dir}`, '--activeState=fromJson']);
		if (imported.code !== 0) throw new Error(`import:workflow failed: ${imported.err || imported.out}`);
		const t0 = Date.now();
		await Promise.all([cluster.startMain(), cluster.startWorkers()]);
		note(`main and 2 workers ready in ${((Date.now() - t0) / 1000).toFixed(0)} s (setup since start ${((Date.now() - started) / 1000).toFixed(0)} s)`);
		const rest = new N8nRest(cluster.url);
		await rest.setUpOwner();
		// `import:workflow --activeState=fromJson` activates on 1.x; 2.x logs "Failed to activate"
		// from the CLI, so whatever is still inactive is activated through main, as the editor does.
		const inactive: string[] = [];
		for (const p of planned) if (!(await rest.workflowActive(p.id))) inactive.push(p.id);
		const how = new Set<string>();
		for (const id of inactive) how.add(await rest.activate(id));
		const still: string[] = [];
		for (const p of planned) if (!(await rest.workflowActive(p.id))) still.push(p.id);
		const cliFailure = /Failed to activate[^\n]*/.exec(`${imported.out}\n${imported.err}`)?.[0];
		check(
			'webhook workflows active',
			still.length === 0,
			`${planned.length} workflows: ${planned.length - inactive.length} by import --activeState=fromJson` +
				(inactive.length ? `, ${inactive.length} through REST (${[...how].join(', ')})${cliFailure ? `; the CLI said "${cliFailure.slice(0, 200)}"` : ''}` : '') +
				(still.length ? `; still inactive: ${still.join(', ')}` : ''),
		);
		if (still.length) throw new Error('webhook workflows are not active; nothing can run');
		const runner = new Runner(rest, cluster);

		const timed = async (name: string, step: () => Promise<void>) => {
			const t = Date.now();
			await step();
			note(`${name}: ${((Date.now() - t) / 1000).toFixed(0)} s`);
		};
		// The wrong-secret check restarts both workers; where n8n offers `database` binary mode
		// they come back in it, so one restart serves both checks.
		const dbMode = databaseModeSupported(n8nBin);
		const restart = async () => await cluster.restartWorkers(dbMode ? DATABASE_MODE : undefined);
		await timed('examples', async () => await checkExamples(runner, all, examples));
		await timed('yeastar tokens', async () => await checkYeastarTokens(runner, all, tokensWf));
		await timed('rate budget', async () => await checkRateBudget(runner, all, tencent, legacyList));
		await timed('wrong secret', async () => await checkWrongSecret(runner, all, wrongWf, yeastarWrong, yeastarGood, restart, dbMode));
		if (dbMode) await timed('database mode', async () => await checkDatabaseMode(runner, all, dbSmall, dbLarge));
		else note('database binary mode: not offered by this n8n version; skipped');

		// Who ran what, over every execution of every check.
		const wrongPlace = runner.all.filter(({ execution: e }) => cluster.ranOn(e.id).length !== 1 || !cluster.enqueuedByMain(e.id));
		check(
			'every execution enqueued by main and run by one worker',
			wrongPlace.length === 0 && runner.all.length > 0,
			wrongPlace.length
				? wrongPlace.slice(0, 5).map(({ label, execution: e }) => `${label} #${e.id}: ran on [${cluster.ranOn(e.id).join(', ')}], enqueued by main: ${cluster.enqueuedByMain(e.id)}`).join('; ')
				: `${runner.all.length} executions: ${runner.split(runner.all.map((a) => a.execution))}; main ran none`,
		);
	} catch (error) {
		crashed = error as Error;
		check('queue run', false, `stopped early: ${crashed.stack ?? crashed.message}`);
	} finally {
		await cluster.stop().catch((error) => console.error(`stopping n8n: ${error}`));
		await all.emulator.stop();
	}
	const failed = checks.filter((c) => !c.ok).length;
	const logFile = join(process.env.LOGPULL_QUEUE_LOGS ?? cluster.dir, `${label}-processes.log`);
	try {
		writeFileSync(logFile, cluster.allLogs());
	} catch {
		// the log folder is gone; the logs still go to stdout on failure
	}
	if (failed) console.log(`---- every n8n process's log (${label}) ----\n${cluster.allLogs()}\n---- end of logs ----`);
	cluster.cleanup();
	console.log(`${label}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
	console.log(`${label}: ${checks.length - failed} passed, ${failed} failed`);
	process.exit(failed || !checks.length ? 1 : 0);
}

/** Every example workflow once, all at the same time, each file read back through main. */
async function checkExamples(runner: Runner, all: AllEmulators, examples: Planned[]): Promise<void> {
	const t0 = Date.now();
	const results = await Promise.all(examples.map(async (wf) => ({ wf, executions: await runner.run(wf, 1) })));
	const seconds = ((Date.now() - t0) / 1000).toFixed(1);
	for (const { wf, executions } of results) {
		const [e] = executions;
		const files = await verifyFiles(runner.rest, all, wf.json, e.id);
		const on = runner.cluster.ranOn(e.id).join('+') || 'no worker';
		const ok = e.status === 'success' && files.problems.length === 0 && files.items.length > 0;
		check(
			`example ${wf.label}`,
			ok,
			ok
				? `#${e.id} on ${on}, ${files.items.length} items, ${files.verified} files read from main by sha256${files.modes.length ? ` (${files.modes.join(', ')})` : ''}`
				: `#${e.id} ${e.status} on ${on}: ${files.problems.join('; ') || 'no items'}`,
		);
	}
	note(`${examples.length} example workflows at once: ${seconds} s`);
}

/**
 * Tokens shared through the credential: after every token expired, and after every token was
 * revoked, 10 executions at once over both workers must all succeed, and no more than one token
 * per worker may stay live.
 */
async function checkYeastarTokens(runner: Runner, all: AllEmulators, wf: Planned): Promise<void> {
	const { yeastar } = all;
	const phases: Array<[string, () => void]> = [
		['expired', () => yeastar.expireAccessTokens()],
		['revoked', () => yeastar.tokens.forEach((t) => (t.revoked = true))],
	];
	for (let round = 1; round <= 3; round++) {
		const parts: string[] = [];
		let ok = true;
		for (const [name, apply] of phases) {
			const minted = yeastar.tokensIssued;
			apply();
			const executions = await runner.run(wf, 10);
			const errors = await errorsOf(runner.rest, executions);
			const used = runner.workersUsed(executions);
			ok &&= errors.length === 0 && used === 2;
			parts.push(
				`${name}: ${executions.length - errors.length}/10 ok (${runner.split(executions)}), ${yeastar.tokensIssued - minted} token(s) minted${errors.length ? `; ${errors.slice(0, 3).join('; ')}` : ''}`,
			);
		}
		const live = yeastar.liveTokens().length;
		ok &&= live <= 2;
		check(`yeastar tokens round ${round}`, ok, `${parts.join('; ')}; ${live} live token(s)`);
	}
	const live = yeastar.liveTokens().length;
	check('yeastar at most one live token per worker', live <= 2 && !yeastar.ipBlocked, `${live} live of ${yeastar.tokens.length} issued in all, ${yeastar.refreshes} refresh_token call(s), IP blocked: ${yeastar.ipBlocked}`);
}

/**
 * 40 EdgeOne listings at once on the legacy API (20 requests/s per account) over 2 workers:
 * with "Processes Sharing This Credential" = 2 under 5 % of the answers may be refusals; with 1
 * (each worker uses the whole budget) the figure is reported for information.
 */
async function checkRateBudget(runner: Runner, all: AllEmulators, tencent: DemoCredential, wf: Planned): Promise<void> {
	const measure = async (sharing: number) => {
		await runner.rest.updateCredential({ ...tencent, data: { ...tencent.data, sharingProcesses: sharing } });
		const { teo } = all.tencent;
		const from = all.emulator.requests.length;
		const refusedBefore = teo.counters.errors.RequestLimitExceeded ?? 0;
		const t0 = Date.now();
		const executions = await runner.run(wf, 40, 300000);
		const seconds = (Date.now() - t0) / 1000;
		const calls = all.emulator.requests.slice(from).filter((r) => r.vendor === 'teo' && r.action === 'DownloadL7Logs').length;
		const refused = (teo.counters.errors.RequestLimitExceeded ?? 0) - refusedBefore;
		const errors = await errorsOf(runner.rest, executions);
		return { executions, calls, refused, errors, seconds, share: calls ? refused / calls : 1 };
	};
	const shared = await measure(2);
	check(
		'edgeone 2022-01-06 rate budget, sharingProcesses=2',
		shared.errors.length === 0 && shared.share < 0.05 && runner.workersUsed(shared.executions) === 2,
		`40 listings (${runner.split(shared.executions)}) in ${shared.seconds.toFixed(1)} s: ${shared.refused} of ${shared.calls} DownloadL7Logs answers refused (${(shared.share * 100).toFixed(1)} %), ${shared.errors.length} failed${shared.errors.length ? `: ${shared.errors.slice(0, 3).join('; ')}` : ''}`,
	);
	const alone = await measure(1);
	note(
		`edgeone 2022-01-06 with sharingProcesses=1 (each worker takes the whole budget): ${alone.refused} of ${alone.calls} answers refused (${(alone.share * 100).toFixed(1)} %), ${alone.errors.length}/40 failed, ${alone.seconds.toFixed(1)} s`,
	);
}

/**
 * A wrong Client Secret: one execution reaches the PBX and is refused; the rejection is stored in
 * the credential, so executions on both workers, and on workers restarted with empty memory, do
 * not try again. The PBX blocks the IP after 5 failed logins. The corrected secret then works.
 */
async function checkWrongSecret(
	runner: Runner,
	all: AllEmulators,
	wf: Planned,
	wrong: DemoCredential,
	good: DemoCredential,
	restart: () => Promise<void>,
	intoDatabaseMode: boolean,
): Promise<void> {
	const logins = () => all.emulator.count('yeastar', 'get_token');
	const before = logins();
	const first = await runner.run(wf, 1);
	const spread = await runner.run(wf, 6);
	await restart();
	const restarted = await runner.run(wf, 6);
	const attempts = [...first, ...spread, ...restarted];
	const reached = logins() - before;
	const failed = attempts.filter((e) => e.status !== 'success').length;
	const later = await runner.rest.execution(restarted[0].id);
	await runner.rest.updateCredential({ ...wrong, data: good.data });
	const fixed = await runner.run(wf, 2);
	const fixedErrors = await errorsOf(runner.rest, fixed);
	check(
		'yeastar wrong secret over both workers and a restart',
		reached <= 1 && failed === attempts.length && runner.workersUsed(spread) === 2 && !all.yeastar.ipBlocked && fixedErrors.length === 0,
		`${failed}/${attempts.length} runs failed (${runner.split(attempts)}; both workers restarted${intoDatabaseMode ? ' (into database binary mode)' : ''} before the last 6), ${reached} login(s) reached the PBX, IP blocked: ${all.yeastar.ipBlocked}; ` +
			`after the restart: "${(later.error ?? '').slice(0, 120)}"; corrected secret (REST PATCH): ${fixedErrors.length ? fixedErrors.join('; ') : `${fixed.length}/${fixed.length} ok (${runner.split(fixed)})`}`,
	);
}

/** Worker settings for `database` binary mode; the 4 MB cap keeps the large file small. */
const DATABASE_MODE = { N8N_DEFAULT_BINARY_DATA_MODE: 'database', N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE: '4' };

/**
 * Workers (restarted by the wrong-secret check) in `database` binary mode (n8n holds each file whole in memory there, capped by
 * N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE): small files still reach main; a file larger than
 * "Max In-Memory Size" (4 MB here) and than the cap (4 MB) must be refused before its body is read.
 */
async function checkDatabaseMode(runner: Runner, all: AllEmulators, small: Planned, large: Planned): Promise<void> {
	const [e] = await runner.run(small, 1);
	const files = await verifyFiles(runner.rest, all, small.json, e.id);
	const inDb = files.modes.length > 0 && files.modes.every((m) => m === 'database');
	check(
		'database mode: files written by a worker read from main',
		e.status === 'success' && files.problems.length === 0 && files.verified > 0 && inDb,
		`#${e.id} on ${runner.cluster.ranOn(e.id).join('+')}: ${files.verified} files by sha256, stored as ${files.modes.join(', ') || 'nothing'}${files.problems.length ? `; ${files.problems.join('; ')}` : ''}`,
	);

	const { yeastar } = all;
	const latest = [...yeastar.options.logNames].sort().pop()!;
	const size = 16 * 1048576;
	yeastar.sizes.set(latest, size);
	const from = all.emulator.served.length;
	try {
		const [big] = await runner.run(large, 1);
		const { error } = await runner.rest.execution(big.id);
		const servedWhole = all.emulator.served.slice(from).filter((s) => s.vendor === 'yeastar' && s.size >= size && s.complete).length;
		const refused = big.status !== 'success' && /too large|in memory|database/i.test(error ?? '');
		check(
			'database mode: a 16 MB file refused before download',
			refused && servedWhole === 0,
			`#${big.id} ${big.status}, the emulator served it whole ${servedWhole} time(s): ${error ? `"${error.slice(0, 300)}"` : 'no error (the file was accepted)'}`,
		);
	} finally {
		yeastar.sizes.delete(latest);
	}
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
