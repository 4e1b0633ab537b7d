/** List fields as text or arrays: entries, domain names and IDs. */
import { parseDomains, parseIds, parseList } from '../../../nodes/TencentCloudCommon/lists';

describe('parseList', () => {
	it('splits on commas, semicolons and white space, dropping blanks and repeats in order', () => {
		expect(parseList(' a, b;\nc  a ,,')).toEqual(['a', 'b', 'c']);
	});

	it('takes an array from an expression, each entry split as well', () => {
		expect(parseList(['a, b', 'c', null, 'a'])).toEqual(['a', 'b', 'c']);
	});

	it('is empty for nothing', () => {
		expect(parseList(undefined)).toEqual([]);
		expect(parseList('')).toEqual([]);
	});
});

describe('parseDomains', () => {
	it('lower-cases and keeps wildcard domains once', () => {
		expect(parseDomains('Domains', 'WWW.Example.com, www.example.com, *.cdn.example.com')).toEqual(['www.example.com', '*.cdn.example.com']);
	});

	it.each(['http://www.example.com', 'example', 'a..b.com', 'bad_name.com'])('refuses %j, naming the field', (value) => {
		expect(() => parseDomains('Hosts', value)).toThrow(/^Hosts: ".*" is not a domain name/);
	});
});

describe('parseIds', () => {
	it('keeps IDs that match and names the first that does not', () => {
		expect(parseIds('Zone IDs', 'zone-1a, zone-2b', /^zone-[a-z0-9]+$/, 'zone-x')).toEqual(['zone-1a', 'zone-2b']);
		expect(() => parseIds('Zone IDs', 'zone-1a, site-2', /^zone-[a-z0-9]+$/, 'zone-x')).toThrow('Zone IDs: "site-2" is not an ID like zone-x');
	});
});
