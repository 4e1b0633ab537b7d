/** collectPages against fake listings: offset, page number and marker paging, and their edge cases. */
import { collectPages, type PageCursor } from '../../../nodes/shared/pagination';

/** A listing of `entries` served in pages of at most `serve` entries (the vendor's own cap). */
function offsetListing(entries: number[], serve: number, total: 'items' | 'pages' | 'none' = 'items') {
	const calls: PageCursor[] = [];
	const fetch = async (cursor: PageCursor) => {
		calls.push(cursor);
		const items = entries.slice(cursor.offset, cursor.offset + serve);
		const pages = Math.ceil(entries.length / serve);
		return { items, totalItems: total === 'items' ? entries.length : undefined, totalPages: total === 'pages' ? pages : undefined };
	};
	return { calls, fetch };
}
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('collectPages', () => {
	it('pages by offset until the total is reached, even when the vendor serves shorter pages than asked', async () => {
		const { calls, fetch } = offsetListing(range(250), 100);
		expect(await collectPages(fetch, { pageSize: 300, maxPages: 100 })).toEqual(range(250));
		expect(calls.map((c) => c.offset)).toEqual([0, 100, 200]);
	});

	it('counts pages when the vendor gives a page total instead', async () => {
		const { calls, fetch } = offsetListing(range(250), 100, 'pages');
		expect(await collectPages(fetch, { pageSize: 100, maxPages: 100 })).toHaveLength(250);
		expect(calls.map((c) => c.pageNo)).toEqual([1, 2, 3]);
	});

	it('ends on a short page when no total is given, and on an empty first page', async () => {
		expect(await collectPages(offsetListing(range(150), 100, 'none').fetch, { pageSize: 100, maxPages: 100 })).toHaveLength(150);
		const empty = offsetListing([], 100);
		expect(await collectPages(empty.fetch, { pageSize: 100, maxPages: 100 })).toEqual([]);
		expect(empty.calls).toHaveLength(1);
	});

	it('ends on an empty page when the total is wrong (too large)', async () => {
		const calls: number[] = [];
		const fetch = async (c: PageCursor) => {
			calls.push(c.pageNo);
			return { items: range(120).slice(c.offset, c.offset + 100), totalItems: 10000 };
		};
		expect(await collectPages(fetch, { pageSize: 100, maxPages: 100 })).toHaveLength(120);
		expect(calls).toEqual([1, 2, 3]);
	});

	it('stops at the caller maximum without fetching further pages', async () => {
		const { calls, fetch } = offsetListing(range(1000), 100);
		expect(await collectPages(fetch, { pageSize: 100, maxPages: 100, max: 150 })).toEqual(range(150));
		expect(calls).toHaveLength(2);
	});

	it('follows markers until the marker is missing or repeats', async () => {
		const pages: Record<string, { items: number[]; next?: string }> = { '': { items: [1, 2], next: 'b' }, b: { items: [3], next: 'c' }, c: { items: [4], next: 'c' } };
		const fetch = async (c: PageCursor) => ({ items: pages[c.marker ?? ''].items, nextMarker: pages[c.marker ?? ''].next });
		expect(await collectPages(fetch, { pageSize: 2, maxPages: 100, marker: true })).toEqual([1, 2, 3, 4]);
	});

	it('keeps an entry once when the listing shifts between pages', async () => {
		// A new entry arrives at the top between page 1 and 2: entry 99 comes again on page 2.
		let shifted = false;
		const fetch = async (c: PageCursor) => {
			const entries = shifted ? [-1, ...range(150)] : range(150);
			shifted = true;
			return { items: entries.slice(c.offset, c.offset + 100), totalItems: entries.length };
		};
		const got = await collectPages(fetch, { pageSize: 100, maxPages: 100, key: String });
		expect(new Set(got).size).toBe(got.length);
		expect(got).toEqual(range(150));
	});

	it('gives up after maxPages on a listing that never ends', async () => {
		let n = 0;
		const fetch = async () => ({ items: [n++], nextMarker: `m${n}` });
		expect(await collectPages(fetch, { pageSize: 1, maxPages: 5, marker: true })).toHaveLength(5);
	});
});
