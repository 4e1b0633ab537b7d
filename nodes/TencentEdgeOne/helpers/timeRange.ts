/**
 * The time range of a log query: relative presets (so a workflow works any day) or a custom
 * start and end. Checked before any request against what EdgeOne accepts: end after start,
 * start not in the future and within the 30-day retention.
 */
import { parseDateTime } from '../../shared/days';
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
