/**
 * Tencent EdgeOne node through the real n8n engine, against the emulator: TC3 signed by the
 * credential, packets listed page by page, files streamed to disk and compared by sha256 with
 * what the emulator generated, every error answer mapped, no secret in any output.
 */
import type { IDataObject, ILoadOptionsFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { TencentCloudApi } from '../../../credentials/TencentCloudApi.credentials';
import { TencentEdgeOne } from '../../../nodes/TencentEdgeOne/TencentEdgeOne.node';
import { binaryBuffer, binarySha256, CredentialStore, runWorkflow, shutdownEngine } from '../../engine';
import { fileSha256 } from '../../emulator/files';
import { Emulator, VendorModule } from '../../emulator/server';
import { createTencentEmulators, defaultTeoZones } from '../../emulator/tencent';
import { allText, caseClashes, expectNoSecrets, loadWorkflow, setNodeOption } from '../../helpers';
import { recordingSignatures, tencentCredentials } from '../tencentTestBed';

const NODE = 'Tencent EdgeOne';
const SECRET_ID = 'AKIDcanaryEdgeOne7Q2mX9pL4vB8nR1tZk';
const SECRET_KEY = 'canaryEdgeOneSecretKey3fK8wQ1zY6u';
const FAST = { maxAttempts: 4, retryBaseDelayMs: 5 };
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const ZONE_COM = 'zone-2mzegj4vln5f'; // example.com: www + api
const ZONE_ORG = 'zone-39quuimqg8r6'; // example.org: www
const ZONE_NET = 'zone-2o0l8xhs1rwp'; // example.net: cdn; proxies sid-2s9ck1m5vd3k, sid-2s9ck1m5vd3m

const tencent = createTencentEmulators({
	teo: { secretId: SECRET_ID, secretKey: SECRET_KEY },
	dsa: { secretId: SECRET_ID, secretKey: SECRET_KEY },
});
let emulator: Emulator;

/** Every CDN signature (`st=`) the emulated APIs hand out: none may show up in an output. */
const signatures = new Set<string>();

const recording = (module: VendorModule) => recordingSignatures(module, signatures);

function credentials(overrides: IDataObject = {}): IDataObject {
	return tencentCredentials(emulator, { secretId: SECRET_ID, secretKey: SECRET_KEY }, overrides);
}

function store(overrides: IDataObject = {}): CredentialStore {
	return new CredentialStore({ tencentCloudApi: credentials(overrides) as never });
}

const secrets = () => [SECRET_ID, SECRET_KEY, ...signatures];
const downloadCalls = (action = 'DownloadL7Logs') => emulator.requests.filter((r) => r.vendor === 'teo' && r.action === action).length;
const teoError = (Code: string, Message: string) => ({ Response: { Error: { Code, Message }, RequestId: 'req-0000-fault' } });

beforeAll(async () => {
	emulator = await new Emulator([recording(tencent.teo), tencent.dsa, tencent.cdn]).start('127.0.0.1');
});
afterAll(async () => {
	await emulator.stop();
	shutdownEngine();
});
beforeEach(() => emulator.reset());

const OUTPUT_FIELDS = ['Area', 'Domain', 'LogEndTime', 'LogPacketName', 'LogStartTime', 'Url', 'logSize', 'zoneId'];

describe('Get Many', () => {
	it('lists one item per packet with its metadata, the URL redacted', async () => {
		const { output, error, run } = await runWorkflow(loadWorkflow('tencent-edgeone-l7-list.json'), store());
		expect(error).toBeUndefined();
		const items = output(NODE);
		expect(items).toHaveLength(24 * 2);
		expect(Object.keys(items[0].json).sort()).toEqual(OUTPUT_FIELDS);
		expect(new Set(items.map((i) => i.json.Domain))).toEqual(new Set(['www.example.com', 'api.example.com']));
		for (const { json } of items) {
			expect(json.zoneId).toBe(ZONE_COM);
			expect(json.Area).toBe('mainland');
			expect(json.Url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/teo\/l7\/.+\.log\.gz\?st=\[redacted\]&e=\[redacted\]$/);
			expect(json.LogStartTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00\+08:00$/);
			expect(json.logSize).toBe(tencent.files.sizeOf(String(json.LogPacketName)) * 8);
		}
		expect(new Set(items.map((i) => i.json.LogPacketName)).size).toBe(48);
		expect(downloadCalls()).toBe(1);
		expect(signatures.size).toBeGreaterThan(0);
		expectNoSecrets(run, secrets());
	});

	it('pages with Limit 300 across zones when a range holds more packets', async () => {
		const wf = loadWorkflow('tencent-edgeone-l7-list.json', { timeRange: 'last7Days', zoneIds: [ZONE_COM, ZONE_NET] });
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		const items = output(NODE);
		// 168 hours: 2 domains of example.com (336 = 2 pages), 1 domain of example.net (1 page).
		expect(items).toHaveLength(168 * 3);
		expect(items.filter((i) => i.json.zoneId === ZONE_COM)).toHaveLength(336);
		expect(items.filter((i) => i.json.zoneId === ZONE_NET).every((i) => i.json.Domain === 'cdn.example.net')).toBe(true);
		expect(new Set(items.map((i) => i.json.LogPacketName)).size).toBe(504);
		expect(downloadCalls()).toBe(3);
	});

	it('honours the limit and the domain filter, and takes zone IDs from an expression', async () => {
		const wf = loadWorkflow('tencent-edgeone-l7-list.json', {
			returnAll: false,
			limit: 5,
			timeRange: 'last7Days',
			zoneIds: `={{ "${ZONE_COM}, ${ZONE_ORG}" }}`,
			domains: 'api.example.com',
		});
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		expect(output(NODE)).toHaveLength(5);
		expect(output(NODE).every((i) => i.json.Domain === 'api.example.com')).toBe(true);
		expect(downloadCalls()).toBe(1);
	});

	it('lists yesterday (UTC) as its 24 hourly packets', async () => {
		const wf = loadWorkflow('tencent-edgeone-l7-list.json', { timeRange: 'yesterday', zoneIds: [ZONE_ORG] });
		const { output } = await runWorkflow(wf, store());
		const day = new Date(Math.floor(Date.now() / DAY) * DAY - DAY).toISOString().slice(0, 10).replace(/-/g, '');
		expect(output(NODE).map((i) => i.json.LogPacketName)).toEqual(
			Array.from({ length: 24 }, (_, h) => `${day}-${String(h).padStart(2, '0')}-www.example.org`),
		);
	});

	it('reads a custom range in the workflow time zone', async () => {
		const end = Math.floor(Date.now() / HOUR) * HOUR;
		const wf = loadWorkflow('tencent-edgeone-l7-list.json', {
			timeRange: 'custom',
			startTime: new Date(end - 3 * HOUR).toISOString(),
			endTime: new Date(end).toISOString(),
			zoneIds: [ZONE_ORG],
		});
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		expect(output(NODE)).toHaveLength(3);
	});

	it('speaks the legacy 2022-01-06 API: zone names, PageNo from 1, same output fields', async () => {
		const legacy = await runWorkflow(
			loadWorkflow('tencent-edgeone-l7-list.json', { apiVersion: '2022-01-06', timeRange: 'last7Days' }),
			store(),
		);
		expect(legacy.error).toBeUndefined();
		expect(legacy.output(NODE)).toHaveLength(336);
		expect(emulator.count('teo', 'DescribeZones')).toBe(1);
		expect(downloadCalls()).toBe(2);
		expect(new Set(legacy.output(NODE).map((i) => i.json.LogPacketName)).size).toBe(336);

		const current = await runWorkflow(loadWorkflow('tencent-edgeone-l7-list.json', { timeRange: 'last7Days' }), store());
		expect(legacy.output(NODE).map((i) => i.json)).toEqual(current.output(NODE).map((i) => i.json));
	});

	it('refuses a zone ID the account does not have before asking the legacy API', async () => {
		const wf = loadWorkflow('tencent-edgeone-l7-list.json', { apiVersion: '2022-01-06', zoneIds: ['zone-doesnotexist'] });
		const { error } = await runWorkflow(wf, store());
		expect(error?.message).toMatch(/zone not found: zone-doesnotexist/);
		expect(downloadCalls()).toBe(0);
	});

	it('lists L4 proxy logs with their ProxyId', async () => {
		const wf = loadWorkflow('tencent-edgeone-l4-download.json', { operation: 'getAll', returnAll: true });
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		const items = output(NODE);
		expect(items).toHaveLength(2);
		expect(items.map((i) => i.json.ProxyId).sort()).toEqual(['sid-2s9ck1m5vd3k', 'sid-2s9ck1m5vd3m']);
		expect(items[0].json).not.toHaveProperty('Domain');
		expect(items[0].json.Url).toMatch(/\/teo\/l4\//);
		expect(downloadCalls('DownloadL4Logs')).toBe(1);
	});
});

describe('Download', () => {
	it('streams every packet to binary data, intact (gzip JSON Lines as delivered)', async () => {
		const { output, error, run } = await runWorkflow(loadWorkflow('tencent-edgeone-l7-download.json'), store());
		expect(error).toBeUndefined();
		const items = output(NODE);
		expect(items).toHaveLength(3);
		for (const item of items) {
			const name = String(item.json.LogPacketName);
			const spec = tencent.files.spec('l7', name);
			const binary = item.binary!.data;
			expect(binary.id).toMatch(/^filesystem/);
			expect(binary.fileName).toBe(`${name}.log.gz`);
			expect(binary.mimeType).toBe('application/gzip');
			expect(await binarySha256(binary)).toBe(await fileSha256(spec));
			expect(item.json.sha256).toBe(await fileSha256(spec));
			expect(item.json.size).toBe(spec.size);
			expect(item.json.logSize).toBe(spec.size * 8); // raw size, as listed: not the download size
			expect(caseClashes(item.json)).toEqual([]);
			expect(item.json.source).toMatch(/st=\[redacted\]/);
		}
		expect(items.map((i) => i.json.zoneId)).toEqual([ZONE_COM, ZONE_COM, ZONE_ORG]);
		expect(tencent.cdn.counters.credentialLeaks).toBe(0);
		expectNoSecrets(run, secrets());
	});

	it('decompresses L4 packets to JSON Lines text when asked', async () => {
		const { output, error, run } = await runWorkflow(loadWorkflow('tencent-edgeone-l4-download.json'), store());
		expect(error).toBeUndefined();
		const items = output(NODE);
		expect(items).toHaveLength(2);
		for (const item of items) {
			const name = String(item.json.LogPacketName);
			const spec = tencent.files.spec('l4', name);
			expect(item.json.compressedSha256).toBe(await fileSha256(spec));
			expect(item.json.compressedSize).toBe(spec.size);
			expect(item.binary!.data.fileName).toBe(`${name}.log`);
			expect(item.binary!.data.mimeType).toBe('text/plain');
			const lines = (await binaryBuffer(item.binary!.data)).toString('utf8').split('\n').filter(Boolean);
			expect(lines.length).toBeGreaterThan(10);
			for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
			expect(JSON.parse(lines[0])).toHaveProperty('ClientIP');
			expect(item.json.size).toBe(lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0));
		}
		expectNoSecrets(run, secrets());
	});

	it('retries a truncated download and delivers the whole file', async () => {
		emulator.faults.add({ vendor: 'tencent-cdn', truncateAfter: 10000 });
		const wf = loadWorkflow('tencent-edgeone-l7-download.json', { zoneIds: [ZONE_ORG], transferOptions: FAST });
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		const [item] = output(NODE);
		expect(await binarySha256(item.binary!.data)).toBe(await fileSha256(tencent.files.spec('l7', String(item.json.LogPacketName))));
		expect(emulator.count('tencent-cdn')).toBe(2);
	});

	it('says an expired link must be listed again, without retrying it', async () => {
		tencent.cdn.clock = () => Date.now() + 2 * HOUR;
		const wf = loadWorkflow('tencent-edgeone-l7-download.json', { zoneIds: [ZONE_ORG], transferOptions: FAST });
		const { error, run } = await runWorkflow(wf, store());
		expect(error?.message).toMatch(/download link has expired or was refused \(AccessDenied: Request has expired\.\)/);
		expect(error?.description).toMatch(/list the logs again/);
		expect(emulator.count('tencent-cdn')).toBe(1);
		expectNoSecrets(run, secrets());
	});

	it('gives an error item for a failed packet under Continue On Fail, and keeps the others', async () => {
		emulator.faults.add({ vendor: 'tencent-cdn', truncateAfter: 100, times: 2 });
		const wf = setNodeOption(
			loadWorkflow('tencent-edgeone-l7-download.json', { zoneIds: [ZONE_COM], transferOptions: { ...FAST, maxAttempts: 2, concurrency: 1 } }),
			'continueOnFail',
			true,
		);
		const { output, error, run } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		const [failed, ok] = output(NODE);
		expect(failed.json.error).toMatch(/truncated|cut off/);
		expect(failed.json.LogPacketName).toMatch(/-www\.example\.com$/);
		expect(failed.json.zoneId).toBe(ZONE_COM);
		expect(failed.binary).toBeUndefined();
		expect(await binarySha256(ok.binary!.data)).toBe(await fileSha256(tencent.files.spec('l7', String(ok.json.LogPacketName))));
		expectNoSecrets(run, secrets());
	});
});

describe('errors', () => {
	it.each([
		['AuthFailure.SecretIdNotFound', 'The SecretId is not found.', /does not know this SecretId/, /CAM > API Keys/],
		['AuthFailure.InvalidSecretId', 'Invalid key (not cloud API key type).', /does not know this SecretId/, /CAM > API Keys/],
		['AuthFailure.SignatureFailure', 'The provided credentials could not be validated.', /SecretKey is wrong/, /SecretKey that belongs/],
		['AuthFailure.SignatureExpire', 'Signature expired.', /more than 5 minutes away/, /clock of the n8n host/],
		['AuthFailure.TokenFailure', 'Token verification failed.', /Session Token is invalid/, /temporary credentials/],
		['AuthFailure.UnauthorizedOperation', 'CAM denied.', /does not allow it to call teo:DownloadL7Logs/, /teo:DownloadL7Logs/],
		['UnauthorizedOperation.CamUnauthorized', 'CAM is not authorized.', /does not allow it to call teo:DownloadL7Logs/, /permission teo:DownloadL7Logs/],
		['InvalidParameterValue', '`StartTime` is outside the 30-day log retention.', /parameter StartTime \(field "Time Range"\) was refused/, /"Time Range" field/],
		['MissingParameter', 'The request is missing a required parameter `ZoneIds`.', /parameter ZoneIds \(field "Zone Names or IDs"\) was refused/, /"Zone Names or IDs" field/],
		['InvalidParameter.Domains', 'Bad domain list.', /parameter Domains \(field "Domains"\) was refused/, /"Domains" field/],
		['ResourceNotFound', 'The site does not exist.', /zone not found or not available: The site does not exist\./, /Zone Names or IDs.*Error code: ResourceNotFound\./],
		['ResourceUnavailable', 'The site zone-2mzegj4vln5f is not available.', /zone not found or not available: The site zone-2mzegj4vln5f/, /Zone Names or IDs/],
		['OperationDenied', 'Offline logs are not enabled for this site.', /Offline logs are not enabled for this site\. \[OperationDenied\]/, /RequestId req-0000-fault/],
	])('maps %s to a clear message', async (code, message, shown, hint) => {
		emulator.faults.add({ vendor: 'teo', match: 'DownloadL7Logs', status: 200, body: teoError(code, message) });
		const { error, run } = await runWorkflow(loadWorkflow('tencent-edgeone-l7-list.json'), store());
		expect(error?.message).toMatch(shown);
		// n8n would replace a message holding "ResourceNotFound" (ENOTFOUND) with its own text.
		if (code !== 'ResourceNotFound') expect(error?.message).toContain(`[${code}]`);
		expect(error?.description).toMatch(hint);
		expect(downloadCalls()).toBe(1); // none of these is retried
		expectNoSecrets(run, secrets());
	});

	it('names the wrong SecretKey when the real signature check fails', async () => {
		const wrongKey = 'wrongEdgeOneSecretKey000000000000';
		const { error, run } = await runWorkflow(loadWorkflow('tencent-edgeone-l7-list.json'), store({ secretKey: wrongKey }));
		expect(error?.message).toMatch(/SecretKey is wrong \[AuthFailure\.SignatureFailure\]/);
		expectNoSecrets(run, [...secrets(), wrongKey]);
	});

	it('names the wrong SecretId when the emulator does not know it', async () => {
		const wrongId = 'AKIDunknownKey00000000000000000000';
		const { error, run } = await runWorkflow(loadWorkflow('tencent-edgeone-l7-list.json'), store({ secretId: wrongId }));
		expect(error?.message).toMatch(/does not know this SecretId \[AuthFailure\.SecretIdNotFound\]/);
		expectNoSecrets(run, [...secrets(), wrongId]);
	});

	it('retries RequestLimitExceeded and then succeeds', async () => {
		emulator.faults.add({
			vendor: 'teo',
			match: 'DownloadL7Logs',
			status: 200,
			body: teoError('RequestLimitExceeded', 'Your current request times equals to `100` in a second.'),
		});
		const wf = loadWorkflow('tencent-edgeone-l7-list.json', { transferOptions: FAST });
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		expect(output(NODE)).toHaveLength(48);
		expect(downloadCalls()).toBe(2);
	});

	it('retries InternalError, 5xx and resets up to the attempt limit, then names the failure', async () => {
		emulator.faults.add(
			{ vendor: 'teo', match: 'DownloadL7Logs', status: 200, body: teoError('InternalError', 'An internal error occurred.') },
			{ vendor: 'teo', match: 'DownloadL7Logs', status: 502, body: 'Bad Gateway' },
			{ vendor: 'teo', match: 'DownloadL7Logs', reset: true },
			{ vendor: 'teo', match: 'DownloadL7Logs', status: 200, body: teoError('ServiceUnavailable', 'Try later.'), times: 5 },
		);
		const wf = loadWorkflow('tencent-edgeone-l7-list.json', { transferOptions: { ...FAST, maxAttempts: 5 } });
		const { error } = await runWorkflow(wf, store());
		expect(error?.message).toMatch(/the service failed: Try later\. \[ServiceUnavailable\]/);
		expect(error?.description).toMatch(/Retried with backoff/);
		expect(downloadCalls()).toBe(5);
	});

	it('gives an error item under Continue On Fail', async () => {
		emulator.faults.add({ vendor: 'teo', match: 'DownloadL7Logs', status: 200, body: teoError('AuthFailure.SignatureExpire', 'Signature expired.') });
		const wf = setNodeOption(loadWorkflow('tencent-edgeone-l7-list.json'), 'continueOnFail', true);
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		expect(output(NODE)).toHaveLength(1);
		expect(output(NODE)[0].json.error).toMatch(/more than 5 minutes away/);
		expect(output(NODE)[0].json.description).toMatch(/NTP/);
	});
});

describe('invalid input fails before any request', () => {
	const now = Date.now();
	it.each([
		[{ timeRange: 'custom', startTime: new Date(now - HOUR).toISOString(), endTime: new Date(now - 2 * HOUR).toISOString() }, /End Time: must be after the start time/],
		[{ timeRange: 'custom', startTime: new Date(now - 184 * DAY).toISOString(), endTime: new Date(now).toISOString() }, /Start Time: is older than the longest EdgeOne log retention \(183 days/],
		[{ timeRange: 'custom', startTime: new Date(now + DAY).toISOString(), endTime: new Date(now + 2 * DAY).toISOString() }, /Start Time: is in the future/],
		[{ timeRange: 'custom', startTime: 'last tuesday', endTime: new Date(now).toISOString() }, /Start Time: "last tuesday" is not a date and time/],
		[{ zoneIds: '={{ "" }}' }, /Zone Names or IDs: choose at least one zone/],
		[{ zoneIds: ['example.com'] }, /Zone Names or IDs: "example.com" is not an ID like zone-/],
		[{ domains: 'www.example.com, not a domain!' }, /Domains: "not" is not a domain name|Domains: "a" is not a domain name|Domains: "domain!" is not a domain name/],
		[{ returnAll: false, limit: 0 }, /Limit: must be a whole number of 1 or more/],
	])('%j', async (params, message) => {
		const { error } = await runWorkflow(loadWorkflow('tencent-edgeone-l7-list.json', params as IDataObject), store());
		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(/No request was sent/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('checks L4 proxy ids too', async () => {
		const wf = loadWorkflow('tencent-edgeone-l4-download.json', { proxyIds: 'sid-2s9ck1m5vd3k, bad/id' });
		const { error } = await runWorkflow(wf, store());
		expect(error?.message).toMatch(/Proxy IDs: "bad\/id" is not an ID/);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Zone IDs dropdown', () => {
	/** A load-options context whose requests go through the credential to the emulator. */
	function loadOptionsContext(): ILoadOptionsFunctions {
		const credential = new TencentCloudApi();
		const data = credentials();
		return {
			getNode: () => ({ name: NODE, credentials: { tencentCloudApi: { id: 'tencentDemoCred1', name: 'demo' } } }),
			getCredentials: async () => data,
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					const signed = await credential.authenticate(data as never, options);
					const reply = await fetch(String(signed.url), {
						method: signed.method,
						headers: signed.headers as Record<string, string>,
						body: signed.body as string,
					});
					return { statusCode: reply.status, headers: {}, body: await reply.text() };
				},
			},
		} as unknown as ILoadOptionsFunctions;
	}

	it('lists every zone across DescribeZones pages of 100', async () => {
		const saved = tencent.teo.options.zones;
		tencent.teo.options.zones = Array.from({ length: 150 }, (_, k) => ({
			...defaultTeoZones()[0],
			ZoneId: `zone-${String(k).padStart(4, '0')}abc`,
			ZoneName: `site${String(k).padStart(3, '0')}.example`,
		}));
		try {
			const options = await new TencentEdgeOne().methods.loadOptions.getZones.call(loadOptionsContext());
			expect(options).toHaveLength(150);
			expect(options[0]).toEqual({ name: 'site000.example (zone-0000abc)', value: 'zone-0000abc', description: 'active, mainland' });
			expect(emulator.count('teo', 'DescribeZones')).toBe(2);
		} finally {
			tencent.teo.options.zones = saved;
		}
	});

	it('shows a clear error when the key is refused', async () => {
		emulator.faults.add({ vendor: 'teo', match: 'DescribeZones', status: 200, body: teoError('AuthFailure.SignatureFailure', 'bad') });
		await expect(new TencentEdgeOne().methods.loadOptions.getZones.call(loadOptionsContext())).rejects.toThrow(/SecretKey is wrong/);
		expect(allText(emulator.requests)).not.toContain(SECRET_KEY);
	});
});
