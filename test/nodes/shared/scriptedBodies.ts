/**
 * The Yeastar and Tencent emulators with file answers each test scripts: bodies that stall after
 * their headers, close early, never end or inflate without bound. The Yeastar archive download
 * is authenticated (no redirects followed, so nothing but the pack ends a stalled body); the
 * Tencent one is a presigned CDN link (EdgeOne lists one packet: zone example.org, last hour).
 * Also counts the files in n8n's binary data folder, to prove a failed download leaves none.
 */
import type { ServerResponse } from 'http';
import type { IDataObject } from 'n8n-workflow';
import type { CredentialStore as Store } from '../../engine';
import { Emulator, EmulatorRequest, RouteContext, VendorModule } from '../../emulator/server';
import { createTencentEmulators } from '../../emulator/tencent';
import { YeastarEmulator } from '../../emulator/yeastar';
import { loadWorkflow } from '../../helpers';
import { tencentCredentials } from '../tencentTestBed';
import { yeastarCredentials } from '../yeastarTestBed';

export { filesUnder } from '../../helpers';

export type FileAnswer = (req: EmulatorRequest, res: ServerResponse, ctx: RouteContext) => void;
export type Scripted = 'yeastar' | 'tencent-cdn';

export const TENCENT_NODE = 'Tencent EdgeOne';
export const YEASTAR_NODE = 'Yeastar P-Series PBX';
const ZONE_ORG = 'zone-39quuimqg8r6';
const FILE_PATH: Record<Scripted, string> = { yeastar: '/api/download/', 'tencent-cdn': '/' };

export class ScriptedBodies {
	readonly yeastar = new YeastarEmulator();
	readonly tencent = createTencentEmulators();
	emulator!: Emulator;
	/** The file answer for the current test, per vendor; the emulator's own when unset. */
	readonly answers: Partial<Record<Scripted, FileAnswer>> = {};
	/** Scripted connections the client closed. */
	closed = 0;

	private scripted(vendor: Scripted, module: VendorModule): VendorModule {
		return {
			name: module.name,
			actionOf: (req) => module.actionOf?.(req),
			reset: () => module.reset?.(),
			handle: (req, res, ctx) => {
				const answer = this.answers[vendor];
				if (!answer || !req.path.startsWith(FILE_PATH[vendor])) return module.handle(req, res, ctx);
				res.on('close', () => this.closed++);
				answer(req, res, ctx);
			},
		};
	}

	async start(): Promise<this> {
		this.emulator = await new Emulator([
			this.scripted('yeastar', this.yeastar),
			this.tencent.teo,
			this.tencent.dsa,
			this.scripted('tencent-cdn', this.tencent.cdn),
		]).start('127.0.0.1');
		return this;
	}

	reset(): void {
		this.emulator.reset();
		delete this.answers.yeastar;
		delete this.answers['tencent-cdn'];
		this.closed = 0;
	}

	/** Requests for the file itself (not the API calls around it). */
	downloads(vendor: Scripted): number {
		return this.emulator.requests.filter((r) => r.vendor === vendor && r.path.startsWith(FILE_PATH[vendor])).length;
	}

	store(engine: { CredentialStore: typeof Store }): Store {
		return new engine.CredentialStore({
			tencentCloudApi: tencentCredentials(this.emulator, this.tencent.teo.options) as never,
			yeastarPSeriesApi: yeastarCredentials(this.emulator, this.yeastar.options) as never,
		});
	}

	/** One file's download, under its own workflow id (so its own binary data folder). */
	workflow(vendor: Scripted, workflowId: string, params: IDataObject = {}): IDataObject {
		const wf =
			vendor === 'yeastar'
				? loadWorkflow('yeastar-download-latest.json', { count: 1, ...params })
				: loadWorkflow('tencent-edgeone-l7-download.json', { zoneIds: [ZONE_ORG], ...params });
		return { ...wf, id: workflowId };
	}
}

/** Send headers announcing `total` bytes (or none: chunked), then the first `sent` bytes of a tar. */
export function partialBody(res: ServerResponse, sent: number, total?: number): void {
	res.writeHead(200, { 'Content-Type': 'application/octet-stream', ...(total === undefined ? {} : { 'Content-Length': total }) });
	const head = Buffer.alloc(sent);
	head.write('ustar', 257, 'latin1');
	res.write(head);
}

/** A chunked body that never ends: 64 KB after 64 KB for as long as the client reads. */
export function endlessBody(res: ServerResponse): void {
	res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
	const chunk = Buffer.alloc(65536, 'x');
	const pump = () => {
		while (!res.destroyed && res.write(chunk));
		if (!res.destroyed) res.once('drain', pump);
	};
	pump();
}

/** The binary data folder of the engine this test file runs. */
export function binaryFolderOf(engine: { binaryDataService(): unknown }): string {
	return (engine.binaryDataService() as { config: { localStoragePath: string } }).config.localStoragePath;
}
