/**
 * The fault soak: every download operation of every node, run again and again through the real
 * n8n engine with "Continue On Fail" on, against the emulator with faults injected at random:
 * errors, resets, truncations, slow answers, stalls, endless bodies, gzip bombs, login
 * redirects and download links pointing at another loopback address. Each delivered file is
 * re-hashed from n8n's disk and must be byte-identical to a file the emulator served whole; each
 * file not delivered must be covered by an error item. Counted: delivered, failed with an error
 * (by cause), corrupt files passed on, silently missing files, hung executions (a run over
 * `hungAfterMs`), orphan files left in n8n's binary data folder, hits at the catcher (the
 * listener redirects and rewritten links point at): all must be 0.
 */
import { readdirSync } from 'fs';
import { join } from 'path';
import type { IDataObject } from 'n8n-workflow';
import { LOGIN_LIMITS } from '../../credentials/common/loginRequest';
import { retryStats } from '../../nodes/shared/retry';
import { binaryDataService, binarySha256, CredentialStore, runWorkflow } from '../engine';
import type { AllEmulators } from '../emulator';
import { Catcher, type Fault, faultKind } from '../emulator/server';
import { filesUnder, leafNodeNames, loadWorkflow, setNodeOption } from '../helpers';
import { demoCredentials } from './demoCredentials';
import { seededRandom } from '../emulator/random';

export interface SoakScenario {
	name: string;
	fixture: string;
	params?: IDataObject;
	/** Transfer Options of this scenario on top of the soak's (SOAK_TRANSFER). */
	transfer?: IDataObject;
	/**
	 * Faults for one run of this scenario, drawn at random; may also force a login (expire the
	 * emulator's tokens) so a login fault is met. `catcher` is where hostile redirects and links point.
	 */
	faults(random: () => number, all: AllEmulators, catcher: Catcher): Fault[];
	/** Something to break outside the request stream (token expiry, failing export). */
	chaos?(random: () => number, all: AllEmulators): void;
	/** Credential fields that differ from the demo credentials (e.g. another auth type). */
	credentials?(all: AllEmulators): Record<string, IDataObject>;
}

export interface SoakReport {
	runs: number;
	expectedFiles: number;
	delivered: number;
	failedWithError: number;
	corrupt: number;
	silentlyMissing: number;
	/** Runs that took longer than `hungAfterMs` (each one also a problem). */
	hung: number;
	/** The longest run, ms. */
	longestRunMs: number;
	/** Files in n8n's binary data folder that belong to no delivered item (each one a problem). */
	orphans: number;
	/** Files (not counting .metadata) left in the binary data folder, and the delivered binaries. */
	filesOnDisk: number;
	deliveredBinaries: number;
	/** Connections that reached the catcher (each one a problem). */
	catcherHits: number;
	retries: number;
	faultsInjected: number;
	faultsByKind: Record<string, number>;
	/** Error items by what they report. */
	errorsByCause: Record<string, number>;
	problems: string[];
}

/**
 * Short bounds so hostile bodies end fast: a stalled body is given up after 2 s without a byte
 * (idle timeout = Timeout), an endless one at 2 MB (Max File Size), far above any soak file.
 * Logins have fixed bounds of a minute (no node option reaches them): the soak shortens them alike.
 */
export const SOAK_TRANSFER = { retryBaseDelayMs: 20, maxAttempts: 5, timeoutSeconds: 2, maxFileSizeMb: 2 };
const SOAK_LOGIN_LIMITS = { answerMs: SOAK_TRANSFER.timeoutSeconds * 1000, idleMs: SOAK_TRANSFER.timeoutSeconds * 1000 };
/** A run that lasts longer than this counts as hung. */
export const HUNG_AFTER_MS = 120000;

/** What an error item reports, by its message. */
export function errorCause(message: string): string {
	const causes: Array<[RegExp, string]> = [
		[/the login was answered with a redirect/, 'login redirect refused'],
		[/download link.*leads to|download of .* connected to/, 'internal link refused'],
		[/decompression stopped/, 'gzip bomb stopped'],
		[/larger than Max File Size|too large to hold in memory|grew past/, 'too large (Max File Size)'],
		[/far beyond any (real API|login) answer/, 'API answer too large'],
		[/stopped sending/, 'stall'],
		[/timed out|timeout|Max Transfer Time|no answer to the login/i, 'timeout'],
		[/truncated|longer than announced/, 'truncated'],
		[/HTTP 429|throttl|RequestLimitExceeded|overloaded|busy|too many/i, 'throttled'],
		[/HTTP 5\d\d|internal error|InternalError|Service Unavailable|Bad Gateway/i, 'server error'],
		[/connection|socket|ECONNRESET|reset/i, 'connection reset'],
		[/export/i, 'export failed'],
		[/is not a sub-job ID/, 'follow-on (input from a failed node)'],
	];
	return causes.find(([pattern]) => pattern.test(message))?.[1] ?? 'other';
}

/** The run, or undefined when it has not ended after `ms` (it is left to finish on its own). */
async function bounded<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
	try {
		return await Promise.race([work, late]);
	} finally {
		clearTimeout(timer);
	}
}

function pick<T>(random: () => number, list: T[]): T {
	return list[Math.floor(random() * list.length)];
}

/** Transport faults every vendor can suffer, hostile ones included; `vendor` and `match` aim them. */
export function genericFaults(random: () => number, vendor: string, match?: string): Fault[] {
	const menu: Fault[] = [
		{ vendor, match, status: 429, body: 'Too Many Requests', headers: { 'Retry-After': '0' } },
		{ vendor, match, status: 503, body: 'Service Unavailable' },
		{ vendor, match, status: 502, body: '<html><body>Bad Gateway</body></html>' },
		{ vendor, match, reset: true },
		{ vendor, match, truncateAfter: Math.floor(random() * 20000) },
		{ vendor, match, delayMs: 200 },
		{ vendor, match, stallAfter: Math.floor(random() * 20000) },
		{ vendor, match, endless: true },
	];
	const count = Math.floor(random() * 3);
	return Array.from({ length: count }, () => ({ ...pick(random, menu), times: 1 + Math.floor(random() * 2) }));
}

export { seededRandom };

function outputItems(run: Awaited<ReturnType<typeof runWorkflow>>['run'], wf: IDataObject) {
	const runData = run.data.resultData.runData;
	return leafNodeNames(wf).flatMap((name) => runData[name]?.[0]?.data?.main?.[0] ?? []);
}

/** Every binary an execution produced, in any node's output. */
function binariesOf(run: Awaited<ReturnType<typeof runWorkflow>>['run']): Array<{ id?: string }> {
	return Object.values(run.data.resultData.runData).flatMap((runs) =>
		runs.flatMap((r) => (r.data?.main ?? []).flatMap((items) => (items ?? []).flatMap((i) => Object.values(i.binary ?? {})))),
	);
}

export async function soak(
	all: AllEmulators,
	scenarios: SoakScenario[],
	options: { downloads: number; seed?: number; log?: (line: string) => void; hungAfterMs?: number },
): Promise<SoakReport> {
	const catcher = await new Catcher().start();
	const loginLimits = { ...LOGIN_LIMITS };
	Object.assign(LOGIN_LIMITS, SOAK_LOGIN_LIMITS);
	try {
		return await soakWith(all, scenarios, options, catcher);
	} finally {
		Object.assign(LOGIN_LIMITS, loginLimits);
		await catcher.stop();
	}
}

async function soakWith(
	all: AllEmulators,
	scenarios: SoakScenario[],
	options: { downloads: number; seed?: number; log?: (line: string) => void; hungAfterMs?: number },
	catcher: Catcher,
): Promise<SoakReport> {
	const random = seededRandom(options.seed ?? 42);
	const hungAfterMs = options.hungAfterMs ?? HUNG_AFTER_MS;
	// Each run under its own workflow id, so this soak's files in the binary data folder are known.
	const tag = `soak${options.seed ?? 42}x${Date.now().toString(36)}`;
	let runIds = 0;
	const deliveredPaths = new Set<string>();
	// One store per scenario, kept for the whole soak, so tokens live on across runs as in n8n.
	const stores = new Map<string, CredentialStore>();
	const storeFor = (scenario: SoakScenario) => {
		let store = stores.get(scenario.name);
		if (!store) {
			const data = Object.fromEntries(demoCredentials(all).map((c) => [c.type, { ...c.data }]));
			for (const [type, fields] of Object.entries(scenario.credentials?.(all) ?? {})) data[type] = { ...data[type], ...fields } as never;
			store = new CredentialStore(data as never);
			stores.set(scenario.name, store);
		}
		return store;
	};
	all.emulator.recordDigests = true;
	const report: SoakReport = {
		runs: 0,
		expectedFiles: 0,
		delivered: 0,
		failedWithError: 0,
		corrupt: 0,
		silentlyMissing: 0,
		hung: 0,
		longestRunMs: 0,
		orphans: 0,
		filesOnDisk: 0,
		deliveredBinaries: 0,
		catcherHits: 0,
		retries: 0,
		faultsInjected: 0,
		faultsByKind: {},
		errorsByCause: {},
		problems: [],
	};
	const retriesBefore = retryStats.retries;
	const faultsBefore = all.emulator.faults.injected;
	const kindsBefore = { ...all.emulator.faults.injectedByKind };
	const expected = new Map<string, number>();

	const workflowOf = (scenario: SoakScenario) => {
		const wf = loadWorkflow(scenario.fixture, scenario.params);
		wf.id = `${tag}r${++runIds}`;
		for (const node of wf.nodes as IDataObject[]) {
			if (node.type === 'n8n-nodes-base.manualTrigger') continue;
			const params = node.parameters as IDataObject;
			params.transferOptions = { ...(params.transferOptions as IDataObject), ...SOAK_TRANSFER, ...scenario.transfer };
		}
		return setNodeOption(wf, 'continueOnFail', true);
	};
	/** One bounded run; its binaries are remembered as delivered (they are checked one by one later). */
	const execute = async (scenario: SoakScenario, wf: IDataObject) => {
		const started = Date.now();
		const result = await bounded(runWorkflow(wf, storeFor(scenario)), hungAfterMs);
		const ms = Date.now() - started;
		report.longestRunMs = Math.max(report.longestRunMs, ms);
		if (!result) {
			report.hung++;
			report.problems.push(`${scenario.name}: run still going after ${hungAfterMs / 1000} s (hung)`);
			return undefined;
		}
		for (const binary of binariesOf(result.run)) if (binary.id) deliveredPaths.add(binaryDataService().getPath(binary.id));
		return result;
	};

	// A fault-free run of each scenario says how many files it should deliver.
	let largestServed = 0;
	for (const scenario of scenarios) {
		all.emulator.faults.clear();
		const servedBefore = all.emulator.served.length;
		const wf = workflowOf(scenario);
		const result = await execute(scenario, wf);
		const files = result ? outputItems(result.run, wf).filter((i) => i.binary).length : 0;
		if (!result || result.error || files === 0) {
			throw new Error(`soak scenario ${scenario.name} fails without faults: ${result?.error?.message ?? (result ? 'no files' : 'hung')}`);
		}
		expected.set(scenario.name, files);
		for (const s of all.emulator.served.slice(servedBefore)) largestServed = Math.max(largestServed, s.size);
	}
	// Max File Size must stop endless bodies, never a real file.
	const smallestCap = Math.min(...scenarios.map((s) => Number(s.transfer?.maxFileSizeMb ?? SOAK_TRANSFER.maxFileSizeMb))) * 1048576;
	if (largestServed * 2 > smallestCap) throw new Error(`soak files (up to ${largestServed} bytes) too close to Max File Size (${smallestCap})`);

	while (report.delivered + report.failedWithError < options.downloads) {
		const scenario = scenarios[report.runs % scenarios.length];
		all.emulator.faults.clear();
		const faults = scenario.faults(random, all, catcher);
		all.emulator.faults.add(...faults);
		if (process.env.LOGPULL_SOAK_VERBOSE) options.log?.(`      faults: ${faults.map((f) => `${f.vendor} ${faultKind(f)}`).join(', ') || 'none'}`);
		scenario.chaos?.(random, all);
		const servedBefore = all.emulator.served.length;
		const wf = workflowOf(scenario);
		const result = await execute(scenario, wf);
		report.runs++;
		if (!result) continue;
		const { run, error } = result;
		const want = expected.get(scenario.name) ?? 0;
		report.expectedFiles += want;
		const items = outputItems(run, wf);
		const whole = all.emulator.served.slice(servedBefore).filter((s) => s.complete);
		const served = new Set(whole.map((s) => s.sha256));
		const inflated = new Set(whole.flatMap((s) => (s.inflatedSha256 ? [s.inflatedSha256] : [])));
		let delivered = 0;
		let errors = 0;
		for (const item of items) {
			if (item.json.error) {
				errors++;
				const cause = errorCause(String(item.json.error));
				report.errorsByCause[cause] = (report.errorsByCause[cause] ?? 0) + 1;
				if (process.env.LOGPULL_SOAK_VERBOSE) options.log?.(`      error item: ${item.json.error}`);
				if (!String(item.json.error).includes(':')) report.problems.push(`${scenario.name}: unclear error "${item.json.error}"`);
				continue;
			}
			for (const binary of Object.values(item.binary ?? {})) {
				const digest = await binarySha256(binary);
				// Decompressed: what the pack received must be a whole served file, what it stored its inflation.
				const good =
					item.json.compressedSha256 === undefined
						? served.has(digest)
						: served.has(String(item.json.compressedSha256)) && inflated.has(digest);
				if (digest !== item.json.sha256 || !good) {
					report.corrupt++;
					report.problems.push(`${scenario.name}: corrupt file ${binary.fileName} passed on`);
				} else delivered++;
			}
		}
		report.delivered += delivered;
		const failed = want - delivered;
		if (failed > 0 && errors === 0 && !error) {
			report.silentlyMissing += failed;
			report.problems.push(`${scenario.name}: ${failed} file(s) missing without an error`);
		} else if (failed > 0) report.failedWithError += failed;
		if (error) report.problems.push(`${scenario.name}: execution stopped despite Continue On Fail: ${error.message}`);
		options.log?.(
			`${String(report.runs).padStart(4)} ${scenario.name.padEnd(28)} files ${delivered}/${want}${failed > 0 ? ` (${errors} error items)` : ''}`,
		);
	}
	report.retries = retryStats.retries - retriesBefore;
	report.faultsInjected = all.emulator.faults.injected - faultsBefore;
	for (const [kind, n] of Object.entries(all.emulator.faults.injectedByKind)) {
		if (n - (kindsBefore[kind] ?? 0) > 0) report.faultsByKind[kind] = n - (kindsBefore[kind] ?? 0);
	}
	all.emulator.faults.clear();

	// Every file this soak left in n8n's binary data folder must be a delivered item's (or its .metadata).
	const folder = (binaryDataService() as { config: { localStoragePath: string } }).config.localStoragePath;
	const workflows = join(folder, 'workflows');
	let ours: string[] = [];
	try {
		ours = readdirSync(workflows).filter((d) => d.startsWith(tag));
	} catch {
		// No folder: nothing stored on disk at all.
	}
	const onDisk = ours.flatMap((d) => filesUnder(join(workflows, d)));
	report.deliveredBinaries = deliveredPaths.size;
	report.filesOnDisk = onDisk.filter((f) => !f.endsWith('.metadata')).length;
	for (const file of onDisk) {
		if (deliveredPaths.has(file.replace(/\.metadata$/, ''))) continue;
		report.orphans++;
		if (report.orphans <= 10) report.problems.push(`orphan file in the binary data folder: ${file.slice(folder.length)}`);
	}
	if (deliveredPaths.size > 0 && report.filesOnDisk === 0) report.problems.push(`no delivered file found under ${workflows}: the orphan check saw nothing`);

	report.catcherHits = catcher.hits;
	for (const hit of catcher.requests.slice(0, 10)) report.problems.push(`the catcher was reached: ${hit.method} ${hit.host} ${hit.path}`);
	if (catcher.hits > catcher.requests.length) report.problems.push(`the catcher got ${catcher.hits} connection(s)`);
	return report;
}
