/**
 * The canvas subtitle reads like n8n's own nodes, "<Operation>: <Resource>" in display names,
 * never the internal values: the expression is evaluated the way the editor does (Workflow's
 * expression against the node's parameters, defaults filled in) for every resource and operation.
 */
import type { INode, INodeProperties, INodePropertyOptions, INodeType, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { packNodes } from './editorWalk';

const nameOf = (type: INodeType) => type.description.name;

const option = (field: INodeProperties | undefined, value: unknown) =>
	(field?.options as INodePropertyOptions[] | undefined)?.find((o) => o.value === value);

/** The subtitle as n8n's canvas computes it: the expression evaluated against the node's parameters. */
function canvasSubtitle(type: INodeType, parameters: INode['parameters']): unknown {
	const nodeTypes = { getByName: () => type, getByNameAndVersion: () => type, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const node: INode = { id: '1', name: 'Node', type: `n8n-nodes-logpull.${nameOf(type)}`, typeVersion: 1, position: [0, 0], parameters };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, type.description.subtitle as string, 'internal', {});
}

const operationNodes = packNodes.map((n) => n.type).filter((t) => t.description.properties.some((p) => p.name === 'resource'));

describe.each(operationNodes.map((t) => [nameOf(t), t]))('%s subtitle', (_name, type) => {
	const properties = type.description.properties;
	const resource = properties.find((p) => p.name === 'resource')!;
	const pairs = (resource.options as INodePropertyOptions[]).flatMap((r) =>
		properties
			.filter((p) => p.name === 'operation' && (p.displayOptions?.show?.resource ?? []).includes(r.value))
			.flatMap((p) => (p.options as INodePropertyOptions[]).map((o) => [r, o] as const)),
	);

	it('covers every resource', () => {
		expect(new Set(pairs.map(([r]) => r.value))).toEqual(new Set((resource.options as INodePropertyOptions[]).map((r) => r.value)));
	});

	it.each(pairs.map(([r, o]) => [`${o.name}: ${r.name}`, r, o]))('reads "%s"', (expected, r, o) => {
		expect(canvasSubtitle(type, { resource: r.value, operation: o.value })).toBe(expected);
	});

	it('reads the display names of the defaults on a fresh node', () => {
		const operation = properties.find((p) => p.name === 'operation' && (p.displayOptions?.show?.resource ?? []).includes(resource.default as string));
		expect(canvasSubtitle(type, {})).toBe(`${option(operation, operation?.default)?.name}: ${option(resource, resource.default)?.name}`);
	});
});

