/**
 * The emulator world of the live trigger test, in its own process under the accelerated clock
 * (clock.ts): every vendor module reads that clock, so signatures, tokens and link lifetimes all
 * agree with n8n's. What the vendors publish over time:
 *   - EdgeOne: each L7 packet 30 min after its hour plus a fixed share of 20 h (late packets);
 *   - DSA: each host-hour 2 h after it ends plus a fixed share of 1 h (late collection);
 *   - Yeastar: a new day's log at each midnight (UTC), complete once the next one starts;
 *   - CodeArts Check: executions starting every 70 min per task and finishing 5 min to 4 h later.
 * Publication pauses from the world's start until POST /go (n8n starts and the triggers make their
 * first poll meanwhile: what they see then is "already there") and stops for good 48-60 h after it,
 * so what was published is a fixed set the report compares deliveries with.
 *   node world.js  → prints {"control": url, "credentials": [...], "setup": {...}} on its first line
 */
import { createServer } from 'http';
import { performance } from 'perf_hooks';
import type { AllEmulators } from '../emulator';
import { type CodeArtsJob, defaultCodeArtsProjects, hexId, huaweiEmulators } from '../emulator/huawei';
import { Emulator, type VendorModule } from '../emulator/server';
import { createTencentEmulators, lateness } from '../emulator/tencent';
import { defaultLogNames, YeastarEmulator } from '../emulator/yeastar';
import { demoCredentials } from '../scripts/demoCredentials';
import { DAY, HOUR } from './clock';
import { compareDeliveries, type DeliveryRecord, type Expected } from './compare';

const MINUTE = 60000;
const RUN = 2 * DAY;
/** When publication paused: the world's start. */
const PRE = Date.now();
let go = 0;
let freeze = 0;
/** The clock publication follows: still at PRE until /go, never past the freeze. */
const published = (now = Date.now()) => (!go ? PRE : Math.min(now, freeze));

const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
const dayStart = (ms: number) => Math.floor(ms / DAY) * DAY;
/** When a YYYYMMDD day is over in UTC, the zone of both the PBX and n8n here. */
const dayEnd = (name: string) => Date.UTC(+name.slice(0, 4), +name.slice(4, 6) - 1, +name.slice(6, 8)) + DAY;

// At 1,200× a 30-minute token or link would live 1.5 real seconds, less than a busy poll takes.
const yeastar = new YeastarEmulator({ accessTtlSec: 6 * 3600, downloadUrlTtlSec: 6 * 3600, logNames: defaultLogNames(10, ymd(PRE)) });
const tencent = createTencentEmulators({
	teo: { availabilityDelaySec: 1800, lateArrivalSpreadSec: 20 * 3600, urlTtlSec: 12 * 3600, maxSkewSec: 3600 },
	dsa: { lateArrivalSpreadSec: 3600, urlTtlSec: 12 * 3600 },
});
const project = defaultCodeArtsProjects(3, 1)[0];
const huawei = huaweiEmulators({ cloud: { maxClockSkewMs: 2 * HOUR }, codeArts: { projects: [project] } });
const { teo, dsa } = tencent;

/** Runs a listing as of the publication clock. */
function asPublished<T>(module: { clock: () => number }, at: number, list: () => T): T {
	const own = module.clock;
	module.clock = () => at;
	try {
		return list();
	} finally {
		module.clock = own;
	}
}
const teoPackets = teo.packets.bind(teo);
teo.packets = (query) => asPublished(teo, published(), () => teoPackets(query));
const dsaHostLogs = dsa.hostLogs.bind(dsa);
dsa.hostLogs = (host, startDate, endDate) => asPublished(dsa, published(), () => dsaHostLogs(host, startDate, endDate));

/** The PBX's day logs at a publication instant: ten old days, then one more each midnight. */
function logNamesAt(at: number): string[] {
	const names = defaultLogNames(10, ymd(PRE));
	for (let day = dayStart(PRE) + DAY; day <= at; day += DAY) names.push(ymd(day));
	return names;
}

interface PlannedJob {
	task: number;
	job: CodeArtsJob;
	start: number;
	end: number;
	outcome: CodeArtsJob['status'];
}
let plan: PlannedJob[] = [];
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const OUTCOMES: CodeArtsJob['status'][] = ['success', 'success', 'failed', 'aborted'];

function planJobs(from: number, until: number): PlannedJob[] {
	const jobs: PlannedJob[] = [];
	for (let task = 0; task < project.tasks.length; task++) {
		for (let j = 0, start = from + task * 23 * MINUTE; start <= until; j++, start += 70 * MINUTE) {
			const share = lateness(`codearts/${task}/${j}`);
			const end = start + Math.round((5 + share * 235) * MINUTE);
			const job: CodeArtsJob = {
				job_id: hexId(`live/job/${task}/${j}`),
				status: 'running',
				start_time: iso(start),
				end_time: '',
				trigger_type: 'manual',
				sub_jobs: [0, 1].map((s) => ({ sub_job_id: hexId(`live/sub/${task}/${j}/${s}`), status: 'success', engine: s ? 'codemars' : 'secbrella' })),
			};
			jobs.push({ task, job, start, end, outcome: OUTCOMES[Math.floor(share * 1000) % OUTCOMES.length] });
		}
	}
	return jobs;
}

/** Executions start and finish as the publication clock passes their instants. */
function updateJobs(at: number): void {
	for (const p of plan) {
		const jobs = project.tasks[p.task].jobs;
		if (p.start <= at && !jobs.includes(p.job)) jobs.push(p.job);
		if (p.end <= at && p.job.status === 'running') Object.assign(p.job, { status: p.outcome, end_time: iso(p.end) });
	}
}

// Two executions finished shortly before the pause: the first poll sees them as already there.
for (const [task, done] of [[0, PRE - 2 * HOUR], [1, PRE - HOUR]]) {
	project.tasks[task].jobs.push({
		job_id: hexId(`live/old/${task}`),
		status: 'success',
		start_time: iso(done - 20 * MINUTE),
		end_time: iso(done),
		trigger_type: 'manual',
		sub_jobs: [{ sub_job_id: hexId(`live/old/${task}/sub`), status: 'success', engine: 'secbrella' }],
	});
}

/** Fake instants of listing requests per vendor, with the real instant they came at. */
const listings: Record<string, Array<{ at: number; real: number }>> = { yeastar: [], edgeone: [], dsa: [], codearts: [] };
const LISTING: Record<string, [string, (path: string, action: string) => boolean]> = {
	yeastar: ['yeastar', (path) => path.endsWith('/system_log/list')],
	teo: ['edgeone', (_path, action) => action.includes('DownloadL7Logs')],
	dsa: ['dsa', () => true],
	codeartscheck: ['codearts', (_path, action) => action === 'ShowTaskListByProjectId'],
};

function watch(module: VendorModule): void {
	const handle = module.handle.bind(module);
	module.handle = (req, res, ctx) => {
		const at = published();
		if (module === yeastar) yeastar.options.logNames = logNamesAt(at);
		if (module === huawei.codeArts) updateJobs(at);
		const listing = LISTING[module.name];
		if (listing?.[1](req.path, req.action ?? '')) listings[listing[0]].push({ at: Date.now(), real: performance.now() });
		return handle(req, res, ctx);
	};
}

/** Listing requests less than 150 ms apart belong to one poll. */
function pollsAfter(trigger: string, after: number): number {
	let polls = 0;
	let last = -Infinity;
	for (const l of listings[trigger]) {
		if (l.at > after && l.real - last > 150) polls++;
		last = l.real;
	}
	return polls;
}

/** What each trigger should have delivered: everything published after its first poll. */
function expected(): Record<string, Expected> {
	const firstPoll = (t: string) => listings[t][0]?.at ?? Infinity;
	const query = { kind: 'l7' as const, start: PRE - 3 * DAY, end: freeze };
	const packetIds = (at: number) => new Set(asPublished(teo, at, () => teoPackets(query)).map((p) => `${p.zoneId}/${p.name}`));
	const beijing = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
	const hourIds = (at: number) =>
		new Set(dsa.options.hosts.flatMap((h) => asPublished(dsa, at, () => dsaHostLogs(h, beijing(PRE - 3 * DAY), beijing(at))).map((l) => `${l.host}|${l.datetime}`)));
	const before = { packets: packetIds(PRE), hours: hourIds(PRE) };
	const yeastarFirst = firstPoll('yeastar');
	return {
		yeastar: { ids: logNamesAt(freeze).filter((n) => dayEnd(n) > yeastarFirst && dayEnd(n) <= freeze) },
		edgeone: { ids: [...packetIds(freeze)].filter((id) => !before.packets.has(id)) },
		dsa: { ids: [...hourIds(freeze)].filter((id) => !before.hours.has(id)) },
		codearts: { ids: plan.filter((p) => p.end <= freeze).map((p) => `${project.tasks[p.task].task_id}/${p.job.job_id}`), files: 2 },
	};
}

function specOf(record: DeliveryRecord) {
	const [a, b, , d] = record.parts;
	if (record.trigger === 'yeastar') return yeastar.archiveSpec(b, [a]);
	if (record.trigger === 'edgeone') return tencent.files.spec('l7', b);
	if (record.trigger === 'dsa') {
		const compact = b.slice(0, 10).replace(/-/g, '');
		return tencent.files.spec('dsa', `${compact}/${b.slice(11, 13)}/${compact}-${a}`);
	}
	return huawei.codeArts.logSpec(d);
}

async function main(): Promise<void> {
	const modules = [yeastar, teo, dsa, tencent.cdn, ...huawei.modules];
	for (const m of modules) watch(m);
	const emulator = await new Emulator(modules).start('127.0.0.1');
	const all = { emulator, yeastar, tencent, huawei } as unknown as AllEmulators;
	const control = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const reply = (body: unknown): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
			if (req.url === '/go' && req.method === 'POST') {
				if (!go) {
					go = Date.now();
					// Stop at 01:00 or 13:00: the last polls, a few fake hours later, must not reach a
					// midnight, which would complete a Yeastar day after publication stopped.
					freeze = Math.ceil((go + RUN) / HOUR) * HOUR;
					while (![1, 13].includes(new Date(freeze).getUTCHours())) freeze += HOUR;
					plan = planJobs(go, freeze);
				}
				return reply({ go, freeze });
			}
			if (req.url === '/status') {
				const polls = Object.fromEntries(Object.keys(listings).map((t) => [t, { total: pollsAfter(t, 0), afterFreeze: go ? pollsAfter(t, freeze) : 0 }]));
				return reply({ now: Date.now(), pre: PRE, go, freeze, polls });
			}
			if (req.url === '/check' && req.method === 'POST') {
				const { records } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { records: DeliveryRecord[] };
				void compareDeliveries(expected(), records, specOf).then(reply, (e: Error) => res.writeHead(500).end(e.stack));
				return;
			}
			res.writeHead(404).end();
			return undefined;
		});
	});
	await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
	const port = (control.address() as { port: number }).port;
	const setup = { projectId: project.id, hosts: dsa.options.hosts, zoneIds: teo.options.zones.map((z) => z.ZoneId) };
	console.log(JSON.stringify({ control: `http://127.0.0.1:${port}`, credentials: demoCredentials(all), setup }));
	// The parent holds the other end of stdin: when it goes, so does the world.
	process.stdin.on('end', () => process.exit(0));
	process.stdin.resume();
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
