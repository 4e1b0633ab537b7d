/** System-log archives: the PBX packs the named days into one `.tar` behind a 30-minute link. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { TransferOptions } from '../../shared/transferOptions';
import { isGzip, isTar, looksLikeJson, saveResponseAsBinary } from '../../shared/download';
import { withRetry } from '../../shared/retry';
import { CREDENTIAL_TYPE, openArchiveStream, resolveDownloadUrl, VENDOR, yeastarApiAttempt } from '../transport';

function sniffArchive(head: Buffer): string | undefined {
	if (isTar(head) || isGzip(head)) return undefined;
	return looksLikeJson(head)
		? 'the PBX answered with a JSON message instead of the archive'
		: 'the downloaded file is not a tar archive';
}

/** One archive of the named days as binary data; each attempt asks the PBX for a fresh link. */
export async function downloadArchive(
	ctx: IExecuteFunctions,
	names: string[],
	binaryPropertyName: string,
	transfer: TransferOptions,
): Promise<INodeExecutionData> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	// Each attempt asks for a fresh link: links expire after 30 minutes and a retry may come late.
	return await withRetry(transfer.retry, async () => {
		const answer = await yeastarApiAttempt(ctx, 'system_log/download', { files: names.join(',') }, transfer);
		const url = resolveDownloadUrl(credentials, answer.download_resource_url);
		const response = await openArchiveStream(ctx, url, transfer);
		const file = await saveResponseAsBinary(ctx, response, {
			vendor: VENDOR,
			sourceUrl: url,
			fileName: answer.file ? String(answer.file) : undefined,
			fallbackName: `PBX-SystemLog-${names[0]}.tar`,
			mimeType: 'application/x-tar',
			transfer,
			sniff: sniffArchive,
		});
		return {
			json: { archive: file.json.fileName, logs: names, ...file.json },
			binary: { [binaryPropertyName]: file.binary },
		};
	});
}

