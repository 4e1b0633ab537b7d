/** The DSA trigger orders host-hours by the Beijing hour they cover. */
import { beijingHourStart } from '../../../nodes/TencentDsaTrigger/source';

describe('beijingHourStart', () => {
	it('is the instant a Beijing hour starts (UTC+8 all year: China has no daylight saving time)', () => {
		expect(new Date(beijingHourStart('2024-06-10 08:00:00')).toISOString()).toBe('2024-06-10T00:00:00.000Z');
		expect(new Date(beijingHourStart('2024-01-01 00:00:00')).toISOString()).toBe('2023-12-31T16:00:00.000Z');
	});

	it('is 0 for a datetime it cannot read', () => {
		expect(beijingHourStart('soon')).toBe(0);
	});
});
