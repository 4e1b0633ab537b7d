/**
 * Listing throughput at the vendor's rate limit: EdgeOne Get Many over many zones and pages, in
 * both API versions, through the n8n engine. The emulator enforces Tencent's limits (100 req/s,
 * 20 req/s legacy); the pack paces itself, so the count of RequestLimitExceeded must stay 0.
 */
import { CredentialStore, runWorkflow } from '../engine';
import { Emulator } from '../emulator/server';
import { createTencentEmulators, TENCENT_EMULATOR_KEYS, TeoZone } from '../emulator/tencent';
import { loadWorkflow } from '../helpers';

export async function benchListing(): Promise<string[][]> {
	const zones: TeoZone[] = Array.from({ length: 60 }, (_, k) => ({
		ZoneId: `zone-bench${String(k).padStart(6, '0')}`,
		ZoneName: `bench${k}.example.com`,
		Status: 'active',
		Area: 'mainland',
		domains: [`a.bench${k}.example.com`, `b.bench${k}.example.com`, `c.bench${k}.example.com`],
		proxies: [],
	}));
	const tencent = createTencentEmulators({ teo: { zones } });
	const emulator = await new Emulator([tencent.teo, tencent.dsa, tencent.cdn]).start();
	const rows: string[][] = [];
	try {
		for (const [version, zoneCount] of [
			['2022-09-01', 60],
			['2022-01-06', 20],
		] as const) {
			tencent.teo.reset();
			const store = new CredentialStore({
				tencentCloudApi: { ...TENCENT_EMULATOR_KEYS, sessionToken: '', teoEndpoint: emulator.url('teo'), dsaEndpoint: emulator.url('dsa') },
			});
			const wf = loadWorkflow('tencent-edgeone-l7-list.json', {
				apiVersion: version,
				timeRange: 'last7Days',
				zoneIds: zones.slice(0, zoneCount).map((z) => z.ZoneId),
				returnAll: true,
			});
			const started = Date.now();
			const { output, error } = await runWorkflow(wf, store);
			const seconds = (Date.now() - started) / 1000;
			if (error) throw new Error(`listing ${version} failed: ${error.message}`);
			const calls = tencent.teo.counters.requests;
			const throttled = Object.entries(tencent.teo.counters.errors)
				.filter(([code]) => code.startsWith('RequestLimitExceeded'))
				.reduce((sum, [, n]) => sum + n, 0);
			rows.push([
				`EdgeOne ${version}`,
				String(output('Tencent EdgeOne').length),
				String(calls),
				(calls / seconds).toFixed(0),
				version === '2022-09-01' ? '100/s' : '20/s',
				String(throttled),
			]);
		}
	} finally {
		await emulator.stop();
	}
	return rows;
}
