/** Redaction: the two secret registries and every form a secret may be written in. */
import { LoggerProxy } from 'n8n-workflow';
import { inspect } from 'util';
import { redact, registerCredentialSecrets, registerRequestSecrets } from '../../../nodes/shared/redact';

const MASK = '[redacted]';

describe('registerCredentialSecrets', () => {
	it('keeps a credential key masked however many request signatures come after it', () => {
		registerCredentialSecrets('AKIDcredentialKeyKept0001');
		for (let k = 0; k < 5000; k++) registerRequestSecrets(`signature-${k}-${'x'.repeat(20)}`);
		expect(redact('SecretId=AKIDcredentialKeyKept0001 was refused')).toBe(`SecretId=${MASK} was refused`);
		expect(redact('key AKIDcredentialKeyKept0001 in a message')).toBe(`key ${MASK} in a message`);
	});

	it('past 10,000 values drops only the one registered longest ago, and says so', () => {
		const warn = jest.spyOn(LoggerProxy, 'warn').mockImplementation(() => undefined);
		registerCredentialSecrets('first-registered-token-0001', 'still-in-use-key-0001');
		for (let k = 0; k < 10000; k++) {
			registerCredentialSecrets(`renewed-token-${k}-abcdef`);
			// A credential in use registers its key again on every request.
			if (k % 100 === 0) registerCredentialSecrets('still-in-use-key-0001');
		}
		expect(redact('still-in-use-key-0001')).toBe(MASK);
		expect(redact('renewed-token-9999-abcdef')).toBe(MASK);
		expect(redact('first-registered-token-0001')).toBe('first-registered-token-0001');
		expect(warn).toHaveBeenCalledWith(expect.stringMatching(/more than 10000 credential secrets registered/));
		warn.mockRestore();
	});

	it('ignores empty and blank values', () => {
		registerCredentialSecrets('', '   ', undefined, null, 42);
		expect(redact('a b  c')).toBe('a b  c');
	});
});

describe('registerRequestSecrets', () => {
	it('masks a signature, and drops the oldest once 2,000 newer ones came', () => {
		registerRequestSecrets('oldest-request-signature-01');
		expect(redact('sig oldest-request-signature-01')).toBe(`sig ${MASK}`);
		for (let k = 0; k < 2000; k++) registerRequestSecrets(`later-signature-${k}-yyyyyyyy`);
		expect(redact('sig oldest-request-signature-01')).toBe('sig oldest-request-signature-01');
		expect(redact('sig later-signature-1999-yyyyyyyy')).toBe(`sig ${MASK}`);
	});
});

describe('redact', () => {
	it('masks a registered secret as written, URL-encoded, form-encoded and JSON-escaped', () => {
		const secret = 'p@ss/w+rd="q" \\ 42';
		registerCredentialSecrets(secret);
		expect(redact(`raw ${secret} end`)).toBe(`raw ${MASK} end`);
		expect(redact(`?password=${encodeURIComponent(secret)}&x=1`)).toBe(`?password=${MASK}&x=1`);
		expect(redact(`body x=${encodeURIComponent(secret)}&y=2`)).not.toContain(encodeURIComponent(secret));
		expect(redact(`x=${new URLSearchParams({ v: secret }).toString().slice(2)}`)).toBe(`x=${MASK}`);
		expect(redact(`{"note":${JSON.stringify(`has ${secret} inside`)}}`)).toBe(`{"note":"has ${MASK} inside"}`);
	});

	it('masks a secret that contains another one whole', () => {
		registerCredentialSecrets('innerSecret9');
		registerRequestSecrets('outer-innerSecret9-tail');
		expect(redact('x outer-innerSecret9-tail y')).toBe(`x ${MASK} y`);
	});

	it('masks short secrets only as whole tokens', () => {
		registerCredentialSecrets('abc', 'k/9');
		expect(redact('password=abc&user=me')).toBe(`password=${MASK}&user=me`);
		expect(redact('the key abc was refused')).toBe(`the key ${MASK} was refused`);
		expect(redact('{"value":"abc"}')).toBe(`{"value":"${MASK}"}`);
		expect(redact('x=k%2F9')).toBe(`x=${MASK}`);
		expect(redact('abcdef xabc fabcx ABC abc_1 cabbage')).toBe('abcdef xabc fabcx ABC abc_1 cabbage');
	});

	it('masks Bearer tokens anywhere', () => {
		expect(redact('sent Bearer eyJhbGciOi.J9.sig-_~+/= to the API')).toBe(`sent Bearer ${MASK} to the API`);
		expect(redact('{"headers":{"auth":"bearer abc123"}}')).toBe(`{"headers":{"auth":"bearer ${MASK}"}}`);
	});

	it('masks X-Subject-Token values inside arrays, as JSON and util.inspect print them', () => {
		expect(redact('{"x-subject-token": ["MIIabc","MIIdef"], "status": 201}')).toBe(`{"x-subject-token": ["${MASK}"], "status": 201}`);
		const printed = inspect({ headers: { 'X-Subject-Token': ['MIIsecretTokenValue'], date: 'today' } });
		expect(printed).toContain("'X-Subject-Token': [ 'MIIsecretTokenValue' ]");
		expect(redact(printed)).not.toContain('MIIsecretTokenValue');
		expect(redact(printed)).toContain("date: 'today'");
		expect(redact("X-Subject-Token=['MIIxyz']")).toBe(`X-Subject-Token=${MASK}`);
		expect(redact("X-Subject-Token: [ 'MIIxyz' ]")).toBe(`X-Subject-Token: ["${MASK}"]`);
	});

	it('masks util.inspect key: value forms and JSON values with escaped quotes', () => {
		expect(redact("{ access_token: 'tok123', page: 1 }")).toBe(`{ access_token: '${MASK}', page: 1 }`);
		expect(redact('{"password":"a\\"b\\"c","user":"me"}')).toBe(`{"password":"${MASK}","user":"me"}`);
		expect(redact("{ Authorization: [ 'TC3-HMAC-SHA256 Credential=AKID/x' ] }")).toBe(`{ Authorization: ["${MASK}"] }`);
	});

	it('masks presigned object-storage signatures and tokens', () => {
		const cos = 'https://b.cos.example.com/a.gz?q-sign-algorithm=sha1&q-ak=AKIDxyz&q-sign-time=1;2&q-key-time=1;2&q-header-list=&q-url-param-list=&q-signature=0a1b2c3d4e';
		const masked = redact(cos);
		expect(masked).toContain(`q-signature=${MASK}`);
		expect(masked).toContain(`q-ak=${MASK}`);
		expect(masked).toContain('q-sign-algorithm=sha1');
		const s3 = 'https://s3.example.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Security-Token=FwoGZXIvYXdzE%2Fxx&X-Amz-Signature=abcdef0123';
		expect(redact(s3)).toBe(`https://s3.example.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Security-Token=${MASK}&X-Amz-Signature=${MASK}`);
	});

	it('keeps ordinary text as it is', () => {
		const text = 'Tencent EdgeOne: the parameter StartTime (field "Time Range") was refused [InvalidParameterValue]';
		expect(redact(text)).toBe(text);
		expect(redact('the first: value, a list: [1, 2]')).toBe('the first: value, a list: [1, 2]');
	});
});
