/**
 * Presigned download links handed out by a hostile or compromised API answer, through the real
 * n8n engine: a link to loopback, link-local "metadata", private or non-http addresses is refused
 * before any connection; a redirect is checked before it is followed; Allowed Download Hosts and
 * the credential endpoint's own address open exactly what they name. Real targets are loopback
 * listeners only (127.0.0.x, ::1); private and public addresses are never connected to.
 */
import { promises as dnsPromises } from 'dns';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo, isIP, Socket } from 'net';
import { gzipSync } from 'zlib';
import type { IDataObject } from 'n8n-workflow';
import { retryStats } from '../../../nodes/shared/retry';
import { binaryBuffer, CredentialStore, runWorkflow, shutdownEngine } from '../../engine';
import { Emulator } from '../../emulator/server';
import { createTencentEmulators } from '../../emulator/tencent';
import { allText, loadWorkflow } from '../../helpers';
import { tencentCredentials } from '../tencentTestBed';

const EMULATOR_HOST = '127.0.0.5';
const SIGNATURE = 'SIGcanaryPresigned7fQ2xL9';
const ZONE_COM = 'zone-2mzegj4vln5f';
const NODE = 'Tencent EdgeOne';
const FILE = gzipSync(Buffer.from('{"RequestTime":"2024-05-01T00:00:00Z","ClientIP":"203.0.113.7"}\n'.repeat(50)));

/**
 * Safety net, so that even a broken guard sends nothing off this machine: any connection to
 * something other than loopback is stopped in the socket and recorded (tests expect none).
 */
const blocked: string[] = [];
const realConnect = Socket.prototype.connect;
function loopbackOnly(this: Socket, ...args: unknown[]): Socket {
	const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as { host?: string; path?: string } | number | string;
	const host = typeof first === 'object' ? (first.path ? 'localhost' : (first.host ?? 'localhost')) : String(args[1] ?? 'localhost');
	const bare = host.replace(/^\[|\]$/g, '');
	const loopback = bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
	if (!loopback) {
		blocked.push(bare);
		throw new Error(`test safety net: no connection to ${bare}`);
	}
	return (realConnect as (...a: unknown[]) => Socket).apply(this, args);
}

const tencent = createTencentEmulators();
let emulator: Emulator;

interface Listener {
	url: string;
	hits: IncomingMessage[];
	server: Server;
}
const listeners: Listener[] = [];

/** A loopback server that records every request; by default it serves a small gzip log file. */
async function listen(host: string, handle?: (req: IncomingMessage, res: ServerResponse) => void): Promise<Listener> {
	const hits: IncomingMessage[] = [];
	const server = createServer((req, res) => {
		hits.push(req);
		if (handle) return handle(req, res);
		res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': FILE.length });
		res.end(FILE);
	});
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const { port } = server.address() as AddressInfo;
	const listener = { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, hits, server };
	listeners.push(listener);
	return listener;
}

/** Answers 302 to wherever `redirectTo` says at the time of the request. */
let redirectTo = '';
const redirecting = (_req: IncomingMessage, res: ServerResponse) => {
	res.writeHead(302, { Location: redirectTo, 'Content-Length': 0 });
	res.end();
};

let sameHostOtherPort: Listener; // the emulator's address, another port
let otherLoopback: Listener; // 127.0.0.2: loopback, but not the endpoint's address
let ipv6Loopback: Listener; // [::1]
let listedHost: Listener; // 127.0.0.3: opened by Allowed Download Hosts in some tests
let redirector: Listener; // on the emulator's address: allowed, redirects onwards
let rebound: Listener; // 127.0.0.1, where "localhost" really leads
let named: Listener; // on the emulator's address, names its file in Content-Disposition

beforeAll(async () => {
	Socket.prototype.connect = loopbackOnly as typeof Socket.prototype.connect;
	emulator = await new Emulator([tencent.teo, tencent.dsa, tencent.cdn]).start(EMULATOR_HOST);
	sameHostOtherPort = await listen(EMULATOR_HOST);
	otherLoopback = await listen('127.0.0.2');
	ipv6Loopback = await listen('::1');
	listedHost = await listen('127.0.0.3');
	redirector = await listen(EMULATOR_HOST, redirecting);
	rebound = await listen('127.0.0.1');
	named = await listen(EMULATOR_HOST, (_req, res) => {
		// U+202E (right-to-left override) and a space before ".gz": "log " once decompressed.
		res.writeHead(200, { 'Content-Length': FILE.length, 'Content-Disposition': "attachment; filename*=UTF-8''%E2%80%AElog%20.gz" });
		res.end(FILE);
	});
});
afterAll(async () => {
	Socket.prototype.connect = realConnect;
	await emulator.stop();
	for (const { server } of listeners) server.close();
	shutdownEngine();
});
beforeEach(() => {
	emulator.reset();
	for (const l of listeners) l.hits.length = 0;
});
afterEach(() => {
	const attempted = blocked.splice(0);
	expect(attempted).toEqual([]);
});

function store(): CredentialStore {
	const data = tencentCredentials(emulator, { secretId: 'AKIDemulatorTencent0000000000000000', secretKey: 'emulatorTencentSecretKey00000000' });
	return new CredentialStore({ tencentCloudApi: data as never });
}

/** The packet listing answers with one packet whose Url is `link` (plus a signature). */
function listPacketAt(link: string): void {
	const url = link.startsWith('http') ? `${link}/teo/l7/20240501-00-www.example.com.log.gz?st=${SIGNATURE}&e=9999999999` : link;
	const packet = { Domain: 'www.example.com', Area: 'mainland', LogPacketName: '20240501-00-www.example.com', Url: url, LogTime: 1714521600, Size: 1 };
	emulator.faults.add({ vendor: 'teo', match: 'DownloadL7Logs', status: 200, body: { Response: { TotalCount: 1, Data: [packet], RequestId: 'req-hostile' } } });
}

async function download(transferOptions: IDataObject = {}, gunzip = false) {
	const wf = loadWorkflow('tencent-edgeone-l7-download.json', {
		zoneIds: [ZONE_COM],
		gunzip,
		transferOptions: { maxAttempts: 3, retryBaseDelayMs: 5, ...transferOptions },
	});
	const run = await runWorkflow(wf, store());
	if (run.error) expect(allText(run.error)).not.toContain(SIGNATURE);
	expect(allText(run.output(NODE))).not.toContain(SIGNATURE);
	return run;
}

const allHits = () => listeners.reduce((n, l) => n + l.hits.length, 0);

describe('a presigned link to an internal or non-http address', () => {
	it.each([
		['the metadata service', 'http://169.254.169.254', /leads to 169\.254\.169\.254, a link-local address, refused; add it to Allowed Download Hosts/],
		['a private address', 'http://10.0.0.1', /leads to 10\.0\.0\.1, a private address, refused/],
		['a CGNAT address', 'http://100.64.0.1', /a shared \(carrier-grade NAT\) address, refused/],
		['the IPv4-mapped metadata service', 'http://[::ffff:169.254.169.254]', /a link-local address, refused/],
		['a unique local IPv6 address', 'http://[fd00::1]', /a unique local \(private\) address, refused/],
	])('is refused before connecting: %s', async (_what, link, message) => {
		listPacketAt(link);
		const retries = retryStats.retries;
		const { error } = await download();
		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(/Allowed Download Hosts/);
		expect(retryStats.retries).toBe(retries);
	});

	it.each([
		['127.0.0.2', () => otherLoopback],
		['[::1]', () => ipv6Loopback],
	])('is refused without a connection: loopback %s', async (_what, target) => {
		listPacketAt(target().url);
		const { error } = await download();
		expect(error?.message).toMatch(/a loopback address, refused; add it to Allowed Download Hosts/);
		expect(allHits()).toBe(0);
	});

	it.each([
		['data:', `data:application/gzip;base64,${FILE.toString('base64')}#st=${SIGNATURE}`],
		['file:', `file:///etc/passwd?st=${SIGNATURE}`],
	])('is refused for the scheme %s', async (scheme, link) => {
		listPacketAt(link);
		const { error, output } = await download();
		expect(error?.message).toContain(`uses "${scheme}", refused: only http and https links are followed`);
		expect(output(NODE)).toHaveLength(0);
	});

	it('is refused for DSA links too', async () => {
		const url = `${otherLoopback.url}/dsa/20240501/00/20240501-a.dsa.example.com?st=${SIGNATURE}`;
		emulator.faults.add({ vendor: 'dsa', match: 'GetDsaHostLogs', status: 200, body: { code: 0, message: '', codeDesc: 'Success', data: { 'a.dsa.example.com': [{ datetime: '2024-05-01 00:00:00', url }] } } });
		const { error } = await runWorkflow(loadWorkflow('tencent-dsa-download.json', { transferOptions: { maxAttempts: 2 } }), store());
		expect(error?.message).toMatch(/^Tencent Cloud DSA: the download link leads to 127\.0\.0\.2, a loopback address, refused/);
		expect(allText(error)).not.toContain(SIGNATURE);
		expect(otherLoopback.hits).toHaveLength(0);
	});
});

describe("the credential endpoint's address", () => {
	it('serves its own files: the emulator CDN links work as before', async () => {
		const { output, error } = await download();
		expect(error).toBeUndefined();
		expect(output(NODE).length).toBeGreaterThan(0);
		expect(tencent.cdn.counters.downloads).toBe(output(NODE).length);
	});

	it('is an address-level exception: the same address on another port is allowed', async () => {
		listPacketAt(sameHostOtherPort.url);
		const { output, error } = await download();
		expect(error).toBeUndefined();
		expect(await binaryBuffer(output(NODE)[0].binary!.data as never)).toEqual(FILE);
		expect(sameHostOtherPort.hits).toHaveLength(1);
	});
});

describe('redirects', () => {
	it('are checked before they are followed: an internal target receives nothing, and nothing is retried', async () => {
		redirectTo = `${otherLoopback.url}/steal?st=${SIGNATURE}`;
		listPacketAt(redirector.url);
		const { error } = await download();
		expect(error?.message).toMatch(/^Tencent EdgeOne: a redirect of the download link leads to 127\.0\.0\.2, a loopback address, refused/);
		expect(redirector.hits).toHaveLength(1);
		expect(otherLoopback.hits).toHaveLength(0);
	});

	it('to a metadata address or a file: URL are refused the same way', async () => {
		for (const target of ['http://169.254.169.254/latest/meta-data/', 'file:///etc/shadow']) {
			redirectTo = target;
			listPacketAt(redirector.url);
			const { error } = await download();
			expect(error?.message).toMatch(/a redirect of the download link (leads to 169\.254\.169\.254|uses "file:")/);
		}
	});

	it('to an allowed place are followed, each hop without credentials', async () => {
		redirectTo = tencent.files.signedUrl(emulator.url('tencent-cdn'), 'l7', '20240501-00-www.example.com', 9999999999);
		listPacketAt(redirector.url);
		const { output, error } = await download();
		expect(error).toBeUndefined();
		expect(output(NODE)).toHaveLength(1);
		expect(tencent.cdn.counters).toMatchObject({ downloads: 1, credentialLeaks: 0 });
		expect(Object.keys(redirector.hits[0].headers).filter((h) => h === 'authorization' || h.startsWith('x-tc-'))).toEqual([]);
	});

	it('stop after 5 hops', async () => {
		redirectTo = `${redirector.url}/again`;
		listPacketAt(redirector.url);
		const { error } = await download({ maxAttempts: 1 });
		expect(error?.message).toMatch(/redirected more than 5 times/);
		expect(redirector.hits).toHaveLength(6);
	});
});

describe('DNS rebinding', () => {
	it('refuses the answer when the connection went to an internal address the check did not see', async () => {
		// The check's lookup says "public"; the connection itself resolves localhost to 127.0.0.1.
		// 203.0.114.10 is only ever returned here, never connected to.
		const lookup = dnsPromises.lookup.bind(dnsPromises);
		const spy = jest.spyOn(dnsPromises, 'lookup').mockImplementation((async (host: string, options: never) =>
			host === 'localhost' ? [{ address: '203.0.114.10', family: 4 }] : await lookup(host, options)) as never);
		listPacketAt(rebound.url.replace('127.0.0.1', 'localhost'));
		const { error, output } = await download().finally(() => spy.mockRestore());
		expect(error?.message).toMatch(/^Tencent EdgeOne: the download of localhost connected to a loopback address 127\.0\.0\.1 .*refused/);
		expect(output(NODE)).toHaveLength(0);
	});
});

describe('file names from the link', () => {
	it('are sanitised again after ".gz" is taken off', async () => {
		listPacketAt(named.url);
		const { output, error } = await download({}, true);
		expect(error).toBeUndefined();
		expect(output(NODE)[0].json.fileName).toBe('log');
	});
});

describe('Allowed Download Hosts', () => {
	it('lets a listed internal address through, and only that one', async () => {
		listPacketAt(listedHost.url);
		const refused = await download();
		expect(refused.error?.message).toMatch(/leads to 127\.0\.0\.3, a loopback address, refused/);
		expect(listedHost.hits).toHaveLength(0);

		listPacketAt(listedHost.url);
		const allowed = await download({ allowedDownloadHosts: '10.0.0.9, 127.0.0.3' });
		expect(allowed.error).toBeUndefined();
		expect(await binaryBuffer(allowed.output(NODE)[0].binary!.data as never)).toEqual(FILE);
		expect(listedHost.hits).toHaveLength(1);

		listPacketAt(otherLoopback.url);
		expect((await download({ allowedDownloadHosts: '127.0.0.3' })).error?.message).toMatch(/127\.0\.0\.2, a loopback address, refused/);
		expect(otherLoopback.hits).toHaveLength(0);
	});

	it('refuses an entry that is not a host before any request', async () => {
		const { error } = await download({ allowedDownloadHosts: 'http://127.0.0.3:8080/' });
		expect(error?.message).toMatch(/^Allowed Download Hosts: "http:\/\/127\.0\.0\.3:8080\/" is not a host name or IP address/);
		expect(emulator.requests).toHaveLength(0);
	});
});
