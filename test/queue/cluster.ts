/**
 * n8n in queue mode: one main process and `n8n worker` processes sharing Redis (Bull), Postgres,
 * the encryption key and one binary-data folder. Each process has its own user folder with the
 * pack in `.n8n/nodes`, as separate hosts or containers would; the main one is installed exactly
 * as the README says (prepareN8n), the workers get a copy of that folder.
 */
import { randomBytes } from 'crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { join } from 'path';
import { freePort, type N8nInstance, type N8nServer, prepareN8n } from '../real-n8n/n8nProcess';

export interface ClusterOptions {
	n8nBin: string;
	packPath: string;
	credentials: object[];
	redisPort: number;
	pgPort: number;
	pgDatabase: string;
	/** Bull key prefix, so runs of different versions never share a queue. */
	queuePrefix: string;
	workers: number;
	/** n8n 1.x only offers `database` binary mode when it is listed as available. */
	listAvailableModes: boolean;
	root: string;
}

interface Proc {
	name: string;
	userFolder: string;
	server?: N8nServer;
	/** Output of earlier runs of this process (a restarted worker keeps its history). */
	history: string;
}

export class QueueCluster {
	readonly storagePath: string;
	readonly main: Proc;
	readonly workers: Proc[] = [];
	private workerEnv: NodeJS.ProcessEnv = {};

	private constructor(
		readonly options: ClusterOptions,
		readonly n8n: N8nInstance,
		readonly env: NodeJS.ProcessEnv,
		readonly dir: string,
	) {
		this.storagePath = String(env.N8N_BINARY_DATA_STORAGE_PATH);
		this.main = { name: 'main', userFolder: n8n.userFolder, history: '' };
		for (let i = 1; i <= options.workers; i++) {
			const userFolder = join(dir, `worker-${i}`);
			mkdirSync(join(userFolder, '.n8n'), { recursive: true });
			cpSync(join(n8n.userFolder, '.n8n', 'nodes'), join(userFolder, '.n8n', 'nodes'), { recursive: true });
			this.workers.push({ name: `worker-${i}`, userFolder, history: '' });
		}
	}

	/** Installs the pack, imports the credentials into Postgres; starts nothing yet. */
	static async prepare(options: ClusterOptions): Promise<QueueCluster> {
		const dir = mkdtempSync(join(options.root, 'logpull-queue-'));
		const storagePath = join(dir, 'shared-binary-data');
		mkdirSync(storagePath, { recursive: true });
		const env: NodeJS.ProcessEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(options.redisPort),
			QUEUE_BULL_PREFIX: options.queuePrefix,
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(options.pgPort),
			DB_POSTGRESDB_DATABASE: options.pgDatabase,
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: 'postgres',
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			N8N_EXPRESSION_ENGINE: 'legacy',
			N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			N8N_BINARY_DATA_STORAGE_PATH: storagePath,
			...(options.listAvailableModes ? { N8N_AVAILABLE_BINARY_DATA_MODES: 'filesystem,database' } : {}),
			N8N_LOG_LEVEL: 'info',
			// A stopped worker gives running jobs this long; the checks stop idle ones only.
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		};
		const n8n = await prepareN8n(options.n8nBin, options.packPath, options.credentials, dir, env);
		return new QueueCluster(options, n8n, env, dir);
	}

	get url(): string {
		if (!this.main.server) throw new Error('main is not running');
		return this.main.server.url;
	}

	async startMain(): Promise<void> {
		const port = await freePort();
		this.main.server = await this.n8n.start(
			{ N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
			{ command: 'start', port, readyTimeoutMs: 180000 },
		);
	}

	/** Starts worker `index` (0-based) with the shared environment plus `extraEnv`. */
	async startWorker(index: number, extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
		const worker = this.workers[index];
		try {
			worker.server = await this.n8n.start(
				{
					...this.workerEnv,
					...extraEnv,
					N8N_USER_FOLDER: worker.userFolder,
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
				},
				// 5 at a time per worker: 10 parallel executions need both workers.
				{ command: 'worker', args: ['--concurrency=5'], readyTimeoutMs: 180000 },
			);
		} catch (error) {
			worker.history += `${(error as Error).message}\n`;
			throw error;
		}
	}

	async startWorkers(extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
		this.workerEnv = extraEnv;
		await Promise.all(this.workers.map(async (_, i) => await this.startWorker(i)));
	}

	async stopWorker(index: number): Promise<void> {
		const worker = this.workers[index];
		if (!worker.server) return;
		await worker.server.stop();
		worker.history += `${worker.server.output()}\n---- (${worker.name} stopped) ----\n`;
		worker.server = undefined;
	}

	async restartWorkers(extraEnv?: NodeJS.ProcessEnv, which = this.workers.map((_, i) => i)): Promise<void> {
		if (extraEnv) this.workerEnv = extraEnv;
		await Promise.all(which.map(async (i) => await this.stopWorker(i)));
		await Promise.all(which.map(async (i) => await this.startWorker(i)));
	}

	/** Everything a process printed, over all its runs. */
	log(proc: Proc): string {
		return proc.history + (proc.server?.output() ?? '');
	}

	/** Which worker logged that it started this execution (every one that did). */
	ranOn(executionId: string): string[] {
		const started = new RegExp(`Worker started execution ${executionId} \\(`);
		return this.workers.filter((w) => started.test(this.log(w))).map((w) => w.name);
	}

	/** Whether main logged the execution as enqueued (queue mode) — and did not run it itself. */
	enqueuedByMain(executionId: string): boolean {
		return new RegExp(`Enqueued execution ${executionId} \\(`).test(this.log(this.main));
	}

	allLogs(): string {
		return [this.main, ...this.workers]
			.map((p) => `==== ${p.name} (user folder ${p.userFolder}) ====\n${this.log(p)}`)
			.join('\n');
	}

	async stop(): Promise<void> {
		const main = async () => {
			if (!this.main.server) return;
			await this.main.server.stop();
			this.main.history += this.main.server.output();
			this.main.server = undefined;
		};
		await Promise.all([main(), ...this.workers.map(async (_, i) => await this.stopWorker(i))]);
	}

	cleanup(): void {
		rmSync(this.dir, { recursive: true, force: true });
	}
}
