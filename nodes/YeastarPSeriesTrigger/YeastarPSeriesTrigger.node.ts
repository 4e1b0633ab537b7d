import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, updateDisplayOptions } from 'n8n-workflow';
import { binaryPropertyField, downloadTransferOptionsField } from '../shared/descriptions';
import { readTransferOptions } from '../shared/transferOptions';
import { readTriggerSettings, runPoll, triggerFields, triggerOnField } from '../shared/trigger';
import { createSource } from './source';

/** The default look-back window, in hours. */
const LOOK_BACK_HOURS = 7 * 24;

export class YeastarPSeriesTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Yeastar P-Series PBX Trigger',
		name: 'yeastarPSeriesTrigger',
		icon: { light: 'file:yeastar.svg', dark: 'file:yeastar.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'New System Log',
		description: "Starts the workflow once for each day's PBX system log, when the day is over",
		defaults: { name: 'Yeastar P-Series PBX Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'yeastarPSeriesApi', required: true }],
		properties: [
			triggerOnField('event', [
				{ name: 'New System Log', value: 'newSystemLog', action: 'On new system log', description: "Each day's system log, once the day is over" },
			]),
			...triggerFields(LOOK_BACK_HOURS, 'Days are kept by the PBX for a limited time; a week catches a PBX that was unreachable for a few days.'),
			...updateDisplayOptions({ show: { download: [true] } }, [binaryPropertyField]),
			downloadTransferOptionsField,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const source = createSource(this);
		const transfer = readTransferOptions(source.exec, 0);
		return await runPoll(this, source, readTriggerSettings(this, transfer.concurrency, LOOK_BACK_HOURS));
	}
}
