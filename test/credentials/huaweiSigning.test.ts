/**
 * SDK-HMAC-SHA256 against every published vector of Huawei's official signing guide
 * and §8.4 (Go SDK unit tests, plus the derived CloudDC export request).
 */
import {
	canonicalQueryString,
	canonicalUri,
	EMPTY_BODY_SHA256,
	formatSdkDate,
	parseHuaweiAuthorization,
	parseSdkDate,
	rfc3986Encode,
	sha256Hex,
	signHuaweiRequest,
} from '../../credentials/common/huaweiSigning';

describe('Huawei signing guide example (§8.3)', () => {
	const base = {
		accessKey: 'QTWAOYTTINDUT2QVKYUC',
		secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
		method: 'GET',
		url:
			'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs' +
			'?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
		sdkDate: '20191115T033655Z',
	};
	const headers = {
		'Content-Type': 'application/json',
		Host: 'service.region.example.com',
		'X-Sdk-Date': '20191115T033655Z',
	};

	it('reproduces the canonical request, its hash, the signature and the header', () => {
		const result = signHuaweiRequest({ ...base, headers });
		expect(result.canonicalRequest).toBe(
			[
				'GET',
				'/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/',
				'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
				'content-type:application/json',
				'host:service.region.example.com',
				'x-sdk-date:20191115T033655Z',
				'',
				'content-type;host;x-sdk-date',
				'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
			].join('\n'),
		);
		expect(sha256Hex(result.canonicalRequest)).toBe(
			'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a',
		);
		expect(result.stringToSign).toBe(
			'SDK-HMAC-SHA256\n20191115T033655Z\n' +
				'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a',
		);
		expect(result.signature).toBe(
			'7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
		);
		expect(result.signedHeaders).toBe('content-type;host;x-sdk-date');
		expect(result.authorization).toBe(
			'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, ' +
				'Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
		);
	});

	it('gives the documented other hash and signature when only host;x-sdk-date are signed', () => {
		const fewer = { Host: headers.Host, 'X-Sdk-Date': headers['X-Sdk-Date'] };
		const result = signHuaweiRequest({ ...base, headers: fewer });
		expect(result.signedHeaders).toBe('host;x-sdk-date');
		expect(sha256Hex(result.canonicalRequest).startsWith('0e84e785')).toBe(true);
		expect(result.signature.startsWith('faafba09')).toBe(true);
		expect(result.signature).not.toBe(
			'7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
		);
	});

	it('signs the same whatever the header name case and surrounding blanks', () => {
		const messy = {
			'content-TYPE': '  application/json ',
			HOST: 'service.region.example.com',
			'x-sdk-date': '20191115T033655Z',
		};
		expect(signHuaweiRequest({ ...base, headers: messy }).signature).toBe(
			'7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
		);
	});

	it('accepts a path-only url (the host comes from the headers)', () => {
		const pathOnly = base.url.replace('https://service.region.example.com', '');
		expect(signHuaweiRequest({ ...base, url: pathOnly, headers }).signature).toBe(
			'7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
		);
	});
});

describe('Go SDK signer_test.go vectors (§8.4)', () => {
	const base = {
		accessKey: 'AccessKey',
		secretKey: 'SecretKey',
		sdkDate: '20060102T150405Z',
		headers: { 'X-Sdk-Date': '20060102T150405Z' },
	};

	it('GET ?limit=1 with an empty body', () => {
		const result = signHuaweiRequest({
			...base,
			method: 'GET',
			url: 'https://example.huaweicloud.com/path?limit=1',
		});
		expect(result.canonicalRequest).toBe(
			`GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\n${EMPTY_BODY_SHA256}`,
		);
		expect(result.signature).toBe(
			'5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
		);
		expect(result.authorization).toBe(
			'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, ' +
				'Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
		);
	});

	it('POST ?key=value with the Go JSON encoder body (trailing newline included)', () => {
		const body = '{"Name":"test","Id":1}\n';
		const expected = 'cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59';
		const url = 'https://example.huaweicloud.com/path?key=value';
		expect(signHuaweiRequest({ ...base, method: 'POST', url, body }).signature).toBe(expected);
		expect(
			signHuaweiRequest({ ...base, method: 'post', url, body: Buffer.from(body) }).signature,
		).toBe(expected);
		// Without the newline the bytes differ, and so must the signature.
		expect(
			signHuaweiRequest({ ...base, method: 'POST', url, body: body.trim() }).signature,
		).not.toBe(expected);
	});

	it('canonical query with repeated keys, non-ASCII and reserved characters', () => {
		const params: Array<[string, string]> = [
			['limit', '1'],
			['enable', 'true'],
			['test', '一 (&=?!#%.*)'],
			['path', '/tmp/123'],
			['multi', '3'],
			['multi', '1'],
			['multi', '2'],
		];
		expect(canonicalQueryString(params)).toBe(
			'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123' +
				'&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29',
		);
	});

	it('reads the same canonical query back out of an encoded URL', () => {
		const url =
			'https://example.huaweicloud.com/path?test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29' +
			'&multi=2&path=%2Ftmp%2F123&multi=1&limit=1&enable=true&multi=3';
		const result = signHuaweiRequest({ ...base, method: 'GET', url });
		expect(result.canonicalRequest.split('\n')[2]).toBe(
			'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123' +
				'&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29',
		);
	});
});

describe('derived CloudDC export vector (§8.4)', () => {
	it('matches the body hash, canonical hash and signature', () => {
		const projectId = '0123456789abcdef0123456789abcdef';
		const result = signHuaweiRequest({
			accessKey: 'QTWAOYTTINDUT2QVKYUC',
			secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
			method: 'POST',
			url:
				`https://clouddc.cn-south-1.myhuaweicloud.com/v1/${projectId}` +
				'/physicalservers/11111111-2222-3333-4444-555555555555/logs/exports',
			headers: {
				'Content-Type': 'application/json',
				Host: 'clouddc.cn-south-1.myhuaweicloud.com',
				'X-Project-Id': projectId,
				'X-Sdk-Date': '20250320T024806Z',
			},
			body: '{}',
			sdkDate: '20250320T024806Z',
		});
		expect(sha256Hex('{}')).toBe(
			'44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
		);
		expect(
			result.canonicalRequest.endsWith(
				'\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
			),
		).toBe(true);
		expect(result.signedHeaders).toBe('content-type;host;x-project-id;x-sdk-date');
		expect(sha256Hex(result.canonicalRequest)).toBe(
			'10d798c5762bd19dea1ac33aeaf8d6791dbbf9aea3c354c5ffa3c3d391961bea',
		);
		expect(result.signature).toBe(
			'd6b9e17fafe5e83544db2cb1d5e583fd3e9838f30fb0d0e71f1b92497f16c2d9',
		);
	});
});

describe('building blocks', () => {
	it('encodes per RFC 3986 over UTF-8 bytes', () => {
		expect(rfc3986Encode("AZaz09-_.~ !'()*+/")).toBe('AZaz09-_.~%20%21%27%28%29%2A%2B%2F');
		expect(rfc3986Encode('ü')).toBe('%C3%BC');
		expect(rfc3986Encode('\ud800')).toBe('%EF%BF%BD');
	});

	it('always ends the canonical URI with a slash and never double-encodes', () => {
		expect(canonicalUri('')).toBe('/');
		expect(canonicalUri('/')).toBe('/');
		expect(canonicalUri('/v1/a b')).toBe('/v1/a%20b/');
		expect(canonicalUri('/v1/a%20b/')).toBe('/v1/a%20b/');
		expect(canonicalUri('/v1/%E4%B8%80')).toBe('/v1/%E4%B8%80/');
		expect(canonicalUri('/v1/100%')).toBe('/v1/100%25/');
	});

	it('treats a parameter without a value as name=', () => {
		expect(canonicalQueryString([['flag', '']])).toBe('flag=');
		expect(canonicalQueryString([])).toBe('');
	});

	it('uses X-Sdk-Content-Sha256 instead of hashing the body', () => {
		const result = signHuaweiRequest({
			accessKey: 'AK',
			secretKey: 'SK',
			method: 'PUT',
			url: '/upload',
			headers: { 'X-Sdk-Date': '20060102T150405Z', 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' },
			body: 'whatever is streamed',
			sdkDate: '20060102T150405Z',
		});
		expect(result.canonicalRequest.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
		expect(result.signedHeaders).toBe('x-sdk-content-sha256;x-sdk-date');
	});

	it('refuses header sets the gateway would refuse or that are ambiguous', () => {
		const base = {
			accessKey: 'AK',
			secretKey: 'SK',
			method: 'GET',
			url: '/',
			sdkDate: '20060102T150405Z',
		};
		expect(() => signHuaweiRequest({ ...base, headers: { host: 'h' } })).toThrow(/x-sdk-date/);
		expect(() =>
			signHuaweiRequest({ ...base, headers: { 'x-sdk-date': '20060102T150406Z' } }),
		).toThrow(/differs/);
		expect(() =>
			signHuaweiRequest({ ...base, headers: { 'x-sdk-date': base.sdkDate, Host: 'a', host: 'b' } }),
		).toThrow(/twice/);
	});

	it('formats and parses X-Sdk-Date', () => {
		expect(formatSdkDate(new Date(Date.UTC(2019, 10, 15, 3, 36, 55, 999)))).toBe(
			'20191115T033655Z',
		);
		expect(parseSdkDate('20191115T033655Z')?.toISOString()).toBe('2019-11-15T03:36:55.000Z');
		expect(parseSdkDate('20240231T000000Z')).toBeUndefined();
		expect(parseSdkDate('2019-11-15T03:36:55Z')).toBeUndefined();
		expect(parseSdkDate('')).toBeUndefined();
		expect(parseSdkDate(undefined)).toBeUndefined();
	});

	it('parses an Authorization header', () => {
		expect(
			parseHuaweiAuthorization(
				'SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=ab12',
			),
		).toEqual({ accessKey: 'AK', signedHeaders: ['host', 'x-sdk-date'], signature: 'ab12' });
		expect(parseHuaweiAuthorization('Bearer x')).toBeUndefined();
		expect(parseHuaweiAuthorization('SDK-HMAC-SHA256 Access=AK')).toBeUndefined();
	});
});
