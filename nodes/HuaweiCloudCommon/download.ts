/**
 * A Huawei log file streamed into binary data. Both services may put a JSON error where the file
 * should be, even with HTTP 200 and a file content type (CodeArts Check's CC.00050012 "busy",
 * as its DownloadLog page documents): the magic number of the expected format is checked before anything is
 * saved, and a JSON error found there is raised as the service's own error (busy is retried).
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { TransferOptions } from '../shared/transferOptions';
import { looksLikeJson, saveResponseAsBinary } from '../shared/download';
import { header } from '../shared/headers';
import { fileNameFromContentDisposition } from '../shared/fileName';
import { recoverVendorError } from '../shared/errors';
import { parseJsonBody } from '../shared/http';
import { type ErrorContext, huaweiError, isErrorAnswer } from './errors';
import { type HuaweiRequest, type HuaweiService, huaweiApiRequest, VENDORS } from './transport';

export interface ExpectedFile {
	/** Magic-number test of the format. */
	accept: (head: Buffer) => boolean;
	/** The format in messages, e.g. "ZIP archive". */
	format: string;
	/** Appended when the served name lacks it, so the file opens with the right tool. */
	extension: string;
	fallbackName: string;
	mimeType: string;
	binaryPropertyName: string;
}

/** The served name's last path segment, ending in `extension` (the shared sanitiser shortens it). */
function withExtension(name: string, extension: string): string {
	const base = name.split(/[/\\]/).pop() ?? '';
	return base.toLowerCase().endsWith(extension) ? base : `${base}${extension}`;
}

/** The service's own error when its JSON stood where the file should be (busy is retried). */
function answerError(
	error: unknown,
	head: Buffer | undefined,
	status: number,
	headers: Record<string, unknown>,
	context: ErrorContext,
): unknown {
	const body = head ? parseJsonBody(head) : undefined;
	return isErrorAnswer(body) ? huaweiError(status, head, headers, context) : (recoverVendorError(error) ?? error);
}

export async function downloadToBinary(
	ctx: IExecuteFunctions,
	service: HuaweiService,
	path: string,
	request: Omit<HuaweiRequest<never>, 'stream' | 'body'>,
	expected: ExpectedFile,
	transfer: TransferOptions,
): Promise<INodeExecutionData> {
	const vendor = VENDORS[service];
	const context: ErrorContext = { ...request, vendor };
	return await huaweiApiRequest(ctx, service, 'GET', path, {
		...request,
		stream: async (response, url) => {
			let jsonHead: Buffer | undefined;
			const served = fileNameFromContentDisposition(header(response.headers, 'content-disposition'));
			try {
				const file = await saveResponseAsBinary(ctx, response, {
					vendor,
					sourceUrl: url,
					// Named here, not from the URL, whose last segment is "content" or "log-file".
					fileName: withExtension(served ?? expected.fallbackName, expected.extension),
					fallbackName: expected.fallbackName,
					mimeType: expected.mimeType,
					transfer,
					sniff: (head) => {
						if (expected.accept(head)) return undefined;
						if (!looksLikeJson(head)) return `the downloaded file is not a ${expected.format}`;
						jsonHead = head;
						return `the service answered with a JSON message instead of the ${expected.format}`;
					},
				});
				return { json: file.json, binary: { [expected.binaryPropertyName]: file.binary } };
			} catch (error) {
				throw answerError(error, jsonHead, response.statusCode, response.headers, context);
			}
		},
	}, transfer);
}
