/** Yeastar log names are days (YYYYMMDD); date fields are read into that form. */
import { dateOfName, dayOf } from '../../../../nodes/YeastarPSeries/helpers/logNames';

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
