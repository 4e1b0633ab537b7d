/**
 * Tencent EdgeOne node through the real n8n engine, against the emulator: ranges the plan may not
 * keep are sent (only EdgeOne knows the site's plan) and its refusal is explained; zones that list
 * nothing get a hint about offline logs that were never turned on.
 */
import type { IDataObject } from 'n8n-workflow';
import { CredentialStore, runWorkflow, shutdownEngine } from '../../engine';
import type { WorkflowRun } from '../../engine';
import { Emulator } from '../../emulator/server';
import { createTencentEmulators } from '../../emulator/tencent';
import { expectNoSecrets, loadWorkflow } from '../../helpers';
import { tencentCredentials } from '../tencentTestBed';

const NODE = 'Tencent EdgeOne';
const SECRET_ID = 'AKIDcanaryRetention4Hq8W2mZ5xC1vN7pL';
const SECRET_KEY = 'canaryRetentionSecretKey6Tz1Kp9Qw3Y';
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const ZONE_ORG = 'zone-39quuimqg8r6'; // example.org: www.example.org, no L4 proxies

const tencent = createTencentEmulators({ teo: { secretId: SECRET_ID, secretKey: SECRET_KEY } });
let emulator: Emulator;

const store = () => new CredentialStore({ tencentCloudApi: tencentCredentials(emulator, { secretId: SECRET_ID, secretKey: SECRET_KEY }) as never });
const listCalls = () => emulator.requests.filter((r) => r.vendor === 'teo' && r.action === 'DownloadL7Logs').length;
const hintsOf = (run: WorkflowRun) => (run.run.data.resultData.runData[NODE]?.[0]?.hints ?? []).map((h) => h.message);

/** A custom range of `hours` whole hours starting `daysAgo` days back. */
function customRange(daysAgo: number, hours = 2): IDataObject {
	const start = Math.floor((Date.now() - daysAgo * DAY) / HOUR) * HOUR;
	return { timeRange: 'custom', startTime: new Date(start).toISOString(), endTime: new Date(start + hours * HOUR).toISOString(), zoneIds: [ZONE_ORG] };
}

beforeAll(async () => {
	emulator = await new Emulator([tencent.teo, tencent.dsa, tencent.cdn]).start('127.0.0.1');
});
afterAll(async () => {
	await emulator.stop();
	shutdownEngine();
});
beforeEach(() => {
	emulator.reset();
	tencent.teo.options.retentionDays = 31;
});

describe('retention', () => {
	it('sends a range older than the default 31 days, and explains EdgeOne refusing it', async () => {
		const result = await runWorkflow(loadWorkflow('tencent-edgeone-l7-list.json', customRange(40)), store());
		expect(listCalls()).toBe(1);
		expect(result.error?.message).toMatch(/Tencent EdgeOne: the time range starts 40 days ago, earlier than this site keeps its offline logs \[InvalidParameterValue\]/);
		expect(result.error?.description).toMatch(/31 days by default and 183 days on the Standard and Enterprise plans/);
		expect(result.error?.description).toMatch(/EdgeOne answered: .*`StartTime` is outside the 31-day log retention/);
		expectNoSecrets(result, [SECRET_ID, SECRET_KEY]);
	});

	it('lists a range 100 days back from a site whose plan keeps 183 days', async () => {
		tencent.teo.options.retentionDays = 183;
		const { output, error } = await runWorkflow(loadWorkflow('tencent-edgeone-l7-list.json', customRange(100)), store());
		expect(error).toBeUndefined();
		expect(output(NODE).map((i) => i.json.Domain)).toEqual(['www.example.org', 'www.example.org']);
	});

	it('refuses before any request a start older than 183 days', async () => {
		const { error } = await runWorkflow(loadWorkflow('tencent-edgeone-l7-list.json', customRange(184)), store());
		expect(error?.message).toMatch(/Start Time: is older than the longest EdgeOne log retention \(183 days, Standard and Enterprise plans; 31 days by default\)/);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('zones without packets', () => {
	it('Get Many: no items, and a hint about turning offline logs on', async () => {
		const hourStart = Math.floor(Date.now() / HOUR) * HOUR;
		const params = { timeRange: 'custom', startTime: new Date(hourStart).toISOString(), endTime: new Date(hourStart + HOUR).toISOString(), zoneIds: [ZONE_ORG] };
		const result = await runWorkflow(loadWorkflow('tencent-edgeone-l7-list.json', params), store());
		expect(result.error).toBeUndefined();
		expect(result.output(NODE)).toHaveLength(0);
		expect(hintsOf(result)).toEqual([expect.stringMatching(/No log packets for zone-39quuimqg8r6 .*added to EdgeOne after 2026-01-20 must turn on offline logs in the EdgeOne console/)]);
	});

	it('Download: no items, the same hint; no hint when packets were found', async () => {
		const empty = await runWorkflow(loadWorkflow('tencent-edgeone-l4-download.json', { zoneIds: [ZONE_ORG] }), store());
		expect(empty.error).toBeUndefined();
		expect(empty.output(NODE)).toHaveLength(0);
		expect(hintsOf(empty)).toEqual([expect.stringMatching(/No log packets for zone-39quuimqg8r6/)]);

		const found = await runWorkflow(loadWorkflow('tencent-edgeone-l7-list.json', customRange(2)), store());
		expect(found.output(NODE)).toHaveLength(2);
		expect(hintsOf(found)).toEqual([]);
	});
});
