/** operationSubtitle, through every node: the canvas shows display names, as n8n's own nodes do. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { nodeTypes } from '../../engine';

/** Evaluate the subtitle expression the way n8n would for these parameter values. */
function render(subtitle: string, parameter: Record<string, string>): string {
	const body = subtitle.replace(/^=\{\{/, '').replace(/\}\}$/, '');
	return new Function('$parameter', `return ${body}`)(parameter);
}

const actionNodes = Object.entries(nodeTypes).filter(([name, node]) => name.startsWith('n8n-nodes-logpull.') && !node.description.polling);

describe.each(actionNodes)('%s subtitle', (_name, node) => {
	const properties = node.description.properties as INodeProperties[];
	const resources = (properties.find((p) => p.name === 'resource')!.options ?? []) as INodePropertyOptions[];
	it.each(resources.map((r) => [r.name, r.value]))('names every operation of %s', (resourceName, resource) => {
		const operations = properties.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource as never));
		expect(operations.length).toBeGreaterThan(0);
		for (const op of operations.flatMap((p) => (p.options ?? []) as INodePropertyOptions[])) {
			expect(render(String(node.description.subtitle), { resource: String(resource), operation: String(op.value) })).toBe(`${op.name}: ${resourceName}`);
		}
	});
});
