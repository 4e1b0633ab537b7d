/** System-log names are dates (YYYYMMDD); the PBX's sort order is not to be trusted. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { calendarDay, parseDay } from '../../shared/days';
import { InvalidParameterError } from '../../shared/errors';
import { collectPages } from '../../shared/pagination';
import type { TransferOptions } from '../../shared/transferOptions';
import { yeastarApiRequest } from '../transport';

const PAGE_SIZE = 100;
const MAX_PAGES = 1000;

/** Every log name the PBX holds, newest first. */
export async function listAllLogNames(ctx: IExecuteFunctions, transfer: TransferOptions): Promise<string[]> {
	const names = await collectPages(async ({ pageNo }) => {
		const answer = await yeastarApiRequest(ctx, 'system_log/list', {
			page: pageNo,
			page_size: PAGE_SIZE,
			sort_by: 'file_name',
			order_by: 'desc',
		}, transfer);
		const data = Array.isArray(answer.data) ? (answer.data as Array<{ file_name?: unknown }>) : [];
		return { items: data.map((entry) => String(entry?.file_name ?? '')), totalItems: answer.total_number };
	}, { pageSize: PAGE_SIZE, maxPages: MAX_PAGES, key: String });
	return names.filter(Boolean).sort().reverse();
}

/** `YYYY-MM-DD` of a log name, when the name is a real calendar day. */
export function dateOfName(name: string): string | null {
	return calendarDay(name, 'YYYYMMDD');
}

/**
 * A date field's value as a log name (YYYYMMDD), validated. The PBX names logs by its own local
 * day, which n8n cannot know: an instant is read on the workflow's time zone instead.
 */
export function dayOf(field: string, value: unknown, timeZone: string): string {
	return parseDay(field, value, { timeZone, compact: true }).replace(/-/g, '');
}

export function validateRange(from: string | undefined, to: string | undefined): void {
	if (from && to && to < from) {
		throw new InvalidParameterError('End Date', 'the end date is before the start date');
	}
}

export function inRange(name: string, from?: string, to?: string): boolean {
	if (!from && !to) return true;
	if (!dateOfName(name)) return false;
	return (!from || name >= from) && (!to || name <= to);
}
