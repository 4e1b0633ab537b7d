/**
 * One benchmark measurement in a fresh process: download one Yeastar system log through the real
 * n8n engine in filesystem binary mode, sampling this process's RSS and counting its CPU time.
 * Prints one JSON line.
 *   node benchWorker.js '<json: {baseUrl, clientId, clientSecret, names, concurrency, sha256}>'
 */
import { CredentialStore, initEngine, runWorkflow, shutdownEngine } from '../engine';
import { loadWorkflow } from '../helpers';

async function main(): Promise<void> {
	const args = JSON.parse(process.argv[2]);
	const store = new CredentialStore({
		yeastarPSeriesApi: {
			baseUrl: args.baseUrl,
			apiPath: 'openapi/v1.0',
			clientId: args.clientId,
			clientSecret: args.clientSecret,
			accessToken: '',
		},
	});
	await initEngine();
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
	const wf = loadWorkflow('yeastar-download-latest.json', {
		selectBy: 'names',
		fileNames: args.names.join(','),
		archivePerDay: true,
		transferOptions: { concurrency: args.concurrency ?? 4, sha256: args.sha256 ?? false },
	});
	const started = process.hrtime.bigint();
	const cpuBefore = process.cpuUsage();
	const { output, error } = await runWorkflow(wf, store);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	// This process's CPU time (user + system) for the run: less swayed by other load than the clock.
	const cpu = process.cpuUsage(cpuBefore);
	const cpuSeconds = (cpu.user + cpu.system) / 1e6;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	// Give the token back: the PBX allows 8 at a time and every bench process logs in afresh.
	const token = String(store.data.yeastarPSeriesApi.accessToken ?? '');
	if (token) {
		await fetch(`${args.baseUrl}/openapi/v1.0/del_token?access_token=${token}`, { headers: { 'User-Agent': 'bench' } }).catch(() => undefined);
	}
	const items = output('Yeastar P-Series PBX');
	const bytes = items.reduce((sum, i) => sum + Number(i.json.size ?? 0), 0);
	// Whether every file came with its SHA-256: a comparison is void if one side ignored the option.
	const hashed = items.length > 0 && items.every((i) => typeof i.json.sha256 === 'string');
	console.log(JSON.stringify({ error: error?.message, files: items.length, bytes, seconds, cpuSeconds, hashed, baselineRss: baseline, peakRss: peak }));
	shutdownEngine();
	process.exit(error ? 1 : 0);
}

void main();
