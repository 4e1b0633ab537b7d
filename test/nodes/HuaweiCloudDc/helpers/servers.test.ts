/** CloudDC ListServers: marker paging with the state filter. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listServers } from '../../../../nodes/HuaweiCloudDc/helpers/servers';
import { cloudDcApiRequest } from '../../../../nodes/HuaweiCloudDc/transport';
import { LOOKUP_TRANSFER } from '../../../../nodes/shared/transferOptions';

jest.mock('../../../../nodes/HuaweiCloudDc/transport', () => ({ cloudDcApiRequest: jest.fn(), PROJECT_ID_PLACEHOLDER: '{project_id}' }));
const request = cloudDcApiRequest as jest.MockedFunction<typeof cloudDcApiRequest>;

beforeEach(() => request.mockReset());

describe('listServers', () => {
	it('follows next_marker until it is missing, sending the filter each time', async () => {
		const pages: Record<string, IDataObject> = {
			'': { servers: [{ id: 's1' }, { id: 's2' }], page_info: { next_marker: 's2' } },
			s2: { servers: [{ id: 's3' }], page_info: {} },
		};
		request.mockImplementation(async (_c, _m, _p, { qs }) => pages[String((qs as IDataObject).marker ?? '')]);
		const servers = await listServers({} as IExecuteFunctions, { manageState: 'in-use', max: Infinity }, LOOKUP_TRANSFER);
		expect(servers.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
		expect(request.mock.calls.map(([, method, path, { qs }]) => [method, path, qs])).toEqual([
			['GET', '/v1/{project_id}/physicalservers', { limit: 1000, manage_state: 'in-use' }],
			['GET', '/v1/{project_id}/physicalservers', { limit: 1000, manage_state: 'in-use', marker: 's2' }],
		]);
	});

	it('stops when the marker repeats', async () => {
		request.mockResolvedValue({ servers: [{ id: 's1' }], page_info: { next_marker: 'same' } });
		expect(await listServers({} as IExecuteFunctions, { max: Infinity }, LOOKUP_TRANSFER)).toHaveLength(2);
		expect(request).toHaveBeenCalledTimes(2);
	});
});
