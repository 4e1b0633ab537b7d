import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, updateDisplayOptions } from 'n8n-workflow';
import { binaryPropertyField, gunzipField, presignedDownloadTransferOptionsField } from '../shared/descriptions';
import { readTransferOptions } from '../shared/transferOptions';
import { readTriggerSettings, runPoll, triggerFields, triggerOnField } from '../shared/trigger';
import { hostQueryFields } from '../TencentDsa/helpers/hostLogs';
import { createSource } from './source';

/** The default look-back window, in hours. */
const LOOK_BACK_HOURS = 48;

export class TencentDsaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Cloud DSA Trigger',
		name: 'tencentDsaTrigger',
		icon: { light: 'file:dsa.svg', dark: 'file:dsa.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'New Hourly Logs',
		description: 'Starts the workflow for each new hourly DSA log of the hosts, once, as soon as DSA has collected it',
		defaults: { name: 'Tencent Cloud DSA Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentCloudApi', required: true }],
		properties: [
			triggerOnField('event', [
				{ name: 'New Hourly Logs', value: 'newHourlyLogs', action: 'On new hourly logs', description: 'Each host-hour, once DSA has collected it' },
			]),
			...hostQueryFields.filter((f) => f.name === 'hosts'),
			...triggerFields(LOOK_BACK_HOURS, 'DSA collects an hour for about two hours after it ends.'),
			...updateDisplayOptions({ show: { download: [true] } }, [gunzipField, binaryPropertyField]),
			presignedDownloadTransferOptionsField,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const source = createSource(this);
		const transfer = readTransferOptions(source.exec, 0);
		return await runPoll(this, source, readTriggerSettings(this, transfer.concurrency, LOOK_BACK_HOURS));
	}
}
