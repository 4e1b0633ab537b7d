/**
 * One way to page through a vendor listing, whatever the vendor counts in: entries (offset and
 * limit), page numbers, or an opaque marker. The vendors' totals "may be null" and their pages may
 * shift while we read them, so paging ends on the first of: an empty page, the total reached
 * (entries or pages), a short page when no total is given, a marker that is missing or repeats,
 * the caller's maximum, or a page guard against a listing that never ends. Entries seen twice
 * (the listing moved between pages) are kept once when the caller names their key.
 */

export interface PageCursor {
	/** Entries received so far (duplicates included): the `Offset` of an offset/limit listing. */
	offset: number;
	/** 1 for the first page. */
	pageNo: number;
	/** The marker the previous page handed out, if the listing uses one. */
	marker?: string;
}

export interface Page<T> {
	items: T[];
	/** Total number of entries, when the vendor says. */
	totalItems?: unknown;
	/** Total number of pages, when the vendor says (instead of entries). */
	totalPages?: unknown;
	/** Marker of the next page, for marker listings; absent or empty on the last page. */
	nextMarker?: unknown;
}

export interface PagingOptions<T> {
	pageSize: number;
	/** Stop once this many entries are collected. */
	max?: number;
	/** Pages at most: a guard against a listing that never ends. */
	maxPages: number;
	/** Marker listings end only when the marker does; a short page says nothing there. */
	marker?: boolean;
	/** Entries with the same key are kept once. */
	key?: (item: T) => string;
}

const known = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export async function collectPages<T>(fetchPage: (cursor: PageCursor) => Promise<Page<T>>, options: PagingOptions<T>): Promise<T[]> {
	const max = options.max ?? Infinity;
	const items: T[] = [];
	const keys = new Set<string>();
	let marker: string | undefined;
	let received = 0;
	for (let pageNo = 1; pageNo <= options.maxPages && items.length < max; pageNo++) {
		const page = await fetchPage({ offset: received, pageNo, marker });
		received += page.items.length;
		for (const item of page.items) {
			const key = options.key?.(item);
			if (key !== undefined) {
				if (keys.has(key)) continue;
				keys.add(key);
			}
			items.push(item);
		}
		if (page.items.length === 0) break;
		if (options.marker) {
			const next = page.nextMarker === undefined || page.nextMarker === null ? '' : String(page.nextMarker);
			if (!next || next === marker) break;
			marker = next;
			continue;
		}
		if (known(page.totalItems) && received >= page.totalItems) break;
		if (known(page.totalPages) && pageNo >= page.totalPages) break;
		if (!known(page.totalItems) && !known(page.totalPages) && page.items.length < options.pageSize) break;
	}
	return items.slice(0, max);
}
