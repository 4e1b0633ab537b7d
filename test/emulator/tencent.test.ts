/**
 * The Tencent emulators through real HTTP: TC3 and API 2.0 verification, the error shapes,
 * pagination, rate limits, the CDN's URL checks, and the TencentCloudApi credential's
 * authenticate() output being accepted as sent by Node's own http client.
 */
import { createHash } from 'crypto';
import { request } from 'http';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { TencentCloudApi } from '../../credentials/TencentCloudApi.credentials';
import {
	encodeForm,
	signTc3,
	signTencentV2,
	type Tc3SignedHeaders,
} from '../../credentials/common/tencentSigning';
import { fileSha256 } from './files';
import { Emulator } from './server';
import { createTencentEmulators, TENCENT_EMULATOR_KEYS, TeoPacket } from './tencent';

interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

function send(
	url: string,
	init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const headers = { ...init.headers };
		if (init.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(init.body));
		const req = request(url, { method: init.method ?? 'GET', headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
			);
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(init.body);
	});
}

const json = (reply: Reply) => JSON.parse(reply.body.toString('utf8'));
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** 2024-06-10T12:00:00Z: every test that lists logs runs at this instant. */
const PINNED = Date.UTC(2024, 5, 10, 12, 0, 0);
const nowSec = () => Math.floor(Date.now() / 1000);

const { teo, dsa, cdn, files } = createTencentEmulators();
const emulator = new Emulator([teo, dsa, cdn]);
let teoUrl = '';
let dsaUrl = '';

beforeAll(async () => {
	await emulator.start('127.0.0.1', 0);
	teoUrl = emulator.url('teo');
	dsaUrl = emulator.url('dsa');
});
afterAll(() => emulator.stop());
afterEach(() => {
	emulator.reset();
	teo.options.sessionToken = undefined;
	dsa.options.sessionToken = undefined;
});

function pin(at = PINNED): void {
	teo.clock = () => at;
	dsa.clock = () => at;
	cdn.clock = () => at;
}

interface TeoCall {
	action: string;
	version?: string;
	body?: unknown;
	timestamp?: number;
	secretId?: string;
	secretKey?: string;
	signedHeaders?: Tc3SignedHeaders;
	token?: string;
	mutateAuthorization?: (authorization: string) => string;
}

async function callTeo(call: TeoCall): Promise<IDataObject> {
	const payload = JSON.stringify(call.body ?? {});
	const timestamp = call.timestamp ?? Math.floor(teo.clock() / 1000);
	const host = new URL(teoUrl).host;
	const contentType = 'application/json; charset=utf-8';
	const signed = signTc3({
		secretId: call.secretId ?? TENCENT_EMULATOR_KEYS.secretId,
		secretKey: call.secretKey ?? TENCENT_EMULATOR_KEYS.secretKey,
		service: 'teo',
		host,
		action: call.action,
		timestamp,
		payload,
		contentType,
		signedHeaders: call.signedHeaders,
	});
	const headers: Record<string, string> = {
		'Content-Type': contentType,
		'X-TC-Action': call.action,
		'X-TC-Version': call.version ?? '2022-09-01',
		'X-TC-Timestamp': String(timestamp),
		Authorization: call.mutateAuthorization?.(signed.authorization) ?? signed.authorization,
	};
	if (call.token) headers['X-TC-Token'] = call.token;
	const reply = await send(`${teoUrl}/`, { method: 'POST', headers, body: payload });
	expect(reply.status).toBe(200);
	return json(reply).Response;
}

const errorCode = (response: IDataObject) => (response.Error as IDataObject | undefined)?.Code;

interface DsaCall {
	params?: Record<string, string>;
	method?: 'GET' | 'POST';
	algorithm?: 'HmacSHA1' | 'HmacSHA256';
	nonce?: string;
	timestamp?: string;
	secretKey?: string;
}

let nonceCounter = 1000;

async function callDsa(call: DsaCall = {}): Promise<IDataObject> {
	const method = call.method ?? 'POST';
	const params: Record<string, string> = {
		Action: 'GetDsaHostLogs',
		SecretId: TENCENT_EMULATOR_KEYS.secretId,
		Timestamp: call.timestamp ?? String(Math.floor(dsa.clock() / 1000)),
		Nonce: call.nonce ?? String(++nonceCounter),
		hosts: '["a.dsa.example.com"]',
		startDate: '2024-06-09',
		endDate: '2024-06-09',
		...call.params,
	};
	if (call.algorithm === 'HmacSHA256') params.SignatureMethod = 'HmacSHA256';
	const host = new URL(dsaUrl).host;
	const { signature } = signTencentV2({
		secretKey: call.secretKey ?? TENCENT_EMULATOR_KEYS.secretKey,
		method,
		host,
		path: '/v2/index.php',
		params,
		algorithm: call.algorithm ?? 'HmacSHA1',
	});
	const encoded = encodeForm({ ...params, Signature: signature });
	const reply =
		method === 'GET'
			? await send(`${dsaUrl}/v2/index.php?${encoded}`)
			: await send(`${dsaUrl}/v2/index.php`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
					body: encoded,
				});
	expect(reply.status).toBe(200);
	return json(reply);
}

describe('EdgeOne TC3 verification', () => {
	it('accepts a valid DescribeZones call with either signed-header set', async () => {
		for (const signedHeaders of ['content-type;host', 'content-type;host;x-tc-action'] as const) {
			const response = await callTeo({
				action: 'DescribeZones',
				body: { Limit: 2 },
				signedHeaders,
			});
			expect(response.Error).toBeUndefined();
			expect(response.TotalCount).toBe(3);
			expect(response.Zones).toEqual([
				{
					ZoneId: 'zone-2mzegj4vln5f',
					ZoneName: 'example.com',
					Status: 'active',
					Area: 'mainland',
				},
				{
					ZoneId: 'zone-39quuimqg8r6',
					ZoneName: 'example.org',
					Status: 'active',
					Area: 'overseas',
				},
			]);
			expect(typeof response.RequestId).toBe('string');
		}
	});

	it('rejects a wrong SecretKey, an unknown SecretId and a malformed header', async () => {
		const wrongKey = await callTeo({ action: 'DescribeZones', secretKey: 'not-the-secret-key' });
		expect(errorCode(wrongKey)).toBe('AuthFailure.SignatureFailure');
		const unknownId = await callTeo({ action: 'DescribeZones', secretId: 'AKIDunknown' });
		expect(errorCode(unknownId)).toBe('AuthFailure.SecretIdNotFound');
		const malformed = await callTeo({
			action: 'DescribeZones',
			mutateAuthorization: (a) => a.replace('TC3-HMAC-SHA256 ', 'HMAC '),
		});
		expect(errorCode(malformed)).toBe('AuthFailure.InvalidAuthorization');
	});

	it('rejects a timestamp more than 5 minutes off, and a non-UTC credential date', async () => {
		const expired = await callTeo({ action: 'DescribeZones', timestamp: nowSec() - 301 });
		expect(errorCode(expired)).toBe('AuthFailure.SignatureExpire');
		const ahead = await callTeo({ action: 'DescribeZones', timestamp: nowSec() + 400 });
		expect(errorCode(ahead)).toBe('AuthFailure.SignatureExpire');
		const withinSkew = await callTeo({ action: 'DescribeZones', timestamp: nowSec() - 200 });
		expect(withinSkew.Error).toBeUndefined();
		// A client that takes the date in UTC+8 signs a scope one day ahead near midnight UTC.
		const localDate = await callTeo({
			action: 'DescribeZones',
			mutateAuthorization: (a) => a.replace(/\/\d{4}-\d{2}-\d{2}\//, '/2001-01-01/'),
		});
		expect(errorCode(localDate)).toBe('AuthFailure.SignatureFailure');
	});

	it('hashes the exact body bytes: equal JSON sent with other bytes fails', async () => {
		const timestamp = nowSec();
		const contentType = 'application/json; charset=utf-8';
		const signed = signTc3({
			...TENCENT_EMULATOR_KEYS,
			service: 'teo',
			host: new URL(teoUrl).host,
			action: 'DescribeZones',
			timestamp,
			payload: '{"Limit":1}',
			contentType,
		});
		const headers = {
			'Content-Type': contentType,
			'X-TC-Action': 'DescribeZones',
			'X-TC-Version': '2022-09-01',
			'X-TC-Timestamp': String(timestamp),
			Authorization: signed.authorization,
		};
		const exact = await send(`${teoUrl}/`, { method: 'POST', headers, body: '{"Limit":1}' });
		expect(json(exact).Response.Error).toBeUndefined();
		const spaced = await send(`${teoUrl}/`, { method: 'POST', headers, body: '{"Limit": 1}' });
		expect(json(spaced).Response.Error.Code).toBe('AuthFailure.SignatureFailure');
		const plainType = await send(`${teoUrl}/`, {
			method: 'POST',
			headers: { ...headers, 'Content-Type': 'application/json' },
			body: '{"Limit":1}',
		});
		expect(json(plainType).Response.Error.Code).toBe('AuthFailure.SignatureFailure');
	});

	it('checks X-TC-Token when the key is temporary', async () => {
		teo.options.sessionToken = 'temporary-session-token';
		expect(errorCode(await callTeo({ action: 'DescribeZones' }))).toBe('AuthFailure.TokenFailure');
		expect(errorCode(await callTeo({ action: 'DescribeZones', token: 'some-other-token' }))).toBe(
			'AuthFailure.TokenFailure',
		);
		const ok = await callTeo({ action: 'DescribeZones', token: 'temporary-session-token' });
		expect(ok.Error).toBeUndefined();
	});

	it('answers NoSuchVersion, InvalidAction and MissingParameter', async () => {
		const version = await callTeo({ action: 'DescribeZones', version: '2019-01-01' });
		expect(errorCode(version)).toBe('NoSuchVersion');
		const action = await callTeo({ action: 'DownloadL9Logs' });
		expect(errorCode(action)).toBe('InvalidAction');
		const legacyL4 = await callTeo({ action: 'DownloadL4Logs', version: '2022-01-06' });
		expect(errorCode(legacyL4)).toBe('InvalidAction');
	});
});

describe('EdgeOne DownloadL7Logs / DownloadL4Logs', () => {
	const range = { StartTime: '2024-06-10T00:00:00Z', EndTime: '2024-06-10T06:00:00Z' };

	beforeEach(() => pin());

	it('pages through every packet with Offset/Limit (2022-09-01)', async () => {
		const expected = teo.packets({
			kind: 'l7',
			...{ start: range.StartTime, end: range.EndTime },
			zoneIds: ['zone-2mzegj4vln5f'],
		});
		expect(expected).toHaveLength(12); // 6 hours x 2 domains
		const seen: IDataObject[] = [];
		for (let offset = 0; ; offset += 5) {
			const response = await callTeo({
				action: 'DownloadL7Logs',
				body: { ...range, ZoneIds: ['zone-2mzegj4vln5f'], Limit: 5, Offset: offset },
			});
			expect(response.Error).toBeUndefined();
			expect(response.TotalCount).toBe(12);
			seen.push(...(response.Data as IDataObject[]));
			if (offset + 5 >= (response.TotalCount as number)) break;
		}
		expect(seen.map((d) => d.LogPacketName)).toEqual(expected.map((p) => p.name));
		expect(seen[0]).toMatchObject({
			Domain: 'www.example.com',
			Area: 'mainland',
			LogPacketName: '20240610-00-www.example.com',
			LogTime: Date.UTC(2024, 5, 10, 0) / 1000,
			LogStartTime: '2024-06-10T08:00:00+08:00',
			LogEndTime: '2024-06-10T08:59:59+08:00',
		});
		expect(String(seen[0].Url)).toMatch(
			/^http:\/\/127\.0\.0\.1:\d+\/teo\/l7\/.+\.log\.gz\?st=.+&e=\d+$/,
		);
	});

	it('filters by Domains and ProxyIds', async () => {
		const l7 = await callTeo({
			action: 'DownloadL7Logs',
			body: { ...range, ZoneIds: ['zone-2mzegj4vln5f'], Domains: ['api.example.com'], Limit: 300 },
		});
		expect(l7.TotalCount).toBe(6);
		expect((l7.Data as IDataObject[]).every((d) => d.Domain === 'api.example.com')).toBe(true);
		const l4 = await callTeo({
			action: 'DownloadL4Logs',
			body: { ...range, ZoneIds: ['zone-2o0l8xhs1rwp'], ProxyIds: ['sid-2s9ck1m5vd3m'] },
		});
		expect(l4.TotalCount).toBe(6);
		expect((l4.Data as IDataObject[])[0]).toMatchObject({
			ProxyId: 'sid-2s9ck1m5vd3m',
			Area: 'overseas',
			LogPacketName: '20240610-00-sid-2s9ck1m5vd3m',
		});
	});

	it('lists only hours that have ended', async () => {
		const response = await callTeo({
			action: 'DownloadL7Logs',
			body: {
				StartTime: '2024-06-10T10:30:00Z',
				EndTime: '2024-06-10T18:00:00Z',
				ZoneIds: ['zone-39quuimqg8r6'],
			},
		});
		// 10:00 and 11:00 have ended at 12:00; 12:00 has not.
		expect((response.Data as IDataObject[]).map((d) => d.LogPacketName)).toEqual([
			'20240610-10-www.example.org',
			'20240610-11-www.example.org',
		]);
	});

	it('validates the parameters', async () => {
		const call = (body: IDataObject) => callTeo({ action: 'DownloadL7Logs', body });
		const zone = { ZoneIds: ['zone-2mzegj4vln5f'] };
		expect(errorCode(await call({ ...range }))).toBe('MissingParameter');
		expect(errorCode(await call({ EndTime: range.EndTime, ...zone }))).toBe('MissingParameter');
		expect(errorCode(await call({ ...range, ...zone, Limit: 301 }))).toBe('InvalidParameterValue');
		expect(
			errorCode(await call({ StartTime: range.EndTime, EndTime: range.StartTime, ...zone })),
		).toBe('InvalidParameterValue');
		expect(
			errorCode(await call({ StartTime: '2024-05-01T00:00:00Z', EndTime: range.EndTime, ...zone })),
		).toBe('InvalidParameterValue');
		expect(
			errorCode(await call({ StartTime: '2024/06/10 00:00', EndTime: range.EndTime, ...zone })),
		).toBe('InvalidParameterValue');
		expect(errorCode(await call({ ...range, ZoneIds: ['zone-unknown'] }))).toBe(
			'ResourceUnavailable',
		);
	});

	it('serves the legacy 2022-01-06 shape, treating PageNo 0 as the first page', async () => {
		const page = (PageNo: number) =>
			callTeo({
				action: 'DownloadL7Logs',
				version: '2022-01-06',
				body: { ...range, PageNo, PageSize: 5, Zones: ['example.com'] },
			});
		const zero = await page(0);
		const one = await page(1);
		const three = await page(3);
		expect(zero.Error).toBeUndefined();
		expect(zero).toMatchObject({ PageNo: 1, PageSize: 5, Pages: 3, TotalSize: 12 });
		expect(zero.Data).toEqual(one.Data);
		expect(three.Data as IDataObject[]).toHaveLength(2);
		expect(Object.keys((one.Data as IDataObject[])[0]).sort()).toEqual(
			['Area', 'Domain', 'LogPacketName', 'LogTime', 'Size', 'Url'].sort(),
		);
		const missing = await callTeo({
			action: 'DownloadL7Logs',
			version: '2022-01-06',
			body: { ...range, PageSize: 5 },
		});
		expect(errorCode(missing)).toBe('MissingParameter');
	});
});

describe('rate limits', () => {
	beforeEach(() => pin());

	it('answers RequestLimitExceeded past 20/s on 2022-01-06', async () => {
		const body = {
			StartTime: '2024-06-10T00:00:00Z',
			EndTime: '2024-06-10T01:00:00Z',
			PageNo: 1,
			PageSize: 10,
		};
		const replies = await Promise.all(
			Array.from({ length: 25 }, () =>
				callTeo({ action: 'DownloadL7Logs', version: '2022-01-06', body }),
			),
		);
		const codes = replies.map(errorCode);
		expect(codes.filter((c) => c === undefined)).toHaveLength(20);
		expect(codes.filter((c) => c === 'RequestLimitExceeded')).toHaveLength(5);
	});

	it('answers 4400 past 100 DSA calls per minute', async () => {
		const replies = await Promise.all(Array.from({ length: 101 }, () => callDsa()));
		const codes = replies.map((r) => r.code);
		expect(codes.filter((c) => c === 0)).toHaveLength(100);
		expect(codes.filter((c) => c === 4400)).toHaveLength(1);
		// A minute later the window has moved on.
		pin(PINNED + 61_000);
		expect((await callDsa()).code).toBe(0);
	});
});

describe('DSA GetDsaHostLogs (API 2.0)', () => {
	beforeEach(() => pin());

	it('accepts POST form and GET query, HmacSHA1 and HmacSHA256', async () => {
		for (const method of ['POST', 'GET'] as const) {
			for (const algorithm of ['HmacSHA1', 'HmacSHA256'] as const) {
				const reply = await callDsa({ method, algorithm });
				expect(reply).toMatchObject({ code: 0, message: '', codeDesc: 'Success' });
			}
		}
	});

	it('lists one URL per hour with traffic, keyed by host; unknown hosts get no entry', async () => {
		const reply = await callDsa({
			params: { hosts: '["a.dsa.example.com","unknown.example.com"]' },
		});
		const data = reply.data as Record<string, Array<{ datetime: string; url: string }>>;
		expect(Object.keys(data)).toEqual(['a.dsa.example.com']);
		const expected = dsa.hostLogs('a.dsa.example.com', '2024-06-09', '2024-06-09');
		expect(expected.length).toBeGreaterThan(12);
		expect(expected.length).toBeLessThan(24); // some hours had no traffic
		expect(data['a.dsa.example.com'].map((e) => e.datetime)).toEqual(
			expected.map((e) => e.datetime),
		);
		const { url } = data['a.dsa.example.com'][0];
		const parsed = new URL(url);
		expect(parsed.pathname).toMatch(/^\/dsa\/20240609\/\d{2}\/20240609-a\.dsa\.example\.com$/);
		expect(Number(parsed.searchParams.get('e'))).toBe(PINNED / 1000 + 86400);
	});

	it('returns today (Beijing day) when a date is empty, minus hours in collection', async () => {
		const reply = await callDsa({ params: { startDate: '', endDate: '' } });
		const entries = (reply.data as Record<string, Array<{ datetime: string }>>)[
			'a.dsa.example.com'
		];
		// 12:00 UTC is 20:00 in Beijing; hours up to 17:00 (ended 18:00, +2 h delay) are listed.
		expect(entries.every((e) => e.datetime.startsWith('2024-06-10 '))).toBe(true);
		expect(entries.map((e) => e.datetime)).toEqual(
			dsa.hostLogs('a.dsa.example.com', '2024-06-10', '2024-06-10').map((e) => e.datetime),
		);
		expect(entries[entries.length - 1].datetime <= '2024-06-10 17:00:00').toBe(true);
	});

	it('rejects a reused Nonce and a millisecond Timestamp with 4500', async () => {
		expect((await callDsa({ nonce: '424242' })).code).toBe(0);
		expect((await callDsa({ nonce: '424242' })).code).toBe(4500);
		const ms = await callDsa({ timestamp: String(PINNED) });
		expect(ms.code).toBe(4500);
		expect(ms.data).toBeUndefined();
		expect((await callDsa({ timestamp: String(PINNED / 1000 - 7201) })).code).toBe(4500);
	});

	it('rejects a wrong key with 4100 and bad parameters with 4000', async () => {
		expect(await callDsa({ secretKey: 'wrong' })).toMatchObject({
			code: 4100,
			codeDesc: 'AuthFailure',
		});
		const bad = (params: Record<string, string>) => callDsa({ params }).then((r) => r.code);
		expect(await bad({ hosts: 'a.dsa.example.com' })).toBe(4000);
		expect(await bad({ hosts: '[]' })).toBe(4000);
		expect(
			await bad({ hosts: JSON.stringify(Array.from({ length: 11 }, (_, i) => `h${i}.com`)) }),
		).toBe(4000);
		expect(await bad({ startDate: '2024-6-9' })).toBe(4000);
		expect(await bad({ startDate: '2024-06-09', endDate: '2024-06-08' })).toBe(4000);
		expect(await bad({ startDate: '2024-05-01', endDate: '2024-05-01' })).toBe(4000); // 41 days counting today
		expect(await bad({ startDate: '2024-05-02', endDate: '2024-05-02' })).toBe(0); // the 40th day
	});
});

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
