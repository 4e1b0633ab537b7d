/**
 * Downloading a selection of files, the same way in every node and trigger: at most `concurrency`
 * at a time, results in selection order, each failure named by the file it concerns.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { mapWithConcurrency } from './concurrency';
import { settledToItems } from './router';

export type DownloadOne<T> = (file: T, index: number) => Promise<INodeExecutionData>;

/**
 * An action node's download: every file an item, and a failed file an error item naming it
 * under Continue On Fail (otherwise the first failure fails the node, after the others finished,
 * so no download is cut off half-written).
 */
export async function downloadEach<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	files: T[],
	concurrency: number,
	download: DownloadOne<T>,
	identify: (file: T) => IDataObject,
): Promise<INodeExecutionData[]> {
	const results = await mapWithConcurrency(files, concurrency, download);
	return settledToItems(ctx, itemIndex, results, (k) => identify(files[k]));
}

export interface PartialDownload<T> {
	items: INodeExecutionData[];
	delivered: T[];
	failures: Array<{ file: T; error: unknown }>;
}

/** A trigger's download: what succeeded is delivered; what failed is reported and kept for later. */
export async function downloadSome<T>(
	_ctx: IPollFunctions | IExecuteFunctions,
	files: T[],
	concurrency: number,
	download: DownloadOne<T>,
): Promise<PartialDownload<T>> {
	const results = await mapWithConcurrency(files, concurrency, download);
	const outcome: PartialDownload<T> = { items: [], delivered: [], failures: [] };
	results.forEach((result, k) => {
		if (result.status === 'fulfilled') {
			outcome.items.push(result.value);
			outcome.delivered.push(files[k]);
		} else {
			outcome.failures.push({ file: files[k], error: result.reason });
		}
	});
	return outcome;
}
