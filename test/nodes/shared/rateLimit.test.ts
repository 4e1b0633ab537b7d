/** The shared rate limiter: the budget divided among processes, and slowing down when throttled. */
import { acquireRateSlot, effectiveLimit, reportThrottle } from '../../../nodes/shared/rateLimit';

describe('effectiveLimit', () => {
	it('divides the vendor limit among the processes sharing the credential', () => {
		expect(effectiveLimit({ requests: 20, perMs: 1000 }, 2)).toEqual({ requests: 10, perMs: 1000 });
		expect(effectiveLimit({ requests: 20, perMs: 1000 }, 3)).toEqual({ requests: 6, perMs: 1000 });
		expect(effectiveLimit({ requests: 20, perMs: 1000 }, 0)).toEqual({ requests: 20, perMs: 1000 });
		expect(effectiveLimit({ requests: 2, perMs: 1000 }, 8)).toEqual({ requests: 1, perMs: 1000 });
	});
});

describe('acquireRateSlot', () => {
	/** The slots 40 immediate requests get, relative to the first, without waiting for them. */
	const schedule = (key: string, sharing: number) => {
		const slots: Array<Promise<number>> = [];
		for (let i = 0; i < 40; i++) slots.push(acquireRateSlot(key, { requests: 20, perMs: 1000 }, sharing));
		return slots;
	};
	const inFirstSecond = async (slots: Array<Promise<number>>, start: number) =>
		(await Promise.all(slots.slice(0, 12))).filter((t) => t < start + 1000).length;

	beforeEach(() => jest.useFakeTimers({ now: 1_000_000, doNotFake: ['nextTick', 'setImmediate'] }));
	afterEach(() => jest.useRealTimers());

	it('lets half the requests through in a window when two processes share the credential', async () => {
		const start = Date.now();
		const slots = schedule('share-2', 2);
		await jest.advanceTimersByTimeAsync(5000);
		expect(await inFirstSecond(slots, start)).toBe(10);
	});

	it('halves its pace after a throttle answer and recovers once the vendor stops refusing', async () => {
		reportThrottle('throttled');
		const start = Date.now();
		const slow = schedule('throttled', 1);
		await jest.advanceTimersByTimeAsync(5000);
		expect(await inFirstSecond(slow, start)).toBe(10);
		await jest.advanceTimersByTimeAsync(60000);
		const later = Date.now();
		const recovered = schedule('throttled', 1);
		await jest.advanceTimersByTimeAsync(5000);
		expect(await inFirstSecond(recovered, later)).toBe(12);
	});

	it('keeps its pace when the wall clock is stepped back an hour', async () => {
		const before = schedule('stepped', 1);
		await jest.advanceTimersByTimeAsync(5000);
		await Promise.all(before);
		jest.setSystemTime(Date.now() - 3600000);
		let done = false;
		const after = acquireRateSlot('stepped', { requests: 20, perMs: 1000 }).then(() => (done = true));
		await jest.advanceTimersByTimeAsync(2000);
		expect(done).toBe(true);
		await after;
	});
});
