/**
 * `npm run bench`: throughput and peak memory of the pack's streaming download through the real
 * n8n engine (filesystem binary mode), with and without the SHA-256 option, against a plain
 * Node.js script and curl, on emulator files of 1 MB, 100 MB and 1 GB; the same downloads inside
 * a real n8n against its HTTP Request node; many small files; listing at the rate limit. The
 * emulator runs in its own process so its memory is not counted.
 * Settings: LOGPULL_BENCH_SIZES_MB ("1,100,1024"), LOGPULL_BENCH_ROUNDS (3), LOGPULL_BENCH_DIR
 * (where files are written: the disk by default, /dev/shm to take disk noise out),
 * LOGPULL_BENCH_SMALL_FILES (200), LOGPULL_BENCH_REAL_N8N=0 to skip real n8n.
 * Before/after, first: one file (LOGPULL_BENCH_COMPARE_MB, 1024) with the pack of
 * LOGPULL_BENCH_BASELINE (default cdacf9e, the pack before the transfer bounds; 'none' skips this)
 * and this tree's, in alternating order, LOGPULL_BENCH_COMPARE_ROUNDS (5) rounds, each way with
 * SHA-256 off and on, writing to LOGPULL_BENCH_COMPARE_DIR (/dev/shm when there is one: a few per
 * cent are lost in the disk's noise otherwise); throughput and the worker's CPU seconds per GB;
 * then both packs' download stages alone in one process (benchStages.ts), whose added CPU must
 * stay under 3 % of the whole download's or the bench fails. LOGPULL_BENCH_COMPARE_ONLY=1 skips
 * everything else.
 */
import { execFileSync, spawn } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { request } from 'http';
import { homedir, tmpdir } from 'os';
import { REPO_ROOT } from '../paths';
import { importWorkflows, prepareN8n } from '../real-n8n/n8nProcess';
import { buildBaseline } from './baseline';
import { median } from './stats';
import { benchListing } from './benchListing';
import { join } from 'path';

const MB = 1048576;
const SIZES_MB = (process.env.LOGPULL_BENCH_SIZES_MB ?? '1,100,1024').split(',').map(Number);
const SMALL_FILES = Number(process.env.LOGPULL_BENCH_SMALL_FILES ?? 200);
/** Disk and CPU on a shared VM swing by 2x between runs: alternate pack and curl, report medians. */
const ROUNDS = Number(process.env.LOGPULL_BENCH_ROUNDS ?? 3);
/** Where both write: the disk by default; a tmpfs such as /dev/shm takes disk noise out. */
const BENCH_DIR = process.env.LOGPULL_BENCH_DIR ?? tmpdir();
const HERE = __dirname;
/** The pack just before the transfer bounds landed: what the before/after comparison runs against. */
const DEFAULT_BASELINE = 'cdacf9e';
const BASELINE = baselineRef(process.env.LOGPULL_BENCH_BASELINE);
const COMPARE_MB = Number(process.env.LOGPULL_BENCH_COMPARE_MB ?? 1024);
const COMPARE_ROUNDS = Number(process.env.LOGPULL_BENCH_COMPARE_ROUNDS ?? 5);
const COMPARE_DIR = process.env.LOGPULL_BENCH_COMPARE_DIR ?? (existsSync('/dev/shm') ? '/dev/shm' : BENCH_DIR);
const COMPARE_ONLY = process.env.LOGPULL_BENCH_COMPARE_ONLY === '1';
/** What the transfer bounds (watchdog, caps, counters) may add to a download's CPU time. */
const STAGE_COST_TARGET_PERCENT = 3;

/** The ref to compare against: as set ('none' for no comparison), else the default when this clone has it. */
function baselineRef(setting: string | undefined): string | undefined {
	if (setting === 'none') return undefined;
	if (setting) return setting;
	try {
		execFileSync('git', ['cat-file', '-e', `${DEFAULT_BASELINE}^{commit}`], { cwd: REPO_ROOT, stdio: 'ignore' });
		return DEFAULT_BASELINE;
	} catch {
		console.log(`(no before/after comparison: commit ${DEFAULT_BASELINE} is not in this clone)`);
		return undefined;
	}
}

function day(k: number): string {
	return new Date(Date.UTC(2024, 4, 1) + k * 86400000).toISOString().slice(0, 10).replace(/-/g, '');
}
/** The emulator's name for the before/after file (a day no other measurement uses). */
const COMPARE_NAME = day(400);

/** Median of the per-round ratios, each round's in brackets: rounds pair runs made seconds apart. */
function ratioCell(a: number[], b: number[]): string {
	const ratios = a.map((x, k) => x / b[k]);
	return `${median(ratios).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(', ')})`;
}


/** Each measurement starts with no dirty pages left over from the previous one to write back. */
function flushDisk(): void {
	execFileSync('sync');
}

function call(url: string, method = 'GET', body?: unknown): Promise<any> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method, headers: { 'User-Agent': 'bench', 'Content-Type': 'application/json' } }, (res) => {
			let text = '';
			res.on('data', (c) => (text += c));
			res.on('end', () => resolve(JSON.parse(text)));
		});
		req.on('error', reject);
		req.end(body ? JSON.stringify(body) : undefined);
	});
}

function worker(args: object, script = join(HERE, 'benchWorker.js'), dir = BENCH_DIR): Promise<any> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [script, JSON.stringify(args)], {
			env: { ...process.env, N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem', LOGPULL_TMP_ROOT: dir },
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.on('close', () => {
			const line = out.trim().split('\n').pop() ?? '';
			try {
				resolve(JSON.parse(line));
			} catch {
				reject(new Error(`worker printed: ${out}`));
			}
		});
	});
}

/** A fresh token and download link for one file, as any client would get them. */
async function downloadLink(base: string, creds: { clientId: string; clientSecret: string }, name: string) {
	const api = `${base}/openapi/v1.0`;
	const token = (await call(`${api}/get_token`, 'POST', { username: creds.clientId, password: creds.clientSecret })).access_token;
	const link = await call(`${api}/system_log/download?access_token=${token}&files=${name}`);
	return {
		url: `${base}${link.download_resource_url}?access_token=${token}`,
		release: () => call(`${api}/del_token?access_token=${token}`),
	};
}

/**
 * One download by a program outside n8n into a fresh folder: `run` fetches `url` into `file` and
 * says how long it took; the folder and the token go away afterwards.
 */
async function outsideDownload<R extends { seconds: number }>(
	base: string,
	creds: { clientId: string; clientSecret: string },
	name: string,
	run: (url: string, file: string, dir: string) => R,
): Promise<R & { bytes: number }> {
	const { url, release } = await downloadLink(base, creds, name);
	const dir = mkdtempSync(join(BENCH_DIR, 'bench-outside-'));
	try {
		const result = run(url, join(dir, 'file.tar'), dir);
		return { ...result, bytes: statSync(join(dir, 'file.tar')).size };
	} finally {
		rmSync(dir, { recursive: true, force: true });
		await release();
	}
}

/** curl writing the file; /usr/bin/time reports its peak RSS. */
function curlDownload(url: string, file: string, dir: string) {
	const started = process.hrtime.bigint();
	execFileSync('/usr/bin/time', ['-f', 'maxrss=%M', '-o', join(dir, 'time.txt'), 'curl', '-s', '-o', file, url]);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const peakKb = Number(/maxrss=(\d+)/.exec(readFileSync(join(dir, 'time.txt'), 'utf8'))?.[1] ?? 0);
	return { seconds, peakKb };
}

/** What a plain Node.js script does: http.get piped into a file, no n8n, no checks, own process. */
const PLAIN_NODE_SCRIPT = `
const [url, file] = process.argv.slice(1);
const started = process.hrtime.bigint();
require('http').get(url, { headers: { 'User-Agent': 'bench' } }, (res) =>
	require('stream').pipeline(res, require('fs').createWriteStream(file), (e) => {
		if (e) throw e;
		console.log(Number(process.hrtime.bigint() - started) / 1e9);
	}),
);`;

function plainNodeDownload(url: string, file: string) {
	return { seconds: Number(execFileSync(process.execPath, ['-e', PLAIN_NODE_SCRIPT, url, file], { encoding: 'utf8' })) };
}

/**
 * The same file downloaded inside a real n8n 1.123 by this pack and by n8n's own HTTP Request node
 * (response format "file"), both in filesystem mode: node execution time and process peak RSS.
 */
async function realN8nComparison(base: string, creds: { clientId: string; clientSecret: string }, names: string[]) {
	const n8nHome = join(homedir(), '.cache', 'n8n-logpull', 'n8n-1.123.81');
	if (!existsSync(join(n8nHome, '.ready'))) return [] as string[][];
	execFileSync('npm', ['pack', '--pack-destination', '.tmp', '--loglevel=error'], { stdio: 'ignore' });
	const pack = join(process.cwd(), '.tmp', readdirSync('.tmp').find((f) => f.startsWith('n8n-nodes-logpull-') && f.endsWith('.tgz'))!);
	const credential = {
		id: 'benchYeastar1',
		name: 'Yeastar bench',
		type: 'yeastarPSeriesApi',
		data: { baseUrl: base, apiPath: 'openapi/v1.0', clientId: creds.clientId, clientSecret: creds.clientSecret, accessToken: '' },
	};
	const n8n = await prepareN8n(join(n8nHome, 'node_modules', '.bin', 'n8n'), pack, [credential], BENCH_DIR);
	const rows: string[][] = [];
	try {
		const api = `${base}/openapi/v1.0`;
		const token = (await call(`${api}/get_token`, 'POST', { username: creds.clientId, password: creds.clientSecret })).access_token;
		const trigger = { id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
		const flows: Array<{ name: string; json: object }> = [];
		for (const name of names) {
			const link = await call(`${api}/system_log/download?access_token=${token}&files=${name}`);
			flows.push({
				name: `http-${name}.json`,
				json: {
					id: `benchHttp${name}`, name: `HTTP ${name}`, active: false, settings: { executionOrder: 'v1' },
					connections: { Start: { main: [[{ node: 'Download', type: 'main', index: 0 }]] } },
					nodes: [trigger, {
						id: 'h', name: 'Download', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [200, 0],
						parameters: { url: `${base}${link.download_resource_url}?access_token=${token}`, options: { response: { response: { responseFormat: 'file', outputPropertyName: 'data' } } } },
					}],
				},
			});
			// What a user would build without the pack: log in, ask for the link, fetch the file, log out.
			const http = (id: string, nodeName: string, x: number, parameters: object) => ({
				id, name: nodeName, type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [x, 0], parameters,
			});
			flows.push({
				name: `httpjob-${name}.json`,
				json: {
					id: `benchHttpJob${name}`, name: `HTTP job ${name}`, active: false, settings: { executionOrder: 'v1' },
					connections: {
						Start: { main: [[{ node: 'Login', type: 'main', index: 0 }]] },
						Login: { main: [[{ node: 'Link', type: 'main', index: 0 }]] },
						Link: { main: [[{ node: 'Download', type: 'main', index: 0 }]] },
						Download: { main: [[{ node: 'Logout', type: 'main', index: 0 }]] },
					},
					nodes: [
						trigger,
						http('l', 'Login', 200, {
							method: 'POST', url: `${api}/get_token`, sendBody: true, specifyBody: 'json',
							jsonBody: JSON.stringify({ username: creds.clientId, password: creds.clientSecret }), options: {},
						}),
						http('k', 'Link', 400, { url: `={{ '${api}/system_log/download?files=${name}&access_token=' + $json.access_token }}`, options: {} }),
						http('d', 'Download', 600, {
							url: `={{ '${base}' + $json.download_resource_url + '?access_token=' + $('Login').item.json.access_token }}`,
							options: { response: { response: { responseFormat: 'file', outputPropertyName: 'data' } } },
						}),
						http('o', 'Logout', 800, { url: `={{ '${api}/del_token?access_token=' + $('Login').item.json.access_token }}`, options: {} }),
					],
				},
			});
			for (const [kind, sha256] of [['Pack', false], ['PackSha', true]] as const) {
				flows.push({
					name: `${kind}-${name}.json`,
					json: {
						id: `bench${kind}${name}`, name: `${kind} ${name}`, active: false, settings: { executionOrder: 'v1' },
						connections: { Start: { main: [[{ node: 'Download', type: 'main', index: 0 }]] } },
						nodes: [trigger, {
							id: 'p', name: 'Download', type: 'n8n-nodes-logpull.yeastarPSeries', typeVersion: 1, position: [200, 0],
							parameters: {
								resource: 'systemLog', operation: 'download', selectBy: 'names', fileNames: name, archivePerDay: true,
								binaryPropertyName: 'data', transferOptions: { sha256 },
							},
							credentials: { yeastarPSeriesApi: { id: credential.id, name: credential.name } },
						}],
					},
				});
			}
		}
		await importWorkflows(n8n, flows);
		for (const [k, name] of names.entries()) {
			const bytes = SIZES_MB[k] * MB;
			const kinds = ['Pack', 'PackSha', 'Http', 'HttpJob'];
			const rate: Record<string, number[]> = { Pack: [], PackSha: [], Http: [], HttpJob: [] };
			const peakKb: Record<string, number> = { Pack: 0, PackSha: 0, Http: 0, HttpJob: 0 };
			for (let round = 0; round < ROUNDS; round++) {
				for (const kind of kinds) {
					flushDisk();
					const { run, data } = await n8n.execute(`bench${kind}${name}`);
					const runData = data?.data?.resultData?.runData ?? {};
					const node = runData.Download?.[0];
					if (!node || node.error) throw new Error(`${kind} run failed: ${node?.error?.message ?? run.err.slice(-300)}`);
					// The HTTP job's time is its login, link and file nodes; logging out is extra work the pack skips.
					const ms = ['Login', 'Link', 'Download'].reduce((sum, n) => sum + (runData[n]?.[0]?.executionTime ?? 0), 0);
					rate[kind].push(bytes / MB / (ms / 1000));
					peakKb[kind] = Math.max(peakKb[kind], run.peakKb);
				}
			}
			rows.push([
				`${SIZES_MB[k]} MB`,
				...kinds.map((kind) => `${median(rate[kind]).toFixed(0)} MB/s`),
				kinds.map((kind) => (peakKb[kind] / 1024).toFixed(0)).join(' / ') + ' MB',
				ratioCell(rate.Pack, rate.Http),
				ratioCell(rate.PackSha, rate.Http),
				ratioCell(rate.Pack, rate.HttpJob),
			]);
		}
	} finally {
		n8n.cleanup();
	}
	return rows;
}

/**
 * This tree's pack against `ref`'s on one file: per round and SHA-256 setting one run each, the
 * order swapped every round; medians and the median of the per-round ratios.
 */
async function compareWithBaseline(
	ref: string,
	base: string,
	creds: { clientId: string; clientSecret: string },
): Promise<{ rows: string[][]; stages: string; verdict: string; withinTarget: boolean }> {
	const baseline = buildBaseline(ref);
	const rows: string[][] = [];
	/** The whole download's CPU per GB, lowest round: the conservative yardstick for the stages' cost. */
	const wholeCpu: Record<'off' | 'on', number> = { off: 0, on: 0 };
	let stages = '';
	try {
		for (const sha256 of [false, true]) {
			const rate = { before: [] as number[], after: [] as number[] };
			const cpu = { before: [] as number[], after: [] as number[] };
			for (let round = 0; round < COMPARE_ROUNDS; round++) {
				const order = round % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const);
				for (const which of order) {
					flushDisk();
					const args = { baseUrl: base, ...creds, names: [COMPARE_NAME], sha256 };
					const run = await worker(args, which === 'before' ? join(baseline.build, 'test', 'scripts', 'benchWorker.js') : join(HERE, 'benchWorker.js'), COMPARE_DIR);
					if (run.error || run.bytes < COMPARE_MB * MB * 0.99) throw new Error(`${which} download failed: ${run.error ?? `${run.bytes} bytes`}`);
					if (run.hashed !== sha256) throw new Error(`${which}: SHA-256 ${sha256 ? 'asked for but not computed' : 'computed though off'}`);
					rate[which].push(run.bytes / MB / run.seconds);
					cpu[which].push(run.cpuSeconds / (run.bytes / (1024 * MB)));
				}
			}
			rows.push([
				`${COMPARE_MB} MB, SHA-256 ${sha256 ? 'on' : 'off'}`,
				`${median(rate.before).toFixed(0)} MB/s (${rate.before.map((r) => r.toFixed(0)).join(', ')})`,
				`${median(rate.after).toFixed(0)} MB/s (${rate.after.map((r) => r.toFixed(0)).join(', ')})`,
				ratioCell(rate.after, rate.before),
				`${median(cpu.before).toFixed(2)} s (${cpu.before.map((c) => c.toFixed(2)).join(', ')})`,
				`${median(cpu.after).toFixed(2)} s (${cpu.after.map((c) => c.toFixed(2)).join(', ')})`,
				ratioCell(cpu.after, cpu.before),
			]);
			wholeCpu[sha256 ? 'on' : 'off'] = Math.min(...cpu.after);
		}
		// The same two packs' stream stages alone, in one process: what the end-to-end runs swing too much to show.
		stages = execFileSync(process.execPath, [join(HERE, 'benchStages.js'), baseline.build], { encoding: 'utf8' });
	} finally {
		baseline.cleanup();
	}
	const { addedCpuPerGb } = JSON.parse(stages.trim().split('\n').pop() ?? '{}') as { addedCpuPerGb: Record<'off' | 'on', number> };
	const shares = (['off', 'on'] as const).map((k) => ({ k, share: (100 * addedCpuPerGb[k]) / wholeCpu[k] }));
	const withinTarget = shares.every(({ share }) => share < STAGE_COST_TARGET_PERCENT);
	const verdict =
		'Added by the new stages, as a share of the whole download\'s CPU (its lowest round): ' +
		shares.map(({ k, share }) => `SHA-256 ${k} ${share.toFixed(1)} %`).join(', ') +
		` — target < ${STAGE_COST_TARGET_PERCENT} %: ${withinTarget ? 'met' : 'NOT MET'}`;
	return { rows, stages: stages.trim().split('\n').slice(0, -1).join('\n'), verdict, withinTarget };
}

function printTable(head: string[], rows: string[][]): void {
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) => '| ' + cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ') + ' |';
	console.log(line(head));
	console.log('| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |');
	for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
	const sizes: Record<string, number> = {};
	SIZES_MB.forEach((mb, k) => (sizes[day(k)] = mb * MB - 1536));
	const smallNames = Array.from({ length: SMALL_FILES }, (_, k) => day(100 + k));
	for (const n of smallNames) sizes[n] = 8 * 1024;
	if (BASELINE) sizes[COMPARE_NAME] = COMPARE_MB * MB - 1536;
	const emulator = spawn(process.execPath, [join(HERE, 'emulatorServe.js')], {
		env: {
			...process.env,
			LOGPULL_YEASTAR_SIZES: JSON.stringify(sizes),
		},
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const info = await new Promise<any>((resolve) => emulator.stdout.once('data', (d) => resolve(JSON.parse(String(d)))));
	// The emulator's default list holds 45 days; the bench needs its own names.
	const base = info.urls.yeastar as string;
	const creds = info.yeastar;
	const rows: string[][] = [];
	let real: string[][] = [];
	let compared: Awaited<ReturnType<typeof compareWithBaseline>> | undefined;
	try {
		if (BASELINE) compared = await compareWithBaseline(BASELINE, base, creds);
		for (const [k, mb] of (COMPARE_ONLY ? [] : SIZES_MB).entries()) {
			const name = day(k);
			const rate: Record<'pack' | 'packSha' | 'node' | 'curl', number[]> = { pack: [], packSha: [], node: [], curl: [] };
			let worstRss = { peakRss: 0, baselineRss: 0 };
			let curlPeakKb = 0;
			for (let round = 0; round < ROUNDS; round++) {
				for (const sha256 of [false, true]) {
					flushDisk();
					const pack = await worker({ baseUrl: base, ...creds, names: [name], sha256 });
					if (pack.error) throw new Error(`pack download failed: ${pack.error}`);
					rate[sha256 ? 'packSha' : 'pack'].push(pack.bytes / MB / pack.seconds);
					if (pack.peakRss - pack.baselineRss > worstRss.peakRss - worstRss.baselineRss) worstRss = pack;
				}
				flushDisk();
				const node = await outsideDownload(base, creds, name, plainNodeDownload);
				rate.node.push(node.bytes / MB / node.seconds);
				flushDisk();
				const curl = await outsideDownload(base, creds, name, curlDownload);
				rate.curl.push(curl.bytes / MB / curl.seconds);
				curlPeakKb = Math.max(curlPeakKb, curl.peakKb);
			}
			rows.push([
				`${mb} MB`,
				`${median(rate.pack).toFixed(0)} MB/s`,
				`${median(rate.packSha).toFixed(0)} MB/s`,
				`${(worstRss.peakRss / MB).toFixed(0)} MB (+${((worstRss.peakRss - worstRss.baselineRss) / MB).toFixed(0)})`,
				`${median(rate.node).toFixed(0)} MB/s`,
				`${median(rate.curl).toFixed(0)} MB/s`,
				`${(curlPeakKb / 1024).toFixed(0)} MB`,
				ratioCell(rate.pack, rate.curl),
				ratioCell(rate.packSha, rate.curl),
				ratioCell(rate.node, rate.curl),
			]);
		}
		const many = COMPARE_ONLY ? undefined : await worker({ baseUrl: base, ...creds, names: smallNames, concurrency: 4 });
		if (many?.error) throw new Error(`small files failed: ${many.error}`);
		if (many) rows.push([
			`${many.files} × 8 KB`,
			`${(many.files / many.seconds).toFixed(0)} files/s`,
			'',
			`${(many.peakRss / MB).toFixed(0)} MB (+${((many.peakRss - many.baselineRss) / MB).toFixed(0)})`,
		]);
		if (process.env.LOGPULL_BENCH_REAL_N8N !== '0' && !COMPARE_ONLY) {
			real = await realN8nComparison(base, creds, SIZES_MB.map((_, k) => day(k)));
		}
	} finally {
		emulator.kill('SIGTERM');
	}
	if (compared) {
		console.log(`Before/after: the pack of ${BASELINE} against this tree's, writing to ${COMPARE_DIR}; median of ${COMPARE_ROUNDS} rounds, order swapped each round (every round's figure in brackets).`);
		printTable(
			['file', `before (${BASELINE})`, 'after (this tree)', 'after/before', 'CPU per GB, before', 'CPU per GB, after', 'CPU after/before'],
			compared.rows,
		);
		console.log(compared.stages);
		console.log(compared.verdict);
		if (!compared.withinTarget) process.exit(1);
		if (COMPARE_ONLY) process.exit(0);
		console.log('');
	}
	console.log(`Writing to ${BENCH_DIR}. Median of ${ROUNDS} alternating rounds; peak RSS is the worst round; ratios are the median of each round's ratio (every round's in brackets).`);
	printTable(
		['file', 'pack (n8n engine)', 'pack, SHA-256 on', 'pack peak RSS (Δ)', 'plain Node.js', 'curl', 'curl peak RSS', 'pack/curl', 'pack SHA/curl', 'plain Node.js/curl'],
		rows,
	);
	console.log('\nListing at the vendor rate limit (EdgeOne Get Many, last 7 days, many zones):');
	printTable(['API', 'packets', 'API calls', 'average calls/s', 'documented limit', 'RequestLimitExceeded'], await benchListing());
	if (real.length) {
		console.log('\nInside a real n8n 1.123 process (filesystem mode), node execution time and whole-process peak RSS:');
		console.log('HTTP Request node: the file from a link and token made in advance. HTTP job: login, link and file as three HTTP Request nodes.');
		printTable(['file', 'pack', 'pack, SHA-256 on', 'HTTP Request node', 'HTTP job', 'n8n peak RSS (same order)', 'pack/HTTP', 'pack SHA/HTTP', 'pack/HTTP job'], real);
	}
	process.exit(0);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
