/**
 * The emulator's hostile faults do what they say, seen from a plain HTTP client: a stall sends
 * headers and part of the body and then nothing on an open connection; an endless body never
 * ends; a gzip bomb is small and inflates hugely; rewritten links point at the given loopback
 * origin; a redirect answer carries its Location; nothing may point outside 127.0.0.0/8; the
 * catcher counts whatever reaches it.
 */
import { get, IncomingMessage, request } from 'http';
import { createGunzip } from 'zlib';
import { FileSpec } from '../emulator/files';
import { Catcher, Emulator, faultKind, VendorModule } from '../emulator/server';

const SPEC: FileSpec = { format: 'gz', size: 40000, seed: 'faults-test', style: 'jsonl' };

const vendor: VendorModule = {
	name: 'v',
	handle(req, res, ctx) {
		if (req.path === '/file') return ctx.sendFile(res, SPEC, { contentType: 'application/gzip' });
		ctx.json(res, 200, { link: `${ctx.baseUrl}/file?sig=1`, other: `${ctx.baseUrlOf('w')}/x` });
	},
};
const other: VendorModule = { name: 'w', handle: (_req, res, ctx) => ctx.text(res, 200, 'w') };

let emulator: Emulator;
let catcher: Catcher;

beforeAll(async () => {
	emulator = await new Emulator([vendor, other]).start();
	catcher = await new Catcher().start();
});
afterAll(async () => {
	await emulator.stop();
	await catcher.stop();
});
beforeEach(() => emulator.reset());

/** Read a response until it ends, `max` bytes arrive or it is silent for `quietMs`; then close it. */
function probe(path: string, max = Infinity, quietMs = 400) {
	return new Promise<{ res: IncomingMessage; body: Buffer; bytes: number; ended: boolean; closedByServer: boolean }>((resolve, reject) => {
		const req = get(`${emulator.url('v')}${path}`, (res) => {
			const chunks: Buffer[] = [];
			let bytes = 0;
			let kept = 0;
			let ended = false;
			let closedByServer = false;
			let timer: NodeJS.Timeout;
			const finish = () => {
				clearTimeout(timer);
				res.removeAllListeners('data');
				req.destroy();
				resolve({ res, body: Buffer.concat(chunks), bytes, ended, closedByServer });
			};
			const quiet = () => {
				clearTimeout(timer);
				timer = setTimeout(finish, quietMs);
			};
			quiet();
			res.on('data', (c: Buffer) => {
				bytes += c.length;
				if (kept < 1048576) chunks.push(c);
				kept += c.length;
				if (bytes >= max) finish();
				else quiet();
			});
			res.on('end', () => {
				ended = true;
				finish();
			});
			res.socket.once('end', () => (closedByServer = true));
		});
		req.on('error', reject);
	});
}

it('stallAfter: headers and that many body bytes, then silence on a connection that stays open', async () => {
	emulator.faults.add({ match: '/file', stallAfter: 1000 });
	const file = await probe('/file');
	expect(file.res.statusCode).toBe(200);
	expect(file.res.headers['content-length']).toBe(String(SPEC.size));
	expect(file.bytes).toBe(1000);
	expect(file.ended).toBe(false);
	expect(file.closedByServer).toBe(false);

	emulator.faults.add({ match: '/api', stallAfter: 0 });
	const api = await probe('/api');
	expect(api.res.statusCode).toBe(200);
	expect(api.bytes).toBe(0);
	expect(api.ended).toBe(false);
	expect(emulator.faults.injectedByKind.stall).toBe(2);
});

it('endless: a chunked body that never ends, the file again and again', async () => {
	emulator.faults.add({ match: '/file', endless: true });
	const file = await probe('/file', 8 * 1048576, 2000);
	expect(file.res.headers['content-length']).toBeUndefined();
	expect(file.res.headers['transfer-encoding']).toBe('chunked');
	expect(file.bytes).toBeGreaterThanOrEqual(8 * 1048576);
	expect(file.ended).toBe(false);
	expect(file.body.length).toBeGreaterThan(2 * SPEC.size);
	expect(file.body.subarray(SPEC.size, 2 * SPEC.size).equals(file.body.subarray(0, SPEC.size))).toBe(true);
	expect([file.body[0], file.body[1]]).toEqual([0x1f, 0x8b]);

	emulator.faults.add({ match: '/api', endless: true });
	const api = await probe('/api', 2 * 1048576);
	expect(api.bytes).toBeGreaterThanOrEqual(2 * 1048576);
	expect(api.body.toString().startsWith('{"link":')).toBe(true);
	expect(api.ended).toBe(false);
});

it('gzipBomb: a small valid gzip that inflates to the given size', async () => {
	emulator.faults.add({ match: '/file', gzipBomb: 64 });
	const bomb = await probe('/file');
	expect(bomb.ended).toBe(true);
	expect(bomb.bytes).toBeLessThan(100 * 1024);
	expect(Number(bomb.res.headers['content-length'])).toBe(bomb.bytes);
	let inflated = 0;
	const gunzip = createGunzip();
	gunzip.on('data', (c: Buffer) => (inflated += c.length));
	await new Promise((resolve, reject) => gunzip.on('end', resolve).on('error', reject).end(bomb.body));
	expect(inflated).toBe(64 * 1048576);
	expect(inflated / bomb.bytes).toBeGreaterThan(500);
});

it('rewriteLinks: every own origin in a JSON answer points at the given loopback origin', async () => {
	const target = catcher.origin('127.0.0.2');
	emulator.faults.add({ match: '/api', rewriteLinks: target });
	const { body } = await probe('/api');
	expect(JSON.parse(body.toString())).toEqual({ link: `${target}/file?sig=1`, other: `${target}/x` });
	// Untouched otherwise.
	const plain = JSON.parse((await probe('/api')).body.toString());
	expect(plain.link).toBe(`${emulator.url('v')}/file?sig=1`);
	expect(faultKind({ rewriteLinks: target })).toBe('internal link');
});

it('a status fault with a string body carries its headers (a redirect with Location)', async () => {
	const location = `${catcher.origin('127.0.0.1')}/openapi/v1.0/get_token`;
	emulator.faults.add({ match: '/api', status: 307, body: '', headers: { Location: location } });
	const { res, ended } = await probe('/api');
	expect(res.statusCode).toBe(307);
	expect(res.headers.location).toBe(location);
	expect(ended).toBe(true);
	expect(emulator.faults.injectedByKind['redirect 307']).toBe(1);
});

it('refuses faults pointing outside loopback, and the catcher listens on loopback only', async () => {
	expect(() => emulator.faults.add({ rewriteLinks: 'http://10.0.0.1:80' })).toThrow(/127\.0\.0\.0\/8/);
	expect(() => emulator.faults.add({ status: 302, headers: { location: 'http://169.254.169.254/' } })).toThrow(/127\.0\.0\.0\/8/);
	expect(() => emulator.faults.add({ rewriteLinks: 'http://localhost:80' })).toThrow();
	await expect(new Catcher().start(['0.0.0.0'])).rejects.toThrow(/loopback only/);
});

it('the catcher records every connection and request it gets', async () => {
	const before = catcher.hits;
	await new Promise<void>((resolve, reject) => {
		const req = request(`${catcher.origin('127.0.0.2')}/steal?x=1`, { method: 'POST' }, (res) => {
			res.resume();
			res.on('end', resolve);
		});
		req.on('error', reject);
		req.end('secret');
	});
	expect(catcher.hits).toBe(before + 1);
	expect(catcher.requests.at(-1)).toEqual({ host: '127.0.0.2', method: 'POST', path: '/steal' });
});
