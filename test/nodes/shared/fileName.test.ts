/** File names chosen by a vendor (header, URL, listing) cannot escape, hide, or break a disk. */
import { fileNameFromContentDisposition, sanitizeFileName } from '../../../nodes/shared/fileName';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const name = (input: string) => sanitizeFileName(input, 'fallback.bin');

describe('paths and controls', () => {
	it.each([
		['../../etc/passwd', 'passwd'],
		['/abs/path/file.tar', 'file.tar'],
		['C:\\windows\\evil.exe', 'evil.exe'],
		['a\u0000b\nc.log', 'abc.log'],
		['..', 'fallback.bin'],
		['', 'fallback.bin'],
		['....hidden', 'hidden'],
		['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
	])('%j → %j', (input, expected) => {
		expect(name(input)).toBe(expected);
	});

	it('strips C1 control characters (U+0080–U+009F)', () => {
		expect(name('log\u0080\u0085\u009b\u009f.gz')).toBe('log.gz');
	});

	it('sanitises the fallback too, and has a last resort', () => {
		expect(sanitizeFileName('', '../x\u202e.gz')).toBe('x.gz');
		expect(sanitizeFileName('..', '..')).toBe('download');
	});
});

describe('invisible and misleading characters', () => {
	it('strips the right-to-left override that disguises "exe" as "txt"', () => {
		expect(name('invoice\u202Etxt.exe')).toBe('invoicetxt.exe');
	});

	it.each([
		['bidi embeddings and overrides U+202A–U+202E', '\u202A\u202B\u202C\u202D\u202E'],
		['bidi isolates U+2066–U+2069', '\u2066\u2067\u2068\u2069'],
		['zero-width characters and marks U+200B–U+200F', '\u200B\u200C\u200D\u200E\u200F'],
		['line and paragraph separators U+2028/U+2029', '\u2028\u2029'],
		['the byte order mark U+FEFF', '\uFEFF'],
		['a lone surrogate', '\uD800'],
	])('strips %s', (_what, chars) => {
		expect(name(`a${chars}b${chars}.log`)).toBe('ab.log');
	});

	it('keeps ordinary non-Latin names', () => {
		expect(name('日志 2024-05-01.log.gz')).toBe('日志 2024-05-01.log.gz');
	});
});

describe('trailing dots and spaces', () => {
	it.each([
		['report.txt.', 'report.txt'],
		['report.txt   ', 'report.txt'],
		['report.txt . .', 'report.txt'],
		['report\u202E.', 'report'],
	])('%j → %j', (input, expected) => {
		expect(name(input)).toBe(expected);
	});
});

describe('Windows device names', () => {
	it.each([
		['CON', '_CON'],
		['con.txt', '_con.txt'],
		['NUL.tar.gz', '_NUL.tar.gz'],
		['Prn', '_Prn'],
		['aux.log', '_aux.log'],
		['COM1', '_COM1'],
		['com9.log', '_com9.log'],
		['LPT1.txt', '_LPT1.txt'],
		['lpt9', '_lpt9'],
		['CON .txt', '_CON .txt'],
		['NUL.', '_NUL'],
	])('%j → %j', (input, expected) => {
		expect(name(input)).toBe(expected);
	});

	it.each(['CONSOLE.log', 'icon.png', 'COM10.txt', 'LPT.txt', 'nullable.json', 'auxiliary'])('leaves %j alone', (input) => {
		expect(name(input)).toBe(input);
	});
});

describe('length', () => {
	it('caps at 255 UTF-8 bytes and keeps a double extension whole', () => {
		const out = name(`${'x'.repeat(5000)}.tar.gz`);
		expect(bytes(out)).toBe(255);
		expect(out.endsWith('.tar.gz')).toBe(true);
	});

	it('counts bytes, not characters, and never splits a multi-byte character', () => {
		// 3 bytes per character: 100 characters are 300 bytes, over the limit at 100 characters.
		const out = name(`${'日'.repeat(100)}.log.gz`);
		expect(bytes(out)).toBeLessThanOrEqual(255);
		expect(out).toBe(`${'日'.repeat(82)}.log.gz`);
		const emoji = name(`${'😀'.repeat(100)}.gz`);
		expect(bytes(emoji)).toBeLessThanOrEqual(255);
		expect(emoji).toBe(`${'😀'.repeat(63)}.gz`);
		expect(emoji).not.toMatch(/\uFFFD/);
	});

	it('leaves a name of exactly 255 bytes as it is', () => {
		const exact = `${'a'.repeat(251)}.log`;
		expect(name(exact)).toBe(exact);
	});

	it('shortens a name without extension and leaves no trailing dot at the cut', () => {
		const out = name(`${'a'.repeat(254)}.${'b'.repeat(20)}`);
		expect(bytes(out)).toBeLessThanOrEqual(255);
		expect(out).toBe('a'.repeat(254));
	});
});

describe('Content-Disposition', () => {
	it('reads the usual forms', () => {
		expect(fileNameFromContentDisposition('attachment; filename=SN1-dump.tar.gz')).toBe('SN1-dump.tar.gz');
		expect(fileNameFromContentDisposition('attachment; filename="a b.zip"')).toBe('a b.zip');
		expect(fileNameFromContentDisposition("attachment; filename*=UTF-8''%E6%97%A5%E5%BF%97.zip")).toBe('日志.zip');
		expect(fileNameFromContentDisposition(undefined)).toBeUndefined();
	});

	it('hands an encoded right-to-left override to the sanitiser, which removes it', () => {
		const raw = fileNameFromContentDisposition("attachment; filename*=UTF-8''photo%E2%80%AEgpj.exe");
		expect(name(raw ?? '')).toBe('photogpj.exe');
	});
});
