/**
 * The Tencent Cloud DSA Trigger through n8n-core's PollContext, against the emulator collecting
 * each host-hour two to three hours after it ends, on a clock the test moves across Beijing
 * midnight: every host-hour that appears after activation is delivered once, whole.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { binarySha256, CredentialStore, runPollOnce } from '../../engine';
import { emulatorSuite } from '../../engine/emulatorSuite';
import { fileSha256 } from '../../emulator/files';
import { createTencentEmulators } from '../../emulator/tencent';
import { tencentCredentials } from '../tencentTestBed';

const KEYS = { secretId: 'AKIDcanaryDsaTrigger7Q2mX9pL4vB8nR1', secretKey: 'canaryDsaTriggerSecretKey3fK8wQ1z' };
const HOUR = 3600000;
const HOSTS = ['a.dsa.example.com', 'b.dsa.example.com'];
// 10:07 Beijing: the polls below cross Beijing midnight twice.
const START = Date.UTC(2026, 5, 1, 2, 7);

const tencent = createTencentEmulators({ dsa: { ...KEYS, hosts: HOSTS, availabilityDelaySec: 7200, lateArrivalSpreadSec: 3600, callsPerMinute: 100000 } });
const emulator = emulatorSuite([tencent.teo, tencent.dsa, tencent.cdn], START);

function trigger(parameters: IDataObject = {}): INode {
	return {
		id: 'dsa-trigger',
		name: 'Tencent Cloud DSA Trigger',
		type: 'n8n-nodes-logpull.tencentDsaTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: { hosts: HOSTS.join(', '), download: true, gunzip: false, transferOptions: { maxAttempts: 3, retryBaseDelayMs: 5 }, pollOptions: {}, ...parameters },
		credentials: { tencentCloudApi: { id: 'tencent-1', name: 'Tencent' } },
	} as INode;
}

const store = () => new CredentialStore({ tencentCloudApi: tencentCredentials(emulator(), KEYS) as never });
const beijingDay = (at: number) => new Date(at + 8 * HOUR).toISOString().slice(0, 10);
/** Host-hours DSA lists right now over the last three Beijing days. */
const listedNow = () => HOSTS.flatMap((h) => tencent.dsa.hostLogs(h, beijingDay(Date.now() - 72 * HOUR), beijingDay(Date.now())).map((l) => `${l.host}|${l.datetime}`));

describe('Tencent Cloud DSA Trigger', () => {
	it('over two days of hourly polls delivers each host-hour that appears after activation once', async () => {
		const state: IDataObject = {};
		const s = store();
		expect((await runPollOnce(trigger(), s, state)).items).toBeNull();
		const atActivation = new Set(listedNow());
		const delivered: string[] = [];
		let verified = 0;
		for (let hour = 1; hour <= 48; hour++) {
			jest.setSystemTime(START + hour * HOUR);
			const { items, error } = await runPollOnce(trigger(), s, state);
			expect(error).toBeUndefined();
			for (const item of items ?? []) {
				delivered.push(`${item.json.host}|${item.json.datetime}`);
				const name = String(item.json.fileName);
				const log = tencent.dsa.hostLogs(String(item.json.host), beijingDay(Date.now() - 72 * HOUR), beijingDay(Date.now())).find((l) => l.datetime === item.json.datetime)!;
				if ((await binarySha256(item.binary!.data as never)) === (await fileSha256(tencent.dsa.logSpec(log)))) verified++;
				expect(name).toMatch(/^\d{10}-[a-b]\.dsa\.example\.com\.gz$/);
			}
		}
		const expected = listedNow().filter((id) => !atActivation.has(id));
		expect(new Set(delivered).size).toBe(delivered.length);
		expect([...delivered].sort()).toEqual([...expected].sort());
		expect(verified).toBe(delivered.length);
	});

	it('Fetch Test Event returns the newest host-hours and leaves the state untouched', async () => {
		const state: IDataObject = {};
		const { items } = await runPollOnce(trigger({ download: false }), store(), state, 'manual');
		expect(items?.length).toBeGreaterThan(0);
		expect(state['node:Tencent Cloud DSA Trigger'] ?? {}).toEqual({});
	});
});
