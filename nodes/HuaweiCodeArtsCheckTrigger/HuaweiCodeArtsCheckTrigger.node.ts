import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, updateDisplayOptions } from 'n8n-workflow';
import { binaryPropertyField, downloadTransferOptionsField } from '../shared/descriptions';
import { readTransferOptions } from '../shared/transferOptions';
import { readTriggerSettings, runPoll, triggerFields, triggerOnField } from '../shared/trigger';
import { createSource } from './source';

/** The default look-back window, in hours. */
const LOOK_BACK_HOURS = 48;

export class HuaweiCodeArtsCheckTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei CodeArts Check Trigger',
		name: 'huaweiCodeArtsCheckTrigger',
		icon: { light: 'file:codeartscheck.svg', dark: 'file:codeartscheck.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'New Finished Execution',
		description: 'Starts the workflow once for each finished CodeArts Check execution, with its sub-job IDs and optionally its log ZIPs',
		defaults: { name: 'Huawei CodeArts Check Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiCloudApi', required: true }],
		properties: [
			triggerOnField('event', [
				{
					name: 'New Finished Execution',
					value: 'newFinishedExecution',
					action: 'On new finished execution',
					description: 'Each execution of the tasks that has finished, once',
				},
			]),
			{
				displayName: 'CodeArts Project ID',
				name: 'projectId',
				type: 'string',
				default: '',
				required: true,
				description: 'The 32-character ID of the CodeArts project (from its URL in the CodeArts console), not the IAM project ID of the region',
			},
			{
				displayName: 'Task IDs',
				name: 'taskIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2b31ed520xxxxxxebedb6e57xxxxxxxx',
				description: 'Only executions of these check tasks (comma or newline separated task_id values); every task of the project when empty',
			},
			...triggerFields(LOOK_BACK_HOURS, 'An execution is delivered once it has finished.'),
			...updateDisplayOptions({ show: { download: [true] } }, [
				{ ...binaryPropertyField, description: 'The first sub-job log goes in this field, the next ones in <field>_1, <field>_2…' },
			]),
			downloadTransferOptionsField,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const source = createSource(this);
		const transfer = readTransferOptions(source.exec, 0);
		return await runPoll(this, source, readTriggerSettings(this, transfer.concurrency, LOOK_BACK_HOURS));
	}
}
