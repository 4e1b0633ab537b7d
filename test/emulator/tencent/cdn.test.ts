/** The log CDN through real HTTP: the files it serves and the URL checks it makes. */
import type { IDataObject } from 'n8n-workflow';
import { fileSha256 } from '../files';
import { TeoPacket } from './index';
import {
	callDsa,
	callTeo,
	cdn,
	dsa,
	files,
	pin,
	PINNED,
	send,
	sha256,
	startTencentEmulator,
	teo,
} from './testBed';

startTencentEmulator();

describe('log CDN', () => {
	beforeEach(() => pin());

	async function firstPacketUrl(): Promise<{ url: string; packet: TeoPacket }> {
		const response = await callTeo({
			action: 'DownloadL7Logs',
			body: {
				StartTime: '2024-06-10T00:00:00Z',
				EndTime: '2024-06-10T01:00:00Z',
				ZoneIds: ['zone-39quuimqg8r6'],
			},
		});
		const packet = teo.packets({
			kind: 'l7',
			start: '2024-06-10T00:00:00Z',
			end: '2024-06-10T01:00:00Z',
			zoneIds: ['zone-39quuimqg8r6'],
		})[0];
		return { url: String((response.Data as IDataObject[])[0].Url), packet };
	}

	it('serves an EdgeOne packet whose sha256 matches its spec', async () => {
		const { url, packet } = await firstPacketUrl();
		const reply = await send(url);
		expect(reply.status).toBe(200);
		expect(reply.headers['content-type']).toBe('application/octet-stream');
		expect(reply.body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
		const spec = teo.packetSpec(packet);
		expect(spec).toMatchObject({ format: 'gz', style: 'jsonl', size: 32 * 1024 });
		expect(reply.body.length).toBe(spec.size);
		expect(sha256(reply.body)).toBe(await fileSha256(spec));
	});

	it('serves a DSA hourly log, and a large file on request', async () => {
		const [log] = dsa.hostLogs('b.dsa.example.com', '2024-06-09', '2024-06-09');
		files.setSize(log.name, 3 * 1024 * 1024 + 7);
		const reply = await callDsa({ params: { hosts: '["b.dsa.example.com"]' } });
		const url = (reply.data as Record<string, Array<{ url: string }>>)['b.dsa.example.com'][0].url;
		const file = await send(url);
		expect(file.status).toBe(200);
		const spec = dsa.logSpec(log);
		expect(spec).toMatchObject({ format: 'gz', style: 'cdn', size: 3 * 1024 * 1024 + 7 });
		expect(Number(file.headers['content-length'])).toBe(spec.size);
		expect(sha256(file.body)).toBe(await fileSha256(spec));
	});

	it('refuses API credentials, expired URLs and tampered signatures with 403', async () => {
		const { url } = await firstPacketUrl();
		const withAuth = await send(url, {
			headers: { Authorization: 'TC3-HMAC-SHA256 Credential=x' },
		});
		expect(withAuth.status).toBe(403);
		expect(withAuth.body.toString()).toContain('<Code>AccessDenied</Code>');
		expect((await send(url, { headers: { 'X-TC-Token': 'tok' } })).status).toBe(403);
		expect(cdn.counters.credentialLeaks).toBe(2);

		const tampered = url.replace(/st=[^&]+/, 'st=AAAAAAAAAAAAAAAAAAAAAA');
		expect((await send(tampered)).status).toBe(403);
		const longer = url.replace(/e=(\d+)/, (_, e) => `e=${Number(e) + 3600}`);
		expect((await send(longer)).status).toBe(403);

		cdn.clock = () => PINNED + 3601 * 1000;
		const expired = await send(url);
		expect(expired.status).toBe(403);
		expect(expired.body.toString()).toContain('Request has expired');
	});
});
