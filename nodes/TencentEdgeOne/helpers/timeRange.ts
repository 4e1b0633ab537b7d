/**
 * The time range of a log query: relative presets (so a workflow works any day) or a custom
 * start and end. Checked before any request against what EdgeOne may accept: end after start,
 * start not in the future and within the longest retention any plan has. The API does not say
 * which plan a site is on, so a shorter retention is left to EdgeOne to refuse, and its refusal
 * is explained.
 */
import { parseDateTime } from '../../shared/days';
import { InvalidParameterError, VendorApiError } from '../../shared/errors';
import { VENDOR } from '../transport';

/** Offline logs are kept this long by default... */
export const DEFAULT_RETENTION_DAYS = 31;
/** ...and this long on the Standard and Enterprise plans. */
export const MAX_RETENTION_DAYS = 183;
export const RETENTION_HINT = `EdgeOne keeps offline logs ${DEFAULT_RETENTION_DAYS} days by default and ${MAX_RETENTION_DAYS} days on the Standard and Enterprise plans.`;
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
	if (start < now - MAX_RETENTION_DAYS * DAY) {
		const earliest = new Date(now - MAX_RETENTION_DAYS * DAY + 60000).toISOString();
		throw new InvalidParameterError(
			'Start Time',
			`is older than the longest EdgeOne log retention (${MAX_RETENTION_DAYS} days, Standard and Enterprise plans; ${DEFAULT_RETENTION_DAYS} days by default); the earliest start is ${earliest}`,
		);
	}
	return { start, end };
}

/** Words of a refusal about the time range (English or Chinese answers). */
const ABOUT_TIME = /StartTime|EndTime|\btime\b|retention|retain|\bdays?\b|时间|天/i;

/**
 * EdgeOne's own refusal of a range that starts before the default retention, as an error that
 * says why; undefined for any other error. Only input-like refusals that speak of the time count.
 */
export function retentionRefusal(error: unknown, range: TimeRange, now = Date.now()): VendorApiError | undefined {
	if (!(error instanceof VendorApiError) || (error.kind !== 'input' && error.kind !== 'other')) return undefined;
	if (range.start >= now - DEFAULT_RETENTION_DAYS * DAY || !ABOUT_TIME.test(error.message)) return undefined;
	const days = Math.floor((now - range.start) / DAY);
	return new VendorApiError({
		vendor: VENDOR,
		code: error.vendorCode,
		kind: 'input',
		message: `the time range starts ${days} days ago, earlier than this site keeps its offline logs`,
		hint: `${RETENTION_HINT} Choose a later Start Time. EdgeOne answered: ${error.detail}`,
	});
}

/** RFC 3339 in Beijing time, the form Tencent's own examples use (`2022-05-04T03:27:00+08:00`). */
export function toTencentTime(ms: number): string {
	return `${new Date(ms + BEIJING).toISOString().slice(0, 19)}+08:00`;
}
