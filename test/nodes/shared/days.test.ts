/** The one strict day and date-time reader every vendor's date fields go through. */
import { DateTime } from 'luxon';
import { calendarDay, dayAtIndex, dayIndex, dayInZone, parseDateTime, parseDay } from '../../../nodes/shared/days';

const BEIJING = { timeZone: 'Asia/Shanghai' };

describe('parseDay', () => {
	it.each([
		['2024-06-10', '2024-06-10'],
		['  2024-06-10 ', '2024-06-10'],
		['2024-02-29', '2024-02-29'],
		['2000-02-29', '2000-02-29'],
		// n8n's date picker: a wall-clock midnight, no offset — its own date.
		['2024-06-10T00:00:00', '2024-06-10'],
		['2024-06-10T23:59:59.999', '2024-06-10'],
		['2024-06-10 08:30', '2024-06-10'],
		// An instant: the day it falls on in Beijing.
		['2024-06-10T15:59:59Z', '2024-06-10'],
		['2024-06-10T16:00:00Z', '2024-06-11'],
		['2024-06-10T20:00:00.000+02:00', '2024-06-11'],
		['2024-06-10T01:00:00-0500', '2024-06-10'],
	])('%j → %j (Beijing)', (input, expected) => {
		expect(parseDay('Start Date', input, BEIJING)).toBe(expected);
	});

	it('reads a Luxon DateTime or a Date as the instant it is', () => {
		const late = DateTime.fromISO('2024-06-10T23:00:00', { zone: 'Europe/Berlin' });
		expect(parseDay('Start Date', late, BEIJING)).toBe('2024-06-11');
		expect(parseDay('Start Date', late, { timeZone: 'Europe/Berlin' })).toBe('2024-06-10');
		expect(parseDay('Start Date', new Date('2024-06-10T12:00:00Z'), BEIJING)).toBe('2024-06-10');
	});

	it.each([
		['2024-02-31', /Start Date: "2024-02-31" is not a real calendar day \(expected YYYY-MM-DD\)/],
		['2023-02-29', /is not a real calendar day/],
		['2024-13-01', /is not a real calendar day/],
		['2024-06-00', /is not a real calendar day/],
		['2024-06-10T24:00:00', /"2024-06-10T24:00:00" is not a real calendar day and time/],
		['2024-06-10T10:60:00', /is not a real calendar day and time/],
		['2024-06-10junk', /"2024-06-10junk" is not a date \(expected YYYY-MM-DD\)/],
		['2024-06-10T00:00:00Zjunk', /is not a date/],
		['2024-06-10 extra', /is not a date/],
		['2024/06/10', /"2024\/06\/10" is not a date/],
		['10.06.2024', /is not a date/],
		['20240610', /"20240610" is not a date \(expected YYYY-MM-DD\)/],
		['2024-6-1', /is not a date/],
	])('refuses %j', (input, message) => {
		expect(() => parseDay('Start Date', input, BEIJING)).toThrow(message);
	});

	it('takes the compact YYYYMMDD form only where asked, strictly', () => {
		const compact = { ...BEIJING, compact: true };
		expect(parseDay('End Date', '20240610', compact)).toBe('2024-06-10');
		expect(parseDay('End Date', 20240610, compact)).toBe('2024-06-10');
		expect(() => parseDay('End Date', '20240231', compact)).toThrow(/End Date: "20240231" is not a real calendar day \(expected YYYY-MM-DD or YYYYMMDD\)/);
		expect(() => parseDay('End Date', '202406101', compact)).toThrow(/is not a date \(expected YYYY-MM-DD or YYYYMMDD\)/);
	});

	it('gives an empty value as empty only when the field is optional', () => {
		expect(parseDay('Start Date', '', { ...BEIJING, optional: true })).toBe('');
		expect(parseDay('Start Date', undefined, { ...BEIJING, optional: true })).toBe('');
		expect(() => parseDay('Start Date', '  ', BEIJING)).toThrow(/Start Date: is empty; give a date \(YYYY-MM-DD\)/);
	});
});

describe('calendarDay', () => {
	it('accepts exactly one real day in the form asked for', () => {
		expect(calendarDay('2024-06-10')).toBe('2024-06-10');
		expect(calendarDay('20240610', 'YYYYMMDD')).toBe('2024-06-10');
		expect(calendarDay('20240231', 'YYYYMMDD')).toBeNull();
		expect(calendarDay('2024-06-10', 'YYYYMMDD')).toBeNull();
		expect(calendarDay('20240610')).toBeNull();
		expect(calendarDay('2024-06-10T00:00:00')).toBeNull();
	});
});

describe('dayInZone', () => {
	it('is the calendar day of an instant in a zone', () => {
		const instant = Date.parse('2024-06-10T16:30:00Z');
		expect(dayInZone(instant, 'Asia/Shanghai')).toBe('2024-06-11');
		expect(dayInZone(instant, 'UTC')).toBe('2024-06-10');
		expect(dayInZone(instant, 'America/New_York')).toBe('2024-06-10');
	});
});

describe('dayIndex', () => {
	it('counts days across months and leap days, and dayAtIndex goes back', () => {
		expect(dayIndex('2024-03-01') - dayIndex('2024-02-28')).toBe(2);
		expect(dayIndex('2023-03-01') - dayIndex('2023-02-28')).toBe(1);
		expect(dayAtIndex(dayIndex('2024-02-28') + 1)).toBe('2024-02-29');
		expect(dayAtIndex(0)).toBe('1970-01-01');
	});
});

describe('parseDateTime', () => {
	it('reads an offset-less time in the given zone and an offset as written', () => {
		expect(parseDateTime('Start Time', '2024-06-10T08:00:00', 'Asia/Shanghai')).toBe(Date.parse('2024-06-10T00:00:00Z'));
		expect(parseDateTime('Start Time', '2024-06-10T08:00:00+02:00', 'Asia/Shanghai')).toBe(Date.parse('2024-06-10T06:00:00Z'));
		expect(parseDateTime('Start Time', '2024-06-10', 'UTC')).toBe(Date.parse('2024-06-10T00:00:00Z'));
	});

	it('settles the offset across daylight-saving changes', () => {
		// Berlin: +01:00 until 2024-03-31 02:00, then +02:00; back to +01:00 on 2024-10-27 03:00.
		expect(parseDateTime('Start Time', '2024-03-31T01:30:00', 'Europe/Berlin')).toBe(Date.parse('2024-03-31T00:30:00Z'));
		expect(parseDateTime('Start Time', '2024-03-31T03:30:00', 'Europe/Berlin')).toBe(Date.parse('2024-03-31T01:30:00Z'));
		expect(parseDateTime('Start Time', '2024-10-27T04:00:00', 'Europe/Berlin')).toBe(Date.parse('2024-10-27T03:00:00Z'));
		expect(parseDateTime('Start Time', '2024-07-01T12:00:00', 'Europe/Berlin')).toBe(Date.parse('2024-07-01T10:00:00Z'));
	});

	it('refuses impossible days even with an offset, and trailing text', () => {
		expect(() => parseDateTime('Start Time', '2024-02-31T00:00:00Z', 'UTC')).toThrow(/Start Time: "2024-02-31T00:00:00Z" is not a date and time/);
		expect(() => parseDateTime('Start Time', '2024-06-10T00:00:00Z trailing', 'UTC')).toThrow(/is not a date and time/);
		expect(() => parseDateTime('Start Time', '2024-06-10T00:00:00+25:00', 'UTC')).toThrow(/is not a date and time/);
		expect(() => parseDateTime('Start Time', '', 'UTC')).toThrow(/Start Time: give a date and time/);
	});

	it('takes a Luxon DateTime as its instant', () => {
		const value = DateTime.fromISO('2024-06-10T08:00:00', { zone: 'Asia/Tokyo' });
		expect(parseDateTime('Start Time', value, 'UTC')).toBe(Date.parse('2024-06-09T23:00:00Z'));
	});
});
