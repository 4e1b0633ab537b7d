/**
 * `npm run soak`: the full fault soak (LOGPULL_SOAK_DOWNLOADS, default 1000 downloads).
 * Exits non-zero if any corrupt file was passed on, any file went missing without an error, a
 * run hung, a file was left orphaned in n8n's binary data folder or anything reached the catcher.
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
		console.log(`  hung executions          ${report.hung} (longest run ${(report.longestRunMs / 1000).toFixed(1)} s, limit 120 s)`);
		console.log(`  orphan files             ${report.orphans} (${report.filesOnDisk} files on disk, ${report.deliveredBinaries} delivered binaries)`);
		console.log(`  requests at the catcher  ${report.catcherHits}`);
		console.log(`  faults injected          ${report.faultsInjected}`);
		for (const [kind, n] of Object.entries(report.faultsByKind).sort((a, b) => b[1] - a[1])) console.log(`    ${kind.padEnd(22)} ${n}`);
		console.log(`  error items by cause`);
		for (const [cause, n] of Object.entries(report.errorsByCause).sort((a, b) => b[1] - a[1])) console.log(`    ${cause.padEnd(22)} ${n}`);
		console.log(`  retries spent            ${report.retries}`);
		console.log(`  time                     ${((Date.now() - started) / 1000).toFixed(0)} s`);
		for (const p of report.problems.slice(0, 20)) console.log(`  ! ${p}`);
		const ok =
			report.corrupt === 0 &&
			report.silentlyMissing === 0 &&
			report.hung === 0 &&
			report.orphans === 0 &&
			report.catcherHits === 0 &&
			report.problems.length === 0;
		console.log(`soak: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
		process.exitCode = ok ? 0 : 1;
	} finally {
		await all.emulator.stop();
		shutdownEngine();
	}
	process.exit(process.exitCode ?? 0);
}

void main();
