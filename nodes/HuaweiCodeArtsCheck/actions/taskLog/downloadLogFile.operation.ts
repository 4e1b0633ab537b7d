import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { binaryPropertyField, readTransferOptions, downloadTransferOptionsField } from '../../../shared/descriptions';
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
			'The 32-character sub_job_id of one sub-task of an execution: one of the sub_job_ids that Get Jobs returns for each execution',
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
