/**
 * What the Tencent emulators have in common: time units and the clock, the one key pair, and
 * small request, time and counting helpers.
 */
import { createHash } from 'crypto';
import { EmulatorRequest } from '../server';

export const SECOND = 1000;
export const HOUR = 3600 * SECOND;
export const DAY = 24 * HOUR;
/** Tencent shows log times in Beijing time (UTC+8) and DSA days are Beijing days. */
export const BEIJING = 8 * HOUR;

export type Clock = () => number;
export const realClock: Clock = () => Date.now();

/** One key pair valid on both emulated APIs, as a real Tencent Cloud key is. */
export const TENCENT_EMULATOR_KEYS = {
	secretId: 'AKIDemulatorTencent0000000000000000',
	secretKey: 'emulatorTencentSecretKey00000000',
};

export function header(req: EmulatorRequest, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value.join(',') : value;
}

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

export const pad2 = (n: number) => String(n).padStart(2, '0');

/** `YYYYMMDD` and `HH` of a UTC hour. */
export function utcStamp(ms: number): { day: string; hour: string } {
	const iso = new Date(ms).toISOString();
	return { day: iso.slice(0, 10).replace(/-/g, ''), hour: iso.slice(11, 13) };
}

export function beijingIso(ms: number): string {
	return `${new Date(ms + BEIJING).toISOString().slice(0, 19)}+08:00`;
}

export function bump(counts: Record<string, number>, key: string): void {
	counts[key] = (counts[key] ?? 0) + 1;
}

/** A fixed share in [0, 1) per name: when in its spread a late file appears. */
export function lateness(name: string): number {
	return createHash('sha256').update(`late|${name}`).digest().readUInt32BE(0) / 2 ** 32;
}
