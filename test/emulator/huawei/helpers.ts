/** Small helpers the Huawei services share: path and query parsing, deterministic fixture ids. */
import { createHash } from 'crypto';

export function intParam(value: string | null, fallback: number): number | undefined {
	if (value === null || value === '') return fallback;
	return /^-?\d+$/.test(value) ? Number(value) : undefined;
}

export function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** Deterministic 32-hex id, so a default fixture is the same across runs. */
export function hexId(seed: string): string {
	return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

export function uuidFrom(seed: string): string {
	const h = hexId(seed);
	const parts = [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20, 32)];
	return parts.join('-');
}
