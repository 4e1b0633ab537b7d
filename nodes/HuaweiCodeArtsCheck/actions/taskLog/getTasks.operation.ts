import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { validId } from '../../../HuaweiCloudCommon/ids';
import { huaweiRequest } from '../../../HuaweiCloudCommon/transport';
import { readTransferOptions, transferOptionsField } from '../../../shared/descriptions';
import { collectPages } from '../../../shared/pagination';
import { readLimit, returnAllFields } from './fields';

/** The largest page the task list API allows. */
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
	const tasks = await collectPages(async ({ offset }) => {
		const answer = await huaweiRequest(this, 'codeArtsCheck', 'GET', `/v2/${encodeURIComponent(projectId)}/tasks`, {
			qs: { offset, limit: PAGE_SIZE },
			target: `CodeArts project ${projectId}`,
			notFoundHint: 'Use the ID of a CodeArts project (32 characters, from the project URL), not the IAM project ID.',
		}, transfer);
		return { items: Array.isArray(answer.tasks) ? (answer.tasks as IDataObject[]) : [], totalItems: answer.total };
	}, { pageSize: PAGE_SIZE, maxPages: MAX_PAGES, max: limit });
	return tasks.map((task) => ({ json: { project_id: projectId, ...task } }));
}
