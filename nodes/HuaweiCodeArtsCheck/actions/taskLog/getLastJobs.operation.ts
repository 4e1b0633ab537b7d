import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { transferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions } from '../../../shared/transferOptions';
import { lastJobs } from '../../helpers/jobs';
import { readTaskId, taskIdField } from './fields';

const properties: INodeProperties[] = [taskIdField, transferOptionsField];

const displayOptions = { show: { resource: ['taskLog'], operation: ['getLastJobs'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return [{ json: await lastJobs(this, readTaskId(this, i), readTransferOptions(this, i)) }];
}
