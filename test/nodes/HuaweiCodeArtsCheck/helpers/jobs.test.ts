/** CodeArts Check executions: records wherever the answer puts them, their sub-job IDs, and paging. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { jobRecords, jobTotal, lastJobs, listJobs, subJobIds } from '../../../../nodes/HuaweiCodeArtsCheck/helpers/jobs';
import { codeArtsApiRequest } from '../../../../nodes/HuaweiCodeArtsCheck/transport';
import { LOOKUP_TRANSFER } from '../../../../nodes/shared/transferOptions';

jest.mock('../../../../nodes/HuaweiCodeArtsCheck/transport', () => ({ codeArtsApiRequest: jest.fn(), codeArtsDownload: jest.fn() }));
const request = codeArtsApiRequest as jest.MockedFunction<typeof codeArtsApiRequest>;
const ctx = {} as IExecuteFunctions;

beforeEach(() => request.mockReset());

describe('jobRecords and jobTotal', () => {
	it.each([
		[{ jobs: [{ job_id: '1' }], total: 1 }],
		[{ result: { data: [{ job_id: '1' }], total: '1' } }],
		[{ records: [{ job_id: '1' }], total: 1 }],
		[{ result: { list: [{ job_id: '1' }] }, total: 1 }],
	])('reads %j', (answer) => {
		expect(jobRecords(answer as IDataObject)).toEqual([{ job_id: '1' }]);
		expect(jobTotal(answer as IDataObject)).toBe(1);
	});

	it('is empty without records and has no total without one', () => {
		expect(jobRecords({ jobs: 'none', result: [] } as unknown as IDataObject)).toEqual([]);
		expect(jobTotal({})).toBeUndefined();
	});
});

describe('subJobIds', () => {
	it('collects sub_jobs, sub_job_ids and sub_job_id once each, dropping what is no ID', () => {
		const record = { sub_jobs: [{ sub_job_id: 'a' }, { id: 'b' }, null], sub_job_ids: ['b', 'c', 3, ''], sub_job_id: 'd' };
		expect(subJobIds(record as unknown as IDataObject)).toEqual(['a', 'b', 'c', 'd']);
		expect(subJobIds({})).toEqual([]);
	});
});

describe('listJobs', () => {
	it('pages by page number with the filters until the total is reached', async () => {
		request.mockImplementation(async (_ctx, _method, _path, { qs }) => ({
			jobs: (qs as IDataObject).page === 1 ? Array.from({ length: 200 }, (_, k) => ({ job_id: `j${k}` })) : [{ job_id: 'last' }],
			total: 201,
		}));
		const jobs = await listJobs(ctx, 'task1', { statuses: 'success' }, Infinity, LOOKUP_TRANSFER);
		expect(jobs).toHaveLength(201);
		expect(request.mock.calls.map(([, method, path, details]) => [method, path, details.qs])).toEqual([
			['GET', '/v4/tasks/task1/jobs', { statuses: 'success', page: 1, page_size: 200 }],
			['GET', '/v4/tasks/task1/jobs', { statuses: 'success', page: 2, page_size: 200 }],
		]);
	});

	it('ends on an empty page', async () => {
		request.mockResolvedValue({ jobs: [] });
		expect(await listJobs(ctx, 't', {}, Infinity, LOOKUP_TRANSFER)).toEqual([]);
		expect(request).toHaveBeenCalledTimes(1);
	});
});

describe('lastJobs', () => {
	it('names both IDs, null when the answer lacks one', async () => {
		request.mockResolvedValue({ result: { last_job_id: 'j9' } });
		expect(await lastJobs(ctx, 'task/1', LOOKUP_TRANSFER)).toEqual({ task_id: 'task/1', last_job_id: 'j9', last_success_job_id: null });
		expect(request.mock.calls[0][2]).toBe('/v4/tasks/task%2F1/last-jobs');
	});
});
