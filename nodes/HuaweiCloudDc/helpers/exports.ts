/**
 * CloudDC server-log exports: start, progress, download, and waiting for an
 * export to finish. The status vocabulary is not settled (the schema says processing/completed,
 * the example Running and "30%"), so progress is normalised to done / running / failed.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import type { TransferOptions } from '../../shared/transferOptions';
import { isGzip } from '../../shared/download';
import { recoverVendorError, VendorApiError } from '../../shared/errors';
import { cloudDcApiRequest, cloudDcDownload, PROJECT_ID_PLACEHOLDER, VENDOR } from '../transport';

export type ExportState = 'done' | 'running' | 'failed';

export interface ExportProgress extends IDataObject {
	serverId: string;
	export_id: string;
	/** Normalised: done, running or failed. */
	status: ExportState;
	/** The status word as CloudDC sent it. */
	rawStatus: string;
	percentage: number | null;
	created_at: string;
}

const DONE = /^(completed?|success(ful)?|succeeded|finished|done)$/i;
const FAILED = /fail|error|abort|cancel/i;
const RUNNING = /^(processing|running|pending|queued|waiting|exporting|in[-_ ]?progress)$/i;

/** Normalise a status answer; 100 % with an unknown word counts as done (the status words are not fully documented). */
export function normaliseProgress(serverId: string, answer: IDataObject): ExportProgress {
	const rawStatus = String(answer.status ?? '').trim();
	const parsed = Number.parseInt(String(answer.percentage ?? '').replace('%', ''), 10);
	const percentage = Number.isFinite(parsed) ? parsed : null;
	let status: ExportState = 'running';
	if (FAILED.test(rawStatus)) status = 'failed';
	else if (DONE.test(rawStatus) || ((percentage ?? 0) >= 100 && !RUNNING.test(rawStatus))) status = 'done';
	return {
		serverId,
		export_id: String(answer.export_id ?? ''),
		status,
		rawStatus,
		percentage,
		created_at: String(answer.created_at ?? ''),
	};
}

const serverPath = (serverId: string) =>
	`/v1/${PROJECT_ID_PLACEHOLDER}/physicalservers/${encodeURIComponent(serverId)}`;
const exportPath = (serverId: string, exportId: string) =>
	`${serverPath(serverId)}/logs/exports/${encodeURIComponent(exportId)}`;

const notFoundHint = 'Check the server ID (List Servers) and that the credential points at the region and project it lives in.';

export async function startExport(ctx: IExecuteFunctions, serverId: string, transfer: TransferOptions): Promise<ExportProgress> {
	const answer = await cloudDcApiRequest(ctx, 'POST', `${serverPath(serverId)}/logs/exports`, {
		body: {},
		permission: 'clouddc:imetal:createDumpLog',
		target: `server ${serverId}`,
		notFoundHint,
	}, transfer);
	const progress = normaliseProgress(serverId, answer);
	if (!progress.export_id) {
		throw new VendorApiError({
			vendor: VENDOR,
			kind: 'other',
			message: `the export of server ${serverId} was accepted without an export_id`,
			hint: 'Check the CloudDC endpoint in the credential; the answer is not the documented one.',
		});
	}
	return progress;
}

export async function fetchExportProgress(
	ctx: IExecuteFunctions,
	serverId: string,
	exportId: string,
	transfer: TransferOptions,
): Promise<ExportProgress> {
	const answer = await cloudDcApiRequest(ctx, 'GET', exportPath(serverId, exportId), {
		permission: 'clouddc:imetal:getDumpLogProgress',
		target: `export ${exportId} of server ${serverId}`,
		notFoundHint: `${notFoundHint} Exports belong to the server they were started on.`,
	}, transfer);
	return normaliseProgress(serverId, { export_id: exportId, ...answer });
}

export async function downloadExport(
	ctx: IExecuteFunctions,
	serverId: string,
	exportId: string,
	binaryPropertyName: string,
	transfer: TransferOptions,
): Promise<INodeExecutionData> {
	const item = await cloudDcDownload(ctx, `${exportPath(serverId, exportId)}/content`, {
		permission: 'clouddc:imetal:createDownloadLog',
		target: `export ${exportId} of server ${serverId}`,
		notFoundHint: `${notFoundHint} Start a new export if this one has expired.`,
		refusedHint: 'Check the export with Get Export Status: only a finished export can be downloaded; start a new one after a failure.',
	}, {
		accept: isGzip,
		format: 'gzip archive (.tar.gz)',
		extension: '.tar.gz',
		fallbackName: `${serverId}-dump.tar.gz`,
		mimeType: 'application/gzip',
		binaryPropertyName,
	}, transfer);
	return { ...item, json: { serverId, export_id: exportId, ...item.json } };
}

function resumeHint(progress: ExportProgress): string {
	return `Check it later with Get Export Status and fetch it with Download (server ${progress.serverId}, export_id ${progress.export_id}).`;
}

/** An error that names the export, so the user can resume it with Get Export Status/Download. */
export function namingExport(error: unknown, serverId: string, exportId: string): unknown {
	const inner = recoverVendorError(error);
	if (!inner) return error;
	return new VendorApiError({
		vendor: inner.vendor,
		code: inner.vendorCode,
		httpStatus: inner.httpStatus,
		kind: inner.kind,
		message: `export ${exportId} of server ${serverId}: ${inner.vendorMessage}`,
		hint: `${inner.hint ?? ''} The export may still be usable: fetch it with Download (server ${serverId}, export_id ${exportId}).`.trim(),
	});
}

/** Poll until the export is done; a failure status or the timeout is an error naming it. */
export async function waitForExport(
	ctx: IExecuteFunctions,
	started: ExportProgress,
	timing: { intervalMs: number; timeoutMs: number },
	transfer: TransferOptions,
): Promise<ExportProgress> {
	const deadline = Date.now() + timing.timeoutMs;
	let progress = started;
	while (progress.status !== 'done') {
		const which = `export ${progress.export_id} of server ${progress.serverId}`;
		if (progress.status === 'failed') {
			throw new VendorApiError({
				vendor: VENDOR,
				kind: 'server',
				message: `${which} failed (status "${progress.rawStatus}", ${progress.percentage ?? '?'}%)`,
				hint: 'Start a new export; if it fails again, check the server state (BMC) in the CloudDC console.',
			});
		}
		const left = deadline - Date.now();
		if (left <= 0) {
			throw new VendorApiError({
				vendor: VENDOR,
				kind: 'timeout',
				message: `${which} did not finish within ${Math.round(timing.timeoutMs / 1000)} s (status "${progress.rawStatus}", ${progress.percentage ?? '?'}%)`,
				hint: `${resumeHint(progress)} Or raise the Export Timeout.`,
			});
		}
		await sleep(Math.min(timing.intervalMs, left));
		if (ctx.getExecutionCancelSignal?.()?.aborted) {
			throw new VendorApiError({ vendor: VENDOR, kind: 'other', message: `stopped while waiting for ${which}`, hint: resumeHint(progress) });
		}
		try {
			progress = await fetchExportProgress(ctx, progress.serverId, progress.export_id, transfer);
		} catch (error) {
			throw namingExport(error, progress.serverId, progress.export_id);
		}
	}
	return progress;
}
