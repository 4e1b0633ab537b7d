/** The Yeastar trigger delivers a day once it has ended in the workflow's time zone, DST included. */
import { dayEnd } from '../../../nodes/YeastarPSeriesTrigger/source';

const iso = (ms: number) => new Date(ms).toISOString();

describe('dayEnd', () => {
	it('is the next local midnight', () => {
		expect(iso(dayEnd('2024-06-10', 'UTC'))).toBe('2024-06-11T00:00:00.000Z');
		expect(iso(dayEnd('2024-06-10', 'Asia/Shanghai'))).toBe('2024-06-10T16:00:00.000Z');
		expect(iso(dayEnd('2024-01-10', 'Europe/Berlin'))).toBe('2024-01-10T23:00:00.000Z');
	});

	it('follows daylight saving time: the offset of the midnight that ends the day counts', () => {
		// Berlin springs forward on 2024-03-31 (23-hour day) and falls back on 2024-10-27 (25 hours).
		expect(iso(dayEnd('2024-03-30', 'Europe/Berlin'))).toBe('2024-03-30T23:00:00.000Z');
		expect(iso(dayEnd('2024-03-31', 'Europe/Berlin'))).toBe('2024-03-31T22:00:00.000Z');
		expect(iso(dayEnd('2024-10-27', 'Europe/Berlin'))).toBe('2024-10-27T23:00:00.000Z');
		expect(iso(dayEnd('2024-03-10', 'America/New_York'))).toBe('2024-03-11T04:00:00.000Z');
	});
});
