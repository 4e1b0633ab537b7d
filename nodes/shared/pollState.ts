/**
 * What a polling trigger remembers between polls, in the workflow's static data (n8n saves it
 * when the poll returns, so it survives restarts and is what every queue-mode process reads): the
 * files already delivered within the look-back window, by a short fingerprint, and when the
 * trigger was first activated. Files older than the window are forgotten, so the state stays small
 * however long the workflow runs; files are re-listed across the whole window on every poll, so a
 * file the vendor publishes late (EdgeOne packets arrive hours after their hour) is still caught.
 *
 * A poll plans first (what to deliver, oldest first, at most `cap`), downloads, then commits only
 * what was delivered: a failed download stays undelivered and comes again on the next poll.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

export interface Candidate {
	/** Stable identity of the file at the vendor (zone + packet name, host + hour…). */
	id: string;
	/** When the file's data starts (its hour or day), in ms: orders delivery and ages the state. */
	at: number;
}

export interface PollOptions {
	now: number;
	/** How far back files are listed and remembered. */
	lookBackMs: number;
	/** At most this many files per poll; the rest drain on later polls, oldest first. */
	cap: number;
	/** On the first poll after activation, also deliver files this far back (0: only new ones). */
	backfillMs: number;
	/** "Fetch Test Event": the newest files, the state untouched. */
	manual: boolean;
}

interface StoredState {
	/** Fingerprint → `at` in minutes, for every file delivered within the window. */
	seen: Record<string, number>;
	activatedAt: number;
}

export interface PollPlan<T extends Candidate> {
	deliver: T[];
	/** More files are waiting than the cap allowed. */
	backlog: number;
	/** Apply after the downloads, with the ids actually delivered. */
	commit(state: IDataObject, deliveredIds: string[]): void;
}

/** A short, stable fingerprint: static data is stored in the database with every save. */
export function identityKey(id: string): string {
	return createHash('sha256').update(id).digest('base64url').slice(0, 12);
}

function readState(state: IDataObject): StoredState | undefined {
	const seen = state.seen;
	if (!seen || typeof seen !== 'object' || typeof state.activatedAt !== 'number') return undefined;
	return { seen: seen as Record<string, number>, activatedAt: state.activatedAt };
}

const MINUTE = 60000;

export function planPoll<T extends Candidate>(state: IDataObject, candidates: T[], options: PollOptions): PollPlan<T> {
	const oldestFirst = [...candidates].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
	if (options.manual) {
		const newest = oldestFirst.slice(-Math.max(1, Math.min(options.cap, 10)));
		return { deliver: newest, backlog: 0, commit: () => undefined };
	}
	const stored = readState(state);
	const horizon = options.now - options.lookBackMs;
	const firstPoll = !stored;
	// First activation: everything listed now counts as "already there", except the backfill.
	const from = firstPoll ? options.now - Math.min(options.backfillMs, options.lookBackMs) : horizon;
	const seen = stored?.seen ?? {};
	const fresh = oldestFirst.filter((c) => c.at >= from && !(identityKey(c.id) in seen));
	const deliver = fresh.slice(0, Math.max(1, options.cap));
	const skippedAtActivation = firstPoll ? oldestFirst.filter((c) => c.at < from) : [];
	return {
		deliver,
		backlog: fresh.length - deliver.length,
		commit(target: IDataObject, deliveredIds: string[]) {
			const next: Record<string, number> = {};
			for (const [key, atMinutes] of Object.entries(seen)) if (atMinutes * MINUTE >= horizon) next[key] = atMinutes;
			const delivered = new Set(deliveredIds);
			for (const c of [...skippedAtActivation, ...deliver.filter((d) => delivered.has(d.id))]) {
				if (c.at >= horizon) next[identityKey(c.id)] = Math.floor(c.at / MINUTE);
			}
			target.seen = next;
			target.activatedAt = stored?.activatedAt ?? options.now;
		},
	};
}
