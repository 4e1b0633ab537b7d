/** The EdgeOne and DSA rate limits through real HTTP. */
import { callDsa, callTeo, errorCode, pin, PINNED, startTencentEmulator } from './testBed';

startTencentEmulator();

describe('rate limits', () => {
	beforeEach(() => pin());

	it('answers RequestLimitExceeded past 20/s on 2022-01-06', async () => {
		const body = {
			StartTime: '2024-06-10T00:00:00Z',
			EndTime: '2024-06-10T01:00:00Z',
			PageNo: 1,
			PageSize: 10,
		};
		const replies = await Promise.all(
			Array.from({ length: 25 }, () =>
				callTeo({ action: 'DownloadL7Logs', version: '2022-01-06', body }),
			),
		);
		const codes = replies.map(errorCode);
		expect(codes.filter((c) => c === undefined)).toHaveLength(20);
		expect(codes.filter((c) => c === 'RequestLimitExceeded')).toHaveLength(5);
	});

	it('answers 4400 past 100 DSA calls per minute', async () => {
		const replies = await Promise.all(Array.from({ length: 101 }, () => callDsa()));
		const codes = replies.map((r) => r.code);
		expect(codes.filter((c) => c === 0)).toHaveLength(100);
		expect(codes.filter((c) => c === 4400)).toHaveLength(1);
		// A minute later the window has moved on.
		pin(PINNED + 61_000);
		expect((await callDsa()).code).toBe(0);
	});
});
