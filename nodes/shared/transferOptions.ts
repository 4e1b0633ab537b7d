/**
 * Transfer Options as the transports use them: read from the node's field, converted and
 * checked against the ranges the editor fields declare (descriptions.ts), so an expression
 * cannot hand over what the editor would not allow.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { parseAllowedHosts } from './addressGuard';
import { downloadOnlyOptions, transferOptions } from './descriptions';
import { InvalidParameterError } from './errors';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';

export interface TransferOptions {
	retry: RetryPolicy;
	concurrency: number;
	maxInMemoryBytes: number;
	timeoutMs: number;
	sha256: boolean;
	/** Allowed Download Hosts, parsed (empty unless the operation offers the field). */
	allowedDownloadHosts: string[];
	/** Largest file accepted, compressed and decompressed. */
	maxFileBytes: number;
	/** How long one file's body may take to arrive. */
	maxTransferMs: number;
}

const MB = 1048576;

/** Dropdown look-ups have no Transfer Options field and should answer quickly: fewer, shorter attempts. */
export const LOOKUP_TRANSFER: TransferOptions = {
	retry: { attempts: 3, baseDelayMs: 500, maxDelayMs: 5000 },
	concurrency: 1,
	maxInMemoryBytes: 0,
	timeoutMs: 30000,
	sha256: false,
	allowedDownloadHosts: [],
	maxFileBytes: 20480 * MB,
	maxTransferMs: 360 * 60000,
};

const fields = new Map([...transferOptions, ...downloadOnlyOptions].map((f) => [f.name, f]));
const FIELD_GROUP = 'Transfer Options';

/**
 * A number option as the editor would allow it: expressions can hand over text, 0, or 1e6, so
 * the value is converted, rounded and clamped to the field's range; what is no number at all is
 * refused, naming the field. Unset (or empty) means the field's default.
 */
function numberOption(o: IDataObject, name: string): number {
	const field = fields.get(name)!;
	const raw = o[name];
	if (raw === undefined || raw === null || raw === '') return field.default as number;
	const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
	const min = field.typeOptions?.minValue ?? 0;
	const max = field.typeOptions?.maxValue ?? Number.MAX_SAFE_INTEGER;
	if (!Number.isFinite(value)) {
		const shown = typeof raw === 'string' ? `"${raw.slice(0, 40)}"` : JSON.stringify(raw)?.slice(0, 40) ?? String(raw);
		throw new InvalidParameterError(`${field.displayName} (${FIELD_GROUP})`, `${shown} is not a number; use one from ${min} to ${max}`);
	}
	return Math.min(max, Math.max(min, Math.round(value)));
}

function booleanOption(o: IDataObject, name: string): boolean {
	const raw = o[name];
	if (raw === undefined || raw === null || raw === '' || raw === false || raw === 'false') return false;
	if (raw === true || raw === 'true') return true;
	const field = fields.get(name)!;
	throw new InvalidParameterError(`${field.displayName} (${FIELD_GROUP})`, `${JSON.stringify(raw).slice(0, 40)} is not true or false`);
}

export function readTransferOptions(ctx: IExecuteFunctions, itemIndex: number): TransferOptions {
	const raw = ctx.getNodeParameter('transferOptions', itemIndex, {});
	const o = (raw && typeof raw === 'object' ? raw : {}) as IDataObject;
	return {
		retry: {
			attempts: numberOption(o, 'maxAttempts'),
			baseDelayMs: numberOption(o, 'retryBaseDelayMs'),
			maxDelayMs: DEFAULT_RETRY.maxDelayMs,
			signal: ctx.getExecutionCancelSignal?.(),
		},
		concurrency: numberOption(o, 'concurrency'),
		maxInMemoryBytes: numberOption(o, 'maxInMemoryMb') * MB,
		timeoutMs: numberOption(o, 'timeoutSeconds') * 1000,
		sha256: booleanOption(o, 'sha256'),
		maxFileBytes: numberOption(o, 'maxFileSizeMb') * MB,
		maxTransferMs: numberOption(o, 'maxTransferMinutes') * 60000,
		allowedDownloadHosts: parseAllowedHosts(o.allowedDownloadHosts),
	};
}
