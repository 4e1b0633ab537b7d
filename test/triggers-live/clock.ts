/**
 * The accelerated clock n8n and the emulator share in the live trigger test.
 *
 * The triggers compute their windows from Date.now() inside n8n, so n8n itself must live through
 * the two days. libfaketime (Debian's `faketime` package, preloaded into the process) makes the
 * wall clock run SPEED times faster from a given instant. Only the wall clock: with
 * FAKETIME_DONT_FAKE_MONOTONIC=1, timers, timeouts and the event loop keep real time, so n8n's
 * HTTP timeouts, graceful shutdown and the pack's retry waits behave as they do in production.
 *
 * Each process reads its start instant from FAKETIME when it is exec'd; a process started later
 * (the emulator first, then n8n, then n8n again after the restart) is given the emulator's current
 * fake time, so all of them agree to within the time it takes to exec a process.
 */
import { existsSync } from 'fs';

/** Fake seconds per real second: two days pass in 144 real seconds. */
export const SPEED = 1200;
/** Where the emulator's clock starts: later than any real clock this runs on, in UTC. */
export const FAKE_START = Date.UTC(2027, 2, 1, 0, 30);

const LIBRARIES = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1'];

export function faketimeLibrary(): string {
	const found = LIBRARIES.find((p) => existsSync(p));
	if (!found) throw new Error(`libfaketime not found (${LIBRARIES.join(', ')}): apt-get install faketime`);
	return found;
}

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** Environment for a process whose wall clock starts at `fakeNow` and runs SPEED times faster. */
export function faketimeEnv(fakeNow: number): NodeJS.ProcessEnv {
	return {
		LD_PRELOAD: faketimeLibrary(),
		// "@" is read in the process's local zone.
		TZ: 'UTC',
		FAKETIME: `@${stamp(fakeNow)} x${SPEED}`,
		FAKETIME_DONT_FAKE_MONOTONIC: '1',
	};
}

export const HOUR = 3600000;
export const DAY = 24 * HOUR;
