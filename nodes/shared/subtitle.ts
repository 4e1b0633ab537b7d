/**
 * The canvas subtitle n8n's own nodes show: the operation's and the resource's display names
 * ("Download: System Log"), not their internal values. n8n evaluates the subtitle as an
 * expression, so the names are looked up in maps built from the node's own options.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

function namesOf(properties: INodeProperties[], parameter: string): Record<string, string> {
	const names: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== parameter || property.type !== 'options') continue;
		for (const option of (property.options ?? []) as INodePropertyOptions[]) names[String(option.value)] = option.name;
	}
	return names;
}

export function operationSubtitle(properties: INodeProperties[]): string {
	const operations = JSON.stringify(namesOf(properties, 'operation'));
	const resources = JSON.stringify(namesOf(properties, 'resource'));
	return `={{ (${operations})[$parameter["operation"]] + ": " + (${resources})[$parameter["resource"]] }}`;
}
