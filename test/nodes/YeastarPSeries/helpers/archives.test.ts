/** A Yeastar system-log archive: a fresh link for every attempt, and only a tar archive is accepted. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { Readable } from 'stream';
import { downloadArchive } from '../../../../nodes/YeastarPSeries/helpers/archives';
import { openArchiveStream, yeastarApiAttempt } from '../../../../nodes/YeastarPSeries/transport';
import { LOOKUP_TRANSFER, type TransferOptions } from '../../../../nodes/shared/transferOptions';
import { VendorApiError } from '../../../../nodes/shared/errors';

jest.mock('../../../../nodes/YeastarPSeries/transport', () => ({
	...jest.requireActual('../../../../nodes/YeastarPSeries/transport'),
	yeastarApiAttempt: jest.fn(),
	openArchiveStream: jest.fn(),
}));
const askLink = yeastarApiAttempt as jest.MockedFunction<typeof yeastarApiAttempt>;
const open = openArchiveStream as jest.MockedFunction<typeof openArchiveStream>;

const transfer: TransferOptions = { ...LOOKUP_TRANSFER, retry: { attempts: 3, baseDelayMs: 1 }, maxInMemoryBytes: 1048576 };

/** A context whose binary store reads the stream to its end, as n8n's does. */
const ctx = {
	getCredentials: async () => ({ baseUrl: 'https://pbx.example.com', apiPath: 'openapi/v1.0' }),
	helpers: {
		prepareBinaryData: async (data: Buffer | Readable, fileName?: string, mimeType?: string) => {
			let size = 0;
			if (data instanceof Readable) for await (const chunk of data) size += (chunk as Buffer).length;
			return { data: '', fileName, mimeType, fileSize: String(size) };
		},
	},
} as unknown as IExecuteFunctions;

function tar(): Buffer {
	const block = Buffer.alloc(1024);
	block.write('ustar', 257, 'latin1');
	return block;
}
const response = (body: Buffer) => ({ statusCode: 200, headers: { 'content-length': String(body.length) }, body: Readable.from([body]) });

beforeEach(() => {
	askLink.mockReset();
	open.mockReset();
});

describe('downloadArchive', () => {
	it('asks for the named days and delivers the archive with their names', async () => {
		askLink.mockResolvedValue({ errcode: 0, file: 'PBX-SystemLog.tar', download_resource_url: '/api/download/x.tar' });
		open.mockResolvedValue(response(tar()));
		const item = await downloadArchive(ctx, ['20240610', '20240609'], 'data', transfer);
		expect(askLink.mock.calls[0].slice(1, 3)).toEqual(['system_log/download', { files: '20240610,20240609' }]);
		expect(open.mock.calls[0][1]).toBe('https://pbx.example.com/api/download/x.tar');
		expect(item.json).toMatchObject({ archive: 'PBX-SystemLog.tar', logs: ['20240610', '20240609'], fileName: 'PBX-SystemLog.tar', size: 1024 });
		expect(item.binary?.data).toBeDefined();
	});

	it('asks for a new link when an attempt fails with a retryable error', async () => {
		askLink.mockResolvedValue({ errcode: 0, download_resource_url: '/api/download/x.tar' });
		open
			.mockRejectedValueOnce(new VendorApiError({ vendor: 'Yeastar', kind: 'notFound', retryable: true, message: 'the download link expired' }))
			.mockResolvedValueOnce(response(tar()));
		const item = await downloadArchive(ctx, ['20240610'], 'data', transfer);
		expect(askLink).toHaveBeenCalledTimes(2);
		// Without a served name the link's own name is kept.
		expect(item.json.fileName).toBe('x.tar');
	});

	it('refuses a JSON message served where the archive belongs', async () => {
		askLink.mockResolvedValue({ errcode: 0, download_resource_url: '/api/download/x.tar' });
		open.mockImplementation(async () => response(Buffer.from('{"errcode":60001,"errmsg":"DATA NOT FOUND"}')));
		await expect(downloadArchive(ctx, ['20240610'], 'data', transfer)).rejects.toThrow(/JSON message instead of the archive/);
	});

	it('refuses a link to another host before anything is sent there', async () => {
		askLink.mockResolvedValue({ errcode: 0, download_resource_url: 'https://elsewhere.example.net/x.tar' });
		await expect(downloadArchive(ctx, ['20240610'], 'data', transfer)).rejects.toThrow(/outside the configured base URL/);
		expect(open).not.toHaveBeenCalled();
	});
});
