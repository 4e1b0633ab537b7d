/**
 * Fault injection: what a fault is, the book the emulator takes them from, and the hostile
 * answers they produce (stalls, endless bodies, gzip bombs). Faults only ever point at loopback.
 */
import { ServerResponse } from 'http';
import { isIPv4 } from 'net';
import { gzipSync } from 'zlib';
import type { EmulatorRequest } from './vendorModule';

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

/** Write `filler` for as long as the client reads, never ending the body. */
export function pumpForever(res: ServerResponse, filler: Buffer): void {
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
export function stallResponse(res: ServerResponse, after: number): void {
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
