/**
 * The packet files the Tencent APIs list and the log CDN serves: their sizes and the CDN's URL
 * signatures, in one store so a listed packet and the file served always agree.
 */
import { createHmac } from 'crypto';
import { FileSpec } from '../files';

export type TencentFileKind = 'l7' | 'l4' | 'dsa';

export class TencentLogFiles {
	defaultSize: number;
	/** Per-name size overrides (EdgeOne LogPacketName, or DSA `YYYYMMDD/HH/YYYYMMDD-host`). */
	readonly sizes = new Map<string, number>();

	constructor(
		private readonly initialDefaultSize = 32 * 1024,
		private readonly urlKey = 'emulated-tencent-cdn-url-key',
	) {
		this.defaultSize = initialDefaultSize;
	}

	setSize(name: string, bytes: number): void {
		this.sizes.set(name, bytes);
	}

	sizeOf(name: string): number {
		return this.sizes.get(name) ?? this.defaultSize;
	}

	spec(kind: TencentFileKind, name: string): FileSpec {
		const style = kind === 'dsa' ? 'cdn' : 'jsonl';
		return { format: 'gz', size: this.sizeOf(name), seed: `tencent/${kind}/${name}`, style };
	}

	path(kind: TencentFileKind, name: string): string {
		return kind === 'dsa' ? `/dsa/${name}` : `/teo/${kind}/${name}.log.gz`;
	}

	parsePath(path: string): { kind: TencentFileKind; name: string } | undefined {
		const teo = /^\/teo\/(l7|l4)\/([A-Za-z0-9._-]+)\.log\.gz$/.exec(path);
		if (teo) return { kind: teo[1] as TencentFileKind, name: teo[2] };
		const dsa = /^\/dsa\/(\d{8}\/\d{2}\/\d{8}-[A-Za-z0-9.-]+)$/.exec(path);
		return dsa ? { kind: 'dsa', name: dsa[1] } : undefined;
	}

	/** `st`: 22 base64url characters, the length of the tokens in Tencent's own examples. */
	token(path: string, expiresSec: number): string {
		return createHmac('sha256', this.urlKey)
			.update(`${path}\n${expiresSec}`)
			.digest('base64url')
			.slice(0, 22);
	}

	signedUrl(baseUrl: string, kind: TencentFileKind, name: string, expiresSec: number): string {
		const path = this.path(kind, name);
		return `${baseUrl}${path}?st=${this.token(path, expiresSec)}&e=${expiresSec}`;
	}

	check(
		path: string,
		e: string | null,
		st: string | null,
		nowSec: number,
	): 'ok' | 'expired' | 'bad' {
		if (!e || !/^\d+$/.test(e) || !st || st !== this.token(path, Number(e))) return 'bad';
		return Number(e) < nowSec ? 'expired' : 'ok';
	}

	reset(): void {
		this.sizes.clear();
		this.defaultSize = this.initialDefaultSize;
	}
}

/** Used by every module built without its own store, so separately built modules still agree. */
export const tencentLogFiles = new TencentLogFiles();
