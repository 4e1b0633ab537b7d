/**
 * The Yeastar P-Series PBX Trigger through n8n-core's PollContext, against the emulated PBX whose
 * day log appears at midnight and keeps growing until the next one: each day is delivered once,
 * as its own .tar, only once it is over.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { binarySha256, CredentialStore, runPollOnce } from '../../engine';
import { emulatorSuite } from '../../engine/emulatorSuite';
import { fileSha256 } from '../../emulator/files';
import { defaultLogNames, YeastarEmulator } from '../../emulator/yeastar';
import { yeastarCredentials } from '../yeastarTestBed';

const HOUR = 3600000;
const START = Date.UTC(2024, 5, 14, 9); // 2024-06-14 09:00 UTC: "today" is 20240614
const yeastar = new YeastarEmulator();
const emulator = emulatorSuite([yeastar], START);
beforeEach(() => {
	yeastar.options.logNames = defaultLogNames(10, '20240614');
});

const node = (parameters: IDataObject = {}): INode =>
	({
		id: 'pbx-trigger',
		name: 'Yeastar P-Series PBX Trigger',
		type: 'n8n-nodes-logpull.yeastarPSeriesTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: { download: true, binaryPropertyName: 'data', pollOptions: {}, ...parameters },
		credentials: { yeastarPSeriesApi: { id: 'pbx-1', name: 'PBX' } },
	}) as INode;

const store = () =>
	new CredentialStore({
		yeastarPSeriesApi: yeastarCredentials(emulator(), yeastar.options) as never,
	});

describe('Yeastar P-Series PBX Trigger', () => {
	it('delivers each day once it is over, never the day still being written', async () => {
		const state: IDataObject = {};
		const s = store();
		expect((await runPollOnce(node(), s, state)).items).toBeNull();
		const delivered: string[] = [];
		for (let hour = 6; hour <= 72; hour += 6) {
			jest.setSystemTime(START + hour * HOUR);
			const today = new Date(Date.now()).toISOString().slice(0, 10).replace(/-/g, '');
			// The PBX starts a new day's log at midnight.
			if (!yeastar.options.logNames.includes(today)) yeastar.options.logNames.push(today);
			const { items, error } = await runPollOnce(node(), s, state);
			expect(error).toBeUndefined();
			for (const item of items ?? []) {
				expect(item.json.logs).toHaveLength(1);
				const day = (item.json.logs as string[])[0];
				expect(day < today).toBe(true);
				const spec = yeastar.archiveSpec(String(item.json.archive), [day]);
				expect(await binarySha256(item.binary!.data as never)).toBe(await fileSha256(spec));
				delivered.push(day);
			}
		}
		// Activated on the 14th: the 14th, 15th and 16th ended since; the 17th is still being written.
		expect(delivered).toEqual(['20240614', '20240615', '20240616']);
		// A token lives 30 minutes: polls six hours apart each log in once, never more.
		expect(yeastar.tokensIssued).toBeLessThanOrEqual(13);
	});

	it('backfills the last days on first activation, oldest first, without downloading when asked not to', async () => {
		const { items } = await runPollOnce(node({ download: false, pollOptions: { backfillHours: 72 } }), store(), {});
		expect(items?.map((i) => i.json.logName)).toEqual(['20240611', '20240612', '20240613']);
	});
});
