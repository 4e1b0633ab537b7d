/**
 * `npm run bench`: throughput and peak memory of the pack's streaming download through the real
 * n8n engine (filesystem binary mode) against curl writing to disk, on emulator files of 1 MB,
 * 100 MB and 1 GB, plus many small files with the default concurrency. The emulator runs in its
 * own process so its memory is not counted. Set LOGPULL_BENCH_SIZES_MB (e.g. "1,100,1024").
 */
import { execFileSync, spawn } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { request } from 'http';
import { homedir, tmpdir } from 'os';
import { importWorkflows, prepareN8n } from '../real-n8n/n8nProcess';
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

function day(k: number): string {
	return new Date(Date.UTC(2024, 4, 1) + k * 86400000).toISOString().slice(0, 10).replace(/-/g, '');
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
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

function worker(args: object): Promise<any> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [join(HERE, 'benchWorker.js'), JSON.stringify(args)], {
			env: { ...process.env, N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem', LOGPULL_TMP_ROOT: BENCH_DIR },
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

/** curl writing the same file to disk; /usr/bin/time reports its peak RSS. */
async function curlDownload(base: string, creds: { clientId: string; clientSecret: string }, name: string) {
	const api = `${base}/openapi/v1.0`;
	const token = (await call(`${api}/get_token`, 'POST', { username: creds.clientId, password: creds.clientSecret })).access_token;
	const link = await call(`${api}/system_log/download?access_token=${token}&files=${name}`);
	const dir = mkdtempSync(join(BENCH_DIR, 'bench-curl-'));
	try {
		const started = process.hrtime.bigint();
		execFileSync('/usr/bin/time', [
			'-f', 'maxrss=%M', '-o', join(dir, 'time.txt'),
			'curl', '-s', '-o', join(dir, 'file.tar'), `${base}${link.download_resource_url}?access_token=${token}`,
		]);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		const peakKb = Number(/maxrss=(\d+)/.exec(readFileSync(join(dir, 'time.txt'), 'utf8'))?.[1] ?? 0);
		return { seconds, bytes: statSync(join(dir, 'file.tar')).size, peakKb };
	} finally {
		rmSync(dir, { recursive: true, force: true });
		await call(`${api}/del_token?access_token=${token}`);
	}
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
			flows.push({
				name: `pack-${name}.json`,
				json: {
					id: `benchPack${name}`, name: `Pack ${name}`, active: false, settings: { executionOrder: 'v1' },
					connections: { Start: { main: [[{ node: 'Download', type: 'main', index: 0 }]] } },
					nodes: [trigger, {
						id: 'p', name: 'Download', type: 'n8n-nodes-logpull.yeastarPSeries', typeVersion: 1, position: [200, 0],
						parameters: { resource: 'systemLog', operation: 'download', selectBy: 'names', fileNames: name, archivePerDay: true, binaryPropertyName: 'data' },
						credentials: { yeastarPSeriesApi: { id: credential.id, name: credential.name } },
					}],
				},
			});
		}
		await importWorkflows(n8n, flows);
		for (const [k, name] of names.entries()) {
			const bytes = SIZES_MB[k] * MB;
			const runs: Record<string, Array<{ mbs: number; peakKb: number }>> = { Pack: [], Http: [] };
			const ratios: number[] = [];
			for (let round = 0; round < ROUNDS; round++) {
				for (const kind of ['Pack', 'Http']) {
					flushDisk();
					const { run, data } = await n8n.execute(`bench${kind}${name}`);
					const node = data?.data?.resultData?.runData?.Download?.[0];
					if (!node || node.error) throw new Error(`${kind} run failed: ${node?.error?.message ?? run.err.slice(-300)}`);
					runs[kind].push({ mbs: bytes / MB / (node.executionTime / 1000), peakKb: run.peakKb });
				}
				ratios.push(runs.Pack[round].mbs / runs.Http[round].mbs);
			}
			const cells = [`${SIZES_MB[k]} MB`];
			for (const kind of ['Pack', 'Http']) {
				cells.push(
					`${median(runs[kind].map((r) => r.mbs)).toFixed(0)} MB/s`,
					`${(Math.max(...runs[kind].map((r) => r.peakKb)) / 1024).toFixed(0)} MB`,
				);
			}
			rows.push([...cells, `${median(ratios).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(', ')})`]);
		}
	} finally {
		n8n.cleanup();
	}
	return rows;
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
	try {
		for (const [k, mb] of SIZES_MB.entries()) {
			const name = day(k);
			const packRuns: Array<{ mbs: number; peakRss: number; baselineRss: number }> = [];
			const curlRuns: Array<{ mbs: number; peakKb: number }> = [];
			const ratios: number[] = [];
			for (let round = 0; round < ROUNDS; round++) {
				flushDisk();
				const pack = await worker({ baseUrl: base, ...creds, names: [name] });
				if (pack.error) throw new Error(`pack download failed: ${pack.error}`);
				flushDisk();
				const curl = await curlDownload(base, creds, name);
				packRuns.push({ mbs: pack.bytes / MB / pack.seconds, peakRss: pack.peakRss, baselineRss: pack.baselineRss });
				curlRuns.push({ mbs: curl.bytes / MB / curl.seconds, peakKb: curl.peakKb });
				ratios.push(packRuns[round].mbs / curlRuns[round].mbs);
			}
			const worst = packRuns.reduce((a, b) => (b.peakRss - b.baselineRss > a.peakRss - a.baselineRss ? b : a));
			rows.push([
				`${mb} MB`,
				`${median(packRuns.map((r) => r.mbs)).toFixed(0)} MB/s`,
				`${(worst.peakRss / MB).toFixed(0)} MB (+${((worst.peakRss - worst.baselineRss) / MB).toFixed(0)})`,
				`${median(curlRuns.map((r) => r.mbs)).toFixed(0)} MB/s`,
				`${(Math.max(...curlRuns.map((r) => r.peakKb)) / 1024).toFixed(0)} MB`,
				`${median(ratios).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(', ')})`,
			]);
		}
		const many = await worker({ baseUrl: base, ...creds, names: smallNames, concurrency: 4 });
		if (many.error) throw new Error(`small files failed: ${many.error}`);
		rows.push([
			`${many.files} × 8 KB`,
			`${(many.files / many.seconds).toFixed(0)} files/s`,
			`${(many.peakRss / MB).toFixed(0)} MB (+${((many.peakRss - many.baselineRss) / MB).toFixed(0)})`,
			'',
			'',
			'',
		]);
		if (process.env.LOGPULL_BENCH_REAL_N8N !== '0') {
			real = await realN8nComparison(base, creds, SIZES_MB.map((_, k) => day(k)));
		}
	} finally {
		emulator.kill('SIGTERM');
	}
	console.log(`Median of ${ROUNDS} alternating rounds; peak RSS is the worst round; pack/curl is the median of each round's ratio (every round's in brackets).`);
	printTable(['file', 'pack (n8n engine, filesystem)', 'pack peak RSS (Δ)', 'curl → disk', 'curl peak RSS', 'pack/curl'], rows);
	console.log('\nListing at the vendor rate limit (EdgeOne Get Many, last 7 days, many zones):');
	printTable(['API', 'packets', 'API calls', 'average calls/s', 'documented limit', 'RequestLimitExceeded'], await benchListing());
	if (real.length) {
		console.log('\nInside a real n8n 1.123 process (filesystem mode), node execution time and whole-process peak RSS:');
		printTable(['file', 'pack', 'n8n peak RSS', 'HTTP Request node', 'n8n peak RSS', 'pack/HTTP Request'], real);
	}
	process.exit(0);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
