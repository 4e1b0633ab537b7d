/** The log CDN both Tencent products link to: signed, expiring URLs and gzip files. */
import { ServerResponse } from 'http';
import { EmulatorRequest, RouteContext, VendorModule } from '../server';
import { Clock, realClock, SECOND } from './common';
import { TencentLogFiles, tencentLogFiles } from './logFiles';

export interface TencentCdnOptions {
	files: TencentLogFiles;
	clock: Clock;
}

export interface TencentCdnCounters {
	downloads: number;
	bytes: number;
	rejected: number;
	/** Requests that carried an Authorization or X-TC-* header: must stay 0. */
	credentialLeaks: number;
}

export class TencentCdnEmulator implements VendorModule {
	readonly name = 'tencent-cdn';
	readonly options: TencentCdnOptions;
	clock: Clock;
	counters: TencentCdnCounters = { downloads: 0, bytes: 0, rejected: 0, credentialLeaks: 0 };

	constructor(options: Partial<TencentCdnOptions> = {}) {
		this.options = { files: tencentLogFiles, clock: realClock, ...options };
		this.clock = this.options.clock;
	}

	get files(): TencentLogFiles {
		return this.options.files;
	}

	reset(): void {
		this.counters = { downloads: 0, bytes: 0, rejected: 0, credentialLeaks: 0 };
		this.options.files.reset();
		this.clock = this.options.clock;
	}

	handle(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		const deny = (status: number, code: string, message: string) => {
			this.counters.rejected++;
			const xml =
				'<?xml version="1.0" encoding="UTF-8"?>\n' +
				`<Error><Code>${code}</Code><Message>${message}</Message></Error>\n`;
			ctx.text(res, status, xml, 'application/xml');
		};
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			return deny(405, 'MethodNotAllowed', 'GET only');
		}
		// Presigned URLs carry their own authorisation; an API credential here is a leak.
		const leaked = Object.keys(req.headers).find(
			(h) => h === 'authorization' || h.startsWith('x-tc-'),
		);
		if (leaked) {
			this.counters.credentialLeaks++;
			return deny(403, 'AccessDenied', `Credentials must not be sent to the log CDN (${leaked}).`);
		}
		const file = this.options.files.parsePath(req.path);
		if (!file) return deny(404, 'NoSuchKey', 'The specified key does not exist.');
		const nowSec = Math.floor(this.clock() / SECOND);
		const verdict = this.options.files.check(
			req.path,
			req.url.searchParams.get('e'),
			req.url.searchParams.get('st'),
			nowSec,
		);
		if (verdict === 'expired') return deny(403, 'AccessDenied', 'Request has expired.');
		if (verdict === 'bad') return deny(403, 'AccessDenied', 'Signature does not match.');
		const spec = this.options.files.spec(file.kind, file.name);
		this.counters.downloads++;
		this.counters.bytes += spec.size;
		ctx.sendFile(res, spec, { contentType: 'application/octet-stream' });
	}
}
