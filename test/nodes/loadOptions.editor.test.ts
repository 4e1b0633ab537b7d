/**
 * n8n asks for a node's dropdown options as soon as the node is opened, before any credential is
 * chosen; the editor asks again when one is. Until then every loadOptions and listSearch method
 * answers an empty list without a request or an error (n8n would show that as a 500 "Node does
 * not have any credentials set"). Walks every node of the pack with a mocked load-options context.
 */
import type { ILoadOptionsFunctions, INode, INodeCredentials, INodeType } from 'n8n-workflow';
import { packNodes } from './editorWalk';

function context(type: INodeType, credentials: INodeCredentials | undefined) {
	const refuse = jest.fn(async () => {
		throw new Error('no request may be sent');
	});
	const node: INode = {
		id: '1',
		name: type.description.displayName,
		type: `n8n-nodes-logpull.${type.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...(credentials ? { credentials } : {}),
	};
	const ctx = {
		getNode: () => node,
		getCredentials: jest.fn(async () => {
			throw new Error('Node does not have any credentials set');
		}),
		getNodeParameter: () => undefined,
		getCurrentNodeParameter: () => undefined,
		getTimezone: () => 'UTC',
		helpers: { httpRequest: refuse, httpRequestWithAuthentication: refuse, requestWithAuthentication: refuse, request: refuse },
	};
	return { ctx: ctx as unknown as ILoadOptionsFunctions, refuse, getCredentials: ctx.getCredentials };
}

type Method = (this: ILoadOptionsFunctions, filter?: string) => Promise<unknown>;

interface DropdownMethod {
	label: string;
	type: INodeType;
	kind: 'loadOptions' | 'listSearch';
	method: Method;
}

const methods: DropdownMethod[] = packNodes.flatMap(({ type }) => {
	const groups = (type.methods ?? {}) as Record<string, Record<string, Method> | undefined>;
	return (['loadOptions', 'listSearch'] as const).flatMap((kind) =>
		Object.entries(groups[kind] ?? {}).map(([name, method]) => ({ label: `${type.description.name} ${kind}.${name}`, type, kind, method })),
	);
});

it('finds the dropdown methods of the pack', () => {
	expect(methods.length).toBeGreaterThanOrEqual(3);
});

describe.each(methods.map((m) => [m.label, m] as const))('%s', (_label, { type, kind, method }) => {
	const credentialType = type.description.credentials![0].name;
	const empty = kind === 'listSearch' ? { results: [] } : [];

	it.each([
		['no credential at all', undefined],
		['other credentials only', { someOtherApi: { id: '9', name: 'Other' } }],
		['an unset credential slot', { [credentialType]: { id: null, name: '' } }],
	])('with %s: an empty list, no request, no error', async (_case, credentials) => {
		const { ctx, refuse, getCredentials } = context(type, credentials as INodeCredentials | undefined);
		await expect(method.call(ctx)).resolves.toEqual(empty);
		expect(refuse).not.toHaveBeenCalled();
		expect(getCredentials).not.toHaveBeenCalled();
	});

	it('with a credential chosen: asks for it', async () => {
		const { ctx, getCredentials } = context(type, { [credentialType]: { id: '1', name: 'Chosen' } });
		await method.call(ctx).catch(() => undefined);
		expect(getCredentials).toHaveBeenCalled();
	});
});
