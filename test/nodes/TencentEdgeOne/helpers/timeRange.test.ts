/** EdgeOne's time-range pre-check and the explanation of its own retention refusals. */
import { VendorApiError } from '../../../../nodes/shared/errors';
import { resolveTimeRange, retentionRefusal } from '../../../../nodes/TencentEdgeOne/helpers/timeRange';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2024-11-15T12:34:56.789Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('resolveTimeRange', () => {
	const custom = (start: unknown, end: unknown, timeZone = 'UTC') => resolveTimeRange('custom', { start, end, timeZone }, NOW);

	it('gives the presets in whole seconds, yesterday as the UTC day', () => {
		const nowSec = Date.parse('2024-11-15T12:34:56Z');
		expect(resolveTimeRange('lastHour', { start: undefined, end: undefined, timeZone: 'UTC' }, NOW)).toEqual({ start: nowSec - HOUR, end: nowSec });
		expect(resolveTimeRange('yesterday', { start: undefined, end: undefined, timeZone: 'Asia/Tokyo' }, NOW)).toEqual({
			start: Date.parse('2024-11-14T00:00:00Z'),
			end: Date.parse('2024-11-15T00:00:00Z'),
		});
	});

	it('reads offset-less times in the workflow zone, across the daylight-saving change', () => {
		// Sydney went from +10:00 to +11:00 at 02:00 on 2024-10-06. Read with the offset of the
		// instant the wall time names (not of the wall time taken as UTC, already +11:00), 01:30 is
		// still +10:00; 02:30 does not exist and lands an hour on.
		expect(custom('2024-10-06T01:30:00', '2024-10-06T03:30:00', 'Australia/Sydney')).toEqual({
			start: Date.parse('2024-10-05T15:30:00Z'),
			end: Date.parse('2024-10-05T16:30:00Z'),
		});
		expect(custom('2024-10-06T02:30:00', '2024-10-06T04:00:00', 'Australia/Sydney').start).toBe(Date.parse('2024-10-05T16:30:00Z'));
		// Berlin left summer time (+02:00) at 03:00 on 2024-10-27.
		expect(custom('2024-10-26T12:00:00', '2024-10-27T12:00:00', 'Europe/Berlin')).toEqual({
			start: Date.parse('2024-10-26T10:00:00Z'),
			end: Date.parse('2024-10-27T11:00:00Z'),
		});
	});

	it('keeps every start within the longest retention, 183 days, and sends it', () => {
		const start = NOW - 183 * DAY + 60000;
		expect(custom(iso(start), iso(NOW)).start).toBe(Math.floor(start / 1000) * 1000);
		// Older than the 31 days of the default plan: left for EdgeOne to judge.
		expect(custom(iso(NOW - 40 * DAY), iso(NOW - 39 * DAY)).start).toBe(Math.floor((NOW - 40 * DAY) / 1000) * 1000);
	});

	it('refuses a start older than 183 days, naming both retentions and the earliest start', () => {
		expect(() => custom(iso(NOW - 183 * DAY - 1000), iso(NOW))).toThrow(
			`Start Time: is older than the longest EdgeOne log retention (183 days, Standard and Enterprise plans; 31 days by default); the earliest start is ${iso(NOW - 183 * DAY + 60000)}`,
		);
	});

	it.each([
		[iso(NOW - HOUR), iso(NOW - 2 * HOUR), /End Time: must be after the start time/],
		[iso(NOW + DAY), iso(NOW + 2 * DAY), /Start Time: is in the future/],
		['2024-02-31T00:00:00Z', iso(NOW), /Start Time: "2024-02-31T00:00:00Z" is not a date and time/],
		['2024-11-10T00:00:00Zjunk', iso(NOW), /Start Time: .* is not a date and time/],
	])('refuses %j → %j', (start, end, message) => {
		expect(() => custom(start, end)).toThrow(message);
	});
});

describe('retentionRefusal', () => {
	const refusal = (message: string, kind: 'input' | 'auth' = 'input') =>
		new VendorApiError({ vendor: 'Tencent EdgeOne', code: 'InvalidParameterValue', kind, message });
	const range = (daysAgo: number) => ({ start: NOW - daysAgo * DAY, end: NOW - daysAgo * DAY + HOUR });

	it('explains a time refusal of a range older than the default 31 days', () => {
		const mapped = retentionRefusal(refusal('the parameter StartTime was refused: `StartTime` is outside the log retention.'), range(45), NOW);
		expect(mapped?.message).toBe('Tencent EdgeOne: the time range starts 45 days ago, earlier than this site keeps its offline logs [InvalidParameterValue]');
		expect(mapped?.kind).toBe('input');
		expect(mapped?.hint).toMatch(/^EdgeOne keeps offline logs 31 days by default and 183 days on the Standard and Enterprise plans\. Choose a later Start Time\. EdgeOne answered: the parameter StartTime/);
	});

	it('reads a Chinese answer about the time too', () => {
		expect(retentionRefusal(refusal('查询时间超出日志保存时长'), range(60), NOW)).toBeInstanceOf(VendorApiError);
	});

	it('leaves other errors as they are', () => {
		expect(retentionRefusal(refusal('`StartTime` is outside the log retention.'), range(20), NOW)).toBeUndefined();
		expect(retentionRefusal(refusal('the parameter ZoneIds was refused'), range(45), NOW)).toBeUndefined();
		expect(retentionRefusal(refusal('signature time expired', 'auth'), range(45), NOW)).toBeUndefined();
		expect(retentionRefusal(new Error('StartTime'), range(45), NOW)).toBeUndefined();
	});
});
