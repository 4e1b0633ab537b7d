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
import { gunzipSync } from 'zlib';
import { Fault, FaultBook, gzipBomb, pumpForever, stallResponse } from './faults';
import { generateFile } from './files';
import { EmulatorRequest, RouteContext, VendorModule } from './vendorModule';

// The emulator's modules, re-exported so that importers need only './server'.
export { Catcher } from './catcher';
export { faultKind, FaultBook, gzipBomb, isLoopbackOrigin } from './faults';
export type { Fault } from './faults';
export type { EmulatorRequest, FileServeOptions, RouteContext, VendorModule } from './vendorModule';

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
	/** For a whole gzip file of up to 8 MB: the sha256 of what it inflates to (what Decompress delivers). */
	inflatedSha256?: string;
}

const INFLATE_DIGEST_MAX = 8 * 1048576;

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
				let text = JSON.stringify(body);
				if (fault?.rewriteLinks) for (const own of this.ownOrigins()) text = text.split(own).join(fault.rewriteLinks);
				if (fault?.endless) return this.endlessText(res, status, text, 'application/json;charset=UTF-8', headers);
				res.writeHead(status, {
					'Content-Type': 'application/json;charset=UTF-8',
					'Content-Length': Buffer.byteLength(text),
					...headers,
				});
				res.end(text);
			},
			text: (res, status, body, contentType = 'text/plain', headers) => {
				if (fault?.endless) return this.endlessText(res, status, body, contentType, headers);
				res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers });
				res.end(body);
			},
			sendFile: (res, spec, options) => {
				const file = generateFile(spec);
				const headers: Record<string, string | number> = {
					'Content-Type': options.contentType,
					...options.extraHeaders,
				};
				if (options.fileName) headers['Content-Disposition'] = `attachment; filename=${options.fileName}`;
				if (fault?.gzipBomb) {
					const bomb = gzipBomb(fault.gzipBomb);
					res.writeHead(200, { ...headers, 'Content-Length': bomb.length });
					res.end(bomb);
					return;
				}
				if (!options.chunked && !fault?.endless) headers['Content-Length'] = file.size;
				res.writeHead(200, headers);
				const stream = file.stream();
				if (fault?.endless) {
					// The file, again and again: each copy as valid as the first (a gzip file becomes
					// endless concatenated members), so only a size limit can end it.
					// Generated once, then repeated from memory (generating is slow; a limit should be quick to reach).
					const copy: Buffer[] = [];
					stream.on('data', (chunk: Buffer) => copy.push(chunk));
					stream.pipe(res, { end: false });
					stream.once('end', () => pumpForever(res, Buffer.concat(copy)));
					res.on('close', () => stream.destroy());
					return;
				}
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

	/** Every origin this emulator listens on (what `rewriteLinks` replaces). */
	private ownOrigins(): string[] {
		return [...this.servers.values()].map((s) => s.url);
	}

	private endlessText(res: ServerResponse, status: number, text: string, contentType: string, headers?: Record<string, string>): void {
		res.writeHead(status, { 'Content-Type': contentType, ...headers });
		res.write(text);
		pumpForever(res, Buffer.alloc(16384, ' '));
	}

	private recordDigest(vendor: string, res: ServerResponse, stream: NodeJS.ReadableStream, size: number): void {
		const hash = createHash('sha256');
		let sent = 0;
		let closed = false;
		const kept: Buffer[] | undefined = size <= INFLATE_DIGEST_MAX ? [] : undefined;
		stream.on('data', (chunk: Buffer) => {
			// A client that gives up mid-body (or a stalled answer's source that still flows after
			// the client left) closes the response while a chunk is still queued: not served any more.
			if (closed) return;
			hash.update(chunk);
			kept?.push(chunk);
			sent += chunk.length;
		});
		res.on('close', () => {
			closed = true;
			const path = res.req?.url?.split('?')[0] ?? '';
			const complete = sent === size && res.writableFinished;
			const served: ServedFile = { vendor, path, size, sha256: hash.digest('hex'), complete };
			const whole = complete && kept ? Buffer.concat(kept) : undefined;
			if (whole && whole[0] === 0x1f && whole[1] === 0x8b) {
				served.inflatedSha256 = createHash('sha256').update(gunzipSync(whole)).digest('hex');
			}
			this.served.push(served);
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
			if (fault?.stallAfter !== undefined) stallResponse(res, fault.stallAfter);
			const ctx = this.context(vendor, fault);
			if (fault?.status) {
				const payload = fault.body ?? '';
				if (typeof payload === 'string') ctx.text(res, fault.status, payload, undefined, fault.headers);
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
