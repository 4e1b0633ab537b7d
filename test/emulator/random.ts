/**
 * The one deterministic random source of the test tooling (xorshift32): the emulator's generated
 * files and the soak's fault schedule. A text seed is hashed, a number used as is, so a seed
 * always gives the same sequence.
 */
import { createHash } from 'crypto';

export function seededRandom(seed: string | number): () => number {
	let h = (typeof seed === 'number' ? seed >>> 0 : createHash('sha256').update(seed).digest().readUInt32LE(0)) || 1;
	return () => {
		h ^= h << 13;
		h >>>= 0;
		h ^= h >>> 17;
		h ^= h << 5;
		h >>>= 0;
		return h / 0x100000000;
	};
}
