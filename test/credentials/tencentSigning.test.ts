/**
 * Tencent signing against the vectors Tencent publishes in its signature pages. Every expected
 * value below is copied from that section, never computed by the code under test.
 */
import {
	encodeForm,
	encodeRfc3986,
	sha256Hex,
	signTc3,
	signTencentV2,
	tc3DerivedKeys,
	tencentServiceOf,
	utcDateOf,
} from '../../credentials/common/tencentSigning';

const CVM = {
	service: 'cvm',
	host: 'cvm.tencentcloudapi.com',
	action: 'DescribeInstances',
	timestamp: 1551113065,
	contentType: 'application/json; charset=utf-8',
	// Exact bytes of the official example: literal \uXXXX escapes and spaces after separators.
	payload:
		'{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
};
const CVM_PAYLOAD_HASH = '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064';

const EXAMPLE_KEY = {
	secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
	secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
};
const MASKED_KEY = {
	secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
	secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
};
const STARS_KEY = { secretId: `AKID${'*'.repeat(32)}`, secretKey: '*'.repeat(32) };

describe('TC3-HMAC-SHA256, §8.1 (a): signed headers content-type;host', () => {
	const input = { ...CVM, ...EXAMPLE_KEY, signedHeaders: 'content-type;host' as const };

	it('hashes the payload bytes exactly', () => {
		expect(sha256Hex(CVM.payload)).toBe(CVM_PAYLOAD_HASH);
	});

	it('builds the canonical request and its hash', () => {
		const { canonicalRequest } = signTc3(input);
		expect(canonicalRequest).toBe(
			[
				'POST',
				'/',
				'',
				'content-type:application/json; charset=utf-8',
				'host:cvm.tencentcloudapi.com',
				'',
				'content-type;host',
				CVM_PAYLOAD_HASH,
			].join('\n'),
		);
		expect(sha256Hex(canonicalRequest)).toBe(
			'5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
		);
	});

	it('builds the string to sign with the UTC credential date', () => {
		const { stringToSign, credentialScope } = signTc3(input);
		expect(credentialScope).toBe('2019-02-25/cvm/tc3_request');
		expect(stringToSign).toBe(
			'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n' +
				'5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
		);
	});

	it('derives the published key chain for the EXAMPLE key', () => {
		const keys = tc3DerivedKeys(EXAMPLE_KEY.secretKey, '2019-02-25', 'cvm');
		expect(keys.secretDate.toString('hex')).toBe(
			'd1308c81fe71cfd4e06437bbc067b2b8a3d2d8c0e375d547f15c41d5214b395a',
		);
		expect(keys.secretService.toString('hex')).toBe(
			'3c7cb7c7795393edc14fd2e0e6434a518564b4504b88e94f5d11bf59ba3e7050',
		);
		expect(keys.secretSigning.toString('hex')).toBe(
			'ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1',
		);
	});

	it('reproduces the EXAMPLE-key signature and full Authorization header', () => {
		const result = signTc3(input);
		expect(result.signature).toBe(
			'72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
		);
		expect(result.authorization).toBe(
			'TC3-HMAC-SHA256 ' +
				'Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, ' +
				'SignedHeaders=content-type;host, ' +
				'Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
		);
	});

	it('reproduces the masked-key (literal asterisks) signature', () => {
		expect(signTc3({ ...input, ...MASKED_KEY }).signature).toBe(
			'2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
		);
	});
});

describe('TC3-HMAC-SHA256, §8.1 (b): signed headers content-type;host;x-tc-action', () => {
	const input = { ...CVM, ...MASKED_KEY };

	it('signs x-tc-action by default, lower-cased, and matches the canonical-request hash', () => {
		const { canonicalRequest } = signTc3(input);
		expect(canonicalRequest).toContain('\nx-tc-action:describeinstances\n\n');
		expect(canonicalRequest).toContain('\ncontent-type;host;x-tc-action\n');
		expect(sha256Hex(canonicalRequest)).toBe(
			'7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84',
		);
	});

	it('reproduces the zh doc revision signature (masked key)', () => {
		const explicit = signTc3({ ...input, signedHeaders: 'content-type;host;x-tc-action' });
		expect(explicit.signature).toBe(
			'be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3',
		);
		expect(signTc3(input).signature).toBe(explicit.signature);
	});

	it('derives the published key chain for the 32-asterisk key', () => {
		const keys = tc3DerivedKeys(STARS_KEY.secretKey, '2019-02-25', 'cvm');
		expect(keys.secretDate.toString('hex')).toBe(
			'da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0',
		);
		expect(keys.secretService.toString('hex')).toBe(
			'8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f',
		);
		expect(keys.secretSigning.toString('hex')).toBe(
			'b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af',
		);
	});

	it('reproduces the latest zh doc signature and full Authorization header', () => {
		const result = signTc3({ ...CVM, ...STARS_KEY });
		expect(result.signature).toBe(
			'10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f',
		);
		expect(result.authorization).toBe(
			'TC3-HMAC-SHA256 ' +
				'Credential=AKID********************************/2019-02-25/cvm/tc3_request, ' +
				'SignedHeaders=content-type;host;x-tc-action, ' +
				'Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f',
		);
	});
});

describe('TC3-HMAC-SHA256, §8.1 (c): derived EdgeOne DownloadL7Logs vector', () => {
	const payload =
		'{"ZoneIds":["zone-2mzegj4vln5f"],"StartTime":"2022-05-04T03:27:00+08:00",' +
		'"EndTime":"2022-05-10T23:59:00+08:00","Limit":10,"Offset":0}';
	const input = {
		...MASKED_KEY,
		service: 'teo',
		host: 'teo.tencentcloudapi.com',
		action: 'DownloadL7Logs',
		timestamp: 1551113065,
		contentType: 'application/json; charset=utf-8',
		payload,
	};

	it('hashes the payload', () => {
		expect(sha256Hex(payload)).toBe(
			'2ee1057352e90077a1a26699648302bad630d0952de89777739ba10eef04161f',
		);
		// The payload is what JSON.stringify produces for the same object, byte for byte.
		expect(
			JSON.stringify({
				ZoneIds: ['zone-2mzegj4vln5f'],
				StartTime: '2022-05-04T03:27:00+08:00',
				EndTime: '2022-05-10T23:59:00+08:00',
				Limit: 10,
				Offset: 0,
			}),
		).toBe(payload);
	});

	it('signs with content-type;host', () => {
		const result = signTc3({ ...input, signedHeaders: 'content-type;host' });
		expect(result.credentialScope).toBe('2019-02-25/teo/tc3_request');
		expect(result.signature).toBe(
			'a5c74867fbef4be6687e638e8cdaace2d255e072ed3d3ce51fab3c70a36d8c80',
		);
	});

	it('signs with content-type;host;x-tc-action', () => {
		const result = signTc3(input);
		expect(result.canonicalRequest).toContain('\nx-tc-action:downloadl7logs\n');
		expect(result.signature).toBe(
			'c73ec70e7cd4b1fd6774ce1f597f96cb14e0ad7c13d87681acb9688505b3918c',
		);
	});
});

describe('TC3 details', () => {
	it('uses the UTC date, not the UTC+8 one, for the credential scope', () => {
		// 1551113065 is 2019-02-26 00:44 in Beijing but still 2019-02-25 in UTC.
		expect(utcDateOf(1551113065)).toBe('2019-02-25');
		expect(utcDateOf(1551139199)).toBe('2019-02-25');
		expect(utcDateOf(1551139200)).toBe('2019-02-26');
	});

	it('gives a different signature for a different key, id or timestamp', () => {
		const base = { ...CVM, ...EXAMPLE_KEY };
		const reference = signTc3(base).signature;
		expect(signTc3({ ...base, secretKey: `${EXAMPLE_KEY.secretKey}x` }).signature).not.toBe(
			reference,
		);
		expect(signTc3({ ...base, timestamp: base.timestamp + 1 }).signature).not.toBe(reference);
		// The SecretId is not part of the HMAC input, only of the header.
		const otherId = signTc3({ ...base, secretId: 'AKIDother' });
		expect(otherId.signature).toBe(reference);
		expect(otherId.authorization).toContain('Credential=AKIDother/');
	});

	it('hashes a Buffer payload like the equivalent UTF-8 string (non-ASCII)', () => {
		const text = '{"Name":"未命名"}';
		const base = { ...CVM, ...EXAMPLE_KEY };
		expect(signTc3({ ...base, payload: Buffer.from(text, 'utf8') }).signature).toBe(
			signTc3({ ...base, payload: text }).signature,
		);
	});

	it('puts the query string in the canonical request for GET only', () => {
		const base = { ...CVM, ...EXAMPLE_KEY, payload: '', query: 'Limit=1&Offset=0' };
		expect(
			signTc3({ ...base, method: 'GET' })
				.canonicalRequest.split('\n')
				.slice(0, 3),
		).toEqual(['GET', '/', 'Limit=1&Offset=0']);
		expect(signTc3({ ...base, method: 'POST' }).canonicalRequest.split('\n')[2]).toBe('');
	});

	it('derives the service from the host', () => {
		expect(tencentServiceOf('teo.tencentcloudapi.com')).toBe('teo');
		expect(tencentServiceOf('teo.intl.tencentcloudapi.com')).toBe('teo');
		expect(tencentServiceOf('CVM.ap-guangzhou.tencentcloudapi.com:443')).toBe('cvm');
	});
});

describe('API 2.0 signature, §8.2', () => {
	const CVM_V2_KEY = {
		secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA',
		secretKey: 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA',
	};

	it('reproduces the official HmacSHA1 CVM GET example', () => {
		const params = {
			Action: 'DescribeInstances',
			Nonce: '11886',
			Region: 'gz',
			SecretId: CVM_V2_KEY.secretId,
			Timestamp: '1465185768',
			'instanceIds.0': 'ins-09dx96dg',
			offset: '0',
			limit: '20',
		};
		const result = signTencentV2({
			secretKey: CVM_V2_KEY.secretKey,
			method: 'GET',
			host: 'cvm.api.qcloud.com',
			path: '/v2/index.php',
			params,
			algorithm: 'HmacSHA1',
		});
		expect(result.stringToSign).toBe(
			'GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=11886&Region=gz' +
				'&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1465185768' +
				'&instanceIds.0=ins-09dx96dg&limit=20&offset=0',
		);
		expect(result.signature).toBe('NSI3UqqD99b/UJb4tbG/xZpRW64=');
		expect(encodeRfc3986(result.signature)).toBe('NSI3UqqD99b%2FUJb4tbG%2FxZpRW64%3D');
		// The GET URL encodes every value (the signature was computed over the raw ones).
		const query = encodeForm({ ...params, Signature: result.signature });
		expect(query).toContain('&Signature=NSI3UqqD99b%2FUJb4tbG%2FxZpRW64%3D');
		expect(query).toContain('&instanceIds.0=ins-09dx96dg&');
	});

	it('ignores a Signature entry already present in the params', () => {
		const input = {
			secretKey: 'k',
			method: 'POST' as const,
			host: 'h',
			path: '/v2/index.php',
			algorithm: 'HmacSHA1' as const,
		};
		const bare = signTencentV2({ ...input, params: { Action: 'A' } });
		const withSig = signTencentV2({ ...input, params: { Action: 'A', Signature: 'old' } });
		expect(withSig).toEqual(bare);
	});

	describe('derived DSA GetDsaHostLogs vectors', () => {
		const params = {
			Action: 'GetDsaHostLogs',
			Nonce: '123456789',
			Timestamp: '1524279600',
			SecretId: CVM_V2_KEY.secretId,
			hosts: '["a.dsa.qcloud.com","b.dsa.qcloud.com"]',
			startDate: '2018-04-18',
			endDate: '2018-04-18',
		};
		const base = {
			secretKey: CVM_V2_KEY.secretKey,
			method: 'POST' as const,
			host: 'dsa.api.qcloud.com',
			path: '/v2/index.php',
		};

		it('HmacSHA1: raw values, byte order (upper-case names first)', () => {
			const result = signTencentV2({ ...base, params, algorithm: 'HmacSHA1' });
			expect(result.stringToSign).toBe(
				'POSTdsa.api.qcloud.com/v2/index.php?Action=GetDsaHostLogs&Nonce=123456789' +
					'&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1524279600' +
					'&endDate=2018-04-18&hosts=["a.dsa.qcloud.com","b.dsa.qcloud.com"]&startDate=2018-04-18',
			);
			expect(result.signature).toBe('NneBbt/O0dihS5ztQfLKKXTWBG4=');
		});

		it('HmacSHA256: SignatureMethod is signed, between SecretId and Timestamp', () => {
			const withMethod = { ...params, SignatureMethod: 'HmacSHA256' };
			const result = signTencentV2({ ...base, params: withMethod, algorithm: 'HmacSHA256' });
			expect(result.stringToSign).toContain(
				'&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=',
			);
			expect(result.signature).toBe('064izvJ/yq6T0le2PZVL/I7g+PTHzVcUw5YZOQmvVOo=');
		});

		it('encodes the exact form body', () => {
			const withMethod = { ...params, SignatureMethod: 'HmacSHA256' };
			const { signature } = signTencentV2({ ...base, params: withMethod, algorithm: 'HmacSHA256' });
			expect(encodeForm({ ...withMethod, Signature: signature })).toBe(
				'Action=GetDsaHostLogs&Nonce=123456789&Timestamp=1524279600' +
					'&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA' +
					'&hosts=%5B%22a.dsa.qcloud.com%22%2C%22b.dsa.qcloud.com%22%5D' +
					'&startDate=2018-04-18&endDate=2018-04-18&SignatureMethod=HmacSHA256' +
					'&Signature=064izvJ%2Fyq6T0le2PZVL%2FI7g%2BPTHzVcUw5YZOQmvVOo%3D',
			);
		});

		it('gives a different signature for a different key', () => {
			const good = signTencentV2({ ...base, params, algorithm: 'HmacSHA1' }).signature;
			const other = signTencentV2({
				...base,
				secretKey: `${CVM_V2_KEY.secretKey}x`,
				params,
				algorithm: 'HmacSHA1',
			}).signature;
			expect(other).not.toBe(good);
		});
	});

	it('encodes RFC 3986 reserved characters that encodeURIComponent keeps', () => {
		expect(encodeForm({ q: "a b+c/d=e'(f)*!~" })).toBe('q=a%20b%2Bc%2Fd%3De%27%28f%29%2A%21~');
	});
});
