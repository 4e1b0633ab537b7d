import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { validId } from '../../../HuaweiCloudCommon/ids';
import { huaweiRequest } from '../../../HuaweiCloudCommon/transport';
import { readTransferOptions, transferOptionsField } from '../../../shared/descriptions';
import { readLimit, returnAllFields } from './fields';

/** The API's largest page (vendor-apis.md §4.3). */
const PAGE_SIZE = 100;
const MAX_PAGES = 1000;

const properties: INodeProperties[] = [
	{
		displayName: 'CodeArts Project ID',
		name: 'projectId',
		type: 'string',
		default: '',
		required: true,
		description:
			'The 32-character ID of the CodeArts project (from its URL in the CodeArts console), not the IAM project ID of the region',
	},
	...returnAllFields,
	transferOptionsField,
];

const displayOptions = { show: { resource: ['taskLog'], operation: ['getTasks'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const projectId = validId('CodeArts Project ID', this.getNodeParameter('projectId', i), 'the ID of the CodeArts project');
	const limit = readLimit(this, i);
	const transfer = readTransferOptions(this, i);
	const tasks: IDataObject[] = [];
	for (let page = 0; page < MAX_PAGES && tasks.length < limit; page++) {
		const answer = await huaweiRequest(this, 'codeArtsCheck', 'GET', `/v2/${encodeURIComponent(projectId)}/tasks`, {
			qs: { offset: tasks.length, limit: PAGE_SIZE },
			target: `CodeArts project ${projectId}`,
			notFoundHint: 'Use the ID of a CodeArts project (32 characters, from the project URL), not the IAM project ID.',
		}, transfer);
		const batch = Array.isArray(answer.tasks) ? (answer.tasks as IDataObject[]) : [];
		tasks.push(...batch);
		if (batch.length < PAGE_SIZE || tasks.length >= Number(answer.total ?? Infinity)) break;
	}
	return tasks.slice(0, limit).map((task) => ({ json: { project_id: projectId, ...task } }));
}
