import type { INodeProperties } from 'n8n-workflow';
import * as downloadLogFile from './downloadLogFile.operation';
import * as getJobs from './getJobs.operation';
import * as getLastJobs from './getLastJobs.operation';
import * as getTasks from './getTasks.operation';

export { downloadLogFile, getJobs, getLastJobs, getTasks };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['taskLog'] } },
		options: [
			{
				name: 'Download Log File',
				value: 'downloadLogFile',
				description: 'Download the logs of one sub-job as a ZIP archive (sub_job_id from Get Jobs)',
				action: 'Download a task log file',
			},
			{
				name: 'Get Jobs',
				value: 'getJobs',
				description: 'List the executions of a task, each with the sub_job_ids its logs are downloaded by',
				action: 'Get the executions of a task',
			},
			{
				name: 'Get Last Jobs',
				value: 'getLastJobs',
				description: 'Get the IDs of the last and the last successful execution of a task',
				action: 'Get the last executions of a task',
			},
			{
				name: 'Get Tasks',
				value: 'getTasks',
				description: 'List the check tasks of a CodeArts project',
				action: 'Get the tasks of a project',
			},
		],
		default: 'downloadLogFile',
	},
	...downloadLogFile.description,
	...getTasks.description,
	...getJobs.description,
	...getLastJobs.description,
];
