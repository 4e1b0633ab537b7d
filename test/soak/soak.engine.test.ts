/**
 * A short fault soak inside the test suite (the full one is `npm run soak`): random faults on
 * every download operation, hostile ones included (stalls, endless bodies, gzip bombs, login
 * redirects, download links to another loopback address); no corrupt file passed on, no file
 * missing without an error item, no run hung, no file left orphaned in n8n's binary data folder,
 * nothing reaching the catcher, and no key, password or token in anything written to the console
 * or the logs meanwhile.
 */
import { shutdownEngine } from '../engine';
import { AllEmulators, startAllEmulators } from '../emulator';
import { HUAWEI_DEFAULTS } from '../emulator/huawei';
import { TENCENT_EMULATOR_KEYS } from '../emulator/tencent';
import { soak } from '../scripts/soakRunner';
import { SOAK_SCENARIOS } from '../scripts/soakScenarios';

let all: AllEmulators;
const logged: string[] = [];

beforeAll(async () => {
	all = await startAllEmulators();
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
	}
	for (const stream of [process.stdout, process.stderr]) {
		const write = stream.write.bind(stream);
		jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
			logged.push(String(chunk));
			return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
		}) as never);
	}
});
afterAll(async () => {
	jest.restoreAllMocks();
	await all.emulator.stop();
	shutdownEngine();
});

it('delivers every file whole or reports it, under random faults, and logs no secret', async () => {
	// The faults drawn depend only on the seed; this one meets every hostile kind within 200 downloads.
	const report = await soak(all, SOAK_SCENARIOS, { downloads: 200, seed: 5, hungAfterMs: 60000 });
	expect(report.problems).toEqual([]);
	expect(report.corrupt).toBe(0);
	expect(report.silentlyMissing).toBe(0);
	expect(report.hung).toBe(0);
	expect(report.orphans).toBe(0);
	expect(report.filesOnDisk).toBe(report.deliveredBinaries);
	expect(report.catcherHits).toBe(0);
	expect(report.delivered + report.failedWithError).toBeGreaterThanOrEqual(200);
	expect(report.faultsInjected).toBeGreaterThan(20);
	expect(report.retries).toBeGreaterThan(10);
	// Every hostile kind was met, and ended as an error item that says what happened.
	for (const kind of ['stall', 'endless body', 'gzip bomb', 'internal link']) expect(report.faultsByKind[kind]).toBeGreaterThan(0);
	expect((report.faultsByKind['redirect 307'] ?? 0) + (report.faultsByKind['redirect 308'] ?? 0)).toBeGreaterThan(0);
	for (const cause of ['stall', 'too large (Max File Size)', 'gzip bomb stopped', 'internal link refused', 'login redirect refused']) {
		expect(report.errorsByCause[cause]).toBeGreaterThan(0);
	}

	const secrets = [
		all.yeastar.options.clientSecret,
		TENCENT_EMULATOR_KEYS.secretKey,
		HUAWEI_DEFAULTS.keys[0].secretKey,
		HUAWEI_DEFAULTS.users[0].password,
		...all.yeastar.tokens.flatMap((t) => [t.access, t.refresh]),
		...all.huawei.cloud.tokens.keys(),
	];
	const text = logged.join('\n');
	for (const secret of secrets) expect(text.includes(secret)).toBe(false);
}, 240000);
