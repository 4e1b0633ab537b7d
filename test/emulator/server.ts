/**
 * The vendor emulator: one local HTTP listener per vendor API, each behaving like that vendor
 * (signatures, tokens, error shapes, limits), plus fault injection shared by all of them.
 * Used by the engine tests, the demo, the soak and the benchmarks. Faults can be injected in
 * process (`emulator.faults.add`) or over HTTP (`POST /__emulator/faults`) from another process.
 */
import { createHash } from 'crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { createServer as createTlsServer } from 'https';
import { AddressInfo, Socket } from 'net';
import { generateFile, FileSpec } from './files';

export interface EmulatorRequest {
	method: string;
	url: URL;
	path: string;
	headers: IncomingMessage['headers'];
	body: Buffer;
	/** Vendor-specific label used for fault matching (Tencent action, Yeastar endpoint…). */
	action?: string;
}

export interface Fault {
	/** Which vendor listener; omitted = any. */
	vendor?: string;
	/** Substring of the path, or of the action name (Tencent X-TC-Action / Action). */
	match?: string;
	method?: string;
	/** How many matching requests this fault applies to (default 1). */
	times?: number;
	/** Answer with this HTTP status and body instead of the real answer. */
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Wait this long before answering (slow first byte); combined with nothing else it then answers normally. */
	delayMs?: number;
	/** For file downloads: send this many body bytes after the full Content-Length, then cut the connection. */
	truncateAfter?: number;
	/** Destroy the connection without an answer. */
	reset?: boolean;
}

export interface FileServeOptions {
	contentType: string;
	fileName?: string;
	/** Omit Content-Length (chunked transfer), as some CDNs do. */
	chunked?: boolean;
	extraHeaders?: Record<string, string>;
}

export interface RouteContext {
	json(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void;
	text(res: ServerResponse, status: number, body: string, contentType?: string): void;
	sendFile(res: ServerResponse, spec: FileSpec, options: FileServeOptions): void;
	/** The base URL of this vendor's listener, e.g. http://127.0.0.1:40123 */
	baseUrl: string;
	/** Base URL of another vendor listener (for cross-host download URLs). */
	baseUrlOf(vendor: string): string;
}

export interface VendorModule {
	name: string;
	/** Label used for fault matching, derived from the request (defaults to the path). */
	actionOf?(req: EmulatorRequest): string | undefined;
	handle(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): Promise<void> | void;
	reset?(): void;
}

interface ActiveFault extends Fault {
	remaining: number;
}

export class FaultBook {
	private faults: ActiveFault[] = [];
	public injected = 0;

	add(...faults: Fault[]): void {
		for (const f of faults) this.faults.push({ ...f, remaining: f.times ?? 1 });
	}

	clear(): void {
		this.faults = [];
	}

	take(vendor: string, req: EmulatorRequest): Fault | undefined {
		const fault = this.faults.find(
			(f) =>
				f.remaining > 0 &&
				(!f.vendor || f.vendor === vendor) &&
				(!f.method || f.method === req.method) &&
				(!f.match || req.path.includes(f.match) || (req.action ?? '').includes(f.match)),
		);
		if (!fault) return undefined;
		fault.remaining--;
		this.faults = this.faults.filter((f) => f.remaining > 0);
		this.injected++;
		return fault;
	}
}

const MAX_BODY = 16 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let len = 0;
		req.on('data', (c: Buffer) => {
			len += c.length;
			if (len > MAX_BODY) {
				reject(new Error('body too large'));
				req.destroy();
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ServedFile {
	vendor: string;
	path: string;
	size: number;
	sha256: string;
	/** False when the transfer was cut short (fault or client abort). */
	complete: boolean;
}

export class Emulator {
	readonly faults = new FaultBook();
	/** When on, every served file's sha256 is recorded (the real-n8n check and the soak use it). */
	recordDigests = false;
	readonly served: ServedFile[] = [];
	readonly requests: Array<{ vendor: string; method: string; path: string; action?: string; status?: number }> = [];
	private servers = new Map<string, { server: Server; url: string; sockets: Set<Socket> }>();

	constructor(private readonly vendors: VendorModule[]) {}

	url(vendor: string): string {
		const s = this.servers.get(vendor);
		if (!s) throw new Error(`emulator has no vendor ${vendor}`);
		return s.url;
	}

	count(vendor: string, match?: string): number {
		return this.requests.filter(
			(r) => r.vendor === vendor && (!match || r.path.includes(match) || (r.action ?? '').includes(match)),
		).length;
	}

	/** Listen on loopback; with `tls` (key and certificate) every vendor speaks HTTPS. */
	async start(host = '127.0.0.1', basePort = 0, tls?: { key: string; cert: string }): Promise<this> {
		let port = basePort;
		for (const vendor of this.vendors) {
			const sockets = new Set<Socket>();
			const handler = (req: IncomingMessage, res: ServerResponse) => void this.dispatch(vendor, req, res);
			const server = tls ? createTlsServer(tls, handler) : createServer(handler);
			server.on('connection', (s: Socket) => {
				sockets.add(s);
				s.on('close', () => sockets.delete(s));
			});
			await new Promise<void>((resolve) => server.listen(port, host, resolve));
			const addr = server.address() as AddressInfo;
			this.servers.set(vendor.name, { server, url: `${tls ? 'https' : 'http'}://${host}:${addr.port}`, sockets });
			if (basePort) port++;
		}
		return this;
	}

	async stop(): Promise<void> {
		for (const { server, sockets } of this.servers.values()) {
			for (const s of sockets) s.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
		this.servers.clear();
	}

	reset(): void {
		this.faults.clear();
		this.requests.length = 0;
		this.served.length = 0;
		for (const v of this.vendors) v.reset?.();
	}

	private context(vendor: VendorModule, fault: Fault | undefined): RouteContext {
		const ctx: RouteContext = {
			baseUrl: this.url(vendor.name),
			baseUrlOf: (name) => this.url(name),
			json: (res, status, body, headers) => {
				const text = JSON.stringify(body);
				res.writeHead(status, {
					'Content-Type': 'application/json;charset=UTF-8',
					'Content-Length': Buffer.byteLength(text),
					...headers,
				});
				res.end(text);
			},
			text: (res, status, body, contentType = 'text/plain') => {
				res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
				res.end(body);
			},
			sendFile: (res, spec, options) => {
				const file = generateFile(spec);
				const headers: Record<string, string | number> = {
					'Content-Type': options.contentType,
					...options.extraHeaders,
				};
				if (!options.chunked) headers['Content-Length'] = file.size;
				if (options.fileName) headers['Content-Disposition'] = `attachment; filename=${options.fileName}`;
				res.writeHead(200, headers);
				const stream = file.stream();
				if (fault?.truncateAfter !== undefined) {
					let sent = 0;
					const limit = fault.truncateAfter;
					stream.on('data', (chunk: Buffer) => {
						if (sent + chunk.length >= limit) {
							res.write(chunk.subarray(0, limit - sent));
							stream.destroy();
							// Give the partial bytes a moment to flush, then cut the connection mid-body.
							setTimeout(() => res.socket?.destroy(), 20);
							return;
						}
						sent += chunk.length;
						if (!res.write(chunk)) {
							stream.pause();
							res.once('drain', () => stream.resume());
						}
					});
					return;
				}
				if (this.recordDigests) this.recordDigest(vendor.name, res, stream, file.size);
				stream.pipe(res);
				res.on('close', () => stream.destroy());
			},
		};
		return ctx;
	}

	private recordDigest(vendor: string, res: ServerResponse, stream: NodeJS.ReadableStream, size: number): void {
		const hash = createHash('sha256');
		let sent = 0;
		let closed = false;
		stream.on('data', (chunk: Buffer) => {
			// A client that gives up mid-body closes the response while a chunk is still queued.
			if (closed) return;
			hash.update(chunk);
			sent += chunk.length;
		});
		res.on('close', () => {
			closed = true;
			const path = res.req?.url?.split('?')[0] ?? '';
			this.served.push({ vendor, path, size, sha256: hash.digest('hex'), complete: sent === size && res.writableFinished });
		});
	}

	private async dispatch(vendor: VendorModule, raw: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(raw.url ?? '/', 'http://emulator.invalid');
		const entry: (typeof this.requests)[number] = { vendor: vendor.name, method: raw.method ?? 'GET', path: url.pathname };
		try {
			const body = await readBody(raw);
			const req: EmulatorRequest = { method: raw.method ?? 'GET', url, path: url.pathname, headers: raw.headers, body };
			if (url.pathname.startsWith('/__emulator/')) return this.control(req, res);
			req.action = vendor.actionOf?.(req) ?? url.pathname;
			entry.action = req.action;
			this.requests.push(entry);
			res.on('finish', () => (entry.status = res.statusCode));
			const fault = this.faults.take(vendor.name, req);
			if (fault?.delayMs) await sleep(fault.delayMs);
			if (fault?.reset) {
				raw.socket.destroy();
				return;
			}
			const ctx = this.context(vendor, fault);
			if (fault?.status) {
				const payload = fault.body ?? '';
				if (typeof payload === 'string') ctx.text(res, fault.status, payload);
				else ctx.json(res, fault.status, payload, fault.headers);
				return;
			}
			await vendor.handle(req, res, ctx);
		} catch (error) {
			if (!res.headersSent) {
				res.writeHead(500, { 'Content-Type': 'text/plain' });
				res.end(`emulator error: ${(error as Error).message}`);
			} else res.destroy();
		}
	}

	private control(req: EmulatorRequest, res: ServerResponse): void {
		const reply = (body: unknown) => {
			const text = JSON.stringify(body);
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
			res.end(text);
		};
		if (req.path === '/__emulator/faults' && req.method === 'POST') {
			const { faults } = JSON.parse(req.body.toString() || '{}') as { faults: Fault[] };
			this.faults.add(...(faults ?? []));
			return reply({ ok: true });
		}
		if (req.path === '/__emulator/reset' && req.method === 'POST') {
			this.reset();
			return reply({ ok: true });
		}
		if (req.path === '/__emulator/requests') return reply(this.requests);
		res.writeHead(404).end();
	}
}
