/**
 * The address classifier and the download guard on their own: which addresses count as internal,
 * how Allowed Download Hosts and the credential's endpoint open exactly what they name, and that
 * refusals name the host but never the signed query. No DNS: names resolve through a fake lookup.
 */
import {
	addressProblem,
	DownloadGuard,
	parseAllowedHosts,
	sameAddress,
	type DownloadHostPolicy,
} from '../../../nodes/shared/addressGuard';
import { VendorApiError } from '../../../nodes/shared/errors';

describe('addressProblem', () => {
	it.each([
		['8.8.8.8'],
		['1.1.1.1'],
		['172.32.0.1'],
		['100.128.0.1'],
		['169.255.0.1'],
		['2606:4700:4700::1111'],
		['::ffff:8.8.8.8'],
		['64:ff9b::808:808'],
		['2002:808:808::1'],
	])('%s is public', (address) => {
		expect(addressProblem(address)).toBeUndefined();
	});

	it.each([
		['127.0.0.1', 'a loopback address'],
		['127.0.0.2', 'a loopback address'],
		['127.255.255.254', 'a loopback address'],
		['10.0.0.1', 'a private address'],
		['172.16.0.1', 'a private address'],
		['172.31.255.255', 'a private address'],
		['192.168.1.1', 'a private address'],
		['100.64.0.1', 'a shared (carrier-grade NAT) address'],
		['100.127.255.255', 'a shared (carrier-grade NAT) address'],
		['169.254.169.254', 'a link-local address'],
		['0.0.0.0', 'an unspecified ("this network") address'],
		['0.1.2.3', 'an unspecified ("this network") address'],
		['224.0.0.1', 'a multicast address'],
		['239.255.255.250', 'a multicast address'],
		['255.255.255.255', 'a reserved address'],
		['240.0.0.1', 'a reserved address'],
		['192.0.2.1', 'a reserved address'],
		['198.18.0.1', 'a reserved address'],
		['::', 'the unspecified address'],
		['::1', 'a loopback address'],
		['[::1]', 'a loopback address'],
		['0:0:0:0:0:0:0:1', 'a loopback address'],
		['fc00::1', 'a unique local (private) address'],
		['fd12:3456:789a::1', 'a unique local (private) address'],
		['fe80::1', 'a link-local address'],
		['fe80::1%eth0', 'a link-local address'],
		['febf::1', 'a link-local address'],
		['fec0::1', 'a site-local (private) address'],
		['ff02::1', 'a multicast address'],
		['2001:db8::1', 'a reserved address'],
		['::127.0.0.1', 'a reserved address'],
	])('%s is %s', (address, problem) => {
		expect(addressProblem(address)).toBe(problem);
	});

	it.each([
		['::ffff:127.0.0.1', 'a loopback address'],
		['::ffff:7f00:2', 'a loopback address'],
		['::ffff:169.254.169.254', 'a link-local address'],
		['::ffff:a9fe:a9fe', 'a link-local address'],
		['::ffff:10.0.0.1', 'a private address'],
		['::ffff:0:10.0.0.1', 'a private address'],
		['0:0:0:0:0:ffff:c0a8:0101', 'a private address'],
		['64:ff9b::a9fe:a9fe', 'a link-local address'],
		['64:ff9b::127.0.0.1', 'a loopback address'],
		['2002:7f00:1::1', 'a loopback address'],
		['2002:a00:1::', 'a private address'],
	])('the IPv4 address inside %s counts: %s', (address, problem) => {
		expect(addressProblem(address)).toBe(problem);
	});

	it('refuses what is not an IP address', () => {
		expect(addressProblem('localhost')).toBe('not an IP address');
		expect(addressProblem('')).toBe('not an IP address');
	});

	it('compares addresses, not their spelling', () => {
		expect(sameAddress('::ffff:10.0.0.1', '10.0.0.1')).toBe(true);
		expect(sameAddress('::1', '0:0:0:0:0:0:0:1')).toBe(true);
		expect(sameAddress('127.0.0.1', '127.0.0.2')).toBe(false);
		expect(sameAddress('localhost', 'localhost')).toBe(false);
	});
});

describe('parseAllowedHosts', () => {
	it('reads host names and addresses, comma or newline separated', () => {
		expect(parseAllowedHosts(' Logs.Storage.Internal, 10.0.0.5\n[fd00::1] ,,minio.')).toEqual([
			'logs.storage.internal',
			'10.0.0.5',
			'fd00::1',
			'minio',
		]);
		expect(parseAllowedHosts(undefined)).toEqual([]);
	});

	it.each(['http://minio.internal', 'minio.internal:9000', 'minio.internal/bucket', '*.internal'])('refuses %j, naming the field', (entry) => {
		expect(() => parseAllowedHosts(entry)).toThrow(/^Allowed Download Hosts: .*not a host name or IP address/);
	});
});

const SIGNATURE = 'st=SIGcanary0123456789abcdef';

function guard(policy: Partial<DownloadHostPolicy> = {}, dns: Record<string, string[]> = {}) {
	const lookups: string[] = [];
	const lookup = async (host: string) => {
		lookups.push(host);
		if (!dns[host]) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
		return dns[host];
	};
	const g = new DownloadGuard('V', { allowedHosts: [], trustedEndpoints: [], ...policy }, lookup);
	return { g, lookups };
}

async function refusal(promise: Promise<unknown>): Promise<VendorApiError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(VendorApiError);
	const vendorError = error as VendorApiError;
	expect(vendorError.retryable).toBe(false);
	expect(`${vendorError.message} ${vendorError.hint}`).not.toContain('SIGcanary');
	return vendorError;
}

describe('DownloadGuard.checkUrl', () => {
	it('lets a host that resolves to public addresses through', async () => {
		const { g } = guard({}, { 'cdn.example.com': ['203.0.114.10', '2606:4700::6810:1'] });
		await expect(g.checkUrl(`https://cdn.example.com/a.log.gz?${SIGNATURE}`)).resolves.toEqual({ host: 'cdn.example.com', fixed: false });
	});

	it.each(['data:text/plain,hello', 'file:///etc/passwd', 'ftp://cdn.example.com/a.gz', 'javascript:alert(1)', 'gopher://x/'])(
		'refuses the scheme of %j',
		async (link) => {
			const { g, lookups } = guard();
			const error = await refusal(g.checkUrl(link));
			expect(error.message).toMatch(/uses "[a-z]+:", refused: only http and https links are followed/);
			expect(lookups).toEqual([]);
		},
	);

	it('refuses a link that is not a URL without repeating it', async () => {
		const error = await refusal(guard().g.checkUrl(`not a url ${SIGNATURE}`));
		expect(error.message).toBe('V: the download link is not a valid URL, refused');
	});

	it('refuses a host when any one of its addresses is internal, naming host and address but not the query', async () => {
		const { g } = guard({}, { 'files.evil.example': ['203.0.114.10', '10.1.2.3'] });
		const error = await refusal(g.checkUrl(`https://files.evil.example/x.gz?${SIGNATURE}`));
		expect(error.message).toBe(
			'V: the download link leads to host files.evil.example, which resolves to a private address 10.1.2.3, refused; add it to Allowed Download Hosts if you trust it',
		);
	});

	it.each([
		['http://169.254.169.254/latest/meta-data/', '169.254.169.254, a link-local address'],
		['http://[::1]:8080/x', '[::1], a loopback address'],
		['http://[::ffff:127.0.0.1]/x', '[::ffff:7f00:1], a loopback address'],
		['http://2130706433/x', '127.0.0.1, a loopback address'],
		['http://0.0.0.0/x', '0.0.0.0, an unspecified ("this network") address'],
	])('refuses the address literal in %s without a lookup', async (link, what) => {
		const { g, lookups } = guard();
		const error = await refusal(g.checkUrl(`${link}?${SIGNATURE}`));
		expect(error.message).toContain(`leads to ${what}, refused`);
		expect(lookups).toEqual([]);
	});

	it('says when the refused link came from a redirect', async () => {
		const error = await refusal(guard().g.checkUrl('http://10.0.0.1/', true));
		expect(error.message).toMatch(/^V: a redirect of the download link leads to 10\.0\.0\.1, a private address, refused/);
	});

	it('opens exactly the addresses of the credential endpoint, on any port', async () => {
		const { g } = guard({ trustedEndpoints: ['http://127.0.0.1:4000'] });
		await expect(g.checkUrl('http://127.0.0.1:4001/file.gz')).resolves.toEqual({ host: '127.0.0.1', fixed: true });
		await refusal(g.checkUrl('http://127.0.0.2:4000/file.gz'));
		await refusal(g.checkUrl('http://10.0.0.1:4000/file.gz'));
	});

	it('resolves an endpoint given by name, once, and only when needed', async () => {
		const { g, lookups } = guard({ trustedEndpoints: ['https://api.private.example'] }, { 'api.private.example': ['10.9.9.9'], 'cdn.private.example': ['10.9.9.9'], 'other.example': ['10.9.9.8'] });
		await g.checkUrl('https://cdn.private.example/f.gz');
		await refusal(g.checkUrl('https://other.example/f.gz'));
		expect(lookups).toEqual(['cdn.private.example', 'api.private.example', 'other.example']);
	});

	it('lets a listed host name through whatever it resolves to, without a lookup', async () => {
		const { g, lookups } = guard({ allowedHosts: ['minio.internal'] });
		await expect(g.checkUrl('http://MINIO.internal.:9000/b/f.gz')).resolves.toEqual({ host: 'minio.internal.', fixed: true });
		expect(lookups).toEqual([]);
	});

	it('lets a listed address through, for any host resolving to it, and nothing next to it', async () => {
		const { g } = guard({ allowedHosts: ['10.0.0.5', 'fd00::1'] }, { 'store.internal': ['10.0.0.5'], 'store2.internal': ['10.0.0.6'] });
		await expect(g.checkUrl('http://store.internal/f.gz')).resolves.toEqual({ host: 'store.internal', fixed: false });
		await expect(g.checkUrl('http://[fd00:0::1]/f.gz')).resolves.toEqual({ host: '[fd00::1]', fixed: true });
		await refusal(g.checkUrl('http://store2.internal/f.gz'));
		await refusal(g.checkUrl('http://10.0.0.4/f.gz'));
	});

	it('reports a name that does not resolve as a network error', async () => {
		const error = await refusal(guard().g.checkUrl('https://nowhere.example/f.gz'));
		expect(error.message).toBe('V: the host name could not be resolved');
	});
});

describe('DownloadGuard.connectionProblem', () => {
	const socket = (remoteAddress?: string) => ({ socket: { remoteAddress } });

	it('refuses an answer from an internal address when the check saw a public one (DNS rebinding)', async () => {
		const { g } = guard({}, { 'cdn.example.com': ['203.0.114.10'] });
		const target = await g.checkUrl('https://cdn.example.com/f.gz');
		const error = await g.connectionProblem(target, 'no-such-fetch', socket('169.254.169.254'));
		expect(error?.message).toMatch(/^V: the download of cdn\.example\.com connected to a link-local address 169\.254\.169\.254 .*refused; add it to Allowed Download Hosts/);
		expect(await g.connectionProblem(target, 'no-such-fetch', socket('::ffff:10.0.0.1'))).toBeInstanceOf(VendorApiError);
	});

	it('accepts a public peer, even another one than the check saw (CDNs rotate addresses)', async () => {
		const { g } = guard({}, { 'cdn.example.com': ['203.0.114.10'] });
		const target = await g.checkUrl('https://cdn.example.com/f.gz');
		expect(await g.connectionProblem(target, 'no-such-fetch', socket('203.0.114.11'))).toBeUndefined();
	});

	it('accepts a trusted or listed peer, such as a proxy the user listed', async () => {
		const { g } = guard({ allowedHosts: ['10.0.0.3'], trustedEndpoints: ['http://10.0.0.2:80'] }, { 'cdn.example.com': ['203.0.114.10'] });
		const target = await g.checkUrl('https://cdn.example.com/f.gz');
		expect(await g.connectionProblem(target, 'no-such-fetch', socket('10.0.0.2'))).toBeUndefined();
		expect(await g.connectionProblem(target, 'no-such-fetch', socket('10.0.0.3'))).toBeUndefined();
		expect(await g.connectionProblem(target, 'no-such-fetch', socket('10.0.0.4'))).toBeInstanceOf(VendorApiError);
	});

	it('refuses when the connected address cannot be seen', async () => {
		const { g } = guard({}, { 'cdn.example.com': ['203.0.114.10'] });
		const target = await g.checkUrl('https://cdn.example.com/f.gz');
		expect((await g.connectionProblem(target, 'no-such-fetch', {}))?.message).toMatch(/cannot be verified/);
	});

	it('does not second-guess an address literal or a listed host name', async () => {
		const { g } = guard({ allowedHosts: ['minio.internal'] });
		expect(await g.connectionProblem(await g.checkUrl('http://minio.internal/f'), 'no-such-fetch', socket('10.0.0.9'))).toBeUndefined();
		expect(await g.connectionProblem(await g.checkUrl('http://203.0.114.10/f'), 'no-such-fetch', {})).toBeUndefined();
	});
});
