/**
 * Deterministic log files for the vendor emulator, in each vendor's real container format
 * (tar, gzip, tar.gz, zip), of an exact byte size known before the first byte is sent, and
 * streamed: a 1 GB file never sits in memory. The same spec always yields the same bytes, so
 * tests compute the expected sha256 by generating the file a second time.
 */
import { createHash } from 'crypto';
import { Readable } from 'stream';
import { crc32 } from 'zlib';
import { seededRandom } from './random';

export type LineStyle = 'pbx' | 'jsonl' | 'cdn' | 'syslog';

export interface FileSpec {
	/** Container format of the served file. */
	format: 'tar' | 'gz' | 'tar.gz' | 'zip' | 'text';
	/** Exact size of the served file in bytes (tar rounds up to a 512-byte multiple). */
	size: number;
	/** Seeds the content; also used for inner entry names. */
	seed: string;
	style: LineStyle;
	/** Names of the entries inside a tar or zip (default: one entry named after the seed). */
	entries?: string[];
}

export interface GeneratedFile {
	size: number;
	stream(): Readable;
}

const BLOCK = 256 * 1024;
const HEADER_LEN = 64;

const HOSTS = ['www.example.com', 'api.example.com', 'cdn.example.com', 'img.example.com'];
const PATHS = ['/', '/index.html', '/api/v1/orders', '/static/app.js', '/login', '/img/logo.png'];
const UAS = ['Mozilla/5.0', 'curl/8.5.0', 'okhttp/4.12', 'Go-http-client/2.0'];

function pick<T>(rnd: () => number, list: T[]): T {
	return list[Math.floor(rnd() * list.length)];
}

function ip(rnd: () => number): string {
	return `${10 + Math.floor(rnd() * 200)}.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}.${1 + Math.floor(rnd() * 250)}`;
}

function line(style: LineStyle, rnd: () => number, n: number): string {
	const sec = n % 86400;
	const hh = String(Math.floor(sec / 3600)).padStart(2, '0');
	const mm = String(Math.floor((sec % 3600) / 60)).padStart(2, '0');
	const ss = String(sec % 60).padStart(2, '0');
	const status = pick(rnd, [200, 200, 200, 206, 304, 404, 502]);
	switch (style) {
		case 'pbx':
			return `2024-06-10 ${hh}:${mm}:${ss}.${String(n % 1000).padStart(3, '0')} [${pick(rnd, ['INFO', 'INFO', 'WARN', 'DEBUG'])}] ${pick(rnd, ['sip', 'pbx', 'trunk', 'ext'])}: call-id=${Math.floor(rnd() * 1e9)} from=${1000 + Math.floor(rnd() * 900)} to=${pick(rnd, ['8001', '8002', 'trunk1'])} state=${pick(rnd, ['INVITE', 'RINGING', 'ANSWERED', 'BYE'])}\n`;
		case 'jsonl':
			return `${JSON.stringify({
				RequestID: `req-${n}-${Math.floor(rnd() * 1e9)}`,
				ClientIP: ip(rnd),
				ClientRegion: pick(rnd, ['CN', 'US', 'DE', 'SG']),
				RequestTime: `2024-06-10T${hh}:${mm}:${ss}Z`,
				RequestHost: pick(rnd, HOSTS),
				RequestMethod: pick(rnd, ['GET', 'GET', 'POST']),
				RequestUrl: pick(rnd, PATHS),
				RequestBytes: Math.floor(rnd() * 4000),
				EdgeResponseStatusCode: status,
				EdgeResponseBytes: Math.floor(rnd() * 100000),
				ClientDeviceType: pick(rnd, ['Desktop', 'Mobile', '-']),
			})}\n`;
		case 'cdn':
			return `20240610${hh}${mm}${ss} ${ip(rnd)} ${pick(rnd, HOSTS)} ${pick(rnd, PATHS)} ${Math.floor(rnd() * 100000)} 22 2 ${status} - ${Math.floor(rnd() * 900)} "${pick(rnd, UAS)}" "(null)" GET HTTP/1.1 hit\n`;
		case 'syslog':
			return `Jun 10 ${hh}:${mm}:${ss} bmc-${Math.floor(rnd() * 99)} ${pick(rnd, ['ipmi', 'kernel', 'raid', 'fan'])}[${Math.floor(rnd() * 9999)}]: ${pick(rnd, ['sensor ok', 'temperature 41C', 'disk 3 healthy', 'PSU redundancy ok'])}\n`;
	}
}

/** A line of exactly `len` bytes (>= 8) that is valid in the given style. */
function filler(style: LineStyle, len: number, tag: string): string {
	if (style === 'jsonl') {
		const base = `{"_block":"${tag}","_pad":""}\n`;
		const pad = Math.max(0, len - base.length);
		return `{"_block":"${tag}","_pad":"${'.'.repeat(pad)}"}\n`.slice(0, len - 1) + '\n';
	}
	const base = `# block ${tag} `;
	return (base + '.'.repeat(Math.max(0, len - base.length - 1))).slice(0, len - 1) + '\n';
}

const bodyCache = new Map<string, Buffer>();

/** 4 cached body variants per (style, seed); each output block gets a header naming its index. */
function blockBody(style: LineStyle, seed: string, variant: number): Buffer {
	const key = `${style}|${seed}|${variant}`;
	let body = bodyCache.get(key);
	if (!body) {
		const rnd = seededRandom(`${seed}#${variant}`);
		const parts: string[] = [];
		let len = 0;
		let n = variant * 5000;
		const target = BLOCK - HEADER_LEN;
		for (;;) {
			const l = line(style, rnd, n++);
			if (len + l.length > target - 400) break;
			parts.push(l);
			len += l.length;
		}
		parts.push(filler(style, target - len, `v${variant}`));
		body = Buffer.from(parts.join(''), 'latin1');
		if (bodyCache.size > 256) bodyCache.clear();
		bodyCache.set(key, body);
	}
	return body;
}

/** Log text of exactly `size` bytes, whole lines only (sizes under 64 bytes are one filler). */
export function* textChunks(style: LineStyle, seed: string, size: number): Generator<Buffer> {
	let produced = 0;
	let index = 0;
	while (produced < size) {
		const remaining = size - produced;
		if (remaining >= BLOCK) {
			const header = Buffer.from(filler(style, HEADER_LEN, String(index).padStart(10, '0')), 'latin1');
			yield header;
			yield blockBody(style, seed, index % 4);
			produced += BLOCK;
		} else {
			const rnd = seededRandom(`${seed}#tail`);
			const parts: string[] = [];
			let len = 0;
			let n = 0;
			for (;;) {
				const l = line(style, rnd, n++);
				if (len + l.length > remaining - 400) break;
				parts.push(l);
				len += l.length;
			}
			if (remaining - len > 0) parts.push(filler(style, remaining - len, 'tail'));
			yield Buffer.from(parts.join(''), 'latin1').subarray(0, remaining);
			produced = size;
		}
		index++;
	}
}

function tarHeader(name: string, size: number): Buffer {
	const h = Buffer.alloc(512, 0);
	h.write(name.slice(0, 99), 0, 'utf8');
	h.write('0000644\0', 100);
	h.write('0000000\0', 108);
	h.write('0000000\0', 116);
	h.write(size.toString(8).padStart(11, '0') + '\0', 124);
	h.write('14632707400\0', 136); // 2024-06-10T00:00:00Z, fixed for determinism
	h.write('        ', 148);
	h.write('0', 156);
	h.write('ustar\0', 257);
	h.write('00', 263);
	h.write('root', 265);
	h.write('root', 297);
	let sum = 0;
	for (const b of h) sum += b;
	h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
	return h;
}

/** tar with entries of 512-multiple sizes; total is exactly roundUp512(size) (>= 2048). */
function* tarChunks(spec: FileSpec, total: number): Generator<Buffer> {
	const names = spec.entries?.length ? spec.entries : [`${spec.seed}.log`];
	const payload = total - 1024 - 512 * names.length;
	const per = Math.floor(payload / 512 / names.length) * 512;
	for (let i = 0; i < names.length; i++) {
		const entrySize = i === names.length - 1 ? payload - per * (names.length - 1) : per;
		yield tarHeader(names[i], entrySize);
		yield* textChunks(spec.style, `${spec.seed}/${names[i]}`, entrySize);
	}
	yield Buffer.alloc(1024, 0);
}

function tarSize(spec: FileSpec): number {
	const names = spec.entries?.length ? spec.entries : [spec.seed];
	return Math.max(Math.ceil(spec.size / 512) * 512, 1024 + 512 * names.length + 512 * names.length);
}

const STORED_MAX = 65535;

/** Inner size N such that a stored-deflate gzip of N bytes is exactly `total` bytes. */
function gzipInnerSize(total: number): number {
	let n = Math.max(0, total - 23);
	while (n > 0 && n + 18 + 5 * Math.max(1, Math.ceil(n / STORED_MAX)) > total) n--;
	return n;
}

/** gzip with stored (uncompressed) deflate blocks: valid gzip whose size is known up front. */
function* gzipChunks(inner: Iterable<Buffer>, innerSize: number): Generator<Buffer> {
	yield Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
	let crc = 0;
	let left = innerSize;
	let pending: Buffer[] = [];
	let pendingLen = 0;
	const flush = function* (final: boolean): Generator<Buffer> {
		const data = Buffer.concat(pending, pendingLen);
		pending = [];
		pendingLen = 0;
		const head = Buffer.alloc(5);
		head[0] = final ? 1 : 0;
		head.writeUInt16LE(data.length, 1);
		head.writeUInt16LE(~data.length & 0xffff, 3);
		yield head;
		if (data.length) yield data;
	};
	if (innerSize === 0) yield* flush(true);
	for (let chunk of inner) {
		crc = crc32(chunk, crc);
		while (chunk.length) {
			const take = Math.min(STORED_MAX - pendingLen, chunk.length);
			pending.push(chunk.subarray(0, take));
			pendingLen += take;
			left -= take;
			chunk = chunk.subarray(take);
			if (pendingLen === STORED_MAX || left === 0) yield* flush(left === 0);
		}
	}
	const trailer = Buffer.alloc(8);
	trailer.writeUInt32LE(crc >>> 0, 0);
	trailer.writeUInt32LE(innerSize % 0x100000000, 4);
	yield trailer;
}

/** zip, one stored entry with a data descriptor (CRC written after the data). */
function* zipChunks(entry: string, inner: Iterable<Buffer>, innerSize: number): Generator<Buffer> {
	const name = Buffer.from(entry, 'utf8');
	const local = Buffer.alloc(30);
	local.writeUInt32LE(0x04034b50, 0);
	local.writeUInt16LE(20, 4);
	local.writeUInt16LE(0x0008, 6);
	local.writeUInt16LE(0, 8);
	local.writeUInt16LE(0, 10);
	local.writeUInt16LE(0x58ca, 12); // 2024-06-10
	local.writeUInt16LE(name.length, 26);
	yield local;
	yield name;
	let crc = 0;
	for (const chunk of inner) {
		crc = crc32(chunk, crc);
		yield chunk;
	}
	const desc = Buffer.alloc(16);
	desc.writeUInt32LE(0x08074b50, 0);
	desc.writeUInt32LE(crc >>> 0, 4);
	desc.writeUInt32LE(innerSize, 8);
	desc.writeUInt32LE(innerSize, 12);
	yield desc;
	const central = Buffer.alloc(46);
	central.writeUInt32LE(0x02014b50, 0);
	central.writeUInt16LE(20, 4);
	central.writeUInt16LE(20, 6);
	central.writeUInt16LE(0x0008, 8);
	central.writeUInt16LE(0x58ca, 14);
	central.writeUInt32LE(crc >>> 0, 16);
	central.writeUInt32LE(innerSize, 20);
	central.writeUInt32LE(innerSize, 24);
	central.writeUInt16LE(name.length, 28);
	yield central;
	yield name;
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(1, 8);
	end.writeUInt16LE(1, 10);
	end.writeUInt32LE(46 + name.length, 12);
	end.writeUInt32LE(30 + name.length + innerSize + 16, 16);
	yield end;
}

/** Lay out a file spec: its exact size and a factory for its byte stream. */
export function generateFile(spec: FileSpec): GeneratedFile {
	switch (spec.format) {
		case 'text':
			return { size: spec.size, stream: () => Readable.from(textChunks(spec.style, spec.seed, spec.size)) };
		case 'tar': {
			const size = tarSize(spec);
			return { size, stream: () => Readable.from(tarChunks(spec, size)) };
		}
		case 'gz': {
			const inner = gzipInnerSize(spec.size);
			return {
				size: spec.size,
				stream: () => Readable.from(gzipChunks(textChunks(spec.style, spec.seed, inner), inner)),
			};
		}
		case 'tar.gz': {
			const innerTar = Math.floor(gzipInnerSize(spec.size) / 512) * 512;
			const tarSpec = { ...spec, format: 'tar' as const, size: Math.max(innerTar, 2048) };
			const tarLen = tarSize(tarSpec);
			const size = tarLen + 18 + 5 * Math.max(1, Math.ceil(tarLen / STORED_MAX));
			return { size, stream: () => Readable.from(gzipChunks(tarChunks(tarSpec, tarLen), tarLen)) };
		}
		case 'zip': {
			const entry = spec.entries?.[0] ?? `${spec.seed}.log`;
			const overhead = 30 + 16 + 46 + 22 + 2 * Buffer.byteLength(entry);
			const inner = Math.max(0, spec.size - overhead);
			return {
				size: inner + overhead,
				stream: () => Readable.from(zipChunks(entry, textChunks(spec.style, spec.seed, inner), inner)),
			};
		}
	}
}

const digestCache = new Map<string, string>();

/** sha256 of a generated file, computed by generating it again (cached per spec). */
export async function fileSha256(spec: FileSpec): Promise<string> {
	const key = JSON.stringify(spec);
	const cached = digestCache.get(key);
	if (cached) return cached;
	const hash = createHash('sha256');
	for await (const chunk of generateFile(spec).stream()) hash.update(chunk as Buffer);
	const digest = hash.digest('hex');
	digestCache.set(key, digest);
	return digest;
}
