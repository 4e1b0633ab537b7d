/**
 * The one poll every log trigger runs: list the look-back window, keep what was not delivered yet
 * (pollState.ts), download it (or pass its metadata), commit what arrived. A vendor trigger only
 * says how to list its files and how to fetch one.
 *
 * One poll per trigger at a time: a tick that comes while the last poll is still running is skipped.
 * Failures never lose or duplicate: a failed listing fails the poll before the state moves; a
 * failed download is left undelivered, so the next poll offers it again; when every download of a
 * poll fails, the poll fails with the first error (it shows in the executions list).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { downloadSome } from './collection';
import { toNodeError } from './errors';
import { type Candidate, planPoll } from './pollState';

export interface TriggerSource<T extends Candidate> {
	/** Every file whose `at` lies in [from, now). */
	list(ctx: IExecuteFunctions, from: number, now: number): Promise<T[]>;
	/** The item for a file when it is not downloaded. */
	describe(file: T): INodeExecutionData;
	/** The item for a downloaded file (binary plus the same metadata). */
	download(ctx: IExecuteFunctions, file: T): Promise<INodeExecutionData>;
}

export interface TriggerSettings {
	lookBackMs: number;
	cap: number;
	backfillMs: number;
	download: boolean;
	concurrency: number;
}

const HOUR = 3600000;

export interface TriggerEvent {
	name: string;
	value: string;
	/** The line n8n's node creator shows for it, e.g. "On new system log". */
	action: string;
	description: string;
}

/**
 * What the trigger fires on, as a "Trigger On" field: n8n's node creator lists a trigger's events
 * from a field with that label (otherwise it shows a vague "On new … event").
 */
export function triggerOnField(name: string, events: TriggerEvent[]): INodeProperties {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is the first event, whichever the trigger passes
	return { displayName: 'Trigger On', name, type: 'options', noDataExpression: true, options: events, default: events[0].value };
}

/** Fields every log trigger shows, with the vendor's own default look-back. */
export function triggerFields(lookBackHours: number, lookBackHint: string): INodeProperties[] {
	return [
		{
			displayName: 'Download Files',
			name: 'download',
			type: 'boolean',
			default: true,
			description: 'Whether to download each new file as binary data; off emits its metadata only',
		},
		{
			displayName: 'Options',
			name: 'pollOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Backfill on First Activation (Hours)',
					name: 'backfillHours',
					type: 'number',
					default: 0,
					typeOptions: { minValue: 0, numberPrecision: 0 },
					description: 'On the first poll, also deliver files of this many past hours; 0 delivers only files that appear from then on',
				},
				{
					displayName: 'Look-Back Window (Hours)',
					name: 'lookBackHours',
					type: 'number',
					default: lookBackHours,
					typeOptions: { minValue: 1, maxValue: 24 * 183, numberPrecision: 0 },
					description: `How far back every poll lists files, so files published late are still caught. ${lookBackHint}.`,
				},
				{
					displayName: 'Max Files per Poll',
					name: 'maxFilesPerPoll',
					type: 'number',
					default: 100,
					typeOptions: { minValue: 1, maxValue: 1000, numberPrecision: 0 },
					description: 'A backlog drains over several polls, oldest first; nothing is skipped',
				},
			],
		},
	];
}

export function readTriggerSettings(ctx: IPollFunctions, concurrency: number, defaultLookBackHours: number): TriggerSettings {
	const o = ctx.getNodeParameter('pollOptions', {}) as { lookBackHours?: number; maxFilesPerPoll?: number; backfillHours?: number };
	const whole = (value: unknown, fallback: number, min: number, max: number) => {
		const n = Math.floor(Number(value ?? fallback));
		return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
	};
	return {
		lookBackMs: whole(o.lookBackHours, defaultLookBackHours, 1, 24 * 183) * HOUR,
		cap: whole(o.maxFilesPerPoll, 100, 1, 1000),
		backfillMs: whole(o.backfillHours, 0, 0, 24 * 183) * HOUR,
		download: ctx.getNodeParameter('download', true) !== false,
		concurrency,
	};
}

/**
 * A poll context seen as an execution of item 0, so the shared transports, which read parameters
 * by item and ask for the cancel signal, serve triggers unchanged.
 */
export function asExecution(ctx: IPollFunctions): IExecuteFunctions {
	const view = Object.create(ctx) as IExecuteFunctions & Record<string, unknown>;
	view.getNodeParameter = ((name: string, _item: number, fallback?: unknown, options?: IDataObject) =>
		ctx.getNodeParameter(name, fallback, options)) as IExecuteFunctions['getNodeParameter'];
	view.continueOnFail = () => false;
	view.getExecutionCancelSignal = () => undefined;
	return view;
}

/** Trigger nodes (workflow + node) with a poll running in this process. */
const polling = new Set<string>();

export async function runPoll<T extends Candidate>(
	ctx: IPollFunctions,
	source: TriggerSource<T>,
	settings: TriggerSettings,
	now = Date.now(),
): Promise<INodeExecutionData[][] | null> {
	// n8n starts a poll at every Poll Times tick without waiting for the one before: a poll still
	// listing or downloading has not marked its files yet, so a second one would deliver them again.
	// The tick is skipped; the next one picks up whatever is new.
	const key = `${ctx.getWorkflow().id ?? ''}/${ctx.getNode().id ?? ctx.getNode().name}`;
	const manual = ctx.getMode() === 'manual';
	if (!manual && polling.has(key)) return null;
	if (!manual) polling.add(key);
	const exec = asExecution(ctx);
	try {
		return await pollOnce(ctx, exec, source, settings, now);
	} catch (error) {
		// The same clear messages as the action nodes, in the executions list.
		throw toNodeError(exec, error, 0);
	} finally {
		if (!manual) polling.delete(key);
	}
}

async function pollOnce<T extends Candidate>(
	ctx: IPollFunctions,
	exec: IExecuteFunctions,
	source: TriggerSource<T>,
	settings: TriggerSettings,
	now: number,
): Promise<INodeExecutionData[][] | null> {
	const manual = ctx.getMode() === 'manual';
	const state = ctx.getWorkflowStaticData('node');
	const listed = await source.list(exec, now - settings.lookBackMs, now);
	const plan = planPoll(state, listed, { ...settings, now, manual });
	if (!plan.deliver.length) {
		// Still a poll that happened: the first one records the activation, later ones prune.
		plan.commit(state, []);
		return null;
	}
	if (!settings.download) {
		plan.commit(state, plan.deliver.map((f) => f.id));
		return [plan.deliver.map((f) => source.describe(f))];
	}
	const outcome = await downloadSome(exec, plan.deliver, settings.concurrency, async (f) => await source.download(exec, f));
	plan.commit(state, outcome.delivered.map((f) => f.id));
	if (!outcome.items.length && outcome.failures.length) throw outcome.failures[0].error;
	return [outcome.items];
}
