/** Editor fields every operation shares; Transfer Options are read back in transferOptions.ts. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InvalidParameterError } from './errors';

export const binaryPropertyField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	description: 'Name of the binary field each output item carries the downloaded file in; later nodes read the file from this field',
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

/**
 * How many results Return All / Limit ask for: Infinity for all. An expression can put anything in
 * Limit, so a value that is not a whole number of at least 1 is refused, naming the field.
 */
export function readLimit(ctx: IExecuteFunctions, i: number): number {
	if (ctx.getNodeParameter('returnAll', i) as boolean) return Infinity;
	const limit = Number(ctx.getNodeParameter('limit', i));
	if (!Number.isInteger(limit) || limit < 1) throw new InvalidParameterError('Limit', 'must be a whole number of 1 or more');
	return limit;
}

/** n8n's standard Filters collection of a "Get Many" operation. */
export function filtersField(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options };
}

export const gunzipField: INodeProperties = {
	displayName: 'Decompress (Gunzip)',
	name: 'gunzip',
	type: 'boolean',
	default: false,
	description: 'Whether to decompress each .gz file while it streams, delivering plain text lines',
};

/** Listings and exports offer these; transferOptions.ts reads their defaults and ranges. */
export const transferOptions: INodeProperties[] = [
	{
		displayName: 'Base Retry Delay (Ms)',
		name: 'retryBaseDelayMs',
		type: 'number',
		default: 1000,
		typeOptions: { minValue: 0, maxValue: 60000 },
		description: 'First backoff delay; it doubles with each attempt, with random jitter',
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
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		default: 300,
		typeOptions: { minValue: 1, maxValue: 3600 },
		description:
			'How long one request may wait for the server to answer before it counts as failed. Once a body streams, it may pause at most the lesser of this and 60 seconds.',
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

/** Options only downloads have: how many files at once, bounds on each file, and the checksum. */
export const downloadOnlyOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		default: 4,
		typeOptions: { minValue: 1, maxValue: 16 },
		description: 'How many files to download at the same time',
	},
	{
		displayName: 'Max In-Memory Size (MB)',
		name: 'maxInMemoryMb',
		type: 'number',
		default: 256,
		typeOptions: { minValue: 1, maxValue: 4096 },
		description:
			'Only matters when n8n keeps binary data in memory: larger files are refused before download instead of exhausting memory',
	},
	{
		displayName: 'Max File Size (MB)',
		name: 'maxFileSizeMb',
		type: 'number',
		default: 20480,
		typeOptions: { minValue: 1, maxValue: 1048576 },
		description:
			'Largest file to accept, counted as it streams (before and after decompression). A larger file, or a body that never ends, is stopped there with an error.',
	},
	{
		displayName: 'Max Transfer Time (Minutes)',
		name: 'maxTransferMinutes',
		type: 'number',
		default: 360,
		typeOptions: { minValue: 1, maxValue: 1440 },
		description:
			'How long one file may take to download once it starts arriving. The default lets a 20 GB file arrive at 1 MB/s.',
	},
	{
		displayName: 'SHA-256 Checksum',
		name: 'sha256',
		type: 'boolean',
		default: false,
		description:
			'Whether to hash each file while it streams and add its SHA-256 to the output (for deduplication or chain of custody). Costs about one CPU-second per GB. The check that every announced byte arrived runs either way.',
	},
];

/** Download operations also offer the checksum, in the alphabetical order n8n's linter wants. */
export const downloadTransferOptionsField: INodeProperties = {
	...transferOptionsField,
	options: [...transferOptions, ...downloadOnlyOptions].sort((a, b) => a.displayName.localeCompare(b.displayName)),
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
