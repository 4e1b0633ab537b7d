/**
 * n8n asks for a node's dropdown options as soon as the node is opened, before a credential is
 * chosen, and asks again once one is. Without a credential there is nothing to ask the vendor,
 * and asking would fail ("Node does not have any credentials set", a 500 in the editor), so the
 * dropdown methods answer an empty list until then.
 */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

/** Whether the node being edited has a credential of this type chosen. */
export function hasCredential(ctx: ILoadOptionsFunctions, credentialType: string): boolean {
	const chosen = ctx.getNode().credentials?.[credentialType];
	return Boolean(chosen && (chosen.id || chosen.name));
}
