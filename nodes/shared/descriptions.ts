/** Fields every download operation shares, and reading them back. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parseAllowedHosts } from './addressGuard';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';

export const binaryPropertyField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
};

/** n8n's standard Return All / Limit pair for "Get Many" operations. */
export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

export const gunzipField: INodeProperties = {
	displayName: 'Decompress (Gunzip)',
	name: 'gunzip',
	type: 'boolean',
	default: false,
	description: 'Whether to decompress each .gz file while it streams, delivering plain text lines',
};

const transferOptions: INodeProperties[] = [
	{
		displayName: 'Base Retry Delay (Ms)',
		name: 'retryBaseDelayMs',
		type: 'number',
		default: 1000,
		typeOptions: { minValue: 0 },
		description: 'First backoff delay; it doubles with each attempt, with random jitter',
	},
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		default: 4,
		typeOptions: { minValue: 1, maxValue: 16 },
		description: 'How many files to download at the same time',
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		default: 5,
		typeOptions: { minValue: 1, maxValue: 10 },
		description:
			'How many times to try a request that failed for a temporary reason (throttling, 5xx, connection reset, truncated download)',
	},
	{
		displayName: 'Max In-Memory Size (MB)',
		name: 'maxInMemoryMb',
		type: 'number',
		default: 256,
		typeOptions: { minValue: 1 },
		description:
			'Only matters when n8n keeps binary data in memory: larger files are refused before download instead of exhausting memory',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		default: 300,
		typeOptions: { minValue: 1 },
		description: 'How long one request may wait for the server before it counts as failed',
	},
];

export const transferOptionsField: INodeProperties = {
	displayName: 'Transfer Options',
	name: 'transferOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: transferOptions,
};

const sha256Option: INodeProperties = {
	displayName: 'SHA-256 Checksum',
	name: 'sha256',
	type: 'boolean',
	default: false,
	description:
		'Whether to hash each file while it streams and add its SHA-256 to the output (for deduplication or chain of custody). Costs about one CPU-second per GB. The check that every announced byte arrived runs either way.',
};

/** Download operations also offer the checksum, in the alphabetical order n8n's linter wants. */
export const downloadTransferOptionsField: INodeProperties = {
	...transferOptionsField,
	options: [...transferOptions, sha256Option].sort((a, b) => a.displayName.localeCompare(b.displayName)),
};

const allowedDownloadHostsOption: INodeProperties = {
	displayName: 'Allowed Download Hosts',
	name: 'allowedDownloadHosts',
	type: 'string',
	default: '',
	placeholder: 'logs.storage.internal, 10.20.0.5',
	description:
		"Download links the vendor hands out may only lead to public addresses (or to the address of the credential's endpoint): loopback, private and link-local ones are refused. List here, comma-separated, the host names or IP addresses of internal storage you trust.",
};

/** Downloads from links the vendor hands out (presigned URLs) may name more allowed hosts. */
export const presignedDownloadTransferOptionsField: INodeProperties = {
	...downloadTransferOptionsField,
	options: [allowedDownloadHostsOption, ...(downloadTransferOptionsField.options as INodeProperties[])].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	),
};

export interface TransferOptions {
	retry: RetryPolicy;
	concurrency: number;
	maxInMemoryBytes: number;
	timeoutMs: number;
	sha256: boolean;
	/** Allowed Download Hosts, parsed (empty unless the operation offers the field). */
	allowedDownloadHosts: string[];
}

/** Dropdown look-ups have no Transfer Options field and should answer quickly: fewer, shorter attempts. */
export const LOOKUP_TRANSFER: TransferOptions = {
	retry: { attempts: 3, baseDelayMs: 500, maxDelayMs: 5000 },
	concurrency: 1,
	maxInMemoryBytes: 0,
	timeoutMs: 30000,
	sha256: false,
	allowedDownloadHosts: [],
};

export function readTransferOptions(ctx: IExecuteFunctions, itemIndex: number): TransferOptions {
	const o = ctx.getNodeParameter('transferOptions', itemIndex, {}) as {
		concurrency?: number;
		maxAttempts?: number;
		retryBaseDelayMs?: number;
		maxInMemoryMb?: number;
		timeoutSeconds?: number;
		sha256?: boolean;
		allowedDownloadHosts?: string;
	};
	return {
		retry: {
			attempts: o.maxAttempts ?? DEFAULT_RETRY.attempts,
			baseDelayMs: o.retryBaseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
			maxDelayMs: DEFAULT_RETRY.maxDelayMs,
		},
		concurrency: o.concurrency ?? 4,
		maxInMemoryBytes: (o.maxInMemoryMb ?? 256) * 1048576,
		timeoutMs: (o.timeoutSeconds ?? 300) * 1000,
		sha256: o.sha256 ?? false,
		allowedDownloadHosts: parseAllowedHosts(o.allowedDownloadHosts),
	};
}
