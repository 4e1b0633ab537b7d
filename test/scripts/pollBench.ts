/**
 * `npm run bench:poll` (also the end of `npm run bench`): the Tencent EdgeOne Trigger polling 50
 * domains through n8n-core's PollContext against the emulator, which enforces Tencent's
 * per-action rate limits (100 requests/s on 2022-09-01, 20/s on 2022-01-06).
 *
 * One poll over 48 hours: 2,400 packets listed, 1,200 of them new. The state is seeded by the
 * trigger itself: it is activated 24 hours earlier, so it already holds the older half. Max Files
 * per Poll is at its maximum (1,000), so the poll delivers 1,000 and the next the last 200.
 * Measured: API requests by action, wall time, RequestLimitExceeded answers, downloads, and the
 * static data in bytes. Then a month of hourly polls with packets arriving late as EdgeOne
 * publishes them (30 minutes to a day after their hour): the state's size over the month.
 * Settings: LOGPULL_POLL_BENCH_DAYS (30), LOGPULL_POLL_BENCH_ROUNDS (3).
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { CredentialStore, runPollOnce, shutdownEngine } from '../engine';
import { Emulator } from '../emulator/server';
import { createTencentEmulators, TENCENT_EMULATOR_KEYS, type TeoZone } from '../emulator/tencent';
import { loadWorkflow } from '../helpers';
import { installShiftedClock, setClock } from './shiftedClock';

const HOUR = 3600000;
const MONTH_DAYS = Number(process.env.LOGPULL_POLL_BENCH_DAYS ?? 30);
/** The machine is shared and swings: each single-poll scenario runs this often, median reported. */
const ROUNDS = Number(process.env.LOGPULL_POLL_BENCH_ROUNDS ?? 3);
/** Ten past the hour, as a Poll Times "every hour at minute 10" would poll. */
const FIRST_NOW = Date.UTC(2026, 5, 20, 12, 10);
let nextNow = FIRST_NOW;

/**
 * Each scenario's "now", two days after the previous one's: the clock never goes back, since the
 * pack's rate limiter (shared by the whole process) would wait out slots it booked "later".
 */
function scenarioNow(): number {
	const now = nextNow;
	nextNow += 2 * 24 * HOUR;
	return now;
}

interface Shape {
	zones: number;
	domainsPerZone: number;
}

function benchZones({ zones, domainsPerZone }: Shape): TeoZone[] {
	return Array.from({ length: zones }, (_, z) => ({
		ZoneId: `zone-poll${String(z).padStart(7, '0')}`,
		ZoneName: `poll${z}.example.com`,
		Status: 'active',
		Area: 'mainland',
		domains: Array.from({ length: domainsPerZone }, (_, d) => `d${d}.poll${z}.example.com`),
		proxies: [],
	}));
}

interface Bed {
	tencent: ReturnType<typeof createTencentEmulators>;
	emulator: Emulator;
	store: CredentialStore;
	zones: TeoZone[];
}

async function bed(shape: Shape, teo: { availabilityDelaySec?: number; lateArrivalSpreadSec?: number } = {}): Promise<Bed> {
	const zones = benchZones(shape);
	const tencent = createTencentEmulators({ teo: { zones, ...teo } });
	const emulator = await new Emulator([tencent.teo, tencent.dsa, tencent.cdn]).start();
	const store = new CredentialStore({
		tencentCloudApi: { ...TENCENT_EMULATOR_KEYS, sessionToken: '', teoEndpoint: emulator.url('teo'), dsaEndpoint: emulator.url('dsa') },
	});
	return { tencent, emulator, store, zones };
}

/** The trigger of the EdgeOne example workflow, on the bench's zones, SHA-256 off as by default. */
function trigger(zones: TeoZone[], parameters: IDataObject): INode {
	const name = 'Tencent EdgeOne Trigger';
	const overrides = { zoneIds: zones.map((z) => z.ZoneId), gunzip: false, transferOptions: { sha256: false }, ...parameters };
	const wf = loadWorkflow('tencent-edgeone-trigger-new-packets.json', overrides, name);
	return (wf.nodes as INode[]).find((n) => n.name === name)!;
}

interface PollFigures {
	delivered: number;
	names: string[];
	requests: Record<string, number>;
	throttles: number;
	downloads: number;
	seconds: number;
	stateBytes: number;
}

const stateBytes = (state: IDataObject) => Buffer.byteLength(JSON.stringify(state));

async function measuredPoll(b: Bed, node: INode, state: IDataObject, at: number): Promise<PollFigures> {
	setClock(at);
	b.tencent.teo.reset();
	b.tencent.cdn.reset();
	const started = performance.now();
	const { items, error } = await runPollOnce(node, b.store, state);
	const seconds = (performance.now() - started) / 1000;
	if (error) throw new Error(`poll failed: ${error.message}`);
	const { actions, errors } = b.tencent.teo.counters;
	const throttles = Object.entries(errors).filter(([code]) => code.startsWith('RequestLimitExceeded')).reduce((sum, [, n]) => sum + n, 0);
	return { delivered: items?.length ?? 0, names: (items ?? []).map((i) => `${String(i.json.zoneId)}/${String(i.json.LogPacketName)}`), requests: { ...actions }, throttles, downloads: b.tencent.cdn.counters.downloads, seconds, stateBytes: stateBytes(state) };
}

const requestsCell = (requests: Record<string, number>) =>
	Object.entries(requests)
		.map(([action, n]) => `${n} ${action}`)
		.join(', ') || '0';
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * The scenario ROUNDS times on a fresh emulator: the median poll time and the throttles of all
 * rounds, every round's in brackets.
 */
async function onePoll(label: string, shape: Shape, apiVersion: string, download: boolean): Promise<string[]> {
	const rounds: string[][] = [];
	for (let round = 0; round < ROUNDS; round++) rounds.push(await onePollRound(label, shape, apiVersion, download));
	const times = rounds.map((r) => Number(r[TIME_CELL]));
	const median = [...times].sort((x, y) => x - y)[times.length >> 1];
	const row = [...rounds[0]];
	row[TIME_CELL] = `${median.toFixed(2)} s (${times.map((t) => t.toFixed(2)).join(', ')})`;
	const throttles = rounds.map((r) => Number(r[THROTTLE_CELL]));
	row[THROTTLE_CELL] = `${throttles.reduce((a, n) => a + n, 0)} (${throttles.join(', ')})`;
	return row;
}

const TIME_CELL = 4;
const THROTTLE_CELL = 5;

/** Activation 24 hours before its now, then the measured poll and the one that drains the rest. */
async function onePollRound(label: string, shape: Shape, apiVersion: string, download: boolean): Promise<string[]> {
	const now = scenarioNow();
	const b = await bed(shape);
	try {
		const node = trigger(b.zones, { apiVersion, download, pollOptions: { maxFilesPerPoll: 1000 } });
		const state: IDataObject = {};
		await measuredPoll(b, node, state, now - 24 * HOUR);
		const seeded = stateBytes(state);
		setClock(now);
		const listed = b.tencent.teo.packets({ kind: 'l7', start: now - 48 * HOUR, end: now, zoneIds: b.zones.map((z) => z.ZoneId) }).length;
		const fresh = b.tencent.teo.packets({ kind: 'l7', start: now - 24 * HOUR, end: now, zoneIds: b.zones.map((z) => z.ZoneId) }).length;
		const first = await measuredPoll(b, node, state, now);
		const second = await measuredPoll(b, node, state, now + 60000);
		return [
			label,
			`${listed} / ${fresh}`,
			`${first.delivered} + ${second.delivered}`,
			requestsCell(first.requests),
			first.seconds.toFixed(3),
			String(first.throttles + second.throttles),
			`${first.downloads} + ${second.downloads}`,
			`${kb(seeded)} → ${kb(first.stateBytes)} → ${kb(second.stateBytes)}`,
		];
	} finally {
		await b.emulator.stop();
	}
}

/** Hourly polls for MONTH_DAYS days, packets arriving 30 minutes to a day late. */
async function month(): Promise<string[]> {
	const b = await bed({ zones: 10, domainsPerZone: 5 }, { availabilityDelaySec: 1800, lateArrivalSpreadSec: 24 * 3600 });
	try {
		const node = trigger(b.zones, { download: false, pollOptions: {} });
		const state: IDataObject = {};
		const start = scenarioNow();
		await measuredPoll(b, node, state, start);
		const started = performance.now();
		let delivered = 0;
		const unique = new Set<string>();
		let maxBytes = 0;
		let requests = 0;
		let throttles = 0;
		for (let hour = 1; hour <= MONTH_DAYS * 24; hour++) {
			const poll = await measuredPoll(b, node, state, start + hour * HOUR);
			delivered += poll.delivered;
			for (const name of poll.names) unique.add(name);
			maxBytes = Math.max(maxBytes, poll.stateBytes);
			requests += Object.values(poll.requests).reduce((a, n) => a + n, 0);
			throttles += poll.throttles;
		}
		const seen = Object.keys(((state['node:Tencent EdgeOne Trigger'] as IDataObject)?.seen as IDataObject) ?? {}).length;
		const seconds = (performance.now() - started) / 1000;
		return [
			`${MONTH_DAYS * 24} hourly polls, 50 domains in 10 zones`,
			String(delivered),
			String(delivered - unique.size),
			String(requests),
			String(throttles),
			String(seen),
			kb(maxBytes),
			kb(stateBytes(state)),
			`${seconds.toFixed(0)} s`,
		];
	} finally {
		await b.emulator.stop();
	}
}

function printRows(head: string[], rows: string[][]): void {
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	for (const [k, cells] of [head, head.map(() => ''), ...rows].entries()) {
		const filler = k === 1 ? '-' : ' ';
		console.log(`| ${cells.map((c, i) => c.padEnd(widths[i], filler)).join(' | ')} |`);
	}
}

async function main(): Promise<void> {
	// `npm run bench` chains this after bench.ts; a before/after comparison alone wants neither.
	if (process.env.LOGPULL_BENCH_COMPARE_ONLY === '1') return;
	installShiftedClock();
	const ten = { zones: 10, domainsPerZone: 5 };
	const fifty = { zones: 50, domainsPerZone: 1 };
	const polls = [
		await onePoll('50 domains in 10 zones, metadata only', ten, '2022-09-01', false),
		await onePoll('50 domains in 10 zones, downloaded', ten, '2022-09-01', true),
		await onePoll('50 zones of 1 domain, metadata only', fifty, '2022-09-01', false),
		await onePoll('50 zones of 1 domain, API 2022-01-06 (20/s)', fifty, '2022-01-06', false),
	];
	console.log('\nEdgeOne Trigger, one poll over 48 hours (Max Files per Poll 1,000: the next poll delivers the rest):');
	printRows(['scenario', 'listed / new', 'delivered (poll + next)', 'API requests (poll)', 'poll time', 'RequestLimitExceeded', 'downloads', 'state: seeded → after → next'], polls);
	console.log(`\nEdgeOne Trigger state over ${MONTH_DAYS} days of hourly polls (look-back 48 hours, packets 30 min to a day late):`);
	printRows(['polls', 'packets delivered', 'delivered twice', 'API requests', 'RequestLimitExceeded', 'state entries at the end', 'state max', 'state at the end', 'time'], [await month()]);
	shutdownEngine();
	process.exit(0);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
