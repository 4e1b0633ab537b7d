/**
 * The options that only matter for files (SHA-256, concurrency, in-memory and file-size limits) are
 * offered where files are downloaded, and nowhere else; the retry defaults the
 * editor shows (n8n's linter wants them literal) are the ones the nodes apply.
 */
import type { INodeProperties, INodeType } from 'n8n-workflow';
import { transferOptionsField } from '../../../nodes/shared/descriptions';
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
