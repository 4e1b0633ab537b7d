/** The vendors' request limits as the emulators enforce them: a sliding window per caller. */
export class RateWindow {
	private hits = new Map<string, number[]>();

	/** Counts the hit and says yes while `key` has had fewer than `limit` within `windowMs`. */
	allow(key: string, limit: number, windowMs: number, now: number): boolean {
		const recent = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
		const allowed = recent.length < limit;
		if (allowed) recent.push(now);
		this.hits.set(key, recent);
		return allowed;
	}

	clear(): void {
		this.hits.clear();
	}
}
