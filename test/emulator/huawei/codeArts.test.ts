/** Huawei CodeArts Check through real HTTP: task and job lookups and the log files. */
import { fileSha256 } from '../files';
import { cc, hw, send, sha256, signed, startHuaweiEmulator, token } from './testBed';

describe('Huawei emulator', () => {
	startHuaweiEmulator();

	describe('CodeArts Check', () => {
		const ccProject = () => hw.codeArts.options.projects[0];
		const firstTask = () => ccProject().tasks[0];
		const subJobId = () => firstTask().jobs[0].sub_jobs[0].sub_job_id;
		const logUrl = (id: string) => `${cc}/v1/log-file?sub_job_id=${id}`;

		it('lists tasks with offset/limit and validates the limit', async () => {
			const url = `${cc}/v2/${ccProject().id}/tasks?offset=10&limit=5`;
			const body = (await send(url, signed(url))).json();
			expect(body.total).toBe(12);
			expect(body.tasks).toHaveLength(2);
			expect(body.tasks[0].jobs).toBeUndefined();
			const bad = `${cc}/v2/${ccProject().id}/tasks?limit=101`;
			const reply = await send(bad, signed(bad));
			expect(reply.status).toBe(400);
			expect(reply.json().error_code).toBe('CC.xxxxxxxx.400');
		});

		it('answers an unknown CodeArts project with HTTP 200 and a JSON error', async () => {
			const url = `${cc}/v2/${'0'.repeat(32)}/tasks`;
			const reply = await send(url, signed(url));
			expect(reply.status).toBe(200);
			expect(reply.json().error_code).toBe('CC.00050013');
		});

		it("lists a task's executions with their sub-jobs and the last jobs", async () => {
			const url = `${cc}/v4/tasks/${firstTask().task_id}/jobs?page=1&page_size=2`;
			const body = (await send(url, signed(url))).json();
			expect(body.total).toBe(3);
			expect(body.jobs).toHaveLength(2);
			expect(body.jobs[0].sub_jobs[0].sub_job_id).toMatch(/^[0-9a-f]{32}$/);
			const last = `${cc}/v4/tasks/${firstTask().task_id}/last-jobs`;
			const result = (await send(last, signed(last))).json().result;
			// Task 0's newest job failed, so the two ids differ.
			expect(result.last_job_id).toBe(body.jobs[0].job_id);
			expect(result.last_success_job_id).toBe(body.jobs[1].job_id);
		});

		it('serves a sub-job log as a ZIP whose sha256 matches its spec', async () => {
			const reply = await send(logUrl(subJobId()), signed(logUrl(subJobId())));
			expect(reply.status).toBe(200);
			expect(reply.headers['content-type']).toBe('application/octet-stream');
			expect(reply.body.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
			expect(sha256(reply.body)).toBe(await fileSha256(hw.codeArts.logSpec(subJobId())));
		});

		it('answers a malformed sub_job_id with 400', async () => {
			const reply = await send(logUrl('short'), signed(logUrl('short')));
			expect(reply.status).toBe(400);
			expect(reply.json()).toMatchObject({ error_code: 'CC.xxxxxxxx.400' });
		});

		it('can answer a known id with HTTP 200 and a JSON error body, then recover', async () => {
			hw.codeArts.answerJsonError(subJobId(), 1);
			const first = await send(logUrl(subJobId()), signed(logUrl(subJobId())));
			expect(first.status).toBe(200);
			expect(first.headers['content-type']).toMatch(/^application\/json/);
			expect(first.json().error_code).toBe('CC.00050012');
			const second = await send(logUrl(subJobId()), signed(logUrl(subJobId())));
			expect(second.body.subarray(0, 2).toString('latin1')).toBe('PK');
		});

		it('reports an expired token as CC.00000003', async () => {
			const subject = await token();
			hw.cloud.expireTokens();
			const reply = await send(logUrl(subJobId()), { headers: { 'X-Auth-Token': subject } });
			expect(reply.status).toBe(401);
			expect(reply.json()).toEqual({
				error_code: 'CC.00000003',
				error_msg: 'Authentication information expired.',
			});
		});
	});
});
