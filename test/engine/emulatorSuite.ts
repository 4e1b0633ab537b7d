/**
 * The hooks an engine test file against the emulator needs: one emulator for the file on
 * loopback, reset before each test, stopped (with the engine) after the last one.
 */
import { Emulator, type VendorModule } from '../emulator/server';
import { shutdownEngine } from './index';

/**
 * Fake only Date, set to `at`: n8n-core, the emulator and the signatures all read the moved clock,
 * while timers, hrtime and performance stay real, so sockets, retry waits and the rate limiter
 * run as they do in n8n.
 */
export function fakeDateOnly(at: number): void {
	jest.useFakeTimers({
		doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'],
	});
	jest.setSystemTime(at);
}

/** Registers the hooks; with `clockAt`, each test starts with Date faked at that instant. */
export function emulatorSuite(modules: VendorModule[], clockAt?: number): () => Emulator {
	let emulator: Emulator | undefined;
	beforeAll(async () => {
		emulator = await new Emulator(modules).start('127.0.0.1');
	});
	afterAll(async () => {
		jest.useRealTimers();
		await emulator?.stop();
		shutdownEngine();
	});
	beforeEach(() => {
		emulator!.reset();
		if (clockAt !== undefined) fakeDateOnly(clockAt);
	});
	afterEach(() => jest.useRealTimers());
	return () => emulator!;
}
