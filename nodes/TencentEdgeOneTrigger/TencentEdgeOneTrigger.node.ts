import type { INodeType, INodeTypeDescription, IPollFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeConnectionTypes, updateDisplayOptions } from 'n8n-workflow';
import { binaryPropertyField, gunzipField, presignedDownloadTransferOptionsField } from '../shared/descriptions';
import { readTransferOptions } from '../shared/transferOptions';
import { readTriggerSettings, runPoll, triggerFields, triggerOnField } from '../shared/trigger';
import { getZones } from '../TencentEdgeOne/methods/loadOptions';
import { selectionFields } from '../TencentEdgeOne/helpers/query';
import { createSource } from './source';

const onDownload = { show: { download: [true] } };

/** The default look-back window, in hours. */
const LOOK_BACK_HOURS = 48;

export class TencentEdgeOneTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent EdgeOne Trigger',
		name: 'tencentEdgeOneTrigger',
		icon: { light: 'file:edgeone.svg', dark: 'file:edgeone.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["logKind"] === "l4" ? "New L4 Proxy Log Packets" : "New L7 Access Log Packets"}}',
		description: 'Starts the workflow for each new EdgeOne offline log packet, once, including packets published hours late',
		defaults: { name: 'Tencent EdgeOne Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentCloudApi', required: true }],
		properties: [
			triggerOnField('logKind', [
				{
					name: 'New L7 Access Log Packets',
					value: 'l7',
					action: 'On new L7 access log packets',
					description: 'Hourly HTTP access logs of the domains of EdgeOne sites',
				},
				{
					name: 'New L4 Proxy Log Packets',
					value: 'l4',
					action: 'On new L4 proxy log packets',
					description: 'Hourly logs of the TCP/UDP connections of L4 proxy instances',
				},
			]),
			...updateDisplayOptions({ show: { logKind: ['l7'] } }, selectionFields('l7')),
			...updateDisplayOptions({ show: { logKind: ['l4'] } }, selectionFields('l4')),
			...triggerFields(LOOK_BACK_HOURS, 'EdgeOne lists a packet 30 minutes to 3 hours after its hour and keeps adding packets for about a day'),
			...updateDisplayOptions(onDownload, [
				{ ...gunzipField, description: 'Whether to decompress each packet while it streams, delivering JSON Lines' },
				binaryPropertyField,
			]),
			presignedDownloadTransferOptionsField,
		],
	};

	methods = { loadOptions: { getZones } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const source = createSource(this);
		const transfer = readTransferOptions(source.exec, 0);
		return await runPoll(this, source, readTriggerSettings(this, transfer.concurrency, LOOK_BACK_HOURS));
	}
}
