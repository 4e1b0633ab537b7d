/**
 * Huawei Cloud CloudDC node through the real n8n engine, against the Huawei emulator, with both
 * authentication types: AK/SK signing and the IAM password token. Archives land on disk
 * (filesystem binary mode) and are compared by sha256 with what the emulator generated.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { binarySha256, CredentialStore, nodeTypes, runWorkflow, shutdownEngine } from '../../engine';
import { fileSha256, generateFile } from '../../emulator/files';
import { HOSTILE_SNS, HUAWEI_DEFAULTS, huaweiEmulators, HuaweiEmulators } from '../../emulator/huawei';
import { Emulator } from '../../emulator/server';
import { huaweiCredentialStore, huaweiSecrets } from '../huaweiTestBed';
import { allText, caseClashes, expectNoSecrets, loadWorkflow, setNodeOption } from '../../helpers';
import { normaliseProgress } from '../../../nodes/HuaweiCloudDc/helpers/exports';

const core = require('n8n-core');
const workflowLib = require('n8n-workflow');

const NODE = 'Huawei Cloud CloudDC';
const AK = 'CANARYAKHW7Q2W9E4R6T';
const SK = 'canary-sk-Hw-9f8e7d6c5b4a3210zyxwvu';
const USER = 'canary-iam-user';
const PASSWORD = 'Canary-Passw0rd-Hw!';
const CANARIES = { accessKey: AK, secretKey: SK, userName: USER, password: PASSWORD };
const PROJECT = HUAWEI_DEFAULTS.projects[0];
const FAST = { maxAttempts: 4, retryBaseDelayMs: 5 };
const POLL = { pollInterval: 0.05, exportTimeout: 0.5 };
const AUTH_TYPES = ['akSk', 'password'] as const;
type AuthType = (typeof AUTH_TYPES)[number];

let hw: HuaweiEmulators;
let emulator: Emulator;
/** Every token the emulator issued during the file, for leak checks. */
const issuedTokens = new Set<string>();

function store(authType: AuthType, overrides: IDataObject = {}): CredentialStore {
	return huaweiCredentialStore(emulator, CANARIES, authType, PROJECT.name, overrides);
}

function secrets(s?: CredentialStore): string[] {
	return huaweiSecrets(hw, CANARIES, issuedTokens, s);
}

const server = (k: number) => hw.cloudDc.options.servers[k];

function workflow(file: string, params: IDataObject = {}, credentialId?: string): IDataObject {
	const wf = loadWorkflow(file, params);
	if (credentialId) setNodeOption(wf, 'credentials', { huaweiCloudApi: { id: credentialId, name: credentialId } });
	return wf;
}

/** A second node fed by the first: several input items for one node. */
function chain(first: IDataObject, second: { name: string; parameters: IDataObject }): IDataObject {
	const nodes = first.nodes as IDataObject[];
	const last = nodes[nodes.length - 1];
	nodes.push({ ...last, id: 'n2', name: second.name, position: [520, 0], parameters: second.parameters });
	(first.connections as IDataObject)[String(last.name)] = { main: [[{ node: second.name, type: 'main', index: 0 }]] };
	return first;
}

async function expectArchive(item: { json: IDataObject; binary?: IDataObject }) {
	const binary = item.binary!.data as { id?: string; data: string; fileName?: string; mimeType?: string };
	const spec = hw.cloudDc.exportSpec(String(item.json.export_id));
	expect(binary.id).toMatch(/^filesystem/);
	expect(await binarySha256(binary)).toBe(await fileSha256(spec));
	expect(item.json.sha256).toBe(await fileSha256(spec));
	expect(item.json.size).toBe(generateFile(spec).size);
	expect(binary.mimeType).toBe('application/gzip');
}

beforeAll(async () => {
	hw = huaweiEmulators({
		cloud: {
			keys: [{ accessKey: AK, secretKey: SK }],
			users: [{ id: HUAWEI_DEFAULTS.users[0].id, name: USER, password: PASSWORD }],
			tokenLength: 3000,
		},
		cloudDc: { exportDurationMs: 200 },
	});
	emulator = await new Emulator(hw.modules).start('127.0.0.1');
});
afterAll(async () => {
	await emulator.stop();
	shutdownEngine();
});
beforeEach(() => {
	emulator.reset();
	hw.cloud.options.throttle = undefined;
	hw.cloud.options.maxClockSkewMs = HUAWEI_DEFAULTS.maxClockSkewMs;
	hw.cloudDc.options.statusStyle = 'example';
	hw.cloudDc.options.exportDurationMs = 200;
});

describe.each(AUTH_TYPES)('every operation with %s', (authType) => {
	it('lists servers (all, then filtered and limited)', async () => {
		const s = store(authType);
		const all = await runWorkflow(workflow('huawei-clouddc-list-servers.json'), s);
		expect(all.error).toBeUndefined();
		expect(all.output(NODE)).toHaveLength(hw.cloudDc.options.servers.length);
		expect(all.output(NODE)[0].json.id).toBe(server(0).id);

		const some = await runWorkflow(
			workflow('huawei-clouddc-list-servers.json', { returnAll: false, limit: 3, filters: { manageState: 'ready' } }),
			s,
		);
		expect(some.output(NODE).map((i) => i.json.manage_state)).toEqual(['ready', 'ready', 'ready']);
		expectNoSecrets([all.run, some.run], secrets(s));
	});

	it('exports, reports progress, and downloads the finished archive intact', async () => {
		const s = store(authType);
		const started = await runWorkflow(workflow('huawei-clouddc-export.json'), s);
		expect(started.error).toBeUndefined();
		const progress = started.output(NODE)[0].json;
		expect(progress).toMatchObject({ serverId: server(0).id, status: 'running', rawStatus: 'Running' });
		expect(typeof progress.percentage).toBe('number');
		expect(progress.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);

		const exportId = String(progress.export_id);
		hw.cloudDc.completeExports();
		const status = await runWorkflow(workflow('huawei-clouddc-get-export-status.json', { exportId }), s);
		expect(status.output(NODE)[0].json).toMatchObject({ export_id: exportId, status: 'done', rawStatus: 'completed', percentage: 100 });

		const download = await runWorkflow(workflow('huawei-clouddc-download.json', { exportId }), s);
		expect(download.error).toBeUndefined();
		const [item] = download.output(NODE);
		await expectArchive(item as never);
		expect(item.binary!.data.fileName).toBe(`${server(0).sn}-dump.tar.gz`);
		expectNoSecrets([started.run, status.run, download.run], secrets(s));
	});

	it('exports and downloads several servers in parallel', async () => {
		const s = store(authType);
		const run = await runWorkflow(workflow('huawei-clouddc-export-and-download.json', { ...POLL, transferOptions: FAST }), s);
		expect(run.error).toBeUndefined();
		const items = run.output(NODE);
		expect(items.map((i) => i.json.serverId)).toEqual([0, 1, 2].map((k) => server(k).id));
		for (const item of items) await expectArchive(item as never);
		expect(hw.cloudDc.counters.exportsCreated).toBe(3);
		expect(hw.cloudDc.counters.statusPolls).toBeGreaterThanOrEqual(3);
		expectNoSecrets(run.run, secrets(s));
	});
});

describe('project ID', () => {
	it('looks the project up once with AK/SK and reuses it across runs', async () => {
		const s = store('akSk');
		for (let run = 0; run < 3; run++) {
			const { error } = await runWorkflow(workflow('huawei-clouddc-list-servers.json', {}, 'hw-project-cache'), s);
			expect(error).toBeUndefined();
		}
		expect(emulator.count('huawei-iam', '/v3/projects')).toBe(1);
		expect(emulator.count('clouddc', 'ListServers')).toBe(3);
	});

	it('uses the configured project without any IAM request', async () => {
		const run = await runWorkflow(workflow('huawei-clouddc-list-servers.json', {}, 'hw-project-set'), store('akSk', { projectId: PROJECT.id }));
		expect(run.error).toBeUndefined();
		expect(emulator.count('huawei-iam')).toBe(0);
	});

	it("takes the token's project with a password, without a project lookup", async () => {
		const run = await runWorkflow(workflow('huawei-clouddc-list-servers.json', {}, 'hw-project-token'), store('password'));
		expect(run.error).toBeUndefined();
		expect(run.output(NODE)).toHaveLength(hw.cloudDc.options.servers.length);
		expect(emulator.count('huawei-iam', '/v3/projects')).toBe(0);
		expect(emulator.count('huawei-iam', '/v3/auth/tokens')).toBe(1);
	});

	it('says so when IAM knows no project for the region', async () => {
		const s = store('akSk', { region: 'custom', customRegion: 'xx-nowhere-1' });
		const { error } = await runWorkflow(workflow('huawei-clouddc-list-servers.json', {}, 'hw-project-none'), s);
		expect(error?.message).toMatch(/no project for the region "xx-nowhere-1"/);
		expect(error?.description).toMatch(/Project ID/);
	});
});

describe('IAM token', () => {
	it('is obtained once and reused across items and executions', async () => {
		const s = store('password');
		const parallel = await runWorkflow(workflow('huawei-clouddc-export-and-download.json', POLL), s);
		expect(parallel.output(NODE)).toHaveLength(3);
		expect(hw.cloud.counters.tokensIssued).toBe(1);
		const listThenExport = () =>
			chain(workflow('huawei-clouddc-list-servers.json', { returnAll: false, limit: 3 }), {
				name: 'Export',
				parameters: { resource: 'serverLog', operation: 'export', serverId: '={{ $json.id }}', transferOptions: {} },
			});
		for (let run = 0; run < 3; run++) {
			const { output, error } = await runWorkflow(listThenExport(), s);
			expect(error).toBeUndefined();
			expect(output('Export')).toHaveLength(3);
		}
		expect(hw.cloud.counters.tokensIssued).toBe(1);
		expect(s.preAuthCalls).toBe(1);
		expect(hw.cloudDc.counters.exportsCreated).toBe(12);
		expect(hw.cloud.tokens.has(String(s.data.huaweiCloudApi.iamToken))).toBe(true);
	});

	it('is renewed once when the gateway says it expired', async () => {
		const s = store('password');
		await runWorkflow(workflow('huawei-clouddc-list-servers.json'), s);
		const first = s.data.huaweiCloudApi.iamToken;
		hw.cloud.expireTokens();
		const run = await runWorkflow(workflow('huawei-clouddc-export-and-download.json', { ...POLL, transferOptions: FAST }), s);
		expect(run.error).toBeUndefined();
		expect(run.output(NODE)).toHaveLength(3);
		expect(hw.cloud.counters.tokensIssued).toBe(2);
		expect(s.data.huaweiCloudApi.iamToken).not.toBe(first);
		expectNoSecrets(run.run, secrets(s));
	});

	it('is renewed before it expires, and when the project changes', async () => {
		const s = store('password');
		await runWorkflow(workflow('huawei-clouddc-list-servers.json'), s);
		s.data.huaweiCloudApi.iamTokenExpiry = String(Date.now() + 5 * 60 * 1000);
		await runWorkflow(workflow('huawei-clouddc-list-servers.json'), s);
		expect(hw.cloud.counters.tokensIssued).toBe(2);
		expect(hw.cloud.counters.tokenFailures).toBe(0);

		s.data.huaweiCloudApi.projectId = HUAWEI_DEFAULTS.projects[1].id;
		const other = await runWorkflow(workflow('huawei-clouddc-list-servers.json'), s);
		expect(other.error).toBeUndefined();
		expect(other.output(NODE)).toHaveLength(0);
		expect(hw.cloud.counters.tokensIssued).toBe(3);
		expect(s.data.huaweiCloudApi.iamTokenProjectId).toBe(HUAWEI_DEFAULTS.projects[1].id);
	});

	it('reports a wrong password once, without leaking it or locking the user', async () => {
		const s = store('password', { password: 'Wrong-Canary-Pass-1' });
		const wf = workflow('huawei-clouddc-export-and-download.json', POLL);
		const runs = [await runWorkflow(wf, s), await runWorkflow(setNodeOption(wf, 'continueOnFail', true), s)];
		expect(runs[0].error?.message).toMatch(/user name, password or account name is wrong/);
		expect(runs[1].output(NODE).map((i) => i.json.error)).toEqual(Array(3).fill(expect.stringMatching(/password/)));
		// Parallel exports and later runs do not each try the password: IAM locks the user after five.
		expect(emulator.count('huawei-iam', '/v3/auth/tokens')).toBe(1);
		expect(hw.cloud.isUserLocked(USER)).toBe(false);
		expectNoSecrets(runs.map((r) => r.run), [...secrets(s), 'Wrong-Canary-Pass-1']);
	});
});

describe('export status', () => {
	it.each(['example', 'schema'] as const)('follows the %s vocabulary to completion', async (style) => {
		hw.cloudDc.options.statusStyle = style;
		const s = store('akSk');
		const started = await runWorkflow(workflow('huawei-clouddc-export.json'), s);
		const progress = started.output(NODE)[0].json;
		expect(progress.status).toBe('running');
		expect(progress.rawStatus).toBe(style === 'example' ? 'Running' : 'processing');
		const run = await runWorkflow(
			workflow('huawei-clouddc-export-and-download.json', { ...POLL, serverIds: [server(1).id], transferOptions: FAST }),
			s,
		);
		expect(run.error).toBeUndefined();
		await expectArchive(run.output(NODE)[0] as never);
	});

	it.each([
		['Running', '30%', 'running', 30],
		['processing', '45', 'running', 45],
		['Running', '100%', 'running', 100],
		['completed', '100', 'done', 100],
		['success', '100%', 'done', 100],
		['finished', '', 'done', null],
		['', '100', 'done', 100],
		['failed', '60%', 'failed', 60],
		['Error', undefined, 'failed', null],
	])('reads status "%s" with percentage %j as %s', (status, percentage, normalised, number) => {
		const progress = normaliseProgress('srv', { export_id: '7', status, percentage, created_at: '2024-07-01T11:32:49Z' });
		expect(progress).toMatchObject({ export_id: '7', status: normalised, rawStatus: status, percentage: number });
	});

	it('fails clearly on a failure status, naming the export and server', async () => {
		server(5).failExport = true;
		try {
			const s = store('akSk');
			const wf = workflow('huawei-clouddc-export-and-download.json', { ...POLL, serverIds: [server(0).id, server(5).id] });
			const run = await runWorkflow(wf, s);
			expect(run.error?.message).toMatch(new RegExp(`export \\d+ of server ${server(5).id} failed \\(status "failed", 60%\\)`));
			expect(hw.cloudDc.counters.downloads).toBeLessThanOrEqual(1);

			const lenient = await runWorkflow(setNodeOption(wf, 'continueOnFail', true), s);
			expect(lenient.error).toBeUndefined();
			const [ok, failed] = lenient.output(NODE);
			await expectArchive(ok as never);
			expect(failed.binary).toBeUndefined();
			expect(failed.json).toMatchObject({ serverId: server(5).id });
			expect(String(failed.json.error)).toContain(`export ${failed.json.export_id} of server ${server(5).id} failed`);
		} finally {
			server(5).failExport = false;
		}
	});

	it('gives up after the timeout with the export_id to resume from', async () => {
		hw.cloudDc.options.exportDurationMs = 60000;
		const wf = workflow('huawei-clouddc-export-and-download.json', { pollInterval: 0.05, exportTimeout: 0.005, serverIds: [server(2).id] });
		const started = Date.now();
		const { error } = await runWorkflow(wf, store('akSk'));
		expect(Date.now() - started).toBeLessThan(5000);
		const exportId = [...hw.cloudDc.exports.keys()][0];
		expect(error?.message).toContain(`export ${exportId} of server ${server(2).id} did not finish`);
		expect(error?.description).toMatch(new RegExp(`Get Export Status .*export_id ${exportId}`));
	});
});

describe('downloads', () => {
	it('keeps hostile file names from the serial number safe', async () => {
		const saved = [0, 1, 2, 3].map((k) => server(k).sn);
		const hostile = Object.values(HOSTILE_SNS);
		hostile.forEach((sn, k) => hw.cloudDc.setServerSn(server(k).id, sn));
		try {
			const ids = [0, 1, 2, 3].map((k) => server(k).id);
			const run = await runWorkflow(workflow('huawei-clouddc-export-and-download.json', { ...POLL, serverIds: ids }), store('akSk'));
			expect(run.error).toBeUndefined();
			const names = run.output(NODE).map((item) => String(item.binary!.data.fileName));
			expect(names.slice(0, 3)).toEqual(['passwd-dump.tar.gz', expect.stringMatching(/^SN9{190}/), 'a b.tar.gz']);
			for (const item of run.output(NODE)) {
				const name = String(item.binary!.data.fileName);
				expect(name).toBe(item.json.fileName);
				expect(caseClashes(item.json)).toEqual([]);
				expect(name).not.toMatch(/[/\\]|\.\.|[<>:"|?*]/);
				expect([...name].some((c) => c.charCodeAt(0) < 32)).toBe(false);
				expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(255);
				expect(name).toMatch(/\.tar\.gz$/);
				await expectArchive(item as never);
			}
		} finally {
			saved.forEach((sn, k) => hw.cloudDc.setServerSn(server(k).id, sn));
		}
	});

	it('retries a truncated download and delivers the whole archive', async () => {
		emulator.faults.add({ vendor: 'clouddc', match: '/content', truncateAfter: 5000 });
		const run = await runWorkflow(
			workflow('huawei-clouddc-export-and-download.json', { ...POLL, serverIds: [server(0).id], transferOptions: FAST }),
			store('password'),
		);
		expect(run.error).toBeUndefined();
		await expectArchive(run.output(NODE)[0] as never);
		expect(emulator.count('clouddc', 'DownloadServerLogs')).toBe(2);
	});

	it.each([
		['a JSON error', { error_code: 'CLOUDDC.5001', error_msg: 'Dump service unavailable.' }, /Dump service unavailable/],
		['a JSON message', { export_id: '1', status: 'completed' }, /JSON message instead of the gzip archive/],
	])('refuses %s served as the file, saving nothing', async (_label, body, message) => {
		const s = store('akSk');
		const started = await runWorkflow(workflow('huawei-clouddc-export.json'), s);
		hw.cloudDc.completeExports();
		emulator.faults.add({
			vendor: 'clouddc',
			match: '/content',
			status: 200,
			body,
			headers: { 'Content-Type': 'application/octet-stream' },
			times: 10,
		});
		const exportId = String(started.output(NODE)[0].json.export_id);
		const run = await runWorkflow(workflow('huawei-clouddc-download.json', { exportId, transferOptions: FAST }), s);
		expect(run.error?.message).toMatch(message);
		expect(run.output(NODE)).toHaveLength(0);
	});

	it('explains a download of an unfinished export', async () => {
		hw.cloudDc.options.exportDurationMs = 60000;
		const s = store('akSk');
		const started = await runWorkflow(workflow('huawei-clouddc-export.json'), s);
		const exportId = String(started.output(NODE)[0].json.export_id);
		const run = await runWorkflow(workflow('huawei-clouddc-download.json', { exportId }), s);
		expect(run.error?.message).toMatch(/not completed/);
		expect(run.error?.description).toMatch(/Get Export Status/);
	});
});

describe('throttling and errors', () => {
	it('retries a plain-text 429 and then succeeds', async () => {
		emulator.faults.add({ vendor: 'clouddc', match: '/logs/exports', method: 'POST', status: 429, body: 'The request is overloaded.', times: 2 });
		const run = await runWorkflow(workflow('huawei-clouddc-export.json', { transferOptions: FAST }), store('akSk'));
		expect(run.error).toBeUndefined();
		expect(run.output(NODE)[0].json.export_id).toBeTruthy();
		expect(emulator.count('clouddc', 'ExportServerLogs')).toBe(3);
	});

	it('honours Retry-After on APIGW.0308', async () => {
		emulator.faults.add({
			vendor: 'clouddc',
			match: 'ListServers',
			status: 429,
			body: { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached' },
			headers: { 'Retry-After': '1' },
		});
		const started = Date.now();
		const run = await runWorkflow(workflow('huawei-clouddc-list-servers.json', { transferOptions: FAST }), store('password'));
		expect(run.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(emulator.count('clouddc', 'ListServers')).toBe(2);
	});

	it('stays within the gateway throttle while polling several exports', async () => {
		// Three exports start at once against two calls per 300 ms: throttling is certain.
		hw.cloud.options.throttle = { limit: 2, windowMs: 300 };
		const run = await runWorkflow(
			workflow('huawei-clouddc-export-and-download.json', {
				pollInterval: 0.15,
				exportTimeout: 0.5,
				transferOptions: { maxAttempts: 10, retryBaseDelayMs: 100 },
			}),
			store('akSk', { projectId: PROJECT.id }),
		);
		expect(run.error).toBeUndefined();
		expect(run.output(NODE)).toHaveLength(3);
		expect(hw.cloud.counters.throttled).toBeGreaterThan(0);
	});

	it('gives up on persistent throttling with a clear message', async () => {
		emulator.faults.add({ vendor: 'clouddc', match: 'ListServers', status: 429, body: 'The request is overloaded.', times: 10 });
		const run = await runWorkflow(
			workflow('huawei-clouddc-list-servers.json', { transferOptions: { ...FAST, maxAttempts: 2 } }),
			store('akSk'),
		);
		expect(run.error?.message).toMatch(/busy or throttling.*The request is overloaded/);
		expect(emulator.count('clouddc', 'ListServers')).toBe(2);
	});

	it.each([
		[{ error_code: 'CLOUDDC.4031', error_msg: 'Policy does not allow this action.' }, /permission denied \(IAM action clouddc:imetal:createDumpLog\)/, /Grant/],
		[{ error_code: 'APIGW.0302', error_msg: 'The IAM user is forbidden in the currently selected region' }, /may not call this API \(IAM action clouddc:imetal:createDumpLog\)/, /administrator/],
		[{ error_code: 'APIGW.0402', error_msg: 'The IP address is not authorized.' }, /does not accept calls from this IP/, /IP/],
	])('maps 403 %j to a clear message', async (body, message, hint) => {
		emulator.faults.add({ vendor: 'clouddc', match: 'ExportServerLogs', status: 403, body });
		const { error } = await runWorkflow(workflow('huawei-clouddc-export.json'), store('akSk'));
		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(hint);
	});

	it('tells a wrong secret key and a skewed clock apart, leaking neither key', async () => {
		const wrong = store('akSk', { secretKey: 'wrong-canary-secret-key' });
		const bad = await runWorkflow(workflow('huawei-clouddc-list-servers.json', {}, 'hw-wrong-sk'), wrong);
		expect(bad.error?.message).toMatch(/wrong Secret Access Key/);
		expectNoSecrets(bad.run, [...secrets(wrong), 'wrong-canary-secret-key']);

		hw.cloud.options.maxClockSkewMs = -1;
		const skewed = await runWorkflow(workflow('huawei-clouddc-list-servers.json', {}, 'hw-skew'), store('akSk', { projectId: PROJECT.id }));
		expect(skewed.error?.message).toMatch(/signature expired/);
		expect(skewed.error?.description).toMatch(/clock/);
	});

	it('names a missing server, and gives error items under Continue On Fail', async () => {
		const wf = setNodeOption(workflow('huawei-clouddc-export.json', { serverId: 'no-such-server' }), 'continueOnFail', true);
		const run = await runWorkflow(wf, store('akSk'));
		expect(run.error).toBeUndefined();
		const [item] = run.output(NODE);
		expect(item.json.error).toMatch(/server no-such-server was not found/);
		expect(item.json.description).toMatch(/List Servers/);
	});

	it.each([
		['export', { serverId: '={{ "" }}' }, /Server: is empty/],
		['export', { serverId: '../../v3/auth' }, /not a valid ID/],
		['export-and-download', { serverIds: '={{ [] }}' }, /Servers: choose at least one server/],
		['get-export-status', { exportId: ' ' }, /Export ID: is empty/],
	])('rejects bad input to %s before any request', async (op, params, message) => {
		const { error } = await runWorkflow(workflow(`huawei-clouddc-${op}.json`, params), store('akSk'));
		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(/No request was sent/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('keeps every canary secret out of a failing run', async () => {
		emulator.faults.add({ vendor: 'clouddc', match: '/content', status: 500, body: 'boom', times: 20 });
		const s = store('password');
		const run = await runWorkflow(
			workflow('huawei-clouddc-export-and-download.json', { ...POLL, transferOptions: { ...FAST, maxAttempts: 2 } }),
			s,
		);
		expect(run.error?.message).toMatch(/server error \(HTTP 500\)/);
		expect(run.error?.message).toMatch(/export \d+ of server/);
		expectNoSecrets(run.run, secrets(s));
		expect(allText(run.error)).not.toMatch(/X-Auth-Token: MII/);
	});
});

describe('server dropdown (loadOptions)', () => {
	it('lists servers by name and state with their IDs as values', async () => {
		const s = store('akSk');
		const wf = workflow('huawei-clouddc-export.json');
		const node = (wf.nodes as INode[]).find((n) => n.name === NODE)!;
		const workflowObject = new workflowLib.Workflow({
			id: 'loadOptions',
			nodes: wf.nodes,
			connections: wf.connections,
			active: false,
			nodeTypes: {
				getByName: (t: string) => nodeTypes[t],
				getByNameAndVersion: (t: string, v?: number) => workflowLib.NodeHelpers.getVersionedNodeType(nodeTypes[t], v),
				getKnownTypes: () => ({}),
			},
		});
		const context = new core.LoadOptionsContext(workflowObject, node, { credentialsHelper: s, currentNodeParameters: node.parameters }, 'serverId');
		const nodeType = nodeTypes['n8n-nodes-logpull.huaweiCloudDc'] as { methods: { loadOptions: Record<string, (this: unknown) => Promise<Array<{ name: string; value: string }>>> } };
		const options = await nodeType.methods.loadOptions.getServers.call(context);
		expect(options).toHaveLength(hw.cloudDc.options.servers.length);
		expect(options[0]).toMatchObject({ name: `bms-001 (in-use)`, value: server(0).id });
	});
});
