/**
 * The time range of a log query: relative presets (so a workflow works any day) or a custom
 * start and end. Checked before any request against what EdgeOne accepts: end after start,
 * start not in the future and within the 30-day retention.
 */
import { InvalidParameterError } from '../../shared/errors';

export const RETENTION_DAYS = 30;
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const BEIJING = 8 * HOUR;

export type TimeRangePreset = 'lastHour' | 'last24Hours' | 'yesterday' | 'last7Days' | 'custom';

export interface TimeRange {
	/** Epoch milliseconds, whole seconds. */
	start: number;
	end: number;
}

/** Offset of a time zone from UTC at an instant, in ms; UTC when the zone is unknown. */
function zoneOffsetMs(timeZone: string, instant: number): number {
	let parts: Intl.DateTimeFormatPart[];
	try {
		parts = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		}).formatToParts(new Date(instant));
	} catch {
		return 0;
	}
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * A date-time field as epoch ms. n8n's date picker gives wall-clock times without an offset,
 * meant in the workflow's time zone; a value with `Z` or an offset is taken as it says.
 */
export function parseDateTime(field: string, value: unknown, timeZone: string): number {
	const candidate = value as { toMillis?: () => number } | undefined;
	if (candidate && typeof candidate.toMillis === 'function') return candidate.toMillis();
	const text = String(value ?? '').trim();
	if (!text) throw new InvalidParameterError(field, 'give a date and time');
	if (/(Z|[+-]\d{2}:?\d{2})$/i.test(text) && /^\d{4}-\d{2}-\d{2}T/.test(text)) {
		const ms = Date.parse(text);
		if (!Number.isNaN(ms)) return ms;
	}
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(text);
	const wall = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) : NaN;
	if (!m || Number.isNaN(wall) || new Date(wall).getUTCDate() !== +m[3]) {
		throw new InvalidParameterError(field, `"${text}" is not a date and time (expected e.g. 2024-06-10T08:00:00)`);
	}
	// Two passes settle the offset across a daylight-saving change.
	const guess = wall - zoneOffsetMs(timeZone, wall);
	return wall - zoneOffsetMs(timeZone, guess);
}

export function resolveTimeRange(
	preset: TimeRangePreset,
	custom: { start: unknown; end: unknown; timeZone: string },
	now = Date.now(),
): TimeRange {
	const nowSec = Math.floor(now / 1000) * 1000;
	switch (preset) {
		case 'lastHour':
			return { start: nowSec - HOUR, end: nowSec };
		case 'last24Hours':
			return { start: nowSec - DAY, end: nowSec };
		case 'last7Days':
			return { start: nowSec - 7 * DAY, end: nowSec };
		case 'yesterday': {
			// Packets are cut by UTC hour, so "yesterday" is the UTC day.
			const today = Math.floor(now / DAY) * DAY;
			return { start: today - DAY, end: today };
		}
		case 'custom':
			break;
		default:
			throw new InvalidParameterError('Time Range', `"${String(preset)}" is not a time range option`);
	}
	const start = Math.floor(parseDateTime('Start Time', custom.start, custom.timeZone) / 1000) * 1000;
	const end = Math.floor(parseDateTime('End Time', custom.end, custom.timeZone) / 1000) * 1000;
	if (end <= start) throw new InvalidParameterError('End Time', 'must be after the start time');
	if (start > now) throw new InvalidParameterError('Start Time', 'is in the future');
	if (start < now - RETENTION_DAYS * DAY) {
		throw new InvalidParameterError(
			'Start Time',
			`is older than the ${RETENTION_DAYS}-day log retention; the earliest start is ${new Date(now - RETENTION_DAYS * DAY + 60000).toISOString()}`,
		);
	}
	return { start, end };
}

/** RFC 3339 in Beijing time, the form Tencent's own examples use (`2022-05-04T03:27:00+08:00`). */
export function toTencentTime(ms: number): string {
	return `${new Date(ms + BEIJING).toISOString().slice(0, 19)}+08:00`;
}
