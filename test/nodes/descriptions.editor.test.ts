/**
 * Every field a user can see says what it is for, and the fields reported as unclear read as
 * plain words: CloudDC states and numbers, CodeArts' sub-job notice and project ID, DSA's and Yeastar's days.
 * Walks every node and credential of the pack (editorWalk.ts).
 */
import { readdirSync } from 'fs';
import type { INode, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { loadWorkflow } from '../helpers';
import { FIXTURES_DIR } from '../paths';
import { packCredentials, packNodes, shownFields } from './editorWalk';

const nameOf = (type: INodeType) => type.description.name;
const option = (field: INodeProperties | undefined, value: unknown) =>
	(field?.options as INodePropertyOptions[] | undefined)?.find((o) => o.value === value);

const everyField = [
	...packNodes.flatMap(({ type }) => shownFields(type.description.properties, type.description.displayName)),
	...packCredentials.flatMap((c) => shownFields(c.properties, c.displayName)),
];

const described = (o: { description?: string; hint?: string }) => `${o.description ?? ''}${o.hint ?? ''}`.trim() !== '';

/**
 * A field says what it is for in its own description or hint; a choice (Resource, Operation) may
 * instead describe each of its options, as n8n's own nodes do, and a collection its every option
 * (each option is a field of its own here).
 */
it.each(everyField.map((f) => [f.path, f.field]))('%s says what it is for', (_path, field) => {
	const options = (field.options ?? []) as Array<{ description?: string }>;
	const byOptions = ['options', 'collection', 'fixedCollection'].includes(field.type) && options.length > 0 && options.every((o) => described(o));
	expect(described(field) || byOptions).toBe(true);
});

const nodeNamed = (name: string) => packNodes.find((n) => nameOf(n.type) === name)!.type.description.properties;
const fieldsNamed = (properties: INodeProperties[], name: string) => shownFields(properties, '').map((f) => f.field).filter((f) => f.name === name);

describe('Huawei Cloud CloudDC fields', () => {
	const properties = nodeNamed('huaweiCloudDc');

	it('labels each manage state in words, keeping the API value, with what it means', () => {
		const [state] = fieldsNamed(properties, 'manageState');
		const options = state.options as INodePropertyOptions[];
		expect(options.map((o) => o.value)).toEqual(expect.arrayContaining(['delivering', 'in-use', 'frozen']));
		for (const o of options) {
			expect(o.name).not.toBe(o.value);
			expect(o.name).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+)*$/);
			expect(o.description ?? '').not.toBe('');
		}
		expect(option(state, state.default)).toBeDefined();
	});

	it.each(['pollInterval', 'exportTimeout'])('shows %s as a whole number', (name) => {
		const [field] = fieldsNamed(properties, name);
		expect(field.typeOptions?.numberPrecision).toBe(0);
		expect(Number.isInteger(field.default)).toBe(true);
	});

	it('marks the server pickers of every operation alike: required, saying what they pick', () => {
		const pickers = [...fieldsNamed(properties, 'serverId'), ...fieldsNamed(properties, 'serverIds')];
		expect(pickers.length).toBeGreaterThan(1);
		for (const field of pickers) {
			expect([field.name, field.required, field.description]).toEqual([field.name, true, expect.stringMatching(/^The physical servers?\b/)]);
		}
	});
});

describe('Huawei CodeArts Check fields', () => {
	const properties = nodeNamed('huaweiCodeArtsCheck');

	it('explains where a sub-job ID comes from under that field, in plain words', () => {
		const notices = properties.filter((p) => p.type === 'notice');
		const subJob = properties.findIndex((p) => p.name === 'subJobId');
		const operation = properties.findIndex((p) => p.name === 'operation');
		for (const notice of notices) {
			const at = properties.indexOf(notice);
			expect(at).toBeGreaterThan(operation);
			expect(notice.displayOptions?.show?.operation).toEqual(['downloadLogFile']);
			expect(at).toBe(subJob + 1);
			// No API identifiers such as task_id or sub_job_ids: the names the editor shows instead.
			expect(notice.displayName).not.toMatch(/\w_\w/);
		}
	});

	it('requires the CodeArts Project ID wherever it is asked, and every example workflow gives one', () => {
		const fields = packNodes.flatMap(({ type }) => fieldsNamed(type.description.properties, 'projectId'));
		expect(fields.length).toBeGreaterThan(1);
		for (const field of fields) expect([field.displayName, field.required]).toEqual(['CodeArts Project ID', true]);
		const asking = readdirSync(FIXTURES_DIR)
			.flatMap((file) => (loadWorkflow(file).nodes as INode[]).map((node) => ({ file, node })))
			.filter(({ node }) => node.type.includes('huaweiCodeArtsCheck') && (node.parameters.operation === 'getTasks' || node.type.endsWith('Trigger')));
		expect(asking.length).toBeGreaterThan(0);
		for (const { file, node } of asking) expect([file, String(node.parameters.projectId ?? '').trim()]).toEqual([file, expect.stringMatching(/\S/)]);
	});
});

describe('day fields of the APIs that keep one file set per day (DSA, Yeastar)', () => {
	it.each([
		['tencentDsa', 'startDate'],
		['tencentDsa', 'endDate'],
		['yeastarPSeries', 'startDate'],
		['yeastarPSeries', 'endDate'],
	])('%s %s is a date, typed as YYYY-MM-DD, not a date-and-time picker', (node, name) => {
		const fields = fieldsNamed(nodeNamed(node), name);
		expect(fields.length).toBeGreaterThan(0);
		for (const field of fields) expect([field.type, field.placeholder]).toEqual(['string', 'YYYY-MM-DD']);
	});
});

describe('fields reported without a tooltip', () => {
	const credentialField = (credential: string, name: string) =>
		packCredentials.find((c) => c.name === credential)!.properties.find((p) => p.name === name)!;

	it.each([
		['yeastarPSeriesApi', 'apiPath'],
		['yeastarPSeriesApi', 'clientSecret'],
		['huaweiCloudApi', 'accessKey'],
		['huaweiCloudApi', 'secretKey'],
	])('%s %s has a description', (credential, name) => {
		expect(credentialField(credential, name).description ?? '').not.toBe('');
	});

	it('"Put Output File in Field" has a description wherever it is shown', () => {
		const fields = packNodes.flatMap(({ type }) => fieldsNamed(type.description.properties, 'binaryPropertyName'));
		expect(fields.length).toBeGreaterThan(5);
		for (const field of fields) expect(field.description ?? '').not.toBe('');
	});
});

// n8n's node creator lists a trigger's events from a field labelled "Trigger On" (each option's
// `action` is the line it shows); without one it shows a vague "On new … event".
it.each(packNodes.filter((n) => n.type.description.polling).map((n) => [nameOf(n.type), n.type]))(
	'%s names its events in the node creator',
	(_name, type) => {
		const triggerOn = (type as INodeType).description.properties.find((p) => p.displayName === 'Trigger On');
		const events = (triggerOn?.options ?? []) as INodePropertyOptions[];
		expect(events.length).toBeGreaterThan(0);
		for (const event of events) expect(event.action).toMatch(/^On new [a-zA-Z0-9 ]+$/);
	},
);
