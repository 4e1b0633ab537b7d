/** planPoll: what a polling trigger delivers on each poll, and what it remembers. */
import type { IDataObject } from 'n8n-workflow';
import { type Candidate, planPoll, type PollOptions } from '../../../nodes/shared/pollState';

const HOUR = 3600000;
const T0 = Date.UTC(2026, 5, 1, 12);
const options = (now: number, extra: Partial<PollOptions> = {}): PollOptions => ({
	now,
	lookBackMs: 48 * HOUR,
	cap: 100,
	backfillMs: 0,
	manual: false,
	...extra,
});
/** One file per domain per hour, for the hours [from, to). */
const files = (domains: number, fromHour: number, toHour: number): Candidate[] =>
	Array.from({ length: domains }, (_, d) =>
		Array.from({ length: toHour - fromHour }, (_, h) => ({ id: `zone-1/domain-${d}/${fromHour + h}`, at: T0 + (fromHour + h) * HOUR })),
	).flat();

/** One poll that delivers everything it plans. */
function poll(state: IDataObject, listed: Candidate[], opts: PollOptions): string[] {
	const plan = planPoll(state, listed, opts);
	const ids = plan.deliver.map((c) => c.id);
	plan.commit(state, ids);
	return ids;
}

describe('planPoll', () => {
	it('first activation delivers nothing already listed; files that appear later come once', () => {
		const state: IDataObject = {};
		expect(poll(state, files(2, -5, 0), options(T0))).toEqual([]);
		// A late file for an hour before activation, and the next hour's file.
		const later = [...files(2, -5, 0), { id: 'zone-1/domain-0/-3-late', at: T0 - 3 * HOUR }, ...files(2, 0, 1)];
		expect(poll(state, later, options(T0 + HOUR))).toEqual(['zone-1/domain-0/-3-late', 'zone-1/domain-0/0', 'zone-1/domain-1/0']);
		expect(poll(state, later, options(T0 + HOUR + 60000))).toEqual([]);
	});

	it('backfill delivers the last N hours on the first poll', () => {
		const state: IDataObject = {};
		expect(poll(state, files(1, -5, 0), options(T0, { backfillMs: 2 * HOUR }))).toEqual(['zone-1/domain-0/-2', 'zone-1/domain-0/-1']);
	});

	it('a backlog drains over several polls, oldest first, nothing skipped or repeated', () => {
		const state: IDataObject = {};
		poll(state, [], options(T0));
		const listed = files(5, 0, 10);
		const delivered: string[] = [];
		for (let i = 0; i < 6; i++) delivered.push(...poll(state, listed, options(T0 + 10 * HOUR, { cap: 12 })));
		expect(delivered).toHaveLength(50);
		expect(new Set(delivered).size).toBe(50);
		const hours = delivered.map((id) => Number(id.split('/').pop()));
		expect(hours).toEqual([...hours].sort((a, b) => a - b));
	});

	it('a file whose download failed is offered again on the next poll', () => {
		const state: IDataObject = {};
		poll(state, [], options(T0));
		const listed = files(3, 0, 1);
		const plan = planPoll(state, listed, options(T0 + HOUR));
		plan.commit(state, [plan.deliver[0].id, plan.deliver[2].id]);
		expect(poll(state, listed, options(T0 + HOUR))).toEqual([listed[1].id]);
	});

	it('a poll that fails before committing leaves the state as it was', () => {
		const state: IDataObject = {};
		poll(state, [], options(T0));
		const before = JSON.stringify(state);
		planPoll(state, files(3, 0, 1), options(T0 + HOUR));
		expect(JSON.stringify(state)).toBe(before);
	});

	it('manual mode returns the newest files and leaves the state untouched', () => {
		const state: IDataObject = {};
		const plan = planPoll(state, files(1, 0, 5), options(T0 + 5 * HOUR, { manual: true, cap: 2 }));
		expect(plan.deliver.map((c) => c.id)).toEqual(['zone-1/domain-0/3', 'zone-1/domain-0/4']);
		plan.commit(state, plan.deliver.map((c) => c.id));
		expect(state).toEqual({});
	});

	it('stays small: a month of polls over 50 domains keeps only the look-back window', () => {
		const state: IDataObject = {};
		poll(state, [], options(T0));
		for (let hour = 6; hour <= 30 * 24; hour += 6) {
			poll(state, files(50, hour - 48, hour), options(T0 + hour * HOUR, { cap: 1000 }));
		}
		const bytes = Buffer.byteLength(JSON.stringify(state));
		expect(Object.keys(state.seen as object)).toHaveLength(50 * 48);
		expect(bytes).toBeLessThan(100 * 1024);
	});
});
