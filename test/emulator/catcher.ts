/** Where hostile faults point (login redirects, rewritten links), to prove that nothing follows them. */
import { createServer, Server } from 'http';
import { AddressInfo, isIPv4, Socket } from 'net';

/**
 * A listener that must never be reached: login redirects and rewritten download links point at
 * it. Every connection and request is recorded; it listens on loopback addresses only.
 */
export class Catcher {
	readonly connections: string[] = [];
	readonly requests: Array<{ host: string; method: string; path: string }> = [];
	private readonly servers = new Map<string, { server: Server; origin: string; sockets: Set<Socket> }>();

	/** Each address on its own port; 127.0.0.2 is loopback but not the emulator's own address. */
	async start(addresses: string[] = ['127.0.0.1', '127.0.0.2']): Promise<this> {
		for (const address of addresses) {
			if (!isIPv4(address) || !address.startsWith('127.')) throw new Error(`the catcher listens on loopback only, not ${address}`);
			const sockets = new Set<Socket>();
			const server = createServer((req, res) => {
				this.requests.push({ host: address, method: req.method ?? '', path: (req.url ?? '').split('?')[0] });
				res.writeHead(200, { 'Content-Type': 'text/plain' }).end('caught');
			});
			server.on('connection', (s: Socket) => {
				this.connections.push(address);
				sockets.add(s);
				s.on('close', () => sockets.delete(s));
			});
			await new Promise<void>((resolve) => server.listen(0, address, resolve));
			this.servers.set(address, { server, origin: `http://${address}:${(server.address() as AddressInfo).port}`, sockets });
		}
		return this;
	}

	/** `http://<address>:<port>` of the listener on that address. */
	origin(address: string): string {
		const s = this.servers.get(address);
		if (!s) throw new Error(`the catcher does not listen on ${address}`);
		return s.origin;
	}

	/** Connections (with or without a request) it received. */
	get hits(): number {
		return this.connections.length;
	}

	async stop(): Promise<void> {
		for (const { server, sockets } of this.servers.values()) {
			for (const s of sockets) s.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
		this.servers.clear();
	}
}
