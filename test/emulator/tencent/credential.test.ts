/** The TencentCloudApi credential's authenticate() output, accepted by the emulator as Node's http sends it. */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { TencentCloudApi } from '../../../credentials/TencentCloudApi.credentials';
import { TENCENT_EMULATOR_KEYS } from './index';
import { dsa, dsaUrl, errorCode, json, send, startTencentEmulator, teo, teoUrl } from './testBed';

startTencentEmulator();

describe('TencentCloudApi.authenticate() against the emulator', () => {
	const credential = new TencentCloudApi();
	const credentials = () => ({
		...TENCENT_EMULATOR_KEYS,
		sessionToken: '',
		teoEndpoint: teoUrl,
		dsaEndpoint: dsaUrl,
	});

	async function sendSigned(options: IHttpRequestOptions): Promise<IDataObject> {
		const url = options.baseURL
			? `${options.baseURL.replace(/\/$/, '')}${options.url}`
			: options.url;
		const headers: Record<string, string> = {};
		for (const [k, v] of Object.entries(options.headers ?? {})) headers[k] = String(v);
		expect(typeof options.body).toBe('string');
		const reply = await send(url, {
			method: options.method,
			headers,
			body: options.body as string,
		});
		expect(reply.status).toBe(200);
		return json(reply);
	}

	it('signs a TC3 request (non-ASCII JSON body) that the emulator accepts', async () => {
		const signed = await credential.authenticate(credentials(), {
			baseURL: teoUrl,
			url: '/',
			method: 'POST',
			headers: { 'X-TC-Action': 'DescribeZones', 'X-TC-Version': '2022-09-01' },
			body: { Limit: 10, Filters: [{ Name: 'zone-name', Values: ['未命名', 'example.com'] }] },
		});
		expect(signed.body).toBe(
			'{"Limit":10,"Filters":[{"Name":"zone-name","Values":["未命名","example.com"]}]}',
		);
		expect(signed.headers).toMatchObject({
			'Content-Type': 'application/json; charset=utf-8',
			'X-TC-Action': 'DescribeZones',
		});
		expect(String(signed.headers?.Authorization)).toMatch(
			new RegExp(
				'^TC3-HMAC-SHA256 Credential=AKID\\w+/\\d{4}-\\d{2}-\\d{2}/teo/tc3_request, ' +
					'SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$',
			),
		);
		const response = (await sendSigned(signed)).Response as IDataObject;
		expect(response.Error).toBeUndefined();
		expect(response.TotalCount).toBe(1);
	});

	it('sends X-TC-Token for temporary keys; the credential test request passes', async () => {
		teo.options.sessionToken = 'temporary-session-token';
		const { request } = credential.test;
		const signed = await credential.authenticate(
			{ ...credentials(), sessionToken: 'temporary-session-token' },
			{
				baseURL: teoUrl,
				url: request.url ?? '/',
				method: 'POST',
				headers: request.headers as IDataObject,
				body: request.body as IDataObject,
			},
		);
		expect(signed.headers?.['X-TC-Token']).toBe('temporary-session-token');
		const response = (await sendSigned(signed)).Response as IDataObject;
		expect(response.Error).toBeUndefined();
		expect(response.Zones).toHaveLength(1);
	});

	it('maps each auth failure the test request can meet to its own rule', async () => {
		const rules = credential.test.rules as Array<{
			properties: { key: string; value: string; message: string };
		}>;
		const signed = await credential.authenticate(
			{ ...credentials(), secretKey: 'wrong-secret-key' },
			{
				baseURL: teoUrl,
				url: '/',
				method: 'POST',
				headers: { 'X-TC-Action': 'DescribeZones', 'X-TC-Version': '2022-09-01' },
				body: { Limit: 1 },
			},
		);
		const code = errorCode((await sendSigned(signed)).Response as IDataObject);
		const rule = rules.find((r) => r.properties.value === code);
		expect(rule?.properties.key).toBe('Response.Error.Code');
		expect(rule?.properties.message).toMatch(/SecretKey is wrong/);
		expect(new Set(rules.map((r) => r.properties.message)).size).toBe(rules.length - 1);
	});

	it('signs accepted API 2.0 requests (HmacSHA256 default, HmacSHA1 on request)', async () => {
		for (const method of [undefined, 'HmacSHA1']) {
			const body: IDataObject = {
				Action: 'GetDsaHostLogs',
				hosts: JSON.stringify(['a.dsa.example.com', 'b.dsa.example.com']),
				startDate: '',
				endDate: '',
			};
			if (method) body.SignatureMethod = method;
			const signed = await credential.authenticate(credentials(), {
				url: `${dsaUrl}/v2/index.php`,
				method: 'POST',
				body,
			});
			expect(signed.headers?.['Content-Type']).toBe('application/x-www-form-urlencoded');
			const form = new URLSearchParams(String(signed.body));
			expect(form.get('SignatureMethod')).toBe(method ?? 'HmacSHA256');
			expect(form.get('hosts')).toBe('["a.dsa.example.com","b.dsa.example.com"]');
			expect(Number(form.get('Timestamp'))).toBeLessThan(1e10);
			const reply = await sendSigned(signed);
			expect(reply.code).toBe(0);
			expect(Object.keys(reply.data as IDataObject).sort()).toEqual([
				'a.dsa.example.com',
				'b.dsa.example.com',
			]);
		}
	});

	it('uses a fresh Nonce per request and re-signs an already signed request', async () => {
		const options: IHttpRequestOptions = {
			baseURL: dsaUrl,
			url: '/v2/index.php',
			method: 'POST',
			body: { Action: 'GetDsaHostLogs', hosts: '["a.dsa.example.com"]' },
		};
		const first = await credential.authenticate(credentials(), options);
		// n8n re-authenticates the already authenticated options when it retries.
		const again = await credential.authenticate(credentials(), first);
		const nonce = (o: IHttpRequestOptions) => new URLSearchParams(String(o.body)).get('Nonce');
		expect(nonce(first)).not.toBe(nonce(again));
		expect(new URLSearchParams(String(again.body)).getAll('Signature')).toHaveLength(1);
		expect((await sendSigned(first)).code).toBe(0);
		expect((await sendSigned(again)).code).toBe(0);
		expect((await sendSigned(first)).code).toBe(4500);
	});

	it('sends the Token parameter for temporary credentials on API 2.0', async () => {
		dsa.options.sessionToken = 'temporary-session-token';
		const options: IHttpRequestOptions = {
			url: `${dsaUrl}/v2/index.php`,
			method: 'POST',
			body: { Action: 'GetDsaHostLogs', hosts: '["a.dsa.example.com"]' },
		};
		const without = await credential.authenticate(credentials(), options);
		expect((await sendSigned(without)).code).toBe(4100);
		const withToken = await credential.authenticate(
			{ ...credentials(), sessionToken: 'temporary-session-token' },
			options,
		);
		expect((await sendSigned(withToken)).code).toBe(0);
	});
});
