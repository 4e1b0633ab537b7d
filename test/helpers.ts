/** Shared test plumbing: fixtures, canary secrets, and a deep search for leaked secrets. */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { FIXTURES_DIR } from './paths';
import type { IDataObject } from 'n8n-workflow';

export function loadWorkflow(file: string, params?: IDataObject, nodeName?: string): IDataObject {
	const wf = JSON.parse(readFileSync(join(FIXTURES_DIR, file), 'utf8'));
	if (params) {
		const node = wf.nodes.find((n: IDataObject) => (nodeName ? n.name === nodeName : n.type !== 'n8n-nodes-base.manualTrigger'));
		const fixtureOptions = node.parameters.transferOptions;
		node.parameters = { ...node.parameters, ...params };
		// Overriding some transfer options keeps the fixture's others (such as its SHA-256 choice).
		if (params.transferOptions) {
			node.parameters.transferOptions = { ...(fixtureOptions ?? {}), ...(params.transferOptions as IDataObject) };
		}
	}
	return wf;
}

export function setNodeOption(wf: IDataObject, key: string, value: IDataObject[string]): IDataObject {
	for (const node of wf.nodes as IDataObject[]) if (node.type !== 'n8n-nodes-base.manualTrigger') node[key] = value;
	return wf;
}

/** Every string in a value (objects, arrays, errors), for leak checks. */
export function allText(value: unknown, seen = new Set<unknown>()): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value !== 'object') return String(value);
	if (seen.has(value)) return '';
	seen.add(value);
	const parts: string[] = [];
	if (value instanceof Error) parts.push(value.message, value.stack ?? '');
	for (const key of Object.getOwnPropertyNames(value)) {
		try {
			parts.push(key, allText((value as Record<string, unknown>)[key], seen));
		} catch {
			// getters that throw are not data
		}
	}
	return parts.join('\n');
}

export function expectNoSecrets(value: unknown, secrets: string[]): void {
	const text = allText(value);
	for (const secret of secrets) {
		if (secret && text.includes(secret)) throw new Error(`secret leaked: ${secret.slice(0, 4)}… found in output`);
	}
}

/** Names of the nodes whose output ends the workflow (no outgoing connection, not the trigger). */
export function leafNodeNames(wf: IDataObject): string[] {
	const sources = new Set(Object.keys((wf.connections as IDataObject) ?? {}));
	return (wf.nodes as Array<{ name: string; type: string }>)
		.filter((n) => n.type !== 'n8n-nodes-base.manualTrigger' && !sources.has(n.name))
		.map((n) => n.name);
}

/**
 * Keys of one output item that differ only in case (`Size` next to `size`): one word with two
 * meanings. Each meaning gets its own name instead.
 */
export function caseClashes(json: IDataObject): string[] {
	const seen = new Map<string, string>();
	const clashes: string[] = [];
	for (const key of Object.keys(json)) {
		const other = seen.get(key.toLowerCase());
		if (other !== undefined) clashes.push(`${other}/${key}`);
		else seen.set(key.toLowerCase(), key);
	}
	return clashes;
}

/** Every file (not folder) under `dir`, recursively; none when it does not exist. */
export function filesUnder(dir: string): string[] {
	let entries;
	try {
		entries = readdirSync(dir, { withFileTypes: true });
	} catch {
		return [];
	}
	return entries.flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}
