/**
 * Huawei CodeArts Check node through the real n8n engine, against the Huawei emulator, with AK/SK
 * and with the IAM password token: the look-ups that lead to a sub_job_id, and the ZIP download
 * with its HTTP-200-JSON-error gotcha (documented on its DownloadLog page).
 */
import type { IDataObject } from 'n8n-workflow';
import { binarySha256, CredentialStore, runWorkflow, shutdownEngine } from '../../engine';
import { fileSha256, generateFile } from '../../emulator/files';
import { HUAWEI_DEFAULTS, huaweiEmulators, HuaweiEmulators } from '../../emulator/huawei';
import { Emulator } from '../../emulator/server';
import { expectNoSecrets, loadWorkflow, setNodeOption } from '../../helpers';
import { huaweiCredentialStore, huaweiSecrets } from '../huaweiTestBed';

const NODE = 'Huawei CodeArts Check';
const AK = 'CANARYAKCODEARTS2X8Z';
const SK = 'canary-sk-CodeArts-1a2b3c4d5e6f7g8h';
const USER = 'canary-codearts-user';
const PASSWORD = 'Canary-CodeArts-Pw0rd!';
const CANARIES = { accessKey: AK, secretKey: SK, userName: USER, password: PASSWORD };
const FAST = { maxAttempts: 4, retryBaseDelayMs: 5 };
const AUTH_TYPES = ['akSk', 'password'] as const;
type AuthType = (typeof AUTH_TYPES)[number];

let hw: HuaweiEmulators;
let emulator: Emulator;
const issuedTokens = new Set<string>();

function store(authType: AuthType, overrides: IDataObject = {}): CredentialStore {
	return huaweiCredentialStore(emulator, CANARIES, authType, HUAWEI_DEFAULTS.projects[0].name, overrides);
}

function secrets(s?: CredentialStore): string[] {
	return huaweiSecrets(hw, CANARIES, issuedTokens, s);
}

const project = () => hw.codeArts.options.projects[0];
const task = (k = 0) => project().tasks[k];
const subJob = (t = 0, j = 0, s = 0) => task(t).jobs[j].sub_jobs[s].sub_job_id;

async function expectLog(item: { json: IDataObject; binary?: IDataObject }, subJobId: string) {
	const binary = item.binary!.data as { id?: string; data: string; fileName?: string; mimeType?: string };
	const spec = hw.codeArts.logSpec(subJobId);
	expect(binary.id).toMatch(/^filesystem/);
	expect(await binarySha256(binary)).toBe(await fileSha256(spec));
	expect(item.json).toMatchObject({ sub_job_id: subJobId, size: generateFile(spec).size, sha256: await fileSha256(spec) });
	expect(binary.fileName).toBe(`${subJobId}.zip`);
	expect(binary.mimeType).toBe('application/zip');
}

const download = (params: IDataObject = {}) =>
	loadWorkflow('huawei-codearts-download-log-file.json', { transferOptions: FAST, ...params });

beforeAll(async () => {
	hw = huaweiEmulators({
		cloud: {
			keys: [{ accessKey: AK, secretKey: SK }],
			users: [{ id: HUAWEI_DEFAULTS.users[0].id, name: USER, password: PASSWORD }],
			tokenLength: 3000,
		},
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
});

describe.each(AUTH_TYPES)('every operation with %s', (authType) => {
	it('gets the tasks of a project, all or limited', async () => {
		const s = store(authType);
		const all = await runWorkflow(loadWorkflow('huawei-codearts-get-tasks.json'), s);
		expect(all.error).toBeUndefined();
		expect(all.output(NODE).map((i) => i.json.task_id)).toEqual(project().tasks.map((t) => t.task_id));
		expect(all.output(NODE)[0].json).toMatchObject({ project_id: project().id, task_name: 'repo-1-check' });

		const some = await runWorkflow(loadWorkflow('huawei-codearts-get-tasks.json', { returnAll: false, limit: 5 }), s);
		expect(some.output(NODE)).toHaveLength(5);
		expectNoSecrets([all.run, some.run], secrets(s));
	});

	it('gets the executions of a task with their sub-job IDs, and filters by status', async () => {
		const s = store(authType);
		const run = await runWorkflow(loadWorkflow('huawei-codearts-get-jobs.json'), s);
		expect(run.error).toBeUndefined();
		const jobs = run.output(NODE);
		expect(jobs).toHaveLength(task(0).jobs.length);
		for (const job of jobs) {
			const record = task(0).jobs.find((j) => j.job_id === job.json.job_id)!;
			expect(job.json.task_id).toBe(task(0).task_id);
			expect(job.json.sub_job_ids).toEqual(record.sub_jobs.map((sj) => sj.sub_job_id));
		}
		const failed = await runWorkflow(loadWorkflow('huawei-codearts-get-jobs.json', { filters: { statuses: ['failed'] } }), s);
		expect(failed.output(NODE).map((i) => i.json.status)).toEqual(['failed']);
		expectNoSecrets([run.run, failed.run], secrets(s));
	});

	it('gets the last and the last successful execution', async () => {
		const s = store(authType);
		const run = await runWorkflow(loadWorkflow('huawei-codearts-get-last-jobs.json'), s);
		expect(run.error).toBeUndefined();
		const jobs = task(0).jobs;
		expect(run.output(NODE)[0].json).toEqual({
			task_id: task(0).task_id,
			last_job_id: jobs[jobs.length - 1].job_id,
			last_success_job_id: jobs[jobs.length - 2].job_id,
		});
	});

	it('downloads a log file intact', async () => {
		const s = store(authType);
		const run = await runWorkflow(download(), s);
		expect(run.error).toBeUndefined();
		await expectLog(run.output(NODE)[0] as never, subJob());
		expectNoSecrets(run.run, secrets(s));
	});

	it('chains Get Jobs into Download Log File by expression', async () => {
		const s = store(authType);
		const run = await runWorkflow(loadWorkflow('huawei-codearts-latest-logs.json'), s);
		expect(run.error).toBeUndefined();
		const [job] = run.output('Get Jobs');
		expect(job.json.status).toBe('success');
		await expectLog(run.output('Download Log File')[0] as never, (job.json.sub_job_ids as string[])[0]);
	});
});

describe('IAM token', () => {
	it('is obtained once, reused across runs, and renewed after CC.00000003', async () => {
		const s = store('password');
		for (let run = 0; run < 3; run++) expect((await runWorkflow(download(), s)).error).toBeUndefined();
		expect(hw.cloud.counters.tokensIssued).toBe(1);
		expect(s.preAuthCalls).toBe(1);

		hw.cloud.expireTokens();
		const run = await runWorkflow(loadWorkflow('huawei-codearts-latest-logs.json'), s);
		expect(run.error).toBeUndefined();
		expect(hw.cloud.counters.tokensIssued).toBe(2);
		expect(emulator.requests.filter((r) => r.status === 401)).toHaveLength(1);
		expectNoSecrets(run.run, secrets(s));
	});
});

describe('the HTTP-200 JSON error', () => {
	it('retries the busy code CC.00050012 and then saves the ZIP', async () => {
		hw.codeArts.answerJsonError(subJob(), 2);
		const run = await runWorkflow(download(), store('akSk'));
		expect(run.error).toBeUndefined();
		await expectLog(run.output(NODE)[0] as never, subJob());
		expect(hw.codeArts.counters.jsonErrorsServed).toBe(2);
	});

	it('fails clearly when the service stays busy, saving nothing', async () => {
		hw.codeArts.answerJsonError(subJob());
		const run = await runWorkflow(download({ transferOptions: { ...FAST, maxAttempts: 2 } }), store('akSk'));
		expect(run.error?.message).toMatch(/busy.*CC\.00050012/);
		expect(run.output(NODE)).toHaveLength(0);
		expect(hw.codeArts.counters.downloads).toBe(0);
	});

	it('recognises a JSON error behind a file content type', async () => {
		emulator.faults.add({
			vendor: 'codeartscheck',
			match: '/v1/log-file',
			status: 200,
			body: { error_code: 'CC.00050012', error_msg: 'The system is busy. Please try again later.' },
			headers: { 'Content-Type': 'application/octet-stream' },
		});
		const run = await runWorkflow(download(), store('akSk'));
		expect(run.error).toBeUndefined();
		await expectLog(run.output(NODE)[0] as never, subJob());
		expect(emulator.count('codeartscheck', 'DownloadLog')).toBe(2);
	});

	it('refuses a non-ZIP file', async () => {
		emulator.faults.add({ vendor: 'codeartscheck', match: '/v1/log-file', status: 200, body: 'plain words', headers: {} });
		const run = await runWorkflow(download(), store('akSk'));
		expect(run.error?.message).toMatch(/message instead of the file/);
	});

	it('reports a missing project (CC.00050013 with HTTP 200)', async () => {
		const run = await runWorkflow(loadWorkflow('huawei-codearts-get-tasks.json', { projectId: 'f'.repeat(32) }), store('akSk'));
		expect(run.error?.message).toMatch(/CodeArts project f{32} was not found: The project does not exist\. \[CC\.00050013\]/);
		expect(run.error?.description).toMatch(/not the IAM project ID/);
	});
});

describe('transfer and errors', () => {
	it('retries throttling (APIGW.0308) and a truncated download', async () => {
		emulator.faults.add(
			{ vendor: 'codeartscheck', match: '/v1/log-file', status: 429, body: { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached' } },
			{ vendor: 'codeartscheck', match: '/v1/log-file', truncateAfter: 3000 },
		);
		const run = await runWorkflow(download(), store('password'));
		expect(run.error).toBeUndefined();
		await expectLog(run.output(NODE)[0] as never, subJob());
		expect(emulator.count('codeartscheck', 'DownloadLog')).toBe(3);
	});

	it('names a missing sub-job and gives error items under Continue On Fail', async () => {
		const wf = setNodeOption(download({ subJobId: '0'.repeat(32) }), 'continueOnFail', true);
		const run = await runWorkflow(wf, store('akSk'));
		expect(run.error).toBeUndefined();
		const [item] = run.output(NODE);
		expect(item.json.error).toMatch(/the log of sub-job 0{32} was not found/);
		expect(item.json.description).toMatch(/sub_job_id from Get Jobs/);
		expect(item.binary).toBeUndefined();
	});

	it('names the IAM action when permission is denied', async () => {
		emulator.faults.add({ vendor: 'codeartscheck', match: '/v1/log-file', status: 403, body: { error_code: 'CC.00000403', error_msg: 'No permission.' } });
		const { error } = await runWorkflow(download(), store('akSk'));
		expect(error?.message).toMatch(/permission denied \(IAM action codeartscheck:task:get\)/);
	});

	it('reports an unknown task', async () => {
		const { error } = await runWorkflow(loadWorkflow('huawei-codearts-get-jobs.json', { taskId: 'a'.repeat(32) }), store('akSk'));
		expect(error?.message).toMatch(/task a{32} was not found/);
	});

	it.each([
		['too short', 'abc123'],
		['33 characters', 'a'.repeat(33)],
		['not alphanumeric', `${'a'.repeat(31)}-`],
		['empty', '={{ "" }}'],
	])('rejects a sub-job ID that is %s before any request', async (_label, subJobId) => {
		const s = store('password');
		const { error } = await runWorkflow(download({ subJobId }), s);
		expect(error?.message).toMatch(/Sub-Job ID: .* exactly 32 letters and digits/);
		expect(error?.description).toMatch(/No request was sent/);
		expect(emulator.requests).toHaveLength(0);
		expect(s.preAuthCalls).toBe(0);
	});

	it('rejects a task ID that would change the path', async () => {
		const { error } = await runWorkflow(loadWorkflow('huawei-codearts-get-last-jobs.json', { taskId: '../v1/log-file' }), store('akSk'));
		expect(error?.message).toMatch(/Task ID: .* is not a valid ID/);
		expect(emulator.requests).toHaveLength(0);
	});
});
