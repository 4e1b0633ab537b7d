/**
 * The options that only matter for files (SHA-256, concurrency, in-memory and file-size limits) are
 * offered where files are downloaded, and nowhere else; the retry defaults the
 * editor shows (n8n's linter wants them literal) are the ones the nodes apply.
 */
import type { IExecuteFunctions, INodeProperties, INodeType } from 'n8n-workflow';
import { readLimit, transferOptionsField } from '../../../nodes/shared/descriptions';
import { DEFAULT_RETRY } from '../../../nodes/shared/retry';
import { packNodes } from '../editorWalk';

const DOWNLOADS = ['download', 'downloadLogFile', 'exportAndDownload'];
const FILE_ONLY = ['sha256', 'concurrency', 'maxInMemoryMb', 'maxFileSizeMb', 'maxTransferMinutes'];

// Every action node the package registers (triggers have no operations), a new vendor's included.
const actionNodes = packNodes.map((n) => n.type).filter((type) => !type.description.polling);

it.each(actionNodes.map((type) => [type.constructor.name, type]))(
	'%s offers file options only on download operations',
	(_name, node) => {
		const fields = (node as INodeType).description.properties.filter((p) => p.name === 'transferOptions');
		expect(fields.length).toBeGreaterThan(0);
		for (const field of fields) {
			const operations = (field.displayOptions?.show?.operation ?? []) as string[];
			expect(operations.length).toBeGreaterThan(0);
			const offered = (field.options as INodeProperties[]).map((o) => o.name).filter((n) => FILE_ONLY.includes(n));
			const downloads = operations.every((op) => DOWNLOADS.includes(op));
			expect([operations, offered.sort()]).toEqual([operations, downloads ? [...FILE_ONLY].sort() : []]);
			const names = (field.options as INodeProperties[]).map((o) => o.displayName);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	},
);

it('shows the retry defaults the nodes apply', () => {
	const defaults = Object.fromEntries((transferOptionsField.options as INodeProperties[]).map((o) => [o.name, o.default]));
	expect([defaults.maxAttempts, defaults.retryBaseDelayMs]).toEqual([DEFAULT_RETRY.attempts, DEFAULT_RETRY.baseDelayMs]);
});

describe('readLimit', () => {
	const ctxWith = (returnAll: unknown, limit: unknown) =>
		({ getNodeParameter: (name: string) => (name === 'returnAll' ? returnAll : limit) }) as unknown as IExecuteFunctions;

	it('is Infinity with Return All, whatever Limit holds', () => {
		expect(readLimit(ctxWith(true, 'abc'), 0)).toBe(Infinity);
	});

	it.each([
		[50, 50],
		['7', 7],
	])('reads Limit %p as %p', (limit, expected) => {
		expect(readLimit(ctxWith(false, limit), 0)).toBe(expected);
	});

	it.each([0, -3, 2.5, 'abc', '', null])('refuses Limit %p from an expression, naming the field', (limit) => {
		expect(() => readLimit(ctxWith(false, limit), 0)).toThrow('Limit: must be a whole number of 1 or more');
	});
});
