/**
 * Runs workflow JSON through n8n-core's real WorkflowExecute, with this pack's nodes and
 * credentials loaded from source, binary data on disk (filesystem mode) unless told otherwise,
 * and an in-memory credential store that behaves like n8n's: preAuthentication fills the
 * expirable field and persists it, authenticate signs every request. Works with n8n-core 1.x and 2.x.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CODE_EXT, CODE_ROOT, REPO_ROOT } from '../paths';

if (!process.env.N8N_USER_FOLDER) {
	// Binary data lands here (a 1 GB bench download is 1 GB on disk): remove it with the process.
	const folder = mkdtempSync(join(process.env.LOGPULL_TMP_ROOT ?? tmpdir(), 'logpull-n8n-'));
	process.env.N8N_USER_FOLDER = folder;
	process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
}
process.env.N8N_DEFAULT_BINARY_DATA_MODE ??= 'filesystem';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	IRun,
	IWorkflowBase,
} from 'n8n-workflow';

const { Container } = require('@n8n/di');
const core = require('n8n-core');
const workflowLib = require('n8n-workflow');

const pkg = require(join(REPO_ROOT, 'package.json'));
const sourceOf = (distPath: string) => join(CODE_ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, CODE_EXT));

// Nodes still being written are skipped rather than breaking every other vendor's tests.
function loadClasses<T>(paths: string[]): T[] {
	return paths.filter((p) => require('fs').existsSync(sourceOf(p))).map((p) => {
		const mod = require(sourceOf(p));
		const Class = Object.values(mod).find((v) => typeof v === 'function') as new () => T;
		return new Class();
	});
}

const manualTrigger: INodeType = {
	description: {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as never,
	async execute(this: { getInputData(): INodeExecutionData[] }) {
		return [this.getInputData()];
	},
} as INodeType;

export const nodeTypes: Record<string, INodeType> = { 'n8n-nodes-base.manualTrigger': manualTrigger };
for (const node of loadClasses<INodeType>(pkg.n8n.nodes)) {
	nodeTypes[`${pkg.name}.${node.description.name}`] = node;
}
export const credentialTypes: Record<string, ICredentialType> = {};
for (const cred of loadClasses<ICredentialType>(pkg.n8n.credentials)) credentialTypes[cred.name] = cred;

/** Credentials as n8n's database would hold them, by type; updates are recorded. */
export class CredentialStore extends workflowLib.ICredentialsHelper {
	readonly updates: Array<{ type: string; data: ICredentialDataDecryptedObject }> = [];
	preAuthCalls = 0;
	/** Run preAuthentication for the credential Test's temp node, as n8n 1.123 does (credentialTest.ts). */
	recognisesTests = false;

	constructor(readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions) {
		const type = credentialTypes[typeName];
		if (typeof type.authenticate === 'function') return await type.authenticate(credentials, requestOptions);
		return requestOptions;
	}

	// Same rule as n8n's CredentialsHelper: run preAuthentication when the expirable field is empty
	// or the caller says the credentials expired, then persist what it returned.
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	) {
		const type = credentialTypes[typeName];
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		const testing = this.recognisesTests && node.type === 'n8n-nodes-base.noOp' && node.parameters?.temp === '';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !testing) return undefined;
		this.preAuthCalls++;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const merged = Object.assign(credentials, output);
		if (node.credentials) await this.updateCredentials(node.credentials[typeName], typeName, merged);
		return merged;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these nodes');
	}

	async getDecrypted(_additionalData: unknown, _nodeCredentials: INodeCredentialsDetails, type: string) {
		if (!this.data[type]) throw new Error(`no test credentials of type ${type}`);
		return { ...this.data[type] };
	}

	async updateCredentials(_nodeCredentials: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		this.data[type] = { ...data };
		this.updates.push({ type, data: { ...data } });
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return credentialTypes[type].properties;
	}

	isCredentialUsableByNode() {
		return true;
	}
}

let binaryReady: Promise<void> | undefined;
export function binaryDataService() {
	return Container.get(core.BinaryDataService);
}

export interface WorkflowRun {
	run: IRun;
	/** Output items of a node's first run, first output. */
	output(nodeName: string): INodeExecutionData[];
	/** The error that stopped the execution, if any. */
	error?: { message: string; description?: string | null; [k: string]: unknown };
}

/** Set up n8n's binary data store (filesystem mode writes to disk); runWorkflow does it too. */
export async function initEngine(): Promise<void> {
	binaryReady ??= binaryDataService().init();
	await binaryReady;
}

export async function runWorkflow(workflowJson: IWorkflowBase | IDataObject, store: CredentialStore): Promise<WorkflowRun> {
	await initEngine();
	const wf = workflowJson as IWorkflowBase;
	const workflow = new workflowLib.Workflow({
		id: String(wf.id ?? 'test'),
		name: wf.name,
		nodes: wf.nodes,
		connections: wf.connections,
		active: false,
		settings: { executionOrder: 'v1' },
		nodeTypes: {
			getByName: (t: string) => nodeTypes[t],
			getByNameAndVersion: (t: string, v?: number) => workflowLib.NodeHelpers.getVersionedNodeType(nodeTypes[t], v),
			getKnownTypes: () => ({}),
		},
	});
	const executionId = String(Math.floor(Math.random() * 1e9));
	const hooks = new core.ExecutionLifecycleHooks('manual', executionId, wf);
	const additionalData = {
		hooks,
		executionId,
		credentialsHelper: store,
		currentNodeExecutionIndex: 0,
		currentNodeParameters: undefined,
		encryptedRunnerIdentity: undefined,
		variables: {},
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		userId: 'test-user',
	};
	const start = wf.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger') ?? wf.nodes[0];
	const runExecutionData = workflowLib.createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const executor = new core.WorkflowExecute(additionalData, 'manual', runExecutionData);
	const run: IRun = await executor.processRunExecutionData(workflow);
	const runData = run.data.resultData.runData;
	return {
		run,
		output: (name) => runData[name]?.[0]?.data?.main?.[0] ?? [],
		error: run.data.resultData.error as WorkflowRun['error'],
	};
}

/** Bytes of a binary item, from disk or inline. */
export async function binaryBuffer(binary: { id?: string; data: string }): Promise<Buffer> {
	if (!binary.id) return Buffer.from(binary.data, 'base64');
	const stream = await binaryDataService().getAsStream(binary.id);
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** sha256 of a binary item, streamed from disk. */
export async function binarySha256(binary: { id?: string; data: string }): Promise<string> {
	const { createHash } = require('crypto');
	const hash = createHash('sha256');
	if (!binary.id) return hash.update(Buffer.from(binary.data, 'base64')).digest('hex');
	for await (const chunk of await binaryDataService().getAsStream(binary.id)) hash.update(chunk);
	return hash.digest('hex');
}

export function shutdownEngine(): void {
	try {
		const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
		Container.get(SSHClientsManager).onShutdown?.();
	} catch {
		// 2.x unrefs its timer and may not export the class at this path.
	}
}

export interface PollRun {
	items: INodeExecutionData[] | null;
	error?: Error;
}

/**
 * One poll of a polling trigger through n8n-core's own PollContext, with the workflow's static
 * data kept in `staticData` between polls (as n8n saves it after each poll).
 */
export async function runPollOnce(
	node: INode,
	store: CredentialStore,
	staticData: IDataObject,
	mode: 'trigger' | 'manual' = 'trigger',
): Promise<PollRun> {
	return (await runPollTicks(node, store, staticData, 1, mode))[0];
}

/**
 * `ticks` polls started at once on one active workflow, as n8n's Poll Times fire them: one
 * workflow, one poll context, one static data object, no tick waiting for the one before.
 */
export async function runPollTicks(
	node: INode,
	store: CredentialStore,
	staticData: IDataObject,
	ticks: number,
	mode: 'trigger' | 'manual' = 'trigger',
): Promise<PollRun[]> {
	await initEngine();
	const workflow = new workflowLib.Workflow({
		id: 'poll-test',
		name: 'poll test',
		nodes: [node],
		connections: {},
		active: true,
		staticData,
		// A fixed zone: "today" must not depend on where the tests run.
		settings: { executionOrder: 'v1', timezone: 'UTC' },
		nodeTypes: {
			getByName: (t: string) => nodeTypes[t],
			getByNameAndVersion: (t: string, v?: number) => workflowLib.NodeHelpers.getVersionedNodeType(nodeTypes[t], v),
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = {
		credentialsHelper: store,
		currentNodeParameters: undefined,
		encryptedRunnerIdentity: undefined,
		variables: {},
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		userId: 'test-user',
	};
	const wfNode = workflow.getNode(node.name);
	const context = new core.PollContext(workflow, wfNode, additionalData, mode, 'activate');
	const runs = await Promise.all(
		Array.from({ length: ticks }, async (): Promise<PollRun> => {
			try {
				const result = await nodeTypes[node.type].poll!.call(context);
				return { items: result ? result[0] : null };
			} catch (error) {
				return { items: null, error: error as Error };
			}
		}),
	);
	// n8n persists static data after the poll; keep the same object for the next one.
	Object.assign(staticData, JSON.parse(JSON.stringify(workflow.staticData)));
	return runs;
}
