/**
 * Where a vendor-supplied download link may lead. Presigned links (EdgeOne packet `Url`, DSA
 * `url`) come from an API answer; a compromised or impersonated answer could point them at the
 * n8n host itself, the cloud metadata service (169.254.169.254) or anything else on the internal
 * network, and the node would fetch it and hand it over as a file. So a link is followed only
 * when it is http(s) and every address its host resolves to is public, checked again on each
 * redirect hop and once more against the address actually connected to.
 *
 * Two exceptions, both exact: the addresses the credential's own endpoint resolves to (a private
 * deployment, a local emulator: any port on that address, since file servers and APIs usually
 * share a host but not a port), and the hosts or addresses the user lists in Allowed Download
 * Hosts. This is the only module of the pack that uses `dns`, `net` and `diagnostics_channel`.
 */
import { randomUUID } from 'crypto';
import { subscribe } from 'diagnostics_channel';
import { promises as dns } from 'dns';
import { isIP, isIPv4, isIPv6 } from 'net';
import { InvalidParameterError, networkError, VendorApiError } from './errors';

/** [network, prefix length, what it is] — RFC 6890 special-purpose ranges and friends. */
type Range = [string, number, string];

const PRIVATE = 'a private address';
const RESERVED = 'a reserved address';
const IPV4_RANGES: Range[] = [
	['0.0.0.0', 8, 'an unspecified ("this network") address'],
	['10.0.0.0', 8, PRIVATE],
	['100.64.0.0', 10, 'a shared (carrier-grade NAT) address'],
	['127.0.0.0', 8, 'a loopback address'],
	['169.254.0.0', 16, 'a link-local address'],
	['172.16.0.0', 12, PRIVATE],
	['192.0.0.0', 24, RESERVED],
	['192.0.2.0', 24, RESERVED],
	['192.88.99.0', 24, RESERVED],
	['192.168.0.0', 16, PRIVATE],
	['198.18.0.0', 15, RESERVED],
	['198.51.100.0', 24, RESERVED],
	['203.0.113.0', 24, RESERVED],
	['224.0.0.0', 4, 'a multicast address'],
	['240.0.0.0', 4, RESERVED],
];
const IPV6_RANGES: Range[] = [
	['::', 128, 'the unspecified address'],
	['::1', 128, 'a loopback address'],
	['::', 96, RESERVED], // IPv4-compatible, deprecated (RFC 4291)
	['64:ff9b:1::', 48, PRIVATE], // local-use NAT64 (RFC 8215)
	['100::', 64, RESERVED], // discard-only (RFC 6666)
	['2001::', 32, RESERVED], // Teredo
	['2001:db8::', 32, RESERVED],
	['3fff::', 20, RESERVED],
	['fc00::', 7, 'a unique local (private) address'],
	['fe80::', 10, 'a link-local address'],
	['fec0::', 10, 'a site-local (private) address'],
	['ff00::', 8, 'a multicast address'],
];
/** IPv6 forms that carry an IPv4 address, which is what gets reached: [network, prefix, offset]. */
// (IPv4-mapped ::ffff:a.b.c.d is read as the IPv4 address itself, in addressBytes.)
const EMBEDDED_IPV4: Array<[string, number, number]> = [
	['::ffff:0:0:0', 96, 12], // IPv4-translated (RFC 2765)
	['64:ff9b::', 96, 12], // NAT64 well-known prefix (RFC 6052)
	['2002::', 16, 2], // 6to4 (RFC 3056)
];

function ipv4Bytes(text: string): Buffer | undefined {
	return isIPv4(text) ? Buffer.from(text.split('.').map(Number)) : undefined;
}

function ipv6Bytes(text: string): Buffer | undefined {
	let s = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
	if (!isIPv6(s)) return undefined;
	const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
	if (dotted) {
		const v4 = ipv4Bytes(dotted[1]) as Buffer;
		s = `${s.slice(0, -dotted[1].length)}${v4.readUInt16BE(0).toString(16)}:${v4.readUInt16BE(2).toString(16)}`;
	}
	const [head, tail] = s.split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
	const out = Buffer.alloc(16);
	groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
	return out;
}

/** 4 bytes for IPv4 (and IPv4-mapped IPv6, the same address), 16 for IPv6, else undefined. */
function addressBytes(text: string): Buffer | undefined {
	const v6 = ipv4Bytes(text) ? undefined : ipv6Bytes(text);
	if (v6 && v6.subarray(0, 12).equals(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]))) return v6.subarray(12);
	return v6 ?? ipv4Bytes(text);
}

function inRange(bytes: Buffer, network: Buffer, prefix: number): boolean {
	for (let bit = 0; bit < prefix; bit += 8) {
		const mask = prefix - bit >= 8 ? 0xff : (0xff << (8 - (prefix - bit))) & 0xff;
		if ((bytes[bit / 8] & mask) !== (network[bit / 8] & mask)) return false;
	}
	return true;
}

function classify(bytes: Buffer): string | undefined {
	if (bytes.length === 4) {
		return IPV4_RANGES.find(([net, prefix]) => inRange(bytes, ipv4Bytes(net) as Buffer, prefix))?.[2];
	}
	for (const [net, prefix, offset] of EMBEDDED_IPV4) {
		if (inRange(bytes, ipv6Bytes(net) as Buffer, prefix)) return classify(bytes.subarray(offset, offset + 4));
	}
	return IPV6_RANGES.find(([net, prefix]) => inRange(bytes, ipv6Bytes(net) as Buffer, prefix))?.[2];
}

/**
 * What is wrong with fetching from this IP address ("a private address", "a loopback address"…),
 * or undefined when it is a public unicast address. Anything that is not an IP address is refused.
 */
export function addressProblem(address: string): string | undefined {
	const bytes = addressBytes(address);
	return bytes ? classify(bytes) : 'not an IP address';
}

/** Whether two texts are the same IP address (`::ffff:10.0.0.1` is `10.0.0.1`). */
export function sameAddress(a: string, b: string): boolean {
	const x = addressBytes(a);
	const y = addressBytes(b);
	return !!x && !!y && x.equals(y);
}

const hostKey = (host: string) => host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');

/** The Allowed Download Hosts field: host names or IP addresses, comma or newline separated. */
export function parseAllowedHosts(text: unknown): string[] {
	const entries = String(text ?? '').split(/[\s,]+/).map(hostKey).filter(Boolean);
	for (const entry of entries) {
		if (!isIP(entry) && !/^[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?$/.test(entry)) {
			throw new InvalidParameterError(
				'Allowed Download Hosts',
				`"${entry}" is not a host name or IP address (give the host alone: no scheme, port or path)`,
			);
		}
	}
	return entries;
}

export interface DownloadHostPolicy {
	/** Allowed Download Hosts, as parsed: host names match exactly, IP addresses by address. */
	allowedHosts: string[];
	/** The credential's own endpoint URLs: the addresses their hosts resolve to are allowed. */
	trustedEndpoints: string[];
}

export type Lookup = (host: string) => Promise<string[]>;

const systemLookup: Lookup = async (host) =>
	(await dns.lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/** A link (or redirect target) that passed: what the connection must be checked against. */
export interface CheckedTarget {
	host: string;
	/** The host is an IP address or an allowed name: nothing to compare the connection with. */
	fixed: boolean;
}

/**
 * Ties a response to the request that asked for it on the diagnostics channel: n8n hands back
 * only the body, and on n8n 2.x that is a wrapper stream that no longer shows its socket.
 */
export const FETCH_ID_HEADER = 'X-Logpull-Fetch';
const MAX_PENDING = 1000;

/**
 * The address each tagged response came from, read when its headers arrive (later, a short
 * answer may already have closed its socket, which then forgets its peer).
 */
const peers = new Map<string, string>();
let listening = false;
function recordPeers(): void {
	if (listening) return;
	listening = true;
	subscribe('http.client.response.finish', (message) => {
		const { request, response } = message as {
			request?: { getHeader?: (name: string) => unknown };
			response?: { socket?: { remoteAddress?: string } | null };
		};
		const id = request?.getHeader?.(FETCH_ID_HEADER);
		if (typeof id !== 'string') return;
		// Entries are taken when read; a request that failed leaves one behind, so the map is capped.
		if (peers.size >= MAX_PENDING) peers.delete(peers.keys().next().value as string);
		peers.set(id, response?.socket?.remoteAddress ?? '');
	});
}

/** One guard per download (its redirects included): the endpoint addresses are looked up once. */
export class DownloadGuard {
	private trusted: Promise<string[]> | undefined;

	constructor(
		private readonly vendor: string,
		private readonly policy: DownloadHostPolicy,
		private readonly lookup: Lookup = systemLookup,
	) {
		recordPeers();
	}

	private refuse(message: string): VendorApiError {
		return new VendorApiError({
			vendor: this.vendor,
			kind: 'input',
			message,
			hint:
				'Vendor download links point to its public CDN; one that leads elsewhere may come from a compromised or impersonated API answer. ' +
				'Nothing from it was passed on. If your storage really is internal, list its host in Transfer Options → Allowed Download Hosts.',
		});
	}

	private async trustedAddresses(): Promise<string[]> {
		this.trusted ??= Promise.all(
			this.policy.trustedEndpoints.map(async (endpoint) => {
				const host = hostKey(URL.canParse(endpoint) ? new URL(endpoint).hostname : '');
				if (!host) return [];
				return isIP(host) ? [host] : await this.lookup(host).catch(() => []);
			}),
		).then((lists) => lists.flat());
		return await this.trusted;
	}

	/** Why this address may not be fetched from, or undefined when it may. */
	private async problemOf(address: string): Promise<string | undefined> {
		const problem = addressProblem(address);
		if (!problem) return undefined;
		if (this.policy.allowedHosts.some((h) => sameAddress(h, address))) return undefined;
		if ((await this.trustedAddresses()).some((t) => sameAddress(t, address))) return undefined;
		return problem;
	}

	/** Refuse a link that is not http(s) or whose host resolves to a non-public address. */
	async checkUrl(link: string, redirected = false): Promise<CheckedTarget> {
		const subject = redirected ? 'a redirect of the download link' : 'the download link';
		// Messages name the scheme or host only: the query holds the signature.
		if (!URL.canParse(link)) throw this.refuse(`${subject} is not a valid URL, refused`);
		const url = new URL(link);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') {
			throw this.refuse(`${subject} uses "${url.protocol}", refused: only http and https links are followed`);
		}
		const host = hostKey(url.hostname);
		if (this.policy.allowedHosts.includes(host)) return { host: url.hostname, fixed: true };
		const literal = isIP(host) !== 0;
		let addresses: string[];
		try {
			addresses = literal ? [host] : await this.lookup(host);
		} catch (error) {
			throw networkError(this.vendor, error) ?? this.refuse(`the host ${url.hostname} of ${subject} could not be resolved`);
		}
		if (!addresses.length) throw this.refuse(`the host ${url.hostname} of ${subject} resolves to no address`);
		for (const address of addresses) {
			const problem = await this.problemOf(address);
			if (!problem) continue;
			const where = literal
				? `${subject} leads to ${url.hostname}, ${problem}`
				: `${subject} leads to host ${url.hostname}, which resolves to ${problem} ${address}`;
			throw this.refuse(`${where}, refused; add it to Allowed Download Hosts if you trust it`);
		}
		return { host: url.hostname, fixed: literal };
	}

	/** A fresh id for one request, sent as FETCH_ID_HEADER so its connection can be found. */
	fetchId(): string {
		return randomUUID();
	}

	/**
	 * The address that was connected to must pass too: DNS may answer differently the second time
	 * (rebinding). n8n's request helper does not let the node pin the address it checked (no agent
	 * or lookup option), so the socket of the tagged request is checked instead, before a byte of
	 * the body is used. Residual risk: by then the GET (no credentials) has reached that address;
	 * only its answer is refused. Behind a proxy the socket leads to the proxy, and what the proxy
	 * resolves is beyond this check. Returns the refusal.
	 */
	async connectionProblem(target: CheckedTarget, fetchId: string, body: unknown): Promise<VendorApiError | undefined> {
		const recorded = peers.get(fetchId);
		peers.delete(fetchId);
		if (target.fixed) return undefined;
		const peer = recorded || (body as { socket?: { remoteAddress?: string } } | undefined)?.socket?.remoteAddress;
		if (!peer) return this.refuse(`the address the download of ${target.host} connected to cannot be verified, refused`);
		const problem = await this.problemOf(peer);
		if (!problem) return undefined;
		return this.refuse(
			`the download of ${target.host} connected to ${problem} ${peer} (its DNS answer changed after the check, or n8n reaches it through a proxy there), refused; add it to Allowed Download Hosts if you trust it`,
		);
	}
}
