/**
 * Delivered files against published ones, per trigger. A delivery is one item of one execution;
 * each file n8n wrote names its trigger's identity, the execution and the item (workflows.ts), and
 * its bytes are hashed as written, so a repeat in the same execution counts as much as one in
 * another execution.
 */
import { fileSha256, type FileSpec } from '../emulator/files';

export interface DeliveryRecord {
	trigger: string;
	/** The file name's parts: identity parts, then (CodeArts) sub-file index and id, then execution and item. */
	parts: string[];
	sha256: string;
}

export interface Expected {
	ids: string[];
	/** Files per delivery (CodeArts: one ZIP per sub-job). */
	files?: number;
}

export interface TriggerReport {
	trigger: string;
	published: number;
	delivered: number;
	missing: number;
	duplicates: number;
	shaMismatches: number;
	/** Delivered but never published (or published before the first poll). */
	unexpected: number;
	/** A delivery without all its files. */
	incomplete: number;
	examples: string[];
}

const IDENTITY: Record<string, { parts: number; join: string }> = {
	yeastar: { parts: 1, join: '' },
	edgeone: { parts: 2, join: '/' },
	dsa: { parts: 2, join: '|' },
	codearts: { parts: 2, join: '/' },
};

export async function compareDeliveries(
	expected: Record<string, Expected>,
	records: DeliveryRecord[],
	specOf: (record: DeliveryRecord) => FileSpec,
): Promise<TriggerReport[]> {
	const reports: TriggerReport[] = [];
	for (const [trigger, want] of Object.entries(expected)) {
		const { parts, join } = IDENTITY[trigger];
		const deliveries = new Map<string, Map<string, number>>();
		const examples: string[] = [];
		let shaMismatches = 0;
		for (const r of records.filter((x) => x.trigger === trigger)) {
			const id = r.parts.slice(0, parts).join(join);
			const delivery = r.parts.slice(-2).join('#');
			const files = deliveries.get(id) ?? new Map<string, number>();
			files.set(delivery, (files.get(delivery) ?? 0) + 1);
			deliveries.set(id, files);
			let sha = '';
			try {
				sha = await fileSha256(specOf(r));
			} catch (error) {
				sha = `(${(error as Error).message})`;
			}
			if (sha !== r.sha256) {
				shaMismatches++;
				if (examples.length < 5) examples.push(`sha mismatch ${r.parts.join('~')}: ${r.sha256} != ${sha}`);
			}
		}
		const published = new Set(want.ids);
		const missing = want.ids.filter((id) => !deliveries.has(id));
		const unexpected = [...deliveries.keys()].filter((id) => !published.has(id));
		const repeated = [...deliveries.entries()].filter(([, d]) => d.size > 1);
		const incomplete = [...deliveries.values()].flatMap((d) => [...d.values()].filter((n) => n !== (want.files ?? 1)));
		for (const id of missing.slice(0, 5)) examples.push(`missing ${id}`);
		for (const id of unexpected.slice(0, 5)) examples.push(`unexpected ${id}`);
		for (const [id, d] of repeated.slice(0, 5)) examples.push(`${d.size}× ${id} (executions#items ${[...d.keys()].join(', ')})`);
		reports.push({
			trigger,
			published: published.size,
			delivered: [...deliveries.values()].reduce((n, d) => n + d.size, 0),
			missing: missing.length,
			duplicates: repeated.reduce((n, [, d]) => n + d.size - 1, 0),
			shaMismatches,
			unexpected: unexpected.length,
			incomplete: incomplete.length,
			examples,
		});
	}
	return reports;
}

export const passed = (r: TriggerReport): boolean =>
	r.published > 0 && !r.missing && !r.duplicates && !r.shaMismatches && !r.unexpected && !r.incomplete;
