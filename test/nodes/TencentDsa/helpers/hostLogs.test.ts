/** The DSA pre-check: Beijing days, the 40 kept days counted with today included. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { readHostQuery } from '../../../../nodes/TencentDsa/helpers/hostLogs';

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
