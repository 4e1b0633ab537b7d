import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { filtersField, readLimit, returnAllFields, transferOptionsField } from '../../../shared/descriptions';
import { readTransferOptions } from '../../../shared/transferOptions';
import { dateOfName, dayOf, inRange, listAllLogNames, validateRange } from '../../helpers/logNames';

const properties: INodeProperties[] = [
	...returnAllFields,
	filtersField([
		// Days, as in Download: one log per day, so no time of day to pick.
		{ displayName: 'Start Date', name: 'startDate', type: 'string', default: '', placeholder: 'YYYY-MM-DD', description: 'Only logs of this day or later' },
		{ displayName: 'End Date', name: 'endDate', type: 'string', default: '', placeholder: 'YYYY-MM-DD', description: 'Only logs of this day or earlier' },
	]),
	transferOptionsField,
];

const displayOptions = { show: { resource: ['systemLog'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', i, {}) as { startDate?: string; endDate?: string };
	const from = filters.startDate ? dayOf('Start Date', filters.startDate, this.getTimezone()) : undefined;
	const to = filters.endDate ? dayOf('End Date', filters.endDate, this.getTimezone()) : undefined;
	validateRange(from, to);
	const limit = readLimit(this, i);

	const names = (await listAllLogNames(this, readTransferOptions(this, i))).filter((n) => inRange(n, from, to));
	// logName, not fileName: in a download's output fileName is the archive's name.
	return names.slice(0, limit).map((logName) => ({ json: { logName, date: dateOfName(logName) } }));
}
