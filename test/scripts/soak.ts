/**
 * `npm run soak`: the full fault soak (LOGPULL_SOAK_DOWNLOADS, default 1000 downloads).
 * Exits non-zero if any corrupt file was passed on or any file went missing without an error.
 */
import { shutdownEngine } from '../engine';
import { startAllEmulators } from '../emulator';
import { soak } from './soakRunner';
import { SOAK_SCENARIOS } from './soakScenarios';

async function main(): Promise<void> {
	const downloads = Number(process.env.LOGPULL_SOAK_DOWNLOADS ?? 1000);
	const all = await startAllEmulators();
	const started = Date.now();
	try {
		const report = await soak(all, SOAK_SCENARIOS, { downloads, seed: Number(process.env.LOGPULL_SOAK_SEED ?? 7), log: (l) => console.log(l) });
		console.log('\nsoak report');
		console.log(`  runs                     ${report.runs}`);
		console.log(`  files expected           ${report.expectedFiles}`);
		console.log(`  delivered, sha256 ok     ${report.delivered}`);
		console.log(`  failed as error items    ${report.failedWithError}`);
		console.log(`  corrupt files passed on  ${report.corrupt}`);
		console.log(`  silently missing files   ${report.silentlyMissing}`);
		console.log(`  faults injected          ${report.faultsInjected}`);
		console.log(`  retries spent            ${report.retries}`);
		console.log(`  time                     ${((Date.now() - started) / 1000).toFixed(0)} s`);
		for (const p of report.problems.slice(0, 20)) console.log(`  ! ${p}`);
		const ok = report.corrupt === 0 && report.silentlyMissing === 0 && report.problems.length === 0;
		console.log(`soak: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
		process.exitCode = ok ? 0 : 1;
	} finally {
		await all.emulator.stop();
		shutdownEngine();
	}
	process.exit(process.exitCode ?? 0);
}

void main();
