/**
 * saveResponseAsBinary when n8n keeps binary data in its database (n8n 2.x queue mode's default):
 * the whole file is held in memory there and refused by n8n only after it arrived, so a file
 * announced above N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE is refused before a byte is read, and a
 * body without a size is cut off at the limit.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { Readable } from 'stream';
import { saveResponseAsBinary } from '../../../nodes/shared/download';

const MB = 1048576;
const transfer = { maxInMemoryBytes: 256 * MB, maxFileBytes: 20480 * MB, maxTransferMs: 60000, timeoutMs: 30000, sha256: false };

/** A context whose binary store behaves like n8n's database mode: ids `database:…`, reads it all. */
function databaseModeContext(): IExecuteFunctions {
	return {
		helpers: {
			prepareBinaryData: async (data: Buffer | Readable) => {
				if (data instanceof Readable) for await (const chunk of data) void chunk;
				return { id: `database:${Math.random()}`, data: '', mimeType: 'application/octet-stream' };
			},
			getBinaryPath: (id: string) => `database://${id}`,
		},
	} as unknown as IExecuteFunctions;
}

function body(bytes: number): { stream: Readable; read: () => number } {
	let sent = 0;
	const stream = new Readable({
		read() {
			if (sent >= bytes) return void this.push(null);
			const chunk = Buffer.alloc(Math.min(64 * 1024, bytes - sent), 0x61);
			sent += chunk.length;
			this.push(chunk);
		},
	});
	return { stream, read: () => sent };
}

const options = { vendor: 'Test', sourceUrl: 'http://127.0.0.1/file.log', fallbackName: 'file.log', transfer };

afterEach(() => delete process.env.N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE);

describe('saveResponseAsBinary in database mode', () => {
	it('refuses a file announced above the limit before reading it, naming the limit and the alternatives', async () => {
		const { stream, read } = body(600 * MB);
		const response = { body: stream, headers: { 'content-length': String(600 * MB) }, statusCode: 200 };
		const error = await saveResponseAsBinary(databaseModeContext(), response, options).catch((e) => e);
		expect(error.message).toMatch(/600\.0 MB, more than n8n's database binary mode accepts \(N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE, 512\.0 MB\)/);
		expect(error.hint).toMatch(/filesystem.*shares.*s3/);
		expect(read()).toBeLessThan(MB);
	});

	it('cuts off a body without a size at the limit the instance set', async () => {
		process.env.N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE = '1';
		const { stream, read } = body(50 * MB);
		const error = await saveResponseAsBinary(databaseModeContext(), { body: stream, headers: {}, statusCode: 200 }, options).catch((e) => e);
		expect(error.message).toMatch(/grew past 1\.0 MB/);
		expect(read()).toBeLessThan(5 * MB);
	});

	it('stores a file within the limit', async () => {
		const { stream } = body(2 * MB);
		const file = await saveResponseAsBinary(databaseModeContext(), { body: stream, headers: { 'content-length': String(2 * MB) }, statusCode: 200 }, options);
		expect(file.json.size).toBe(2 * MB);
	});
});
