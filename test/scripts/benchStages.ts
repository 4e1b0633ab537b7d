/**
 * What the stall watchdog costs on its own, in this process, without sockets, disk or engine:
 * 1 GB in 64 KB chunks (what a socket delivers) through the download's counting check, with and
 * without the watchdog stage in front, alternating, CPU seconds per GB. The end-to-end comparison
 * (`npm run bench` with LOGPULL_BENCH_BASELINE) swings too much on a busy machine to see 3 %.
 *   tsc -p tsconfig.test.json && node .tmp/build/test/scripts/benchStages.js   (LOGPULL_BENCH_ROUNDS, 11)
 */
import { pipeline, Readable, Writable } from 'stream';
import { guardBody, IntegrityCheck } from '../../nodes/shared/streams';

const CHUNK = Buffer.alloc(65536, 1);
const CHUNKS = 16384;
const ROUNDS = Number(process.env.LOGPULL_BENCH_ROUNDS ?? 11);

function source(): Readable {
	let sent = 0;
	return new Readable({
		read() {
			this.push(sent++ < CHUNKS ? CHUNK : null);
		},
	});
}

/** CPU seconds for one GB through [watchdog] → counting check (caps on, like a download) → nowhere. */
function once(watchdog: boolean): Promise<number> {
	return new Promise((resolve, reject) => {
		const cpu = process.cpuUsage();
		const body = watchdog ? guardBody(source(), 'bench', 60000) : source();
		const cap = { bytes: 2 * CHUNKS * CHUNK.length, error: () => new Error('cap') as never };
		const check = new IntegrityCheck({ vendor: 'bench', hashing: false, cap });
		const sink = new Writable({ write: (_c, _e, done) => done() });
		pipeline(body, check, sink, (error) => {
			const used = process.cpuUsage(cpu);
			if (error) reject(error);
			else resolve((used.user + used.system) / 1e6);
		});
	});
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
	const without: number[] = [];
	const withGuard: number[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		if (round % 2) {
			withGuard.push(await once(true));
			without.push(await once(false));
		} else {
			without.push(await once(false));
			withGuard.push(await once(true));
		}
	}
	const added = withGuard.map((w, k) => w - without[k]);
	const show = (values: number[]) => values.map((v) => v.toFixed(3)).join(', ');
	console.log(`without watchdog  ${median(without).toFixed(3)} CPU s/GB (${show(without)})`);
	console.log(`with watchdog     ${median(withGuard).toFixed(3)} CPU s/GB (${show(withGuard)})`);
	console.log(`watchdog adds     ${median(added).toFixed(3)} CPU s/GB, median of each round's difference (${show(added)})`);
}

void main();
