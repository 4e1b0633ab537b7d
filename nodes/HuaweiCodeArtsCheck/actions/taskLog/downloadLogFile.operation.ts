import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { binaryPropertyField, downloadTransferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions } from '../../../shared/transferOptions';
import { InvalidParameterError } from '../../../shared/errors';
import { downloadSubJobLog } from '../../helpers/jobs';

const SUB_JOB_ID = /^[0-9a-zA-Z]{32}$/;

const properties: INodeProperties[] = [
	{
		displayName: 'Sub-Job ID',
		name: 'subJobId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. a777ff00d3cf4d369d87066806ae1234',
		description:
			'The 32-character ID of one sub-job of an execution: one of the sub_job_ids Get Jobs lists for it',
	},
	{
		// Placed under the field it explains: the ID is found with two other operations of this node.
		displayName:
			'To find a sub-job ID, run Get Tasks to list the tasks of a project, then Get Jobs for one task: each execution it lists carries its sub-job IDs. Get Last Jobs gives execution IDs, which are not sub-job IDs.',
		name: 'subJobNotice',
		type: 'notice',
		default: '',
	},
	binaryPropertyField,
	downloadTransferOptionsField,
];

const displayOptions = { show: { resource: ['taskLog'], operation: ['downloadLogFile'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const subJobId = String(this.getNodeParameter('subJobId', i) ?? '').trim();
	if (!SUB_JOB_ID.test(subJobId)) {
		throw new InvalidParameterError(
			'Sub-Job ID',
			`"${subJobId}" is not a sub-job ID: it must be exactly 32 letters and digits (a sub_job_id from Get Jobs)`,
		);
	}
	const item = await downloadSubJobLog(this, subJobId, this.getNodeParameter('binaryPropertyName', i) as string, readTransferOptions(this, i));
	return [{ ...item, json: { sub_job_id: subJobId, ...item.json } }];
}
