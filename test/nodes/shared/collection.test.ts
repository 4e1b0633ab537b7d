/** downloadEach and downloadSome: selection order, the concurrency limit, and failures named by their file. */
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { downloadEach, downloadSome } from '../../../nodes/shared/collection';
import { VendorApiError } from '../../../nodes/shared/errors';

const node = { name: 'Node', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
const ctx = (continueOnFail: boolean) => ({ getNode: () => node, continueOnFail: () => continueOnFail }) as unknown as IExecuteFunctions;

const failing = new VendorApiError({ vendor: 'Acme', kind: 'notFound', code: 404, message: 'b.log is gone', hint: 'List again.' });

/** Downloads that take longer for earlier files, so completion order differs from selection order. */
function downloader(failOn?: string) {
	let running = 0;
	let most = 0;
	const download = async (file: string, index: number) => {
		running++;
		most = Math.max(most, running);
		await new Promise((resolve) => setTimeout(resolve, (5 - index) * 5));
		running--;
		if (file === failOn) throw failing;
		return { json: { fileName: file } };
	};
	return { download, most: () => most };
}

describe('downloadEach', () => {
	it('returns one item per file in selection order, at most `concurrency` at a time', async () => {
		const { download, most } = downloader();
		const items = await downloadEach(ctx(false), 0, ['a', 'b', 'c', 'd'], 2, download, (f) => ({ fileName: f }));
		expect(items.map((i) => i.json.fileName)).toEqual(['a', 'b', 'c', 'd']);
		expect(most()).toBe(2);
	});

	it('under Continue On Fail turns a failed file into an error item naming it, the others delivered', async () => {
		const { download } = downloader('b');
		const items = await downloadEach(ctx(true), 3, ['a', 'b', 'c'], 2, download, (f) => ({ fileName: f }));
		expect(items.map((i) => i.json.fileName)).toEqual(['a', 'b', 'c']);
		expect(items[1].json).toMatchObject({ fileName: 'b', error: 'Acme: b.log is gone [404]', description: 'List again.' });
		expect(items[1].pairedItem).toEqual({ item: 3 });
	});

	it('otherwise fails with the first failure once every download has ended', async () => {
		const finished: string[] = [];
		const download = async (file: string) => {
			await new Promise((resolve) => setTimeout(resolve, file === 'a' ? 1 : 20));
			finished.push(file);
			if (file === 'a') throw failing;
			return { json: { fileName: file } };
		};
		await expect(downloadEach(ctx(false), 0, ['a', 'b'], 2, download, (f) => ({ fileName: f }))).rejects.toBe(failing);
		expect(finished).toEqual(['a', 'b']);
	});

	it('returns nothing for an empty selection', async () => {
		expect(await downloadEach(ctx(false), 0, [], 4, downloader().download, (f) => ({ f }))).toEqual([]);
	});
});

describe('downloadSome', () => {
	it('delivers what succeeded and reports each failure with its file', async () => {
		const { download } = downloader('b');
		const outcome = await downloadSome(ctx(false), ['a', 'b', 'c'], 3, download);
		expect(outcome.delivered).toEqual(['a', 'c']);
		expect(outcome.items.map((i) => i.json.fileName)).toEqual(['a', 'c']);
		expect(outcome.failures).toEqual([{ file: 'b', error: failing }]);
	});
});
