/**
 * The credential Test button, as n8n runs it: a temporary declarative "noOp" node whose one
 * property routes the credential's `test.request`, executed by the real engine (RoutingNode), its
 * answer then checked against the credential's `test.rules`. n8n runs preAuthentication for a
 * Test when it recognises the temp node (1.123 does); `recognisesTests: false` stands for a
 * version that does not, so both paths are covered.
 */
import type { ICredentialTestRequest, IDataObject, INodeType } from 'n8n-workflow';
import { CredentialStore, credentialTypes, nodeTypes, runWorkflow } from './index';

export interface TestResult {
	status: 'OK' | 'Error';
	message: string;
}

function valueAt(data: unknown, path: string): unknown {
	return path.split(/\.|\[(\d+)\]/).filter(Boolean).reduce<unknown>((v, k) => (v as IDataObject | undefined)?.[k], data);
}

export async function pressTest(store: CredentialStore, type: string, { recognisesTests = true } = {}): Promise<TestResult> {
	const { request, rules } = credentialTypes[type].test as ICredentialTestRequest;
	const temp: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request } }],
		} as never,
	};
	nodeTypes['n8n-nodes-base.noOp'] = temp;
	store.recognisesTests = recognisesTests;
	try {
		const wf = {
			nodes: [
				{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'temp',
					name: 'Temp-Node',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [200, 0],
					parameters: {},
					credentials: { [type]: { id: 'cred-under-test', name: 'Under test' } },
				},
			],
			connections: { Start: { main: [[{ node: 'Temp-Node', type: 'main', index: 0 }]] } },
		};
		const { error, output } = await runWorkflow(wf as never, store);
		if (error) return { status: 'Error', message: error.message };
		const body = output('Temp-Node')[0]?.json;
		for (const rule of rules ?? []) {
			if (rule.type === 'responseSuccessBody' && valueAt(body, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return { status: 'OK', message: 'Connection successful!' };
	} finally {
		store.recognisesTests = false;
	}
}
