/** One presigned log file streamed into binary data, retried as a whole when it breaks off. */
import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { TransferOptions } from '../shared/transferOptions';
import { isGzip, saveResponseAsBinary } from '../shared/download';
import { withRetry } from '../shared/retry';
import { downloadPresigned, type TencentProduct } from './transport';

export interface LogFileRequest {
	product: TencentProduct;
	/** The presigned URL, with its signature: never put into an output. */
	url: string;
	/** Used when the CDN names no file. */
	fallbackName: string;
	fileName?: string;
	gunzip: boolean;
}

/** Refuse what is not a log file: an error page served as the file, or a plain file to gunzip. */
function sniffLogFile(gunzip: boolean) {
	return (head: Buffer): string | undefined => {
		const start = head.subarray(0, 64).toString('latin1').trimStart();
		if (/^<(\?xml|!doctype|html|Error)/i.test(start)) return 'the CDN answered with an error page instead of the log file';
		if (gunzip && !isGzip(head)) return 'the log file is not gzip-compressed, so it cannot be decompressed; turn off "Decompress (Gunzip)"';
		return undefined;
	};
}

export async function downloadLogFile(
	ctx: IExecuteFunctions,
	file: LogFileRequest,
	transfer: TransferOptions,
): Promise<{ binary: IBinaryData; json: IDataObject }> {
	return await withRetry(transfer.retry, async () => {
		const response = await downloadPresigned(ctx, file.product, file.url, transfer);
		return await saveResponseAsBinary(ctx, response, {
			vendor: file.product.vendor,
			sourceUrl: file.url,
			fileName: file.fileName,
			fallbackName: file.fallbackName,
			mimeType: 'application/gzip',
			transfer,
			sniff: sniffLogFile(file.gunzip),
			gunzip: file.gunzip,
		});
	});
}
