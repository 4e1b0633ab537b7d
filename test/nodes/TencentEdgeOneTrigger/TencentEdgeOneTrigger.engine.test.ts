/**
 * The Tencent EdgeOne Trigger through n8n-core's PollContext, against the emulator publishing
 * packets late (30 minutes to a day after their hour) on a clock the test moves: every packet
 * published after activation is delivered exactly once, whole, however late it comes; backlogs
 * drain; failures neither lose nor repeat; manual runs leave the state alone.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { binarySha256, CredentialStore, runPollOnce, runPollTicks } from '../../engine';
import { emulatorSuite } from '../../engine/emulatorSuite';
import { fileSha256 } from '../../emulator/files';
import { createTencentEmulators } from '../../emulator/tencent';
import { tencentCredentials } from '../tencentTestBed';

const KEYS = { secretId: 'AKIDcanaryTrigger7Q2mX9pL4vB8nR1tZk', secretKey: 'canaryTriggerSecretKey3fK8wQ1zY6u' };
const HOUR = 3600000;
const ZONE = 'zone-2mzegj4vln5f'; // example.com: www + api
const START = Date.UTC(2026, 5, 1, 0, 7);
const FAST = { maxAttempts: 3, retryBaseDelayMs: 5 };

const tencent = createTencentEmulators({
	teo: { ...KEYS, availabilityDelaySec: 1800, lateArrivalSpreadSec: 24 * 3600, rateLimits: { '2022-09-01': 1000, '2022-01-06': 1000 } },
});
const emulator = emulatorSuite([tencent.teo, tencent.dsa, tencent.cdn], START);

function trigger(parameters: IDataObject = {}): INode {
	return {
		id: 'trigger',
		name: 'Tencent EdgeOne Trigger',
		type: 'n8n-nodes-logpull.tencentEdgeOneTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: { logKind: 'l7', zoneIds: [ZONE], download: true, gunzip: false, transferOptions: FAST, pollOptions: {}, ...parameters },
		credentials: { tencentCloudApi: { id: 'tencent-1', name: 'Tencent' } },
	} as INode;
}

const store = () => new CredentialStore({ tencentCloudApi: tencentCredentials(emulator(), KEYS) as never });
/** Packets the API lists right now for the zone over the last `hours`. */
const listedNow = (hours: number) =>
	tencent.teo.packets({ kind: 'l7', start: Date.now() - hours * HOUR, end: Date.now(), zoneIds: [ZONE] }).map((p) => p.name);

describe('Tencent EdgeOne Trigger', () => {
	it('over two days of hourly polls delivers every packet published after activation once, late ones included', async () => {
		const state: IDataObject = {};
		const s = store();
		const first = await runPollOnce(trigger(), s, state);
		expect(first).toEqual({ items: null });
		const atActivation = new Set(listedNow(48));
		const delivered: string[] = [];
		let verified = 0;
		for (let hour = 1; hour <= 48; hour++) {
			jest.setSystemTime(START + hour * HOUR);
			const { items, error } = await runPollOnce(trigger(), s, state);
			expect(error).toBeUndefined();
			for (const item of items ?? []) {
				delivered.push(String(item.json.LogPacketName));
				const spec = tencent.files.spec('l7', String(item.json.LogPacketName));
				if ((await binarySha256(item.binary!.data as never)) === (await fileSha256(spec))) verified++;
			}
		}
		const expected = listedNow(48 + 48).filter((name) => !atActivation.has(name));
		expect(new Set(delivered).size).toBe(delivered.length);
		expect([...delivered].sort()).toEqual([...expected].sort());
		expect(verified).toBe(delivered.length);
		// Packets of hours before activation that were published after it came too (late arrivals).
		const before = tencent.teo.packets({ kind: 'l7', start: START - 24 * HOUR, end: START, zoneIds: [ZONE] });
		expect(before.filter((p) => delivered.includes(p.name)).length).toBeGreaterThan(0);
		expect(Buffer.byteLength(JSON.stringify(state))).toBeLessThan(20000);
	});

	it('drains a backfill over several polls, oldest first, with Max Files per Poll', async () => {
		const state: IDataObject = {};
		const s = store();
		const options = { pollOptions: { backfillHours: 12, maxFilesPerPoll: 5 }, download: false };
		const seen: string[] = [];
		for (let poll = 0; poll < 10; poll++) {
			const { items } = await runPollOnce(trigger(options), s, state);
			seen.push(...(items ?? []).map((i) => String(i.json.LogStartTime) + ' ' + String(i.json.LogPacketName)));
		}
		const backfill = tencent.teo.packets({ kind: 'l7', start: START - 12 * HOUR, end: START, zoneIds: [ZONE] }).filter((p) => p.start >= START - 12 * HOUR);
		expect(seen).toHaveLength(backfill.length);
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen).toEqual([...seen].sort());
	});

	it('a packet whose download keeps failing is delivered on a later poll, the others at once', async () => {
		const state: IDataObject = {};
		const s = store();
		await runPollOnce(trigger(), s, state);
		const atActivation = new Set(listedNow(48));
		jest.setSystemTime(START + 6 * HOUR);
		const fresh = listedNow(54).filter((name) => !atActivation.has(name));
		expect(fresh.length).toBeGreaterThan(1);
		// Every attempt at one packet is cut short (Max Attempts is 3).
		emulator().faults.add({ vendor: 'tencent-cdn', match: fresh[0], truncateAfter: 100, times: 3 });
		const partial = await runPollOnce(trigger(), s, state);
		expect(partial.items!.map((i) => i.json.LogPacketName).sort()).toEqual(fresh.slice(1).sort());
		const again = await runPollOnce(trigger(), s, state);
		expect(again.items!.map((i) => i.json.LogPacketName)).toEqual([fresh[0]]);
		expect((await runPollOnce(trigger(), s, state)).items).toBeNull();
	});

	it('a tick that comes while the last poll still runs is skipped, so nothing is delivered twice', async () => {
		// n8n starts a poll at every Poll Times tick without waiting for the one before; on a busy
		// instance they overlap (the live trigger test saw whole batches delivered twice).
		const state: IDataObject = {};
		const s = store();
		await runPollOnce(trigger(), s, state);
		jest.setSystemTime(START + 4 * HOUR);
		emulator().faults.add({ vendor: 'tencent-cdn', delayMs: 200, times: 100 });
		const ticks = await runPollTicks(trigger(), s, state, 2);
		const names = ticks.flatMap((t) => t.items ?? []).map((i) => String(i.json.LogPacketName));
		expect(ticks.map((t) => t.error)).toEqual([undefined, undefined]);
		expect(names.length).toBeGreaterThan(0);
		expect(new Set(names).size).toBe(names.length);
		expect(ticks.filter((t) => t.items === null)).toHaveLength(1);
		// The skipped tick lost nothing: the next poll finds nothing left to deliver.
		expect((await runPollOnce(trigger(), s, state)).items).toBeNull();
	});

	it('a failed listing fails the poll with a clear message and leaves the state as it was', async () => {
		const state: IDataObject = {};
		const s = store();
		await runPollOnce(trigger(), s, state);
		const before = JSON.stringify(state);
		jest.setSystemTime(START + 3 * HOUR);
		emulator().faults.add({ vendor: 'teo', status: 200, body: { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'bad' }, RequestId: 'r' } }, times: 1 });
		const failed = await runPollOnce(trigger(), s, state);
		expect(failed.error?.message).toMatch(/EdgeOne/);
		expect(JSON.stringify(state)).toBe(before);
		const next = await runPollOnce(trigger(), s, state);
		expect(next.items?.length).toBeGreaterThan(0);
	});

	it('Fetch Test Event returns the newest packets and leaves the state untouched', async () => {
		const state: IDataObject = {};
		const { items } = await runPollOnce(trigger({ download: false }), store(), state, 'manual');
		expect(items?.length).toBeGreaterThan(0);
		expect(state['node:Tencent EdgeOne Trigger'] ?? {}).toEqual({});
	});
});
