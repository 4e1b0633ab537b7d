/** DSA API 2.0 through real HTTP: both signatures, the hourly log listing, replays and bad parameters. */
import { callDsa, dsa, pin, PINNED, startTencentEmulator } from './testBed';

startTencentEmulator();

describe('DSA GetDsaHostLogs (API 2.0)', () => {
	beforeEach(() => pin());

	it('accepts POST form and GET query, HmacSHA1 and HmacSHA256', async () => {
		for (const method of ['POST', 'GET'] as const) {
			for (const algorithm of ['HmacSHA1', 'HmacSHA256'] as const) {
				const reply = await callDsa({ method, algorithm });
				expect(reply).toMatchObject({ code: 0, message: '', codeDesc: 'Success' });
			}
		}
	});

	it('lists one URL per hour with traffic, keyed by host; unknown hosts get no entry', async () => {
		const reply = await callDsa({
			params: { hosts: '["a.dsa.example.com","unknown.example.com"]' },
		});
		const data = reply.data as Record<string, Array<{ datetime: string; url: string }>>;
		expect(Object.keys(data)).toEqual(['a.dsa.example.com']);
		const expected = dsa.hostLogs('a.dsa.example.com', '2024-06-09', '2024-06-09');
		expect(expected.length).toBeGreaterThan(12);
		expect(expected.length).toBeLessThan(24); // some hours had no traffic
		expect(data['a.dsa.example.com'].map((e) => e.datetime)).toEqual(
			expected.map((e) => e.datetime),
		);
		const { url } = data['a.dsa.example.com'][0];
		const parsed = new URL(url);
		expect(parsed.pathname).toMatch(/^\/dsa\/20240609\/\d{2}\/20240609-a\.dsa\.example\.com$/);
		expect(Number(parsed.searchParams.get('e'))).toBe(PINNED / 1000 + 86400);
	});

	it('returns today (Beijing day) when a date is empty, minus hours in collection', async () => {
		const reply = await callDsa({ params: { startDate: '', endDate: '' } });
		const entries = (reply.data as Record<string, Array<{ datetime: string }>>)[
			'a.dsa.example.com'
		];
		// 12:00 UTC is 20:00 in Beijing; hours up to 17:00 (ended 18:00, +2 h delay) are listed.
		expect(entries.every((e) => e.datetime.startsWith('2024-06-10 '))).toBe(true);
		expect(entries.map((e) => e.datetime)).toEqual(
			dsa.hostLogs('a.dsa.example.com', '2024-06-10', '2024-06-10').map((e) => e.datetime),
		);
		expect(entries[entries.length - 1].datetime <= '2024-06-10 17:00:00').toBe(true);
	});

	it('rejects a reused Nonce and a millisecond Timestamp with 4500', async () => {
		expect((await callDsa({ nonce: '424242' })).code).toBe(0);
		expect((await callDsa({ nonce: '424242' })).code).toBe(4500);
		const ms = await callDsa({ timestamp: String(PINNED) });
		expect(ms.code).toBe(4500);
		expect(ms.data).toBeUndefined();
		expect((await callDsa({ timestamp: String(PINNED / 1000 - 7201) })).code).toBe(4500);
	});

	it('rejects a wrong key with 4100 and bad parameters with 4000', async () => {
		expect(await callDsa({ secretKey: 'wrong' })).toMatchObject({
			code: 4100,
			codeDesc: 'AuthFailure',
		});
		const bad = (params: Record<string, string>) => callDsa({ params }).then((r) => r.code);
		expect(await bad({ hosts: 'a.dsa.example.com' })).toBe(4000);
		expect(await bad({ hosts: '[]' })).toBe(4000);
		expect(
			await bad({ hosts: JSON.stringify(Array.from({ length: 11 }, (_, i) => `h${i}.com`)) }),
		).toBe(4000);
		expect(await bad({ startDate: '2024-6-9' })).toBe(4000);
		expect(await bad({ startDate: '2024-06-09', endDate: '2024-06-08' })).toBe(4000);
		expect(await bad({ startDate: '2024-05-01', endDate: '2024-05-01' })).toBe(4000); // 41 days counting today
		expect(await bad({ startDate: '2024-05-02', endDate: '2024-05-02' })).toBe(0); // the 40th day
	});
});
