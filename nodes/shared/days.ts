/**
 * Days and times as users type them or n8n's date pickers hand them, read strictly for every
 * vendor: a real calendar day (no 2024-02-31 rolling into March), nothing after the value, and
 * an error naming the field and the accepted form. `Date.parse` is never used on user text: it
 * rolls impossible days over and reads offset-less times in the n8n host's zone.
 */
import { InvalidParameterError } from './errors';

const DAY = 24 * 3600 * 1000;

/** `YYYY-MM-DD`, then optionally a time and an offset, as ISO 8601 writes them. */
const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	ms: number;
	/** Minutes east of UTC; undefined when the text names no offset. */
	offsetMinutes?: number;
}

export interface DayOptions {
	/** The calendar an instant (a value with `Z` or an offset, a date object) is read on. */
	timeZone: string;
	/** Also accept the compact `YYYYMMDD` form. */
	compact?: boolean;
	/** An empty value gives '' instead of an error. */
	optional?: boolean;
}

function isCalendarDay(year: number, month: number, day: number): boolean {
	if (month < 1 || month > 12 || day < 1) return false;
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
	return day <= lengths[month - 1];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function dayText(year: number, month: number, day: number): string {
	return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function offsetOf(text: string | undefined): number | undefined | null {
	if (text === undefined) return undefined;
	if (/^z$/i.test(text)) return 0;
	const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
	const hours = Number(m?.[2]);
	const minutes = Number(m?.[3] ?? 0);
	if (!m || hours > 23 || minutes > 59) return null;
	return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** An ISO 8601 date or date-time, every part in range; null when it is not one. */
function readWallTime(text: string): WallTime | null {
	const m = ISO.exec(text);
	if (!m) return null;
	const [year, month, day] = [+m[1], +m[2], +m[3]];
	const [hour, minute, second] = [+(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)];
	const offsetMinutes = offsetOf(m[8]);
	if (!isCalendarDay(year, month, day) || hour > 23 || minute > 59 || second > 59 || offsetMinutes === null) return null;
	const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
	return { year, month, day, hour, minute, second, ms, offsetMinutes };
}

/** `text` as `YYYY-MM-DD` when it is exactly a real calendar day in that form (or `YYYYMMDD`). */
export function calendarDay(text: string, form: 'YYYY-MM-DD' | 'YYYYMMDD' = 'YYYY-MM-DD'): string | null {
	const m = (form === 'YYYYMMDD' ? COMPACT : /^(\d{4})-(\d{2})-(\d{2})$/).exec(text);
	return m && isCalendarDay(+m[1], +m[2], +m[3]) ? dayText(+m[1], +m[2], +m[3]) : null;
}

/** Offset of a time zone from UTC at an instant, in ms; UTC when the zone is unknown. */
export function zoneOffsetMs(timeZone: string, instant: number): number {
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

/** The calendar day an instant falls on in a time zone, `YYYY-MM-DD`. */
export function dayInZone(instant: number, timeZone: string): string {
	return new Date(instant + zoneOffsetMs(timeZone, instant)).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` day, for counting and stepping days. */
export function dayIndex(day: string): number {
	return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY);
}

export function dayAtIndex(index: number): string {
	return new Date(index * DAY).toISOString().slice(0, 10);
}

/** Luxon DateTime (what n8n expressions give) or a JS Date: the instant it stands for. */
function instantOf(value: unknown): number | undefined {
	if (value instanceof Date) return value.getTime();
	const candidate = value as { toMillis?: () => number } | null | undefined;
	if (candidate && typeof candidate === 'object' && typeof candidate.toMillis === 'function') return candidate.toMillis();
	return undefined;
}

/**
 * A date field as `YYYY-MM-DD`. A time after the date, as n8n's date picker adds, is allowed:
 * without an offset it is a wall-clock time and its own date is taken; with `Z` or an offset (or
 * a date object) it is an instant, and the day is the one it falls on in `timeZone`, the calendar
 * the vendor counts days in.
 */
export function parseDay(field: string, value: unknown, options: DayOptions): string {
	const expected = options.compact ? 'YYYY-MM-DD or YYYYMMDD' : 'YYYY-MM-DD';
	const instant = instantOf(value);
	if (instant !== undefined) {
		if (Number.isFinite(instant)) return dayInZone(instant, options.timeZone);
		throw new InvalidParameterError(field, `is not a valid date (expected ${expected})`);
	}
	const text = String(value ?? '').trim();
	if (!text) {
		if (options.optional) return '';
		throw new InvalidParameterError(field, `is empty; give a date (${expected})`);
	}
	const compact = options.compact ? calendarDay(text, 'YYYYMMDD') : null;
	if (compact) return compact;
	const wall = readWallTime(text);
	if (!wall) {
		const shape = ISO.exec(text) ?? (options.compact ? COMPACT.exec(text) : null);
		const what = !shape ? 'is not a date' : shape[4] ? 'is not a real calendar day and time' : 'is not a real calendar day';
		throw new InvalidParameterError(field, `"${text}" ${what} (expected ${expected})`);
	}
	if (wall.offsetMinutes === undefined) return dayText(wall.year, wall.month, wall.day);
	return dayInZone(instantOfWall(wall, wall.offsetMinutes * 60000), options.timeZone);
}

function instantOfWall(wall: WallTime, offsetMs: number): number {
	const utc = Date.UTC(2000, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.ms);
	// Date.UTC maps years below 100 to 19xx; the year is set on its own.
	const date = new Date(utc);
	date.setUTCFullYear(wall.year);
	return date.getTime() - offsetMs;
}

/**
 * A date-time field as epoch ms. n8n's date picker gives wall-clock times without an offset,
 * meant in the workflow's time zone; a value with `Z` or an offset is taken as it says.
 */
export function parseDateTime(field: string, value: unknown, timeZone: string): number {
	const instant = instantOf(value);
	if (instant !== undefined && Number.isFinite(instant)) return instant;
	const text = String(value ?? '').trim();
	if (!text) throw new InvalidParameterError(field, 'give a date and time');
	const wall = readWallTime(text);
	if (!wall) {
		throw new InvalidParameterError(field, `"${text}" is not a date and time (expected e.g. 2024-06-10T08:00:00)`);
	}
	if (wall.offsetMinutes !== undefined) return instantOfWall(wall, wall.offsetMinutes * 60000);
	const asUtc = instantOfWall(wall, 0);
	// Two passes settle the offset across a daylight-saving change.
	const guess = asUtc - zoneOffsetMs(timeZone, asUtc);
	return asUtc - zoneOffsetMs(timeZone, guess);
}
