/**
 * n8n asks for a node's dropdown options as soon as the node is opened, before a credential is
 * chosen, and asks again once one is. Without a credential there is nothing to ask the vendor,
 * and asking would fail ("Node does not have any credentials set", a 500 in the editor), so the
 * dropdown methods answer an empty list until then.
 */
import type { IExecuteFunctions, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { toNodeError } from './errors';

/** Whether the node being edited has a credential of this type chosen. */
export function hasCredential(ctx: ILoadOptionsFunctions, credentialType: string): boolean {
	const chosen = ctx.getNode().credentials?.[credentialType];
	return Boolean(chosen && (chosen.id || chosen.name));
}

/**
 * A dropdown's options from a vendor listing: empty without a credential, sorted by name, and a
 * failure shown as the node error it would be in a run.
 */
export async function optionsFrom<T>(
	ctx: ILoadOptionsFunctions,
	credentialType: string,
	list: () => Promise<T[]>,
	option: (entry: T) => INodePropertyOptions,
): Promise<INodePropertyOptions[]> {
	if (!hasCredential(ctx, credentialType)) return [];
	try {
		return (await list()).map(option).sort((a, b) => a.name.localeCompare(b.name));
	} catch (error) {
		// toNodeError only reads the node from its context, which a load-options context has.
		throw toNodeError(ctx as unknown as IExecuteFunctions, error, 0);
	}
}
