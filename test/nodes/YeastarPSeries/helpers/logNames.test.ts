/** Yeastar log names are days (YYYYMMDD); date fields are read into that form. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { dateOfName, dayOf, inRange, listAllLogNames, validateRange } from '../../../../nodes/YeastarPSeries/helpers/logNames';
import { yeastarApiRequest } from '../../../../nodes/YeastarPSeries/transport';
import { LOOKUP_TRANSFER } from '../../../../nodes/shared/transferOptions';

jest.mock('../../../../nodes/YeastarPSeries/transport', () => ({ yeastarApiRequest: jest.fn() }));
const request = yeastarApiRequest as jest.MockedFunction<typeof yeastarApiRequest>;

describe('dayOf', () => {
	it.each([
		['2024-06-10', '20240610'],
		['20240610', '20240610'],
		['2024-06-10T00:00:00', '20240610'],
		// An instant is read on the workflow's time zone, standing in for the PBX's.
		['2024-06-10T22:30:00Z', '20240611'],
	])('%j → %j', (input, expected) => {
		expect(dayOf('Start Date', input, 'Europe/Berlin')).toBe(expected);
	});

	it.each(['2024-02-31', '2024-06-10junk', '2024-06-10 and more', '20241301', ''])('refuses %j, naming the field and the form', (input) => {
		expect(() => dayOf('Start Date', input, 'UTC')).toThrow(/^Start Date: .*YYYY-MM-DD or YYYYMMDD/);
	});
});

describe('dateOfName', () => {
	it('is the date of a name that is a real day, null otherwise', () => {
		expect(dateOfName('20240610')).toBe('2024-06-10');
		expect(dateOfName('20240231')).toBeNull();
		expect(dateOfName('PBX-20240610')).toBeNull();
	});
});

describe('inRange and validateRange', () => {
	it('keeps names inside the inclusive range, and every name without one', () => {
		expect(inRange('20240610', '20240610', '20240611')).toBe(true);
		expect(inRange('20240612', '20240610', '20240611')).toBe(false);
		expect(inRange('notadate', '20240610')).toBe(false);
		expect(inRange('notadate')).toBe(true);
	});

	it('refuses an end before the start', () => {
		expect(() => validateRange('20240611', '20240610')).toThrow('End Date: the end date is before the start date');
		expect(() => validateRange('20240610', undefined)).not.toThrow();
	});
});

describe('listAllLogNames', () => {
	it('pages through the list, keeps each name once and sorts newest first whatever the PBX order', async () => {
		request.mockImplementation(async (_ctx, _endpoint, qs) =>
			(qs as { page: number }).page === 1
				? { data: [{ file_name: '20240608' }, { file_name: '20240610' }], total_number: 3 }
				: { data: [{ file_name: '20240610' }, { file_name: '20240609' }, { file_name: '' }], total_number: 3 },
		);
		expect(await listAllLogNames({} as IExecuteFunctions, LOOKUP_TRANSFER)).toEqual(['20240610', '20240609', '20240608']);
		expect(request.mock.calls[0][2]).toEqual({ page: 1, page_size: 100, sort_by: 'file_name', order_by: 'desc' });
	});
});
