/** readTransferOptions: what an expression hands over is converted, clamped to the editor's range, or refused by name. */
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { readTransferOptions } from '../../../nodes/shared/transferOptions';
import { InvalidParameterError, toNodeError } from '../../../nodes/shared/errors';

const MB = 1048576;

function ctx(transferOptions: unknown, signal?: AbortSignal): IExecuteFunctions {
	return {
		getNodeParameter: (name: string, _i: number, fallback: unknown) => (name === 'transferOptions' ? transferOptions : fallback),
		getExecutionCancelSignal: () => signal,
		getNode: () => ({ name: 'Node', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} }) as unknown as INode,
	} as unknown as IExecuteFunctions;
}

it('applies the defaults the editor shows', () => {
	const t = readTransferOptions(ctx({}), 0);
	expect(t).toMatchObject({
		retry: { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30000 },
		concurrency: 4,
		maxInMemoryBytes: 256 * MB,
		timeoutMs: 300000,
		sha256: false,
		maxFileBytes: 20480 * MB,
		maxTransferMs: 360 * 60000,
	});
});

it('converts numbers given as text, and treats empty as unset', () => {
	const t = readTransferOptions(ctx({ concurrency: '8', timeoutSeconds: ' 30 ', maxAttempts: '', sha256: 'true', maxFileSizeMb: '100' }), 0);
	expect([t.concurrency, t.timeoutMs, t.retry.attempts, t.sha256, t.maxFileBytes]).toEqual([8, 30000, 5, true, 100 * MB]);
});

it.each([
	['concurrency', 1000, 'concurrency', 16],
	['concurrency', 0, 'concurrency', 1],
	['concurrency', 2.6, 'concurrency', 3],
	['maxAttempts', 1e6, 'attempts', 10],
	['timeoutSeconds', 0, 'timeoutMs', 1000],
	['timeoutSeconds', -5, 'timeoutMs', 1000],
	['timeoutSeconds', 1e6, 'timeoutMs', 3600000],
	['retryBaseDelayMs', -1, 'baseDelayMs', 0],
	['maxFileSizeMb', 0, 'maxFileBytes', MB],
	['maxTransferMinutes', 1e9, 'maxTransferMs', 1440 * 60000],
])('clamps %s = %p to the editor range', (field, value, key, expected) => {
	const t = readTransferOptions(ctx({ [field]: value }), 0) as unknown as Record<string, unknown> & { retry: Record<string, unknown> };
	expect(key in t ? t[key] : t.retry[key]).toBe(expected);
});

it.each([
	['concurrency', 'abc', 'Concurrency'],
	['timeoutSeconds', 'x', 'Timeout \\(Seconds\\)'],
	['maxAttempts', {}, 'Max Attempts'],
	['maxFileSizeMb', 'NaN', 'Max File Size \\(MB\\)'],
	['maxInMemoryMb', Infinity, 'Max In-Memory Size \\(MB\\)'],
	['sha256', 'yes', 'SHA-256 Checksum'],
])('refuses %s = %p naming the field', (field, value, name) => {
	let thrown: unknown;
	try {
		readTransferOptions(ctx({ [field]: value }), 0);
	} catch (error) {
		thrown = error;
	}
	expect(thrown).toBeInstanceOf(InvalidParameterError);
	expect((thrown as Error).message).toMatch(new RegExp(`^${name} \\(Transfer Options\\): .*(not a number|not true or false)`));
	const shown = toNodeError(ctx({}), thrown, 0);
	expect(shown).toBeInstanceOf(NodeOperationError);
	expect(shown.description).toMatch(new RegExp(`Fix the "${name} \\(Transfer Options\\)" field`));
});

it("hands the execution's cancel signal to the retry policy", () => {
	const controller = new AbortController();
	expect(readTransferOptions(ctx({}, controller.signal), 0).retry.signal).toBe(controller.signal);
});
