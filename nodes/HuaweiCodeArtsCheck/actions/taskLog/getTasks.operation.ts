import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { validId } from '../../../HuaweiCloudCommon/ids';
import { transferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions } from '../../../shared/transferOptions';
import { listTasks } from '../../helpers/tasks';
import { readLimit, returnAllFields } from './fields';


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
	const tasks = await listTasks(this, projectId, limit, transfer);
	return tasks.map((task) => ({ json: { project_id: projectId, ...task } }));
}
