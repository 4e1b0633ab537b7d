/** EdgeOne API 3.0 through real HTTP: TC3 verification, the error shapes and the log listings. */
import type { IDataObject } from 'n8n-workflow';
import { signTc3 } from '../../../credentials/common/tencentSigning';
import { TENCENT_EMULATOR_KEYS } from './index';
import {
	callTeo,
	errorCode,
	json,
	nowSec,
	pin,
	send,
	startTencentEmulator,
	teo,
	teoUrl,
} from './testBed';

startTencentEmulator();

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
