/**
 * The Huawei CodeArts Check Trigger through n8n-core's PollContext, against the emulator where
 * executions start and finish while the test's clock moves: each execution is delivered once,
 * only once it has finished, with the log ZIP of every sub-job.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { binarySha256, runPollOnce } from '../../engine';
import { emulatorSuite } from '../../engine/emulatorSuite';
import { fileSha256 } from '../../emulator/files';
import { type CodeArtsJob, HUAWEI_DEFAULTS, huaweiEmulators } from '../../emulator/huawei';
import { huaweiCredentialStore } from '../huaweiTestBed';

const HOUR = 3600000;
const START = Date.UTC(2024, 5, 10, 0, 0); // well after the emulator's own June 1–3 executions
const CANARIES = { accessKey: HUAWEI_DEFAULTS.keys[0].accessKey, secretKey: HUAWEI_DEFAULTS.keys[0].secretKey, userName: 'u', password: 'p' };
const hw = huaweiEmulators();
const emulator = emulatorSuite(hw.modules, START);

const project = () => hw.codeArts.options.projects[0];
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
let serial = 0;
function startJob(taskIndex: number, status: CodeArtsJob['status']): CodeArtsJob {
	serial++;
	const hex = (s: string) => Buffer.from(`${s}-${serial}`).toString('hex').padEnd(32, '0').slice(0, 32);
	const job: CodeArtsJob = {
		job_id: hex('job'),
		status,
		start_time: iso(Date.now() - 10 * 60000),
		end_time: status === 'running' ? '' : iso(Date.now()),
		trigger_type: 'manual',
		sub_jobs: [0, 1].map((s) => ({ sub_job_id: hex(`sub${s}`), status: 'success', engine: 'secbrella' })),
	};
	project().tasks[taskIndex].jobs.push(job);
	return job;
}

const node = (parameters: IDataObject = {}): INode =>
	({
		id: 'codearts-trigger',
		name: 'Huawei CodeArts Check Trigger',
		type: 'n8n-nodes-logpull.huaweiCodeArtsCheckTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: { projectId: project().id, taskIds: '', download: true, binaryPropertyName: 'data', pollOptions: {}, ...parameters },
		credentials: { huaweiCloudApi: { id: 'hw-1', name: 'Huawei' } },
	}) as INode;

describe('Huawei CodeArts Check Trigger', () => {
	it('delivers each execution once it has finished, with every sub-job log', async () => {
		const state: IDataObject = {};
		const s = huaweiCredentialStore(emulator(), CANARIES, 'akSk', HUAWEI_DEFAULTS.projects[0].name);
		expect((await runPollOnce(node(), s, state)).items).toBeNull();
		jest.setSystemTime(START + HOUR);
		const done = startJob(0, 'success');
		const running = startJob(1, 'running');
		const first = await runPollOnce(node(), s, state);
		expect(first.error).toBeUndefined();
		expect(first.items!.map((i) => i.json.job_id)).toEqual([done.job_id]);
		const [item] = first.items!;
		expect(item.json.sub_job_ids).toEqual(done.sub_jobs.map((j) => j.sub_job_id));
		for (const [k, sub] of done.sub_jobs.entries()) {
			const binary = item.binary![k === 0 ? 'data' : `data_${k}`];
			expect(await binarySha256(binary as never)).toBe(await fileSha256(hw.codeArts.logSpec(sub.sub_job_id)));
		}
		jest.setSystemTime(START + 2 * HOUR);
		Object.assign(running, { status: 'failed', end_time: iso(Date.now()) });
		const second = await runPollOnce(node(), s, state);
		expect(second.items!.map((i) => i.json.job_id)).toEqual([running.job_id]);
		jest.setSystemTime(START + 3 * HOUR);
		expect((await runPollOnce(node(), s, state)).items).toBeNull();
	});

	it('limits to the given tasks and can pass metadata only', async () => {
		const state: IDataObject = {};
		const s = huaweiCredentialStore(emulator(), CANARIES, 'akSk', HUAWEI_DEFAULTS.projects[0].name);
		const taskIds = project().tasks[2].task_id;
		await runPollOnce(node({ taskIds, download: false }), s, state);
		jest.setSystemTime(START + HOUR);
		startJob(3, 'success');
		const mine = startJob(2, 'aborted');
		const { items } = await runPollOnce(node({ taskIds, download: false }), s, state);
		expect(items!.map((i) => [i.json.task_id, i.json.job_id, i.binary])).toEqual([[taskIds, mine.job_id, undefined]]);
	});
});
