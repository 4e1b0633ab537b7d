/**
 * Tencent Cloud DSA node through the real n8n engine, against the emulator: API 2.0 signed by the
 * credential, hosts split into calls of 10, hourly files streamed to disk and compared by sha256
 * with what the emulator generated, every error code mapped, no secret in any output.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { gunzipSync } from 'zlib';
import { binaryBuffer, binarySha256, CredentialStore, runWorkflow, shutdownEngine } from '../../engine';
import { fileSha256, generateFile } from '../../emulator/files';
import { Emulator, VendorModule } from '../../emulator/server';
import { createTencentEmulators, DsaHourLog } from '../../emulator/tencent';
import { caseClashes, expectNoSecrets, loadWorkflow, setNodeOption } from '../../helpers';
import { recordingSignatures, tencentCredentials } from '../tencentTestBed';

const NODE = 'Tencent Cloud DSA';
const SECRET_ID = 'AKIDcanaryDsaKey5Hq2W8mZ3xC7vN1pLr';
const SECRET_KEY = 'canaryDsaSecretKey9Tz4Kp2Qw7Ys1Bx';
const FAST = { maxAttempts: 4, retryBaseDelayMs: 5 };
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const MANY_HOSTS = Array.from({ length: 23 }, (_, k) => `h${String(k + 1).padStart(2, '0')}.dsa.example.com`);

const tencent = createTencentEmulators({
	teo: { secretId: SECRET_ID, secretKey: SECRET_KEY },
	dsa: { secretId: SECRET_ID, secretKey: SECRET_KEY, hosts: ['a.dsa.example.com', 'b.dsa.example.com', ...MANY_HOSTS] },
});
const dsa = tencent.dsa;
let emulator: Emulator;

/** Every CDN signature (`st=`) the emulated API hands out: none may show up in an output. */
const signatures = new Set<string>();

const recording = (module: VendorModule) => recordingSignatures(module, signatures);

function store(overrides: IDataObject = {}): CredentialStore {
	const data = tencentCredentials(emulator, { secretId: SECRET_ID, secretKey: SECRET_KEY }, overrides);
	return new CredentialStore({ tencentCloudApi: data as never });
}

const secrets = () => [SECRET_ID, SECRET_KEY, ...signatures];
const beijingDay = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
const yesterday = () => beijingDay(Date.now() - DAY);
const apiCalls = () => emulator.requests.filter((r) => r.vendor === 'dsa').length;
const dsaFault = (code: number, codeDesc: string, message: string) => ({ code, message, codeDesc });
/** The emulator's CDN name of an hourly log, `YYYYMMDD/HH/YYYYMMDD-host`. */
const cdnName = (json: IDataObject) => {
	const [day, time] = String(json.datetime).split(' ');
	const ymd = day.replace(/-/g, '');
	return `${ymd}/${time.slice(0, 2)}/${ymd}-${json.host}`;
};
const expectedLogs = (hosts: string[], from: string, to = from): DsaHourLog[] => hosts.flatMap((h) => dsa.hostLogs(h, from, to));

beforeAll(async () => {
	emulator = await new Emulator([tencent.teo, recording(dsa), tencent.cdn]).start('127.0.0.1');
});
afterAll(async () => {
	await emulator.stop();
	shutdownEngine();
});
beforeEach(() => emulator.reset());

describe('Get Download URLs', () => {
	it("lists yesterday's hourly URLs per host, redacted, with their expiry", async () => {
		const { output, error, run } = await runWorkflow(loadWorkflow('tencent-dsa-get-urls.json'), store());
		expect(error).toBeUndefined();
		const items = output(NODE);
		const expected = expectedLogs(['a.dsa.example.com', 'b.dsa.example.com'], yesterday());
		expect(expected.length).toBeGreaterThan(20);
		expect(items.map((i) => [i.json.host, i.json.datetime])).toEqual(expected.map((l) => [l.host, l.datetime]));
		for (const { json } of items) {
			expect(Object.keys(json).sort()).toEqual(['datetime', 'expiresAt', 'host', 'url']);
			expect(json.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dsa\/\d{8}\/\d{2}\/\d{8}-[a-z.]+\?st=\[redacted\]&e=\[redacted\]$/);
			const expiresIn = Date.parse(String(json.expiresAt)) - Date.now();
			expect(expiresIn).toBeGreaterThan(DAY - 60000);
			expect(expiresIn).toBeLessThanOrEqual(DAY);
		}
		expect(apiCalls()).toBe(1);
		expect(signatures.size).toBeGreaterThan(0);
		expectNoSecrets(run, secrets());
	});

	it("asks for today's logs (no dates sent) when both dates are empty", async () => {
		const wf = loadWorkflow('tencent-dsa-get-urls.json', { startDate: '', endDate: '' });
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		const today = beijingDay(Date.now());
		const expected = expectedLogs(['a.dsa.example.com', 'b.dsa.example.com'], today);
		expect(output(NODE).map((i) => i.json.datetime)).toEqual(expected.map((l) => l.datetime));
	});

	it('splits more than 10 hosts into calls of 10 and covers a range of days', async () => {
		const hosts = ['a.dsa.example.com', ...MANY_HOSTS, 'not-accelerated.example.com'];
		const from = beijingDay(Date.now() - 3 * DAY);
		const to = yesterday();
		const wf = loadWorkflow('tencent-dsa-get-urls.json', { hosts: hosts.join(',\n'), startDate: from, endDate: to });
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		// 25 hosts: 10 + 10 + 5; the host DSA does not accelerate simply has no logs.
		expect(apiCalls()).toBe(3);
		const expected = expectedLogs(hosts.slice(0, -1), from, to);
		expect(output(NODE).map((i) => `${i.json.host} ${i.json.datetime}`)).toEqual(expected.map((l) => `${l.host} ${l.datetime}`));
	});
});

describe('Download', () => {
	it('streams every hourly file to binary data, intact, named YYYYMMDDHH-host.gz', async () => {
		const { output, error, run } = await runWorkflow(loadWorkflow('tencent-dsa-download.json'), store());
		expect(error).toBeUndefined();
		const items = output(NODE);
		expect(items).toHaveLength(expectedLogs(['a.dsa.example.com'], yesterday()).length);
		for (const item of items) {
			const spec = dsa.logSpec(cdnName(item.json));
			const binary = item.binary!.data;
			const hour = String(item.json.datetime).replace(/\D/g, '').slice(0, 10);
			expect(binary.id).toMatch(/^filesystem/);
			expect(binary.fileName).toBe(`${hour}-a.dsa.example.com.gz`);
			expect(binary.mimeType).toBe('application/gzip');
			expect(await binarySha256(binary)).toBe(await fileSha256(spec));
			expect(item.json).toMatchObject({ host: 'a.dsa.example.com', sha256: await fileSha256(spec), size: spec.size });
			expect(caseClashes(item.json)).toEqual([]);
		}
		expect(tencent.cdn.counters.credentialLeaks).toBe(0);
		expectNoSecrets(run, secrets());
	});

	it('decompresses to the plain log lines when asked', async () => {
		const wf = loadWorkflow('tencent-dsa-download.json', { gunzip: true, transferOptions: { concurrency: 8 } });
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		const [item] = output(NODE);
		const spec = dsa.logSpec(cdnName(item.json));
		const chunks: Buffer[] = [];
		for await (const chunk of generateFile(spec).stream()) chunks.push(chunk as Buffer);
		const plain = gunzipSync(Buffer.concat(chunks));
		const text = await binaryBuffer(item.binary!.data);
		expect(createHash('sha256').update(text).digest('hex')).toBe(createHash('sha256').update(plain).digest('hex'));
		expect(text.toString('latin1').split('\n')[1]).toMatch(/^\d{14} [\d.]+ \S+ \//);
		expect(item.json.compressedSha256).toBe(await fileSha256(spec));
		expect(item.binary!.data.fileName).toMatch(/^\d{10}-a\.dsa\.example\.com$/);
	});

	it('retries a truncated download and delivers the whole file', async () => {
		emulator.faults.add({ vendor: 'tencent-cdn', truncateAfter: 5000 });
		const wf = loadWorkflow('tencent-dsa-download.json', { transferOptions: { ...FAST, concurrency: 1 } });
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		const [first] = output(NODE);
		expect(await binarySha256(first.binary!.data)).toBe(await fileSha256(dsa.logSpec(cdnName(first.json))));
		expect(emulator.count('tencent-cdn')).toBe(output(NODE).length + 1);
	});

	it('says an expired link must be listed again', async () => {
		tencent.cdn.clock = () => Date.now() + DAY + HOUR;
		const wf = loadWorkflow('tencent-dsa-download.json', { transferOptions: { ...FAST, concurrency: 1 } });
		const { error, run } = await runWorkflow(wf, store());
		expect(error?.message).toMatch(/Tencent Cloud DSA: the download link has expired or was refused \(AccessDenied: Request has expired\.\)/);
		expect(error?.description).toMatch(/list the logs again/);
		expectNoSecrets(run, secrets());
	});

	it('gives an error item per failed file under Continue On Fail', async () => {
		emulator.faults.add({ vendor: 'tencent-cdn', status: 404, body: '<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>gone</Message></Error>' });
		const wf = setNodeOption(loadWorkflow('tencent-dsa-download.json', { transferOptions: { ...FAST, concurrency: 1 } }), 'continueOnFail', true);
		const { output, error, run } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		const [failed, ...rest] = output(NODE);
		expect(failed.json.error).toMatch(/link has expired or was refused \(NoSuchKey: gone\)/);
		expect(failed.json).toMatchObject({ host: 'a.dsa.example.com' });
		expect(failed.binary).toBeUndefined();
		expect(rest.length).toBeGreaterThan(0);
		expect(rest.every((i) => i.binary?.data)).toBe(true);
		expectNoSecrets(run, secrets());
	});
});

describe('errors', () => {
	it.each([
		[4100, 'AuthFailure', /wrong SecretId or SecretKey/, /CAM > API Keys/],
		[4101, 'AuthFailure.UnauthorizedOperation', /sub-user may not call GetDsaHostLogs/, /Grant the CAM user/],
		[4102, 'AuthFailure.UnauthorizedOperation', /no access to the requested domains/, /access to these DSA domains/],
		[4103, 'AuthFailure', /non-developer sub-account/, /main account/],
		[4000, 'InvalidParameter', /a request parameter was refused/, /Hosts \(domain names\) and the dates/],
		[4500, 'RequestReplay', /request time is more than 2 hours from server time/, /clock of the n8n host/],
		[5000, 'ResourceNotFound', /resource not found/, /DSA domains of the account.*Tencent Cloud said: ResourceNotFound/],
		[6100, 'InterfaceNotSupported', /interface is retired or under maintenance/, /merged into ECDN/],
	])('maps code %s to a clear message', async (code, codeDesc, shown, hint) => {
		emulator.faults.add({ vendor: 'dsa', match: 'GetDsaHostLogs', status: 200, body: dsaFault(code, codeDesc, '(1000)details') });
		const { error, run } = await runWorkflow(loadWorkflow('tencent-dsa-get-urls.json'), store());
		expect(error?.message).toMatch(shown);
		expect(error?.message).toContain(`[${code}]`);
		expect(error?.description).toMatch(hint);
		expect(apiCalls()).toBe(1); // none of these is retried
		expectNoSecrets(run, secrets());
	});

	it('names the wrong key when the real signature check fails', async () => {
		const wrongKey = 'wrongDsaSecretKey0000000000000000';
		const { error, run } = await runWorkflow(loadWorkflow('tencent-dsa-get-urls.json'), store({ secretKey: wrongKey }));
		expect(error?.message).toMatch(/authentication failed \(wrong SecretId or SecretKey, or the key is disabled\): AuthFailure: Authentication failed\. .*\[4100\]/);
		expectNoSecrets(run, [...secrets(), wrongKey]);
	});

	it('waits and retries when the quota is exhausted (4400), then succeeds', async () => {
		emulator.faults.add({ vendor: 'dsa', match: 'GetDsaHostLogs', status: 200, body: dsaFault(4400, 'RequestLimitExceeded', '(100006)more than 100 calls per minute') });
		const wf = loadWorkflow('tencent-dsa-get-urls.json', { transferOptions: FAST });
		const started = Date.now();
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		expect(output(NODE).length).toBeGreaterThan(0);
		expect(apiCalls()).toBe(2);
		// A quota wait is 20 base delays, not a jittered backoff that may be 0.
		expect(Date.now() - started).toBeGreaterThanOrEqual(100);
	});

	it.each([
		[6000, 'InternalError'],
		[6200, 'InterfaceTemporarilyUnavailable'],
	])('retries server error %s, then succeeds', async (code, codeDesc) => {
		emulator.faults.add({ vendor: 'dsa', match: 'GetDsaHostLogs', status: 200, body: dsaFault(code, codeDesc, 'try again'), times: 2 });
		const { output, error } = await runWorkflow(loadWorkflow('tencent-dsa-get-urls.json', { transferOptions: FAST }), store());
		expect(error).toBeUndefined();
		expect(output(NODE).length).toBeGreaterThan(0);
		expect(apiCalls()).toBe(3);
	});

	it('retries a dropped connection and a 503, then names the failure', async () => {
		emulator.faults.add(
			{ vendor: 'dsa', match: 'GetDsaHostLogs', reset: true },
			{ vendor: 'dsa', match: 'GetDsaHostLogs', status: 503, body: 'Service Unavailable', times: 5 },
		);
		const { error } = await runWorkflow(loadWorkflow('tencent-dsa-get-urls.json', { transferOptions: { ...FAST, maxAttempts: 3 } }), store());
		expect(error?.message).toMatch(/HTTP 503/);
		expect(apiCalls()).toBe(3);
	});

	it('gives an error item under Continue On Fail', async () => {
		emulator.faults.add({ vendor: 'dsa', match: 'GetDsaHostLogs', status: 200, body: dsaFault(4100, 'AuthFailure', 'Authentication failed.') });
		const wf = setNodeOption(loadWorkflow('tencent-dsa-get-urls.json'), 'continueOnFail', true);
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		expect(output(NODE)).toHaveLength(1);
		expect(output(NODE)[0].json.error).toMatch(/wrong SecretId or SecretKey/);
	});
});

describe('invalid input fails before any request', () => {
	const day = (offsetDays: number) => beijingDay(Date.now() + offsetDays * DAY);
	it.each([
		[{ hosts: 'a.dsa.example.com, not a host!' }, /Hosts: "host!" is not a domain name|Hosts: "not" is not a domain name/],
		[{ hosts: 'https://a.dsa.example.com/' }, /Hosts: "https:\/\/a\.dsa\.example\.com\/" is not a domain name/],
		[{ hosts: '={{ "" }}' }, /Hosts: give at least one domain name/],
		[{ startDate: '2024/06/01' }, /Start Date: "2024\/06\/01" is not a date \(expected YYYY-MM-DD\)/],
		[{ startDate: day(-2), endDate: day(-3) }, /End Date: is before the start date/],
		[{ startDate: day(-40), endDate: day(-39) }, /Start Date: logs are kept for 40 days, today \(Beijing time\) included; the earliest start date is/],
		[{ startDate: day(-39), endDate: day(1) }, /End Date: the range may span at most 40 days, both ends included; .* is 41/],
		[{ startDate: day(2), endDate: '' }, /Start Date: is in the future/],
	])('%j', async (params, message) => {
		const { error } = await runWorkflow(loadWorkflow('tencent-dsa-get-urls.json', params as IDataObject), store());
		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(/No request was sent/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('takes a single date as that one day', async () => {
		const wf = loadWorkflow('tencent-dsa-get-urls.json', { startDate: '', endDate: yesterday() });
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		expect(output(NODE)).toHaveLength(expectedLogs(['a.dsa.example.com', 'b.dsa.example.com'], yesterday()).length);
	});
});
