/**
 * Yeastar P-Series PBX node through the real n8n engine, against the emulator: files on disk
 * (filesystem binary mode) and compared by sha256 with what the emulator generated.
 */
import { binarySha256, CredentialStore, runWorkflow, shutdownEngine } from '../../engine';
import { Emulator } from '../../emulator/server';
import { fileSha256 } from '../../emulator/files';
import { YeastarEmulator } from '../../emulator/yeastar';
import { allText, caseClashes, expectNoSecrets, loadWorkflow, setNodeOption } from '../../helpers';
import { yeastarCredentials } from '../yeastarTestBed';

const NODE = 'Yeastar P-Series PBX';
const CLIENT_ID = 'canary-client-id-7f3a9c';
const CLIENT_SECRET = 'canary-secret-Zx81Lq0PnW2';
const FAST = { maxAttempts: 4, retryBaseDelayMs: 5 };

let yeastar: YeastarEmulator;
let emulator: Emulator;

function store(overrides: Record<string, unknown> = {}): CredentialStore {
	return new CredentialStore({
		yeastarPSeriesApi: yeastarCredentials(emulator, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, { ignoreSslIssues: false, ...overrides }) as never,
	});
}

function secretsOf(s: CredentialStore): string[] {
	const tokens = yeastar.tokens.flatMap((t) => [t.access, t.refresh]);
	return [CLIENT_SECRET, ...tokens, String(s.data.yeastarPSeriesApi.accessToken ?? '')].filter((x) => x.length > 5);
}

beforeAll(async () => {
	yeastar = new YeastarEmulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
	emulator = await new Emulator([yeastar]).start();
});
afterAll(async () => {
	await emulator.stop();
	shutdownEngine();
});
beforeEach(() => emulator.reset());

describe('Get Many', () => {
	it('lists every daily log across pages, newest first', async () => {
		const s = store();
		const { output, error } = await runWorkflow(loadWorkflow('yeastar-list-system-logs.json'), s);
		expect(error).toBeUndefined();
		const names = output(NODE).map((i) => i.json.logName);
		expect(names).toHaveLength(45);
		expect(names[0]).toBe('20240614');
		expect(names[44]).toBe('20240501');
		expect(output(NODE)[0].json.date).toBe('2024-06-14');
		expect(emulator.count('yeastar', 'system_log/list')).toBe(1);
	});

	it('filters by date and honours the limit', async () => {
		yeastar.options.maxPageSize = 100;
		const wf = loadWorkflow('yeastar-list-system-logs.json', {
			returnAll: false,
			limit: 3,
			filters: { startDate: '2024-06-01', endDate: '2024-06-10' },
		});
		const { output } = await runWorkflow(wf, store());
		expect(output(NODE).map((i) => i.json.logName)).toEqual(['20240610', '20240609', '20240608']);
		// fileName is the downloaded file's name wherever it appears; a log is named logName.
		expect(Object.keys(output(NODE)[0].json).sort()).toEqual(['date', 'logName']);
	});

	it('pages through a PBX that holds more logs than one page', async () => {
		const many = Array.from({ length: 250 }, (_, k) => `2023${String(1000 + k).slice(1)}`);
		const saved = yeastar.options.logNames;
		yeastar.options.logNames = many;
		try {
			const { output } = await runWorkflow(loadWorkflow('yeastar-list-system-logs.json'), store());
			expect(output(NODE)).toHaveLength(250);
			expect(emulator.count('yeastar', 'system_log/list')).toBe(3);
		} finally {
			yeastar.options.logNames = saved;
		}
	});
});

describe('Download', () => {
	it('downloads the latest days, one archive each, intact', async () => {
		const s = store();
		const { output, error } = await runWorkflow(loadWorkflow('yeastar-download-latest.json'), s);
		expect(error).toBeUndefined();
		const items = output(NODE);
		expect(items.map((i) => i.json.logs)).toEqual([['20240614'], ['20240613'], ['20240612']]);
		for (const item of items) {
			const binary = item.binary!.data;
			expect(binary.id).toMatch(/^filesystem/);
			expect(binary.mimeType).toBe('application/x-tar');
			const archive = String(item.json.archive);
			const spec = yeastar.archiveSpec(archive, item.json.logs as string[]);
			expect(await binarySha256(binary)).toBe(await fileSha256(spec));
			expect(item.json.sha256).toBe(await fileSha256(spec));
			expect(item.json.size).toBe(spec.size);
			expect(binary.fileName).toBe(archive);
			expect(item.json.fileName).toBe(archive);
			expect(caseClashes(item.json)).toEqual([]);
		}
		expect(yeastar.tokensIssued).toBe(1);
		expectNoSecrets(items, secretsOf(s));
	});

	it('downloads a date range as one archive', async () => {
		const { output } = await runWorkflow(loadWorkflow('yeastar-download-range.json'), store());
		const [item] = output(NODE);
		expect(item.json.logs).toEqual(['20240607', '20240606', '20240605', '20240604', '20240603', '20240602', '20240601']);
		const spec = yeastar.archiveSpec(String(item.json.archive), item.json.logs as string[]);
		expect(await binarySha256(item.binary!.data)).toBe(await fileSha256(spec));
	});

	it('downloads named files and refuses unknown names before downloading', async () => {
		const ok = await runWorkflow(
			loadWorkflow('yeastar-download-latest.json', { selectBy: 'names', fileNames: '20240610, 20240602' }),
			store(),
		);
		expect(ok.output(NODE).map((i) => i.json.logs)).toEqual([['20240610'], ['20240602']]);

		emulator.reset();
		const bad = await runWorkflow(
			loadWorkflow('yeastar-download-latest.json', { selectBy: 'names', fileNames: '20240610,20990101' }),
			store(),
		);
		expect(bad.error?.message).toMatch(/no system log named 20990101/);
		expect(bad.error?.description).toMatch(/from 20240501 to 20240614/);
		expect(emulator.count('yeastar', 'system_log/download')).toBe(0);
	});

	it('rejects a wrong date range before any request', async () => {
		const wf = loadWorkflow('yeastar-download-range.json', { startDate: '2024-06-07', endDate: '2024-06-01' });
		const { error } = await runWorkflow(wf, store());
		expect(error?.message).toMatch(/End Date: the end date is before the start date/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('says which days exist when a range holds none', async () => {
		const wf = loadWorkflow('yeastar-download-range.json', { startDate: '2025-01-01', endDate: '2025-01-31' });
		const { error } = await runWorkflow(wf, store());
		expect(error?.message).toMatch(/no system logs between 2025-01-01 and 2025-01-31/);
		expect(error?.description).toMatch(/from 20240501 to 20240614/);
	});
});

describe('token lifecycle', () => {
	it('reuses one token across executions and items', async () => {
		const s = store();
		for (let run = 0; run < 3; run++) {
			const { error } = await runWorkflow(loadWorkflow('yeastar-download-latest.json'), s);
			expect(error).toBeUndefined();
		}
		expect(yeastar.tokensIssued).toBe(1);
		expect(s.preAuthCalls).toBe(1);
	});

	// refresh_token would retire the token other executions and workers may still be using.
	it('renews with a fresh login, never refresh_token, when the access token expires mid-run (errcode 10004)', async () => {
		const s = store();
		await runWorkflow(loadWorkflow('yeastar-list-system-logs.json'), s);
		const first = s.data.yeastarPSeriesApi.accessToken;
		yeastar.expireAccessTokens();
		const { output, error } = await runWorkflow(loadWorkflow('yeastar-download-latest.json'), s);
		expect(error).toBeUndefined();
		expect(output(NODE)).toHaveLength(3);
		expect(yeastar.refreshes).toBe(0);
		expect(yeastar.tokensIssued).toBe(2);
		expect(s.data.yeastarPSeriesApi.accessToken).not.toBe(first);
	});

	it('renews before expiry instead of waiting for the PBX to refuse', async () => {
		const s = store();
		await runWorkflow(loadWorkflow('yeastar-list-system-logs.json'), s);
		s.data.yeastarPSeriesApi.accessTokenExpiry = String(Date.now() + 30000);
		await runWorkflow(loadWorkflow('yeastar-list-system-logs.json'), s);
		expect(yeastar.tokensIssued).toBe(2);
		expect(emulator.requests.filter((r) => r.status === 200)).toHaveLength(emulator.requests.length);
	});

	it('does not hammer get_token after the PBX rejects the client secret', async () => {
		const s = store({ clientSecret: 'wrong-secret-value-1' });
		const wf = setNodeOption(loadWorkflow('yeastar-download-latest.json'), 'continueOnFail', true);
		for (let run = 0; run < 3; run++) await runWorkflow(wf, s);
		const first = await runWorkflow(loadWorkflow('yeastar-list-system-logs.json'), s);
		expect(first.error?.message).toMatch(/rejected the Client ID \/ Client Secret/);
		expect(first.error?.description).toMatch(/does not send these Client ID and Client Secret again until they change/);
		expect(emulator.count('yeastar', 'get_token')).toBe(1);
		expect(yeastar.ipBlocked).toBe(false);
		expectNoSecrets(first, ['wrong-secret-value-1']);
	});
});

describe('errors', () => {
	it.each([
		[10005, /no permission/, /Grant the API application/],
		[70087, /IP FORBIDDEN/, /allowed IPs/],
		[70004, /blocked this IP/, /Blocked IPs/],
		[10001, /INTERFACE NOT EXISTED/, /firmware/],
	])('maps errcode %s to a clear message', async (errcode, message, hint) => {
		emulator.faults.add({ vendor: 'yeastar', match: 'system_log/list', status: 200, body: { errcode, errmsg: 'X' } });
		const { error } = await runWorkflow(loadWorkflow('yeastar-list-system-logs.json'), store());
		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(hint);
	});

	it('waits and retries while the 8-token cap is reached, then logs in', async () => {
		emulator.faults.add({ vendor: 'yeastar', match: 'get_token', status: 200, body: { errcode: 60002, errmsg: 'MAX LIMITATION EXCEEDED' }, times: 2 });
		const { error } = await runWorkflow(loadWorkflow('yeastar-list-system-logs.json', { transferOptions: FAST }), store());
		expect(error).toBeUndefined();
		expect(emulator.count('yeastar', 'get_token')).toBe(3);
	});

	it('explains the 8-token cap on get_token when it persists', async () => {
		emulator.faults.add({ vendor: 'yeastar', match: 'get_token', status: 200, body: { errcode: 60002, errmsg: 'MAX LIMITATION EXCEEDED' }, times: 10 });
		const { error } = await runWorkflow(loadWorkflow('yeastar-list-system-logs.json', { transferOptions: FAST }), store());
		expect(emulator.count('yeastar', 'get_token')).toBe(FAST.maxAttempts);
		expect(error?.message).toMatch(/maximum number of access tokens/);
		expect(error?.description).toMatch(/30 minutes/);
	});

	it('retries a 429 and then succeeds', async () => {
		emulator.faults.add({ vendor: 'yeastar', match: '/api/download/', status: 429, body: 'Too Many Requests', times: 2 });
		const wf = loadWorkflow('yeastar-download-latest.json', { count: 1, transferOptions: FAST });
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		const [item] = output(NODE);
		const spec = yeastar.archiveSpec(String(item.json.archive), item.json.logs as string[]);
		expect(await binarySha256(item.binary!.data)).toBe(await fileSha256(spec));
		expect(emulator.count('yeastar', 'system_log/download')).toBe(3);
	});

	it('retries a truncated download and delivers the whole file', async () => {
		emulator.faults.add({ vendor: 'yeastar', match: '/api/download/', truncateAfter: 10000 });
		const wf = loadWorkflow('yeastar-download-latest.json', { count: 1, transferOptions: FAST });
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		const [item] = output(NODE);
		const spec = yeastar.archiveSpec(String(item.json.archive), item.json.logs as string[]);
		expect(await binarySha256(item.binary!.data)).toBe(await fileSha256(spec));
	});

	it('fails clearly when every attempt is truncated, passing no file on', async () => {
		emulator.faults.add({ vendor: 'yeastar', match: '/api/download/', truncateAfter: 10000, times: 10 });
		const wf = loadWorkflow('yeastar-download-latest.json', { count: 1, transferOptions: { ...FAST, maxAttempts: 2 } });
		const { output, error } = await runWorkflow(wf, store());
		expect(error?.message).toMatch(/truncated|cut off/);
		expect(output(NODE)).toHaveLength(0);
	});

	it('leaves the SHA-256 out unless asked, and still refuses a truncated file', async () => {
		// A node as dragged onto the canvas: no transfer options set at all.
		const fresh = () => {
			const wf = loadWorkflow('yeastar-download-latest.json', { count: 1 });
			for (const node of wf.nodes as Array<{ parameters: Record<string, unknown> }>) delete node.parameters.transferOptions;
			return wf;
		};
		const ok = await runWorkflow(fresh(), store());
		expect(ok.error).toBeUndefined();
		const [item] = ok.output(NODE);
		expect(item.json).not.toHaveProperty('sha256');
		const spec = yeastar.archiveSpec(String(item.json.archive), item.json.logs as string[]);
		expect(item.json.size).toBe(spec.size);
		expect(await binarySha256(item.binary!.data)).toBe(await fileSha256(spec));

		emulator.faults.add({ vendor: 'yeastar', match: '/api/download/', truncateAfter: 10000, times: 10 });
		const cut = await runWorkflow(fresh(), store());
		expect(cut.error?.message).toMatch(/truncated|cut off/);
		expect(cut.output(NODE)).toHaveLength(0);
	});

	it('gives an error item per failed archive under Continue On Fail', async () => {
		emulator.faults.add({ vendor: 'yeastar', match: '/api/download/', truncateAfter: 100, times: 2 });
		const wf = setNodeOption(
			loadWorkflow('yeastar-download-latest.json', { count: 2, transferOptions: { ...FAST, maxAttempts: 1, concurrency: 1 } }),
			'continueOnFail',
			true,
		);
		const { output, error } = await runWorkflow(wf, store());
		expect(error).toBeUndefined();
		const items = output(NODE);
		expect(items).toHaveLength(2);
		for (const item of items) {
			expect(item.json.error).toMatch(/truncated|cut off/);
			expect(item.binary).toBeUndefined();
		}
		expect(items.map((i) => i.json.logs)).toEqual([['20240614'], ['20240613']]);
	});

	it('refuses a download URL on another host, so the token never leaves the PBX', async () => {
		yeastar.options.downloadUrlOrigin = 'http://127.0.0.2:9';
		try {
			const s = store();
			const { error } = await runWorkflow(loadWorkflow('yeastar-download-latest.json', { count: 1 }), s);
			expect(error?.message).toMatch(/download URL outside the configured base URL/);
			expect(emulator.count('yeastar', '/api/download/')).toBe(0);
			expectNoSecrets(error, secretsOf(s));
		} finally {
			yeastar.options.downloadUrlOrigin = undefined;
		}
	});

	it('treats an expired download link as retryable and asks for a new one', async () => {
		emulator.faults.add({ vendor: 'yeastar', match: '/api/download/', status: 200, body: { errcode: 60001, errmsg: 'DATA NOT FOUND' } });
		const { error, output } = await runWorkflow(
			loadWorkflow('yeastar-download-latest.json', { count: 1, transferOptions: FAST }),
			store(),
		);
		expect(error).toBeUndefined();
		expect(output(NODE)).toHaveLength(1);
		expect(emulator.count('yeastar', 'system_log/download')).toBe(2);
	});

	it('keeps secrets out of every error text', async () => {
		emulator.faults.add({ vendor: 'yeastar', match: '/api/download/', status: 500, body: 'boom', times: 10 });
		const s = store();
		const run = await runWorkflow(loadWorkflow('yeastar-download-latest.json', { count: 1, transferOptions: FAST }), s);
		expect(run.error?.message).toMatch(/HTTP 500/);
		expectNoSecrets(run.run, secretsOf(s));
		expect(allText(run.error)).not.toMatch(/access_token=[A-Za-z0-9]{20}/);
	});
});
