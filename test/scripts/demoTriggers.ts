/**
 * The demo's trigger part: each trigger example workflow once, as "Fetch Test Event" runs it (the
 * newest files, no state kept), into n8n's own nodes when n8n-nodes-base is at hand
 * (test/engine/stockNodes.ts) or as the trigger alone when it is not.
 */
import { mkdirSync, statSync } from 'fs';
import type { IDataObject } from 'n8n-workflow';
import type { CredentialStore } from '../engine';
import { loadStockNodes } from '../engine/stockNodes';
import type { AllEmulators } from '../emulator';
import { decompressedEntries, finishCodeArtsCheckNow, runTriggerExample, TRIGGER_EXAMPLE_WORKFLOWS } from './triggerExamples';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Adds a row per delivered file to `rows` and one per workflow to `triggerRows`; returns the failures. */
export async function runTriggerExamples(all: AllEmulators, store: CredentialStore, folder: string, rows: string[][], triggerRows: string[][]): Promise<number> {
	const stock = loadStockNodes() !== undefined;
	mkdirSync(folder, { recursive: true });
	finishCodeArtsCheckNow(all);
	let failures = 0;
	for (const file of TRIGGER_EXAMPLE_WORKFLOWS) {
		const started = Date.now();
		const result = await runTriggerExample(file, folder, store, stock);
		const seconds = ((Date.now() - started) / 1000).toFixed(2);
		const name = String(result.wf.name);
		if (result.error) {
			failures++;
			triggerRows.push([name, 'FAILED', result.error.message, '', seconds]);
			continue;
		}
		for (const item of result.delivered) {
			// CodeArts Check delivers several logs per item, each described in `logs`.
			const logs = (item.json.logs as IDataObject[] | undefined) ?? [];
			for (const [key, binary] of Object.entries(item.binary ?? {})) {
				const json = logs.find((l) => l.binaryProperty === key) ?? item.json;
				rows.push([binary.fileName ?? '', String(json.size ?? ''), String(json.sha256 ?? ''), name, seconds]);
			}
		}
		const files = result.delivered.reduce((n, item) => n + Object.keys(item.binary ?? {}).length, 0);
		const nodesOf = (type: string) => (result.wf.nodes as Array<{ name: string; type: string }>).filter((n) => n.type === type);
		const unpacked = nodesOf('n8n-nodes-base.compression').flatMap((n) => decompressedEntries(result.output(n.name)));
		// What the Read/Write node reports having written (earlier demo runs left files there too).
		const written = nodesOf('n8n-nodes-base.readWriteFile').flatMap((n) => result.output(n.name).map((i) => String(i.json.fileName)));
		const bytes = written.reduce((sum, path) => sum + statSync(path).size, 0);
		triggerRows.push([
			name,
			`${result.delivered.length} items, ${files} files`,
			stock ? (unpacked.length ? `${unpacked.length} entries` : '-') : 'skipped',
			stock ? `${written.length} files, ${kb(bytes)}` : 'skipped',
			seconds,
		]);
	}
	return failures;
}
