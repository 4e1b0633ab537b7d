/**
 * A short fault soak inside the test suite (the full one is `npm run soak`): random faults on
 * every download operation; no corrupt file passed on, no file missing without an error item, and
 * no key, password or token in anything written to the console or the logs meanwhile.
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
	const report = await soak(all, SOAK_SCENARIOS, { downloads: 150, seed: 11 });
	expect(report.problems).toEqual([]);
	expect(report.corrupt).toBe(0);
	expect(report.silentlyMissing).toBe(0);
	expect(report.delivered + report.failedWithError).toBeGreaterThanOrEqual(150);
	expect(report.faultsInjected).toBeGreaterThan(20);
	expect(report.retries).toBeGreaterThan(10);

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
