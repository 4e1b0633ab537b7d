/** The HuaweiCloudApi credential's authenticate() output, sent to the emulator, and its test rules. */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { iamTokenScope } from '../../../credentials/common/huaweiIamToken';
import { HuaweiCloudApi } from '../../../credentials/HuaweiCloudApi.credentials';
import {
	akSk,
	dc,
	KEY,
	PROJECT,
	projectsUrl,
	Reply,
	send,
	serverId,
	signed,
	startHuaweiEmulator,
	STS_KEY,
	token,
} from './testBed';

describe('Huawei emulator', () => {
	startHuaweiEmulator();

	describe('HuaweiCloudApi credential against the emulator', () => {
		const credential = new HuaweiCloudApi();

		/** Send what authenticate() produced the way axios would, with Node's http. */
		async function sendOptions(options: IHttpRequestOptions): Promise<Reply> {
			expect(options.qs).toBeUndefined();
			const headers: Record<string, string> = {};
			for (const [k, v] of Object.entries(options.headers ?? {})) headers[k] = String(v);
			const body = options.body as string | Buffer | undefined;
			return await send(options.url, { method: options.method, headers, body });
		}

		it('signs a POST with a query string and a JSON body that the gateway accepts', async () => {
			const options = await credential.authenticate(akSk(), {
				method: 'POST',
				baseURL: `${dc}/`,
				url: `/v1/${PROJECT.id}/physicalservers/${serverId()}/logs/exports`,
				qs: { note: 'n8n ü (a&b)=*', tag: ['x', 'y'], skip: undefined },
				headers: { 'X-Project-Id': PROJECT.id },
				body: { reason: 'n8n test', nested: { a: [1, 2] } },
				json: true,
			});
			expect(options.baseURL).toBeUndefined();
			expect(options.body).toBe('{"reason":"n8n test","nested":{"a":[1,2]}}');
			const auth = String(options.headers?.Authorization);
			expect(auth).toMatch(/^SDK-HMAC-SHA256 Access=EMUAKHUAWEI000000001, SignedHeaders=/);
			expect(auth).toMatch(
				/SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/,
			);
			const reply = await sendOptions(options);
			expect(reply.status).toBe(202);
			expect(reply.json().export_id).toBeTruthy();
		});

		it('signs an empty-object POST body as the two bytes {}', async () => {
			const options = await credential.authenticate(akSk(), {
				method: 'POST',
				url: `${dc}/v1/${PROJECT.id}/physicalservers/${serverId()}/logs/exports`,
				headers: { 'X-Project-Id': PROJECT.id },
				body: {},
			});
			expect(options.body).toBe('{}');
			expect((await sendOptions(options)).status).toBe(202);
		});

		it('signs a GET with qs folded into the URL', async () => {
			const options = await credential.authenticate(akSk(), {
				method: 'GET',
				baseURL: dc,
				url: `/v1/${PROJECT.id}/physicalservers`,
				qs: { limit: 10, manage_state: 'in-use' },
				headers: { 'X-Project-Id': PROJECT.id },
			});
			expect(options.url).toBe(
				`${dc}/v1/${PROJECT.id}/physicalservers?limit=10&manage_state=in-use`,
			);
			const reply = await sendOptions(options);
			expect(reply.status).toBe(200);
			expect(reply.json().count).toBe(20);
		});

		it('signs X-Security-Token for temporary keys', async () => {
			const options = await credential.authenticate(
				{
					...akSk(),
					accessKey: STS_KEY.accessKey,
					secretKey: STS_KEY.secretKey,
					securityToken: STS_KEY.securityToken ?? '',
				},
				{ method: 'GET', url: projectsUrl() },
			);
			expect(String(options.headers?.Authorization)).toContain(
				'SignedHeaders=host;x-sdk-date;x-security-token',
			);
			expect((await sendOptions(options)).status).toBe(200);
		});

		it('puts the cached token in X-Auth-Token in password mode, only for the values it was issued for', async () => {
			const subject = await token();
			const values = { authType: 'password', region: PROJECT.name, userName: 'u', password: 'p' };
			const stored = { ...values, iamToken: subject, iamTokenScope: iamTokenScope(values) };
			const options = await credential.authenticate(stored, { method: 'GET', url: projectsUrl(), headers: {} });
			const edited = await credential.authenticate(
				{ ...stored, password: 'another password' },
				{ method: 'GET', url: projectsUrl(), headers: {} },
			);
			expect(edited.headers?.['X-Auth-Token']).toBeUndefined();
			expect(options.headers?.['X-Auth-Token']).toBe(subject);
			expect(options.headers?.Authorization).toBeUndefined();
			expect((await sendOptions({ ...options, url: projectsUrl() })).status).toBe(200);
		});

		describe('credential test rules', () => {
			type Rule = { properties: { key: string; value: unknown; message: string } };
			const pick = (body: unknown, path: string): unknown =>
				path
					.replace(/\[(\d+)\]/g, '.$1')
					.split('.')
					.reduce<unknown>(
						(o, k) => (o && typeof o === 'object' ? (o as IDataObject)[k] : undefined),
						body,
					);
			const verdict = (body: unknown) =>
				(credential.test.rules as Rule[]).find(
					(r) => pick(body, r.properties.key) === r.properties.value,
				)?.properties.message;

			it('passes on a good answer and names each failure distinctly', async () => {
				expect(verdict((await send(projectsUrl(), signed(projectsUrl()))).json())).toBeUndefined();
				const wrongSk = signed(projectsUrl(), {
					key: { accessKey: KEY.accessKey, secretKey: 'x' },
				});
				const skew = signed(projectsUrl(), { date: new Date(Date.now() - 3600_000) });
				const unknown = signed(projectsUrl(), { key: { accessKey: 'NOPE', secretKey: 'x' } });
				const messages = [
					verdict((await send(projectsUrl(), wrongSk)).json()),
					verdict((await send(projectsUrl(), skew)).json()),
					verdict((await send(projectsUrl(), unknown)).json()),
					verdict({ error: { code: 403, message: 'Forbidden', title: 'Forbidden' } }),
					verdict({ projects: [] }),
				];
				expect(messages[0]).toMatch(/Secret Access Key/);
				expect(messages[1]).toMatch(/clock/);
				expect(messages[2]).toMatch(/Access Key ID/);
				expect(messages[3]).toMatch(/permission/);
				expect(messages[4]).toMatch(/region/);
				expect(new Set(messages).size).toBe(messages.length);
			});
		});
	});
});
