/**
 * An empty answer is not silence: at 02:30 Beijing time DSA has published no log of the day yet
 * (each hour is collected about two hours after it ends), so "today" lists nothing, and the run
 * says why under the output instead of only "executed successfully". Runs on a pinned clock, both
 * the node's and the emulator's.
 */
import type { IDataObject } from 'n8n-workflow';
import { CredentialStore, runWorkflow, type WorkflowRun } from '../../engine';
import { emulatorSuite } from '../../engine/emulatorSuite';
import { createTencentEmulators } from '../../emulator/tencent';
import { loadWorkflow } from '../../helpers';
import { tencentCredentials } from '../tencentTestBed';

const NODE = 'Tencent Cloud DSA';
const KEYS = { secretId: 'AKIDcanaryDsaEmptyDay4Lq8Wz2Xv6Bn3', secretKey: 'canaryDsaEmptyDaySecret7Hp1Km5Tr9' };
const HOSTS = ['a.dsa.example.com', 'b.dsa.example.com'];
// 02:30 Beijing (UTC+8) on 2026-06-02.
const EARLY = Date.UTC(2026, 5, 1, 18, 30);
const HOUR = 3600 * 1000;

const tencent = createTencentEmulators({ dsa: { ...KEYS, hosts: HOSTS, quietHourShare: 0 } });
const emulator = emulatorSuite([tencent.teo, tencent.dsa, tencent.cdn], EARLY);

const store = () => new CredentialStore({ tencentCloudApi: tencentCredentials(emulator(), KEYS) as never });
const hintsOf = (run: WorkflowRun) => (run.run.data.resultData.runData[NODE]?.[0]?.hints ?? []).map((h) => h.message);
const run = async (file: string, params: IDataObject) => await runWorkflow(loadWorkflow(file, { hosts: HOSTS.join(', '), ...params }), store());

describe('an empty day', () => {
	it.each(['tencent-dsa-get-urls.json', 'tencent-dsa-download.json'])(
		'%s with both dates empty at 02:30 Beijing: no items, and a hint that the first log comes about two hours after its hour',
		async (file) => {
			const result = await run(file, { startDate: '', endDate: '' });
			expect(result.error).toBeUndefined();
			expect(result.output(NODE)).toEqual([]);
			expect(hintsOf(result)).toEqual([
				expect.stringMatching(/^No hourly logs yet for today \(2026-06-02, Beijing time\) for any of the hosts\. DSA publishes each hour's log about 2 hours after the hour ends; it is 02:30 in Beijing\./),
			]);
		},
	);

	it('says so for the hosts without a log when others have some, and why a past day may be empty', async () => {
		const result = await run('tencent-dsa-get-urls.json', { hosts: `${HOSTS[0]}, not-accelerated.example.com`, startDate: '2026-06-01', endDate: '' });
		expect(result.error).toBeUndefined();
		expect(result.output(NODE).length).toBe(24);
		expect(hintsOf(result)).toEqual([
			expect.stringMatching(/^No hourly logs for not-accelerated\.example\.com on 2026-06-01\. .*not accelerated by DSA/),
		]);
	});

	it('gives no hint once every host has logs', async () => {
		jest.setSystemTime(EARLY + 4 * HOUR);
		const result = await run('tencent-dsa-get-urls.json', { startDate: '', endDate: '' });
		expect(result.output(NODE).length).toBeGreaterThan(0);
		expect(hintsOf(result)).toEqual([]);
	});

	it('reads a date an older workflow stored from the date-and-time picker, and a DateTime from an expression', async () => {
		const picked = await run('tencent-dsa-get-urls.json', { startDate: '2026-06-01T00:00:00', endDate: '' });
		const expression = await run('tencent-dsa-get-urls.json', { startDate: "={{ DateTime.fromISO('2026-06-01T12:00:00+08:00') }}", endDate: '' });
		for (const result of [picked, expression]) {
			expect(result.error).toBeUndefined();
			expect(new Set(result.output(NODE).map((i) => String(i.json.datetime).slice(0, 10)))).toEqual(new Set(['2026-06-01']));
		}
	});
});
