/**
 * The vendor emulator: one local HTTP listener per vendor API, each behaving like that vendor
 * (signatures, tokens, error shapes, limits), plus fault injection shared by all of them.
 * Used by the engine tests, the demo, the soak and the benchmarks. Faults can be injected in
 * process (`emulator.faults.add`) or over HTTP (`POST /__emulator/faults`) from another process.
 */
import { createHash } from 'crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { createServer as createTlsServer } from 'https';
import { AddressInfo, isIPv4, Socket } from 'net';
import { gunzipSync, gzipSync } from 'zlib';
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
	/** Answer with this HTTP status and body instead of the real answer (with `headers`, string or JSON body). */
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Wait this long before answering (slow first byte); combined with nothing else it then answers normally. */
	delayMs?: number;
	/** For file downloads: send this many body bytes after the full Content-Length, then cut the connection. */
	truncateAfter?: number;
	/** Destroy the connection without an answer. */
	reset?: boolean;
	/**
	 * Any answer (API or file): send the headers and this many body bytes, then nothing more. The
	 * connection stays open until the client gives up (or the emulator stops).
	 */
	stallAfter?: number;
	/**
	 * A body that never ends, chunked (no Content-Length): a file download sends the file again
	 * and again for as long as the client reads; a JSON or text answer trails off into spaces.
	 */
	endless?: boolean;
	/**
	 * File downloads: instead of the file, a valid gzip (1 MB gzip members of zeros, concatenated)
	 * inflating to this many MB; Content-Length is its compressed size.
	 */
	gzipBomb?: number;
	/**
	 * JSON answers: every URL of this emulator's own listeners in the body is replaced by this
	 * origin (e.g. `http://127.0.0.2:40999`), as a hostile API would point download links inward.
	 */
	rewriteLinks?: string;
}

/** Only loopback (127.0.0.0/8) may ever be a real target of anything the emulator hands out. */
export function isLoopbackOrigin(value: string): boolean {
	try {
		const host = new URL(value).hostname;
		return isIPv4(host) && host.startsWith('127.');
	} catch {
		return false;
	}
}

/** The kind of a fault, as the soak counts them. */
export function faultKind(f: Fault): string {
	if (f.rewriteLinks) return 'internal link';
	if (f.gzipBomb) return 'gzip bomb';
	if (f.endless) return 'endless body';
	if (f.stallAfter !== undefined) return 'stall';
	if (f.reset) return 'reset';
	if (f.truncateAfter !== undefined) return 'truncated';
	if (f.status && f.status >= 300 && f.status < 400) return `redirect ${f.status}`;
	if (f.status) return `answer ${f.status}`;
	if (f.delayMs) return 'slow first byte';
	return 'other';
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
	text(res: ServerResponse, status: number, body: string, contentType?: string, headers?: Record<string, string>): void;
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
	/** Faults taken, by kind (see faultKind). */
	readonly injectedByKind: Record<string, number> = {};

	add(...faults: Fault[]): void {
		for (const f of faults) {
			const location = Object.entries(f.headers ?? {}).find(([k]) => k.toLowerCase() === 'location')?.[1];
			for (const target of [f.rewriteLinks, location]) {
				if (target !== undefined && !isLoopbackOrigin(target)) throw new Error(`emulator faults may only point at 127.0.0.0/8, not ${target}`);
			}
			this.faults.push({ ...f, remaining: f.times ?? 1 });
		}
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
		const kind = faultKind(fault);
		this.injectedByKind[kind] = (this.injectedByKind[kind] ?? 0) + 1;
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

/** Write `filler` for as long as the client reads, never ending the body. */
function pumpForever(res: ServerResponse, filler: Buffer): void {
	const pump = () => {
		while (!res.destroyed && res.write(filler));
		if (!res.destroyed) res.once('drain', pump);
	};
	pump();
}

const BOMB_MEMBER = gzipSync(Buffer.alloc(1048576));
/** A valid gzip inflating to `mb` MB of zeros: one 1 MB member, repeated (~1 KB each). */
export function gzipBomb(mb: number): Buffer {
	return Buffer.concat(Array.from({ length: Math.max(1, Math.round(mb)) }, () => BOMB_MEMBER));
}

/**
 * From now on, `res` passes on its headers and the first `after` body bytes, then swallows the
 * rest and never ends: the client sees a body that stops, on a connection that stays open.
 */
function stallResponse(res: ServerResponse, after: number): void {
	let sent = 0;
	let flushed = false;
	const write = res.write.bind(res) as (chunk: Buffer) => boolean;
	const stalled = (chunk: unknown): boolean => {
		// writeHead only stores the headers (headersSent is true from then on); this sends them.
		if (!flushed) res.flushHeaders();
		flushed = true;
		if (typeof chunk === 'function' || chunk === undefined || chunk === null) return false;
		const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
		const room = Math.max(0, after - sent);
		const flowing = room > 0 && buf.length > 0 ? write(buf.subarray(0, room)) : true;
		sent += Math.min(room, buf.length);
		// Past the limit it never drains: a piped source pauses instead of being read for nothing.
		return sent < after && flowing;
	};
	res.write = stalled as typeof res.write;
	res.end = ((chunk?: unknown) => {
		stalled(chunk);
		return res;
	}) as typeof res.end;
}

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

/**
 * A listener that must never be reached: login redirects and rewritten download links point at
 * it. Every connection and request is recorded; it listens on loopback addresses only.
 */
export class Catcher {
	readonly connections: string[] = [];
	readonly requests: Array<{ host: string; method: string; path: string }> = [];
	private readonly servers = new Map<string, { server: Server; origin: string; sockets: Set<Socket> }>();

	/** Each address on its own port; 127.0.0.2 is loopback but not the emulator's own address. */
	async start(addresses: string[] = ['127.0.0.1', '127.0.0.2']): Promise<this> {
		for (const address of addresses) {
			if (!isIPv4(address) || !address.startsWith('127.')) throw new Error(`the catcher listens on loopback only, not ${address}`);
			const sockets = new Set<Socket>();
			const server = createServer((req, res) => {
				this.requests.push({ host: address, method: req.method ?? '', path: (req.url ?? '').split('?')[0] });
				res.writeHead(200, { 'Content-Type': 'text/plain' }).end('caught');
			});
			server.on('connection', (s: Socket) => {
				this.connections.push(address);
				sockets.add(s);
				s.on('close', () => sockets.delete(s));
			});
			await new Promise<void>((resolve) => server.listen(0, address, resolve));
			this.servers.set(address, { server, origin: `http://${address}:${(server.address() as AddressInfo).port}`, sockets });
		}
		return this;
	}

	/** `http://<address>:<port>` of the listener on that address. */
	origin(address: string): string {
		const s = this.servers.get(address);
		if (!s) throw new Error(`the catcher does not listen on ${address}`);
		return s.origin;
	}

	/** Connections (with or without a request) it received. */
	get hits(): number {
		return this.connections.length;
	}

	async stop(): Promise<void> {
		for (const { server, sockets } of this.servers.values()) {
			for (const s of sockets) s.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
		this.servers.clear();
	}
}
