/**
 * What the n8n editor sees of this pack, read from source the way n8n finds it (package.json's
 * `n8n` lists): every node and credential class with its codex file, and every field a user can
 * be shown, however deeply it sits in collections. Tests that check the editor walk these, so a
 * node added later is checked too.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import type { ICredentialType, IDataObject, INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';
import { CODE_EXT, CODE_ROOT, REPO_ROOT } from '../paths';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const sourceOf = (distPath: string) => join(CODE_ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, CODE_EXT));

function load<T>(distPath: string): T {
	const mod = require(sourceOf(distPath));
	const Class = Object.values(mod).find((v) => typeof v === 'function') as new () => T;
	return new Class();
}

export interface PackNode {
	type: INodeType;
	/** The codex file (`<Name>.node.json`) next to the node. */
	codex: IDataObject;
}

export const packNodes: PackNode[] = (pkg.n8n.nodes as string[]).map((distPath) => {
	const codexPath = sourceOf(distPath).replace(/\.(ts|js)$/, '.json');
	return {
		type: load<INodeType>(distPath),
		codex: existsSync(codexPath) ? JSON.parse(readFileSync(codexPath, 'utf8')) : {},
	};
});

export const packCredentials: ICredentialType[] = (pkg.n8n.credentials as string[]).map((p) => load<ICredentialType>(p));

export interface ShownField {
	field: INodeProperties;
	/** `Node › Parent › Field`, for failure messages. */
	path: string;
}

const isProperty = (o: unknown): o is INodeProperties => !!o && typeof o === 'object' && 'displayName' in o && 'type' in o;
const isCollection = (o: unknown): o is INodePropertyCollection => !!o && typeof o === 'object' && 'values' in o;

/** Every field of a property list a user may see: hidden fields and notices are not fields. */
export function shownFields(properties: INodeProperties[], prefix: string): ShownField[] {
	const out: ShownField[] = [];
	for (const field of properties) {
		if (field.type === 'hidden' || field.type === 'notice') continue;
		const path = `${prefix} › ${field.displayName}`;
		out.push({ field, path });
		for (const option of field.options ?? []) {
			if (isProperty(option)) out.push(...shownFields([option], path));
			else if (isCollection(option)) out.push(...shownFields(option.values, `${path} › ${option.displayName}`));
		}
	}
	return out;
}
