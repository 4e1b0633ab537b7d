/** A real n8n CLI with this pack installed into a fresh user folder, as a user would install it. */
import { execFileSync, spawn } from 'child_process';
import { createServer } from 'net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export interface N8nRun {
	code: number;
	out: string;
	err: string;
	/** Peak RSS of the n8n process in KB, from /usr/bin/time. */
	peakKb: number;
}

export interface N8nServer {
	url: string;
	/** The operating-system process id. */
	pid: number;
	/** Everything the server printed so far. */
	output(): string;
	stop(): Promise<void>;
}

export interface N8nInstance {
	userFolder: string;
	run(args: string[]): Promise<N8nRun>;
	/**
	 * `n8n start` on a free port, resolved once the editor is accessible; with `command: 'worker'`
	 * an `n8n worker` (queue mode), resolved once it says it is ready.
	 */
	start(extraEnv?: NodeJS.ProcessEnv, options?: StartOptions): Promise<N8nServer>;
	/** The run JSON `n8n execute --rawOutput` printed. */
	execute(workflowId: string): Promise<{ run: N8nRun; data: any }>;
	cleanup(): void;
}

export interface StartOptions {
	command?: 'start' | 'worker';
	/** Extra command-line arguments, e.g. `--concurrency=5` for a worker. */
	args?: string[];
	/** The port `n8n start` listens on (default: a random one). */
	port?: number;
	readyTimeoutMs?: number;
}

/**
 * Every n8n server still running. Whatever ends this process (a crash, an uncaught error,
 * process.exit) takes them along, so no n8n main or worker outlives the test that started it.
 */
const running = new Set<ReturnType<typeof spawn>>();
process.on('exit', () => {
	for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** The line each command prints last when it is ready for work. */
const READY: Record<string, RegExp> = {
	// The REST API answers before the editor is ready; this line comes last.
	start: /Editor is now accessible/,
	worker: /n8n worker is now ready/,
};

/** A port nothing listens on now: a random one could be taken (two n8n at once, or anything else). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/**
 * The run JSON n8n prints, pretty: a `{` line through a `}` line, both at column 0. Log lines may
 * come before it and after it: n8n 2.x logs the JSON through its logger, and on a cold machine
 * the task runner, started with the command and slower than the run, registers (and says so)
 * only after the JSON is out. So the JSON is cut at its own closing line, not at the end of stdout.
 */
export function parseRunJson(stdout: string): any {
	const ends = [...stdout.matchAll(/^\}$/gm)].map((m) => m.index + 1);
	for (const start of stdout.matchAll(/^\{$/gm)) {
		for (const end of ends) {
			if (end <= start.index) continue;
			try {
				return JSON.parse(stdout.slice(start.index, end));
			} catch {
				// a lone brace in a log line, or a closing line inside a string; keep looking
			}
		}
	}
	throw new Error(`no run JSON in n8n output (${stdout.length} characters on stdout)`);
}

/**
 * `extraEnv` is given to every command of this instance (imports, execute, start): queue mode,
 * the database, a shared encryption key.
 */
export async function prepareN8n(
	n8nBin: string,
	packPath: string,
	credentials: object[],
	root = tmpdir(),
	extraEnv: NodeJS.ProcessEnv = {},
): Promise<N8nInstance> {
	const userFolder = mkdtempSync(join(root, 'logpull-real-n8n-'));
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(join(nodesDir, 'package.json'), '{"name":"installed-nodes","private":true}');
	// Exactly the README's manual install. n8n-workflow is an optional peer, so npm brings no copy
	// of its own (n8n provides it; the newest one would not even install on Node 20).
	const npmEnv = { ...process.env };
	for (const key of Object.keys(npmEnv)) if (key.toLowerCase().startsWith('npm_config_')) delete npmEnv[key];
	execFileSync('npm', ['install', packPath], { cwd: nodesDir, stdio: 'inherit', env: npmEnv });
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
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		...extraEnv,
	};
	const timeFile = join(userFolder, 'time.txt');
	const run = (args: string[]) =>
		new Promise<N8nRun>((resolve) => {
			const child = spawn('/usr/bin/time', ['-f', 'maxrss=%M', '-o', timeFile, n8nBin, ...args], {
				env,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let out = '';
			let err = '';
			child.stdout.on('data', (d) => (out += d));
			child.stderr.on('data', (d) => (err += d));
			child.on('close', (code) => {
				let peakKb = 0;
				try {
					peakKb = Number(/maxrss=(\d+)/.exec(require('fs').readFileSync(timeFile, 'utf8'))?.[1] ?? 0);
				} catch {
					// time could not write its report; memory is then unknown
				}
				resolve({ code: code ?? 1, out, err, peakKb });
			});
		});
	const start = async (startEnv: NodeJS.ProcessEnv = {}, options: StartOptions = {}): Promise<N8nServer> => {
		const command = options.command ?? 'start';
		const port = options.port ?? (await freePort());
		const timeoutMs = options.readyTimeoutMs ?? 120000;
		const child = spawn(n8nBin, [command, ...(options.args ?? [])], {
			env: { ...env, ...startEnv, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_SECURE_COOKIE: 'false' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		running.add(child);
		let text = '';
		const exited = new Promise<void>((resolve) =>
			child.on('close', () => {
				running.delete(child);
				resolve();
			}),
		);
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new Error(`n8n ${command} did not become ready in ${timeoutMs / 1000} s:\n${text}`)),
				timeoutMs,
			);
			const onData = (d: Buffer) => {
				text += d;
				if (READY[command].test(text)) {
					clearTimeout(timer);
					resolve();
				}
			};
			child.stdout.on('data', onData);
			child.stderr.on('data', onData);
			child.on('close', (code) => {
				clearTimeout(timer);
				reject(new Error(`n8n ${command} exited (${code}) before it was ready:\n${text}`));
			});
		}).catch((error) => {
			child.kill('SIGKILL');
			throw error;
		});
		return {
			url: `http://127.0.0.1:${port}`,
			pid: child.pid ?? 0,
			output: () => text,
			stop: async () => {
				if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
				const killer = setTimeout(() => child.kill('SIGKILL'), 15000);
				await exited;
				clearTimeout(killer);
			},
		};
	};
	const instance: N8nInstance = {
		userFolder,
		run,
		start,
		execute: async (id) => {
			const result = await run(['execute', `--id=${id}`, '--rawOutput']);
			if (result.code !== 0) return { run: result, data: undefined };
			try {
				return { run: result, data: parseRunJson(result.out) };
			} catch (error) {
				return { run: { ...result, err: `${(error as Error).message}\n${result.err}` }, data: undefined };
			}
		},
		cleanup: () => rmSync(userFolder, { recursive: true, force: true }),
	};
	const credsFile = join(userFolder, 'credentials.json');
	writeFileSync(credsFile, JSON.stringify(credentials));
	const imported = await run(['import:credentials', `--input=${credsFile}`]);
	if (imported.code !== 0) throw new Error(`import:credentials failed: ${imported.err || imported.out}`);
	return instance;
}

/** Import workflow JSON files (each keeps its id). */
export async function importWorkflows(n8n: N8nInstance, files: Array<{ name: string; json: object }>): Promise<void> {
	const dir = join(n8n.userFolder, 'workflows');
	mkdirSync(dir, { recursive: true });
	for (const f of files) writeFileSync(join(dir, f.name), JSON.stringify(f.json));
	const result = await n8n.run(['import:workflow', '--separate', `--input=${dir}`]);
	if (result.code !== 0) throw new Error(`import:workflow failed: ${result.err || result.out}`);
}
