/**
 * The canvas subtitle of a resource/operation node in display names, "Download: System Log", as
 * n8n's own nodes read. n8n evaluates a subtitle as an expression over the node's parameters,
 * which hold internal values (download, systemLog), so the expression looks the names up in a map
 * built from the very options the editor shows: renaming an option renames its subtitle.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

const RESOURCE = '$parameter["resource"]';
const OPERATION = '$parameter["operation"]';

const optionsOf = (field: INodeProperties | undefined) =>
	((field?.options ?? []) as INodePropertyOptions[]).filter((o) => typeof o.value === 'string');

/** A map literal for the expression; flat, so its text never holds `}}`, which ends an expression. */
const literal = (map: Record<string, string>) => JSON.stringify(map);

export function operationSubtitle(properties: INodeProperties[]): string {
	const resources: Record<string, string> = {};
	for (const o of optionsOf(properties.find((p) => p.name === 'resource'))) resources[String(o.value)] = o.name;
	const operations: Record<string, string> = {};
	for (const field of properties.filter((p) => p.name === 'operation')) {
		for (const resource of (field.displayOptions?.show?.resource ?? []) as string[]) {
			for (const o of optionsOf(field)) operations[`${resource}/${String(o.value)}`] = o.name;
		}
	}
	// An unknown value (a node from a newer version) still shows, raw, rather than "undefined".
	const operation = `((${literal(operations)})[${RESOURCE} + "/" + ${OPERATION}] || ${OPERATION})`;
	const resource = `((${literal(resources)})[${RESOURCE}] || ${RESOURCE})`;
	return `={{ ${operation} + ": " + ${resource} }}`;
}
