/** The HuaweiCloudApi credential's preAuthentication(), and its requests sent through n8n-core's axios helper. */
import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { HuaweiCloudApi } from '../../../credentials/HuaweiCloudApi.credentials';
import { VendorApiError } from '../../../nodes/shared/errors';
// The helper n8n nodes reach as this.helpers.httpRequest: axios with n8n's request conversion.
import { httpRequest as n8nHttpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import { HUAWEI_DEFAULTS } from './index';
import {
	akSk,
	dc,
	hw,
	iam,
	PROJECT,
	projectsUrl,
	send,
	serverId,
	startHuaweiEmulator,
	USER,
} from './testBed';

describe('Huawei emulator', () => {
	startHuaweiEmulator();

	describe('HuaweiCloudApi credential against the emulator', () => {
		const credential = new HuaweiCloudApi();

		/** A stand-in for n8n's this.helpers.httpRequest, on Node's http. */
		function fakeHelper(calls: IHttpRequestOptions[]): IHttpRequestHelper {
			const httpRequest = async (options: IHttpRequestOptions) => {
				calls.push(options);
				const url = new URL(options.url);
				for (const [k, v] of Object.entries(options.qs ?? {})) {
					url.searchParams.append(k, String(v));
				}
				const headers: Record<string, string> = { 'Content-Type': 'application/json' };
				for (const [k, v] of Object.entries(options.headers ?? {})) headers[k] = String(v);
				const reply = await send(url.href, {
					method: options.method,
					headers,
					body: JSON.stringify(options.body),
				});
				if (!options.ignoreHttpStatusErrors && reply.status >= 400) {
					throw new Error(`HTTP ${reply.status}`);
				}
				const body = reply.json();
				return options.returnFullResponse
					? { body, headers: reply.headers as IDataObject, statusCode: reply.status }
					: body;
			};
			return { helpers: { httpRequest } } as unknown as IHttpRequestHelper;
		}

		const passwordCredentials = (password: string) => ({
			authType: 'password',
			userName: USER.name,
			password,
			domainName: HUAWEI_DEFAULTS.domainName,
			region: PROJECT.name,
			projectId: '',
			iamEndpoint: iam,
		});

		it('preAuthentication returns {} for AK/SK without any request', async () => {
			const calls: IHttpRequestOptions[] = [];
			expect(await credential.preAuthentication.call(fakeHelper(calls), akSk())).toEqual({});
			expect(calls).toHaveLength(0);
		});

		it('preAuthentication obtains a project-scoped token with a password', async () => {
			const calls: IHttpRequestOptions[] = [];
			const before = Date.now();
			const data = await credential.preAuthentication.call(
				fakeHelper(calls),
				passwordCredentials(USER.password),
			);
			expect(calls).toHaveLength(1);
			expect(calls[0].url).toBe(`${iam}/v3/auth/tokens`);
			expect(hw.cloud.tokens.has(String(data.iamToken))).toBe(true);
			expect(data.iamTokenProjectId).toBe(PROJECT.id);
			expect(typeof data.iamTokenExpiry).toBe('string');
			const expires = Number(data.iamTokenExpiry);
			expect(expires).toBeGreaterThan(before + 23.9 * 3600 * 1000);
			expect(expires).toBeLessThan(before + 24.1 * 3600 * 1000);
		});

		it('preAuthentication tells a wrong password from a locked user, leaking neither', async () => {
			const helper = fakeHelper([]);
			const attempt = async (password: string) => {
				try {
					// A wrong password is stored (for every process) and raised by authenticate().
					const data = { ...passwordCredentials(password), iamToken: '' };
					Object.assign(data, await credential.preAuthentication.call(helper, data));
					await credential.authenticate(data, { method: 'GET', url: projectsUrl(), headers: {} });
				} catch (error) {
					return error as VendorApiError;
				}
				throw new Error('expected a failure');
			};
			const wrong = await attempt('Wrong-Secret-123');
			expect(wrong).toBeInstanceOf(VendorApiError);
			expect(wrong.kind).toBe('auth');
			expect(wrong.retryable).toBe(false);
			expect(wrong.message).toMatch(/user name, password or account name is wrong/);
			expect(wrong.message).not.toContain('Wrong-Secret-123');
			for (let i = 0; i < 4; i++) await attempt(`Wrong-Secret-${i}`);
			const locked = await attempt(USER.password);
			expect(locked.message).toMatch(/locked/);
			expect(locked.message).not.toContain(USER.password);
			expect(locked.message).not.toMatch(/password or account name is wrong/);
		});

		describe("through n8n-core's own httpRequest (axios)", () => {
			const n8nHttp = n8nHttpRequest as (o: IHttpRequestOptions) => Promise<unknown>;
			const full = async (options: IHttpRequestOptions) =>
				(await n8nHttp({ ...options, returnFullResponse: true, ignoreHttpStatusErrors: true })) as {
					statusCode: number;
					body: IDataObject;
				};

			it('sends exactly the signed bytes: POST with qs and an object body', async () => {
				const options = await credential.authenticate(akSk(), {
					method: 'POST',
					baseURL: dc,
					url: `/v1/${PROJECT.id}/physicalservers/${serverId()}/logs/exports`,
					qs: { note: 'n8n ü (a&b)=*+~', tag: ['x', 'y'] },
					headers: { 'X-Project-Id': PROJECT.id },
					body: { reason: 'n8n test' },
					json: true,
				});
				const reply = await full(options);
				expect(reply.statusCode).toBe(202);
				expect(reply.body.export_id).toBeTruthy();
			});

			it('sends exactly the signed bytes: empty-object POST and a GET with qs', async () => {
				const post = await credential.authenticate(akSk(), {
					method: 'POST',
					url: `${dc}/v1/${PROJECT.id}/physicalservers/${serverId()}/logs/exports`,
					headers: { 'X-Project-Id': PROJECT.id },
					body: {},
					json: true,
				});
				expect((await full(post)).statusCode).toBe(202);
				const get = await credential.authenticate(akSk(), {
					method: 'GET',
					baseURL: dc,
					url: `/v1/${PROJECT.id}/physicalservers`,
					qs: { limit: 10, marker: hw.cloudDc.options.servers[4].id },
					json: true,
				});
				const reply = await full(get);
				expect(reply.statusCode).toBe(200);
				expect(reply.body.servers).toHaveLength(10);
			});

			it('preAuthentication works with the real helper too', async () => {
				const helper = { helpers: { httpRequest: n8nHttp } } as unknown as IHttpRequestHelper;
				const data = await credential.preAuthentication.call(
					helper,
					passwordCredentials(USER.password),
				);
				expect(hw.cloud.tokens.has(String(data.iamToken))).toBe(true);
			});
		});
	});
});
