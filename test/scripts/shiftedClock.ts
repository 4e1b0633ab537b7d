/**
 * A clock for scripts that must poll at other times than now (a month of hourly polls in a
 * minute): Date, for everything in this process, reads real time plus an offset that `set`
 * moves. The emulator, the pack, its request signatures and n8n all read Date, so they stay in
 * step with each other; time keeps running at its real pace between jumps, so rate limits and
 * timers behave as they do in production.
 */
const RealDate = Date;
let offset = 0;

const shifted = () => RealDate.now() + offset;

const ShiftedDate = new Proxy(RealDate, {
	construct(target, args: unknown[]) {
		return args.length ? new target(...(args as [string])) : new target(shifted());
	},
	apply() {
		return new RealDate(shifted()).toString();
	},
	get(target, property, receiver) {
		if (property === 'now') return shifted;
		return Reflect.get(target, property, receiver);
	},
});

export function installShiftedClock(): void {
	globalThis.Date = ShiftedDate;
}

/** From now on Date reads `ms`, then runs on from there. */
export function setClock(ms: number): void {
	offset = ms - RealDate.now();
}

export function restoreClock(): void {
	globalThis.Date = RealDate;
	offset = 0;
}
