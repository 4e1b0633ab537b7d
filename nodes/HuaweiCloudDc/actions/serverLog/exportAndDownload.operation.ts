import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { downloadEach } from '../../../shared/collection';
import { binaryPropertyField, downloadTransferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions } from '../../../shared/transferOptions';
import { InvalidParameterError } from '../../../shared/errors';
import { downloadExport, namingExport, startExport, waitForExport } from '../../helpers/exports';
import { validServerId } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Server Names or IDs',
		name: 'serverIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getServers' },
		default: [],
		required: true,
		description:
			'The physical servers to export, in parallel. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: 'An expression may give an array of IDs or a comma-separated list',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		default: 10,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description: 'How long to wait between two status checks of an export',
	},
	{
		displayName: 'Export Timeout (Minutes)',
		name: 'exportTimeout',
		type: 'number',
		default: 15,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description:
			'How long to wait for an export to finish. On timeout the error names the export_id, so Get Export Status and Download can pick it up later.',
	},
	binaryPropertyField,
	downloadTransferOptionsField,
];

const displayOptions = { show: { resource: ['serverLog'], operation: ['exportAndDownload'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Server IDs from the multi-select, or from an expression giving an array or a list. */
function readServerIds(value: unknown): string[] {
	const raw = Array.isArray(value) ? value : String(value ?? '').split(/[\s,]+/);
	const ids = [...new Set(raw.map((id) => String(id ?? '').trim()).filter(Boolean))];
	if (!ids.length) throw new InvalidParameterError('Servers', 'choose at least one server');
	return ids.map((id) => validServerId('Servers', id));
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const serverIds = readServerIds(this.getNodeParameter('serverIds', i));
	const intervalMs = Math.max(0, Number(this.getNodeParameter('pollInterval', i, 10))) * 1000;
	const timeoutMs = Math.max(0, Number(this.getNodeParameter('exportTimeout', i, 15))) * 60000;
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', i) as string;
	const transfer = readTransferOptions(this, i);
	const exportIds: string[] = [];
	const exportAndDownload = async (serverId: string, k: number) => {
		const started = await startExport(this, serverId, transfer);
		exportIds[k] = started.export_id;
		const finished = await waitForExport(this, started, { intervalMs, timeoutMs }, transfer);
		try {
			const item = await downloadExport(this, serverId, finished.export_id, binaryPropertyName, transfer);
			return { ...item, json: { ...item.json, created_at: finished.created_at } };
		} catch (error) {
			throw namingExport(error, serverId, finished.export_id);
		}
	};
	const identify = (serverId: string) => ({ serverId, export_id: exportIds[serverIds.indexOf(serverId)] ?? null });
	return await downloadEach(this, i, serverIds, transfer.concurrency, exportAndDownload, identify);
}
