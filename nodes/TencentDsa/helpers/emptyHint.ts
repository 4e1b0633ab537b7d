/**
 * What to tell the user when hosts list no log: an empty answer is not an error, but "executed
 * successfully" with nothing in it looks like a broken node. DSA lists an hour only once it has
 * collected it, about two hours after the hour ends, so early in a Beijing day "today" is empty;
 * a host has no log for an hour without traffic, and none at all when DSA does not accelerate it.
 */
import type { IExecuteFunctions, NodeExecutionHint } from 'n8n-workflow';
import { dayInZone, zoneOffsetMs } from '../../shared/days';
import type { HostLog, HostQuery } from './hostLogs';

/** Hours between the end of an hour and DSA listing its log. */
export const COLLECTION_DELAY_HOURS = 2;
const DSA_TIME_ZONE = 'Asia/Shanghai';
/** Hosts named in the hint; the rest are counted. */
const NAMED_HOSTS = 5;

function whichHosts(quiet: string[], all: string[]): string {
	if (quiet.length === all.length && all.length > 1) return 'any of the hosts';
	const named = quiet.slice(0, NAMED_HOSTS).join(', ');
	return quiet.length > NAMED_HOSTS ? `${named} and ${quiet.length - NAMED_HOSTS} more` : named;
}

export function emptyHostsHint(query: HostQuery, logs: HostLog[], now = Date.now()): NodeExecutionHint | undefined {
	const quiet = query.hosts.filter((host) => !logs.some((log) => log.host === host));
	if (!quiet.length) return undefined;
	const today = dayInZone(now, DSA_TIME_ZONE);
	const hosts = whichHosts(quiet, query.hosts);
	const reachesToday = !query.startDate || query.endDate >= today;
	let message: string;
	if (!query.startDate) {
		message = `No hourly logs yet for today (${today}, Beijing time) for ${hosts}.`;
	} else {
		const days = query.startDate === query.endDate ? `on ${query.startDate}` : `from ${query.startDate} to ${query.endDate}`;
		message = `No hourly logs for ${hosts} ${days}.`;
	}
	if (reachesToday) {
		const clock = new Date(now + zoneOffsetMs(DSA_TIME_ZONE, now)).toISOString().slice(11, 16);
		message +=
			` DSA publishes each hour's log about ${COLLECTION_DELAY_HOURS} hours after the hour ends; it is ${clock} in Beijing.` +
			` Today's first log appears around ${String(1 + COLLECTION_DELAY_HOURS).padStart(2, '0')}:00 Beijing time.`;
	}
	message += ' A host has no log for an hour without traffic, and none at all if it is not accelerated by DSA.';
	return { type: 'info', location: 'outputPane', message };
}

/** Shows the hint under the node's output; n8n versions without execution hints just skip it. */
export function reportEmptyHosts(ctx: IExecuteFunctions, query: HostQuery, logs: HostLog[]): void {
	const hint = emptyHostsHint(query, logs);
	if (hint && typeof ctx.addExecutionHints === 'function') ctx.addExecutionHints(hint);
}
