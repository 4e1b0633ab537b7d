/** Huawei CloudDC through real HTTP: server pages, the log export and its download. */
import { fileSha256 } from '../files';
import { HOSTILE_SNS } from './index';
import {
	dc,
	exportsUrl,
	hw,
	OTHER_PROJECT,
	PROJECT,
	send,
	serverId,
	serversUrl,
	sha256,
	signed,
	startHuaweiEmulator,
	token,
} from './testBed';

describe('Huawei emulator', () => {
	startHuaweiEmulator();

	describe('CloudDC', () => {
		it('paginates servers with marker/limit, clamping limit to 10..1000', async () => {
			const seen: string[] = [];
			let marker = '';
			const sizes: number[] = [];
			for (;;) {
				const url = serversUrl(`?limit=3${marker ? `&marker=${marker}` : ''}`);
				const body = (await send(url, signed(url))).json();
				expect(body.count).toBe(25);
				sizes.push(body.page_info.current_count);
				seen.push(...body.servers.map((s: { id: string }) => s.id));
				if (!body.page_info.next_marker) break;
				marker = body.page_info.next_marker;
			}
			expect(sizes).toEqual([10, 10, 5]);
			expect(new Set(seen).size).toBe(25);
			const big = (await send(serversUrl('?limit=5000'), signed(serversUrl('?limit=5000')))).json();
			expect(big.servers).toHaveLength(25);
			expect(big.page_info.next_marker).toBeUndefined();
		});

		it('filters by manage_state and rejects an unknown state', async () => {
			const url = serversUrl('?manage_state=ready');
			const body = (await send(url, signed(url))).json();
			expect(body.count).toBe(5);
			expect(body.servers.every((s: { manage_state: string }) => s.manage_state === 'ready')).toBe(
				true,
			);
			const bad = serversUrl('?manage_state=sleeping');
			const reply = await send(bad, signed(bad));
			expect(reply.status).toBe(400);
			expect(reply.json().error_code).toMatch(/^CLOUDDC\./);
		});

		it('refuses a project_id that does not match the credential', async () => {
			const other = `${dc}/v1/${OTHER_PROJECT.id}/physicalservers`;
			const viaHeader = signed(other, { extra: { 'X-Project-Id': PROJECT.id } });
			expect((await send(other, viaHeader)).status).toBe(403);
			const subject = await token();
			const viaToken = await send(other, { headers: { 'X-Auth-Token': subject } });
			expect(viaToken.status).toBe(403);
			expect(viaToken.json().error_code).toBe('CLOUDDC.4030');
		});

		it('answers an unknown server with a 404 service error', async () => {
			const url = exportsUrl('00000000-0000-0000-0000-000000000000');
			const reply = await send(url, signed(url, { method: 'POST', body: '{}' }));
			expect(reply.status).toBe(404);
			expect(reply.json().error_code).toBe('CLOUDDC.4040');
		});

		async function startExport(id = serverId()): Promise<string> {
			const reply = await send(
				exportsUrl(id),
				signed(exportsUrl(id), { method: 'POST', body: '{}' }),
			);
			expect(reply.status).toBe(202);
			return reply.json().export_id;
		}

		async function poll(
			id: string,
			exportId: string,
		): Promise<Array<{ status: string; percentage: string }>> {
			const seen: Array<{ status: string; percentage: string }> = [];
			for (let i = 0; i < 100; i++) {
				const url = `${exportsUrl(id)}/${exportId}`;
				const body = (await send(url, signed(url))).json();
				seen.push({ status: body.status, percentage: body.percentage });
				if (body.status !== 'Running' && body.status !== 'processing') return seen;
				await new Promise((r) => setTimeout(r, 40));
			}
			throw new Error('export never finished');
		}

		it('runs an export to completion (example vocabulary), then serves the tar.gz', async () => {
			const exportId = await startExport();
			const early = `${exportsUrl()}/${exportId}/content`;
			const notReady = await send(early, signed(early));
			expect(notReady.status).toBe(409);
			expect(notReady.json().error_code).toBe('CLOUDDC.4090');

			const seen = await poll(serverId(), exportId);
			expect(seen[0].status).toBe('Running');
			expect(seen[0].percentage).toMatch(/^\d+%$/);
			expect(seen[seen.length - 1]).toEqual({ status: 'completed', percentage: '100%' });

			const reply = await send(early, signed(early));
			expect(reply.status).toBe(200);
			expect(reply.headers['content-type']).toBe('application/octet-stream;charset=UTF-8');
			const sn = hw.cloudDc.options.servers[0].sn;
			expect(reply.headers['content-disposition']).toBe(`attachment; filename=${sn}-dump.tar.gz`);
			expect(reply.body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
			expect(sha256(reply.body)).toBe(await fileSha256(hw.cloudDc.exportSpec(exportId)));
		});

		it('can spell progress as processing with bare percentages', async () => {
			hw.cloudDc.options.statusStyle = 'schema';
			const reply = await send(exportsUrl(), signed(exportsUrl(), { method: 'POST', body: '{}' }));
			expect(reply.json()).toMatchObject({ status: 'processing', percentage: '0' });
			expect(reply.json().created_at).toMatch(/\+00:00$/);
			const seen = await poll(serverId(), reply.json().export_id);
			expect(seen[seen.length - 1]).toEqual({ status: 'completed', percentage: '100' });
		});

		it('can make an export fail, and then refuses the download', async () => {
			const server = hw.cloudDc.options.servers[1];
			server.failExport = true;
			try {
				const exportId = await startExport(server.id);
				const seen = await poll(server.id, exportId);
				expect(seen[seen.length - 1].status).toBe('failed');
				const url = `${exportsUrl(server.id)}/${exportId}/content`;
				const reply = await send(url, signed(url));
				expect(reply.status).toBe(409);
				expect(reply.json().error_code).toBe('CLOUDDC.4091');
			} finally {
				server.failExport = false;
			}
		});

		it('serves a hostile serial number verbatim in Content-Disposition', async () => {
			const server = hw.cloudDc.options.servers[2];
			const original = server.sn;
			hw.cloudDc.setServerSn(server.id, HOSTILE_SNS.traversal);
			try {
				const exportId = await startExport(server.id);
				hw.cloudDc.completeExports();
				const url = `${exportsUrl(server.id)}/${exportId}/content`;
				const reply = await send(url, signed(url));
				expect(reply.headers['content-disposition']).toBe(
					'attachment; filename=../../etc/passwd-dump.tar.gz',
				);
			} finally {
				server.sn = original;
			}
		});

		it('answers its own throttle with a plain-string 429', async () => {
			hw.cloudDc.options.serviceThrottle = { limit: 2, windowMs: 60_000 };
			expect((await send(serversUrl(), signed(serversUrl()))).status).toBe(200);
			expect((await send(serversUrl(), signed(serversUrl()))).status).toBe(200);
			const reply = await send(serversUrl(), signed(serversUrl()));
			expect(reply.status).toBe(429);
			expect(reply.headers['content-type']).toMatch(/^text\/plain/);
			expect(() => reply.json()).toThrow();
		});
	});
});
