/**
 * The example workflows that start with one of the pack's polling triggers and chain the files
 * into n8n's own nodes (Compression, Split Out, Read/Write Files from Disk). The demo and the
 * engine test run each once the way the editor's "Fetch Test Event" does (the trigger's poll in
 * manual mode: the newest files, the state untouched), with the folder they write to moved
 * somewhere of the caller's choosing.
 *
 * They are not in EXAMPLE_WORKFLOWS: `n8n execute` (the real-n8n stage) only starts a workflow at
 * a Manual Trigger (or Execute Workflow Trigger) and refuses a polling trigger with "Missing node
 * to start execution"; the triggers are run in real n8n by `n8n start` instead.
 */
import { createHash } from 'crypto';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { type CredentialStore, runWorkflow, type WorkflowRun } from '../engine';
import type { AllEmulators } from '../emulator';
import type { CodeArtsJob } from '../emulator/huawei';
import { FIXTURES_DIR } from '../paths';

export const TRIGGER_EXAMPLE_WORKFLOWS = [
	'yeastar-trigger-new-system-log.json',
	'tencent-edgeone-trigger-new-packets.json',
	'tencent-dsa-trigger-new-hourly-logs.json',
	'huawei-codearts-trigger-new-finished-execution.json',
];

/** Where the examples write as imported: n8n's docker image allows it on 1.x and 2.x alike. */
export const EXAMPLE_OUTPUT_FOLDER = '/home/node/.n8n-files/logpull';

/** A trigger example with every path under EXAMPLE_OUTPUT_FOLDER moved under `folder`. */
export function loadTriggerExample(file: string, folder: string): IDataObject {
	const text = readFileSync(join(FIXTURES_DIR, file), 'utf8');
	return JSON.parse(text.split(EXAMPLE_OUTPUT_FOLDER).join(folder));
}

export function triggerNodeOf(wf: IDataObject): { name: string; type: string } {
	return (wf.nodes as Array<{ name: string; type: string }>).find((n) => n.type.endsWith('Trigger'))!;
}

/** The workflow cut down to its trigger, for when n8n's own nodes are not at hand. */
export function triggerOnly(wf: IDataObject): IDataObject {
	return { ...wf, nodes: [triggerNodeOf(wf)], connections: {} };
}

export interface TriggerExampleRun extends WorkflowRun {
	wf: IDataObject;
	/** The items the trigger's manual poll returned. */
	delivered: INodeExecutionData[];
	/** The files the workflow wrote under the folder. */
	written: Array<{ path: string; size: number }>;
}

/** One "Fetch Test Event" run of a trigger example, writing under `folder` (which must exist). */
export async function runTriggerExample(file: string, folder: string, store: CredentialStore, withStockNodes = true): Promise<TriggerExampleRun> {
	const loaded = loadTriggerExample(file, folder);
	const wf = withStockNodes ? loaded : triggerOnly(loaded);
	// The trigger is the workflow's first node: the engine starts there, in manual mode.
	const result = await runWorkflow(wf, store);
	return { ...result, wf, delivered: result.output(triggerNodeOf(wf).name), written: filesUnder(folder) };
}

/** Every file under a folder, with its size, relative to it. */
export function filesUnder(folder: string, prefix = ''): Array<{ path: string; size: number }> {
	let found: Array<{ path: string; size: number }> = [];
	let names: string[];
	try {
		names = readdirSync(join(folder, prefix));
	} catch {
		return found;
	}
	for (const name of names.sort()) {
		const relative = prefix ? `${prefix}/${name}` : name;
		const stats = statSync(join(folder, relative));
		if (stats.isDirectory()) found = found.concat(filesUnder(folder, relative));
		else found.push({ path: relative, size: stats.size });
	}
	return found;
}

/** Entries the Compression node unpacked: every binary of its output items. */
export function decompressedEntries(items: INodeExecutionData[]): Array<{ fileName: string; fileSize: string }> {
	return items.flatMap((item) => Object.values(item.binary ?? {}).map((b) => ({ fileName: b.fileName ?? '', fileSize: String(b.fileSize ?? '') })));
}

/**
 * The emulated CodeArts project's executions date from June 2024; a live demo polls "now", so
 * one check of the first task finishes a minute before the demo runs, as on a project in use.
 */
export function finishCodeArtsCheckNow(all: AllEmulators, now = Date.now()): CodeArtsJob {
	const task = all.huawei.codeArts.options.projects[0].tasks[0];
	const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const hex = (seed: string) => createHash('sha256').update(`${seed}/${now}`).digest('hex').slice(0, 32);
	const job: CodeArtsJob = {
		job_id: hex('demo-job'),
		status: 'success',
		start_time: iso(now - 11 * 60000),
		end_time: iso(now - 60000),
		trigger_type: 'manual',
		sub_jobs: ['secbrella', 'codemars'].map((engine) => ({ sub_job_id: hex(`demo-${engine}`), status: 'success', engine })),
	};
	task.jobs.push(job);
	return job;
}
