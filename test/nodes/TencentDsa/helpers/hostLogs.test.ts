/** DSA host logs: the pre-check (Beijing days, the 40 kept days counted with today included), the listing, the file names. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { listHostLogs, logFileName, readHostQuery } from '../../../../nodes/TencentDsa/helpers/hostLogs';
import { dsaApiRequest } from '../../../../nodes/TencentDsa/transport';
import { LOOKUP_TRANSFER } from '../../../../nodes/shared/transferOptions';

jest.mock('../../../../nodes/TencentDsa/transport', () => ({ ...jest.requireActual('../../../../nodes/TencentDsa/transport'), dsaApiRequest: jest.fn() }));
const request = dsaApiRequest as jest.MockedFunction<typeof dsaApiRequest>;

/** 2024-06-10 10:00 in Beijing. */
const NOW = Date.parse('2024-06-10T02:00:00Z');

function fields(startDate: unknown, endDate: unknown = ''): IExecuteFunctions {
	const values: Record<string, unknown> = { hosts: 'a.dsa.example.com', startDate, endDate };
	return { getNodeParameter: (name: string) => values[name] } as unknown as IExecuteFunctions;
}

const read = (start: unknown, end: unknown = '') => readHostQuery(fields(start, end), 0, NOW);

describe('readHostQuery', () => {
	it('takes the 40 days from 39 days ago through today', () => {
		expect(read('2024-05-02', '2024-06-10')).toEqual({ hosts: ['a.dsa.example.com'], startDate: '2024-05-02', endDate: '2024-06-10' });
	});

	it('refuses today-40 through today: 41 days, both ends counted', () => {
		expect(() => read('2024-05-01', '2024-06-10')).toThrow(
			'Start Date: logs are kept for 40 days, today (Beijing time) included; the earliest start date is 2024-05-02',
		);
	});

	it('refuses a 41-day span even when the start is kept', () => {
		expect(() => read('2024-05-02', '2024-06-11')).toThrow(
			'End Date: the range may span at most 40 days, both ends included; 2024-05-02 to 2024-06-11 is 41',
		);
	});

	it('counts today in Beijing, not in UTC', () => {
		// 2024-06-09 20:00 UTC is already 2024-06-10 04:00 in Beijing.
		const late = Date.parse('2024-06-09T20:00:00Z');
		expect(readHostQuery(fields('2024-05-02'), 0, late).startDate).toBe('2024-05-02');
		expect(() => readHostQuery(fields('2024-05-01'), 0, late)).toThrow(/earliest start date is 2024-05-02/);
	});

	it('reads an instant on the Beijing calendar and an offset-less time as its own date', () => {
		expect(read('2024-06-09T17:00:00Z').startDate).toBe('2024-06-10');
		expect(read('2024-06-09T17:00:00').startDate).toBe('2024-06-09');
	});

	it('leaves both dates empty for today and makes one date a single day', () => {
		expect(read('', '')).toMatchObject({ startDate: '', endDate: '' });
		expect(read('', '2024-06-08')).toMatchObject({ startDate: '2024-06-08', endDate: '2024-06-08' });
	});

	it.each([
		['2024-02-31', /Start Date: "2024-02-31" is not a real calendar day \(expected YYYY-MM-DD\)/],
		['2024-06-01x', /Start Date: "2024-06-01x" is not a date \(expected YYYY-MM-DD\)/],
		['2024-06-11', /Start Date: is in the future \(Beijing time\)/],
	])('refuses %j', (start, message) => {
		expect(() => read(start)).toThrow(message);
	});
});

describe('listHostLogs', () => {
	beforeEach(() => request.mockReset());

	it('asks 10 hosts per call and lists each host oldest hour first, with the link expiry', async () => {
		const hosts = Array.from({ length: 12 }, (_, k) => `h${k}.example.com`);
		request.mockImplementation(async (_ctx, params) => {
			const asked = JSON.parse(String(params.hosts)) as string[];
			return Object.fromEntries(asked.map((host) => [host, [
				{ datetime: '2024-06-10 02:00:00', url: `https://cdn.example.com/${host}-02.gz?e=1718000000&sign=x` },
				{ datetime: '2024-06-10 01:00:00', url: `https://cdn.example.com/${host}-01.gz` },
				{ datetime: 3, url: null },
			]]));
		});
		const logs = await listHostLogs({} as IExecuteFunctions, { hosts, startDate: '2024-06-10', endDate: '2024-06-10' }, LOOKUP_TRANSFER);
		expect(request.mock.calls.map(([, params]) => JSON.parse(String(params.hosts)).length)).toEqual([10, 2]);
		expect(request.mock.calls[0][1]).toMatchObject({ Action: 'GetDsaHostLogs', startDate: '2024-06-10', endDate: '2024-06-10' });
		expect(logs).toHaveLength(24);
		expect(logs.slice(0, 2)).toEqual([
			{ host: 'h0.example.com', datetime: '2024-06-10 01:00:00', url: 'https://cdn.example.com/h0.example.com-01.gz', expiresAt: null },
			{ host: 'h0.example.com', datetime: '2024-06-10 02:00:00', url: expect.stringContaining('-02.gz'), expiresAt: '2024-06-10T06:13:20.000Z' },
		]);
	});

	it('sends no dates for today, and lists nothing for a host DSA does not answer for', async () => {
		request.mockResolvedValue({});
		expect(await listHostLogs({} as IExecuteFunctions, { hosts: ['a.example.com'], startDate: '', endDate: '' }, LOOKUP_TRANSFER)).toEqual([]);
		expect(request.mock.calls[0][1]).toEqual({ Action: 'GetDsaHostLogs', hosts: '["a.example.com"]' });
	});
});

describe('logFileName', () => {
	it('is YYYYMMDDHH-host.gz from the hour the file covers', () => {
		expect(logFileName({ host: 'a.example.com', datetime: '2024-06-10 05:00:00', url: '', expiresAt: null })).toBe('2024061005-a.example.com.gz');
	});
});
