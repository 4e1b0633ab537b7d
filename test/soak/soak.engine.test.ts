/**
 * A short fault soak inside the test suite (the full one is `npm run soak`): random faults on
 * every download operation; no corrupt file passed on, no file missing without an error item.
 */
import { shutdownEngine } from '../engine';
import { AllEmulators, startAllEmulators } from '../emulator';
import { soak } from '../scripts/soakRunner';
import { SOAK_SCENARIOS } from '../scripts/soakScenarios';

let all: AllEmulators;

beforeAll(async () => {
	all = await startAllEmulators();
});
afterAll(async () => {
	await all.emulator.stop();
	shutdownEngine();
});

it('delivers every file whole or reports it, under random faults', async () => {
	const report = await soak(all, SOAK_SCENARIOS, { downloads: 150, seed: 11 });
	expect(report.problems).toEqual([]);
	expect(report.corrupt).toBe(0);
	expect(report.silentlyMissing).toBe(0);
	expect(report.delivered + report.failedWithError).toBeGreaterThanOrEqual(150);
	expect(report.faultsInjected).toBeGreaterThan(20);
	expect(report.retries).toBeGreaterThan(10);
}, 180000);
