/**
 * The fault soak: every download operation of every node, run again and again through the real
 * n8n engine with "Continue On Fail" on, against the emulator with faults injected at random.
 * Each delivered file is re-hashed from n8n's disk and must be byte-identical to a file the
 * emulator served whole; each file not delivered must be covered by an error item. Counted:
 * delivered, failed with an error, corrupt files passed on (must be 0), silently missing files
 * (must be 0), retries spent.
 */
import type { IDataObject } from 'n8n-workflow';
import { retryStats } from '../../nodes/shared/retry';
import { binarySha256, CredentialStore, runWorkflow } from '../engine';
import type { AllEmulators } from '../emulator';
import type { Fault } from '../emulator/server';
import { leafNodeNames, loadWorkflow, setNodeOption } from '../helpers';
import { demoCredentials } from './demoCredentials';
import { seededRandom } from '../emulator/random';

export interface SoakScenario {
	name: string;
	fixture: string;
	params?: IDataObject;
	/** Faults for one run of this scenario, drawn at random. */
	faults(random: () => number, all: AllEmulators): Fault[];
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
	retries: number;
	faultsInjected: number;
	problems: string[];
}

const FAST = { retryBaseDelayMs: 20, maxAttempts: 5 };

function pick<T>(random: () => number, list: T[]): T {
	return list[Math.floor(random() * list.length)];
}

/** Transport faults every vendor can suffer; `vendor` and `match` aim them. */
export function genericFaults(random: () => number, vendor: string, match?: string): Fault[] {
	const menu: Fault[] = [
		{ vendor, match, status: 429, body: 'Too Many Requests', headers: { 'Retry-After': '0' } },
		{ vendor, match, status: 503, body: 'Service Unavailable' },
		{ vendor, match, status: 502, body: '<html><body>Bad Gateway</body></html>' },
		{ vendor, match, reset: true },
		{ vendor, match, truncateAfter: Math.floor(random() * 20000) },
		{ vendor, match, delayMs: 200 },
	];
	const count = Math.floor(random() * 3);
	return Array.from({ length: count }, () => ({ ...pick(random, menu), times: 1 + Math.floor(random() * 2) }));
}

export { seededRandom };

function outputItems(run: Awaited<ReturnType<typeof runWorkflow>>['run'], wf: IDataObject) {
	const runData = run.data.resultData.runData;
	return leafNodeNames(wf).flatMap((name) => runData[name]?.[0]?.data?.main?.[0] ?? []);
}

export async function soak(
	all: AllEmulators,
	scenarios: SoakScenario[],
	options: { downloads: number; seed?: number; log?: (line: string) => void },
): Promise<SoakReport> {
	const random = seededRandom(options.seed ?? 42);
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
		retries: 0,
		faultsInjected: 0,
		problems: [],
	};
	const retriesBefore = retryStats.retries;
	const faultsBefore = all.emulator.faults.injected;
	const expected = new Map<string, number>();

	const workflowOf = (scenario: SoakScenario) => {
		const wf = loadWorkflow(scenario.fixture, scenario.params);
		for (const node of wf.nodes as IDataObject[]) {
			if (node.type === 'n8n-nodes-base.manualTrigger') continue;
			const params = node.parameters as IDataObject;
			params.transferOptions = { ...(params.transferOptions as IDataObject), ...FAST };
		}
		return setNodeOption(wf, 'continueOnFail', true);
	};

	// A fault-free run of each scenario says how many files it should deliver.
	for (const scenario of scenarios) {
		all.emulator.faults.clear();
		const wf = workflowOf(scenario);
		const { run, error } = await runWorkflow(wf, storeFor(scenario));
		const files = outputItems(run, wf).filter((i) => i.binary).length;
		if (error || files === 0) throw new Error(`soak scenario ${scenario.name} fails without faults: ${error?.message ?? 'no files'}`);
		expected.set(scenario.name, files);
	}

	while (report.delivered + report.failedWithError < options.downloads) {
		const scenario = scenarios[report.runs % scenarios.length];
		all.emulator.faults.clear();
		all.emulator.faults.add(...scenario.faults(random, all));
		scenario.chaos?.(random, all);
		const servedBefore = all.emulator.served.length;
		const wf = workflowOf(scenario);
		const { run, error } = await runWorkflow(wf, storeFor(scenario));
		report.runs++;
		const want = expected.get(scenario.name) ?? 0;
		report.expectedFiles += want;
		const items = outputItems(run, wf);
		const served = new Set(all.emulator.served.slice(servedBefore).filter((s) => s.complete).map((s) => s.sha256));
		let delivered = 0;
		let errors = 0;
		for (const item of items) {
			if (item.json.error) {
				errors++;
				if (process.env.LOGPULL_SOAK_VERBOSE) options.log?.(`      error item: ${item.json.error}`);
				if (!String(item.json.error).includes(':')) report.problems.push(`${scenario.name}: unclear error "${item.json.error}"`);
				continue;
			}
			for (const binary of Object.values(item.binary ?? {})) {
				const digest = await binarySha256(binary);
				if (digest !== item.json.sha256 || !served.has(digest)) {
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
	all.emulator.faults.clear();
	return report;
}
