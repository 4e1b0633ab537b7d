/**
 * The pack inside a real n8n: installs the packed tarball into a fresh n8n user folder the way a
 * user would (~/.n8n/nodes), imports the example workflows and their credentials (pointed at the
 * emulator running in this process), runs each with `n8n execute --id`, and checks that every
 * downloaded file on n8n's disk is byte-identical to a file the emulator served in full.
 *   node runInN8n.js <path to n8n bin> <path to pack .tgz>
 */
import { execFileSync, spawn } from 'child_process';
import { createHash } from 'crypto';
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startAllEmulators } from '../emulator';
import { demoCredentials } from '../scripts/demoCredentials';
import { FIXTURES_DIR } from '../paths';
import { leafNodeNames } from '../helpers';

interface Check {
	workflow: string;
	ok: boolean;
	detail: string;
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
	return new Promise((resolve) => {
		const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('close', (code) => resolve({ code: code ?? 1, out, err }));
	});
}

async function sha256File(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/** The run JSON n8n prints (pretty, on its own lines) after its log lines. */
function parseRun(stdout: string): any {
	for (const match of stdout.matchAll(/^\{$/gm)) {
		try {
			return JSON.parse(stdout.slice(match.index));
		} catch {
			// a log line that happened to be a lone brace; keep looking
		}
	}
	throw new Error(`no run JSON in n8n output: ${stdout.slice(0, 300)}`);
}

async function main(): Promise<void> {
	const [n8nBin, packPath, label = 'real-n8n'] = process.argv.slice(2);
	const all = await startAllEmulators();
	all.emulator.recordDigests = true;
	const userFolder = mkdtempSync(join(tmpdir(), 'logpull-real-n8n-'));
	const checks: Check[] = [];
	try {
		const nodesDir = join(userFolder, '.n8n', 'nodes');
		mkdirSync(nodesDir, { recursive: true });
		writeFileSync(join(nodesDir, 'package.json'), '{"name":"installed-nodes","private":true}');
		// --legacy-peer-deps: n8n provides n8n-workflow itself; the pack must not bring its own.
		execFileSync('npm', ['install', packPath, '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund'], {
			cwd: nodesDir,
			stdio: 'inherit',
		});
		const pathPrefix = process.env.N8N_PATH_PREFIX;
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PATH: pathPrefix ? `${pathPrefix}:${process.env.PATH}` : process.env.PATH,
			N8N_USER_FOLDER: userFolder,
			N8N_EXPRESSION_ENGINE: 'legacy',
			N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_RUNNERS_BROKER_PORT: String(20000 + Math.floor(Math.random() * 20000)),
		};
		const creds = join(userFolder, 'credentials.json');
		writeFileSync(creds, JSON.stringify(demoCredentials(all)));
		const imported = await run(n8nBin, ['import:credentials', `--input=${creds}`], env);
		if (imported.code !== 0) throw new Error(`import:credentials failed: ${imported.err || imported.out}`);

		const files = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.json')).sort();
		const wfDir = join(userFolder, 'workflows');
		mkdirSync(wfDir);
		for (const f of files) execFileSync('cp', [join(FIXTURES_DIR, f), join(wfDir, f)]);
		const wfImport = await run(n8nBin, ['import:workflow', '--separate', `--input=${wfDir}`], env);
		if (wfImport.code !== 0) throw new Error(`import:workflow failed: ${wfImport.err || wfImport.out}`);

		for (const f of files) {
			const wf = JSON.parse(require('fs').readFileSync(join(FIXTURES_DIR, f), 'utf8'));
			const started = Date.now();
			const result = await run(n8nBin, ['execute', `--id=${wf.id}`, '--rawOutput'], env);
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			if (result.code !== 0) {
				checks.push({ workflow: f, ok: false, detail: `exit ${result.code}: ${(result.err || result.out).slice(-400)}` });
				continue;
			}
			const data = parseRun(result.out);
			const runData = data.data?.resultData?.runData ?? {};
			const items: any[] = leafNodeNames(wf).flatMap((name) => runData[name]?.[0]?.data?.main?.[0] ?? []);
			let verified = 0;
			const problems: string[] = [];
			for (const item of items) {
				for (const binary of Object.values(item.binary ?? {}) as any[]) {
					const path = join(userFolder, '.n8n', 'binaryData', String(binary.id).replace(/^filesystem(-v2)?:/, ''));
					const digest = await sha256File(path);
					const served = all.emulator.served.some((s) => s.complete && s.sha256 === (item.json.compressedSha256 ?? digest));
					if (digest !== item.json.sha256) problems.push(`${binary.fileName}: on disk ${digest} != reported ${item.json.sha256}`);
					else if (!served) problems.push(`${binary.fileName}: not a file the emulator served whole`);
					else verified++;
				}
			}
			checks.push({
				workflow: f,
				ok: problems.length === 0 && items.length > 0,
				detail: problems.join('; ') || `${items.length} items, ${verified} files verified by sha256 (${seconds} s)`,
			});
		}
		// n8n persisted the Yeastar token after the first run; later runs must have reused it.
		const tokens = all.yeastar.tokensIssued;
		checks.push({ workflow: 'yeastar token reuse', ok: tokens <= 1, detail: `${tokens} token(s) minted across all runs` });
	} finally {
		await all.emulator.stop();
		rmSync(userFolder, { recursive: true, force: true });
	}
	for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.workflow}: ${c.detail}`);
	const failed = checks.filter((c) => !c.ok).length;
	console.log(`${label}: ${checks.length - failed} passed, ${failed} failed`);
	process.exit(failed || !checks.length ? 1 : 0);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
