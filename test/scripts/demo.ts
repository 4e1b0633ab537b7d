/**
 * The demo: starts the bundled vendor emulator, runs the example workflows through the real n8n
 * engine (binary data on disk), copies every downloaded file to ./downloads and prints what it
 * fetched. Then each trigger example once, as the editor's Fetch Test Event runs it, into n8n's
 * own Compression and Read/Write Files from Disk nodes, which write to ./downloads/trigger-examples.
 * `npm run demo`.
 */
import { createReadStream, createWriteStream, mkdirSync } from 'fs';
import { join, resolve } from 'path';
import { pipeline } from 'stream/promises';
import { binaryDataService, CredentialStore, runWorkflow, shutdownEngine } from '../engine';
import { loadStockNodes } from '../engine/stockNodes';
import { startAllEmulators } from '../emulator';
import { leafNodeNames, loadWorkflow } from '../helpers';
import { demoCredentials, exampleWorkflowFiles } from './demoCredentials';
import { runTriggerExamples } from './demoTriggers';

async function main(): Promise<void> {
	const out = resolve(process.argv[2] ?? 'downloads');
	mkdirSync(out, { recursive: true });
	const all = await startAllEmulators();
	const store = new CredentialStore(
		Object.fromEntries(demoCredentials(all).map((c) => [c.type, { ...c.data }])),
	);
	const rows: string[][] = [];
	const triggerRows: string[][] = [];
	let failures = 0;
	try {
		for (const file of exampleWorkflowFiles()) {
			const wf = loadWorkflow(file);
			const started = Date.now();
			const { run, error } = await runWorkflow(wf, store);
			const seconds = ((Date.now() - started) / 1000).toFixed(2);
			if (error) {
				failures++;
				rows.push([String(wf.name), 'FAILED', '', error.message, seconds]);
				continue;
			}
			const runData = run.data.resultData.runData;
			const items = leafNodeNames(wf).flatMap((name) => runData[name]?.[0]?.data?.main?.[0] ?? []);
			const files = items.filter((i) => i.binary);
			if (!files.length) rows.push([String(wf.name), `${items.length} items listed`, '', '', seconds]);
			for (const item of files) {
				for (const binary of Object.values(item.binary!)) {
					const target = join(out, binary.fileName ?? 'download.bin');
					const source = binary.id
						? await binaryDataService().getAsStream(binary.id)
						: createReadStream(Buffer.from(binary.data, 'base64') as never);
					await pipeline(source, createWriteStream(target));
					rows.push([binary.fileName ?? '', String(item.json.size), String(item.json.sha256), String(wf.name), seconds]);
				}
			}
		}
		failures += await runTriggerExamples(all, store, join(out, 'trigger-examples'), rows, triggerRows);
	} finally {
		await all.emulator.stop();
		shutdownEngine();
	}
	printTable(['file', 'size (bytes)', 'sha256', 'workflow', 'time (s)'], rows);
	console.log(`\nTrigger examples (Fetch Test Event, then n8n's own nodes${loadStockNodes() ? '' : ': not found, trigger only'}):\n`);
	printTable(['workflow', 'delivered', 'unpacked by Compression', 'written by Read/Write Files', 'time (s)'], triggerRows);
	console.log(`\nFiles written to ${out}`);
	if (failures) {
		console.error(`${failures} example workflow(s) failed`);
		process.exit(1);
	}
	process.exit(0);
}

function printTable(head: string[], rows: string[][]): void {
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ');
	console.log(line(head));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const row of rows) console.log(line(row));
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
