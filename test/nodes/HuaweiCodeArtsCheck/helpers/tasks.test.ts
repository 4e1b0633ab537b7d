/** The check tasks of a project: offset paging to the stated total, or a short page. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listTasks } from '../../../../nodes/HuaweiCodeArtsCheck/helpers/tasks';
import { codeArtsApiRequest } from '../../../../nodes/HuaweiCodeArtsCheck/transport';
import { LOOKUP_TRANSFER } from '../../../../nodes/shared/transferOptions';

jest.mock('../../../../nodes/HuaweiCodeArtsCheck/transport', () => ({ codeArtsApiRequest: jest.fn() }));
const request = codeArtsApiRequest as jest.MockedFunction<typeof codeArtsApiRequest>;
const tasks = (from: number, n: number) => Array.from({ length: n }, (_, k) => ({ task_id: `t${from + k}` }));

beforeEach(() => request.mockReset());

describe('listTasks', () => {
	it('pages by offset, 100 at a time, until the total', async () => {
		request.mockImplementation(async (_c, _m, _p, { qs }) => {
			const offset = Number((qs as IDataObject).offset);
			return { tasks: tasks(offset, Math.min(100, 150 - offset)), total: 150 };
		});
		const listed = await listTasks({} as IExecuteFunctions, 'p1', Infinity, LOOKUP_TRANSFER);
		expect(listed).toHaveLength(150);
		expect(request.mock.calls.map(([, , path, { qs }]) => [path, qs])).toEqual([
			['/v2/p1/tasks', { offset: 0, limit: 100 }],
			['/v2/p1/tasks', { offset: 100, limit: 100 }],
		]);
	});

	it('stops at the limit and ends on a short page without a total', async () => {
		request.mockResolvedValue({ tasks: tasks(0, 30) });
		expect(await listTasks({} as IExecuteFunctions, 'p1', 10, LOOKUP_TRANSFER)).toHaveLength(10);
		expect(request).toHaveBeenCalledTimes(1);
	});
});
