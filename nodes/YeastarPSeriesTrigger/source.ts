/**
 * Yeastar system logs as a trigger source: one log per day, named by the date (YYYYMMDD), which
 * the PBX keeps writing until the day is over. A day is therefore delivered once it has ended
 * (in the workflow's time zone: the PBX's own is not known to n8n), and ordered by that moment.
 */
import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { readTransferOptions } from '../shared/transferOptions';
import { dayIndex, dayInZone, zoneOffsetMs } from '../shared/days';
import type { Candidate } from '../shared/pollState';
import { asExecution, type TriggerSource } from '../shared/trigger';
import { downloadArchive } from '../YeastarPSeries/helpers/archives';
import { dateOfName, listAllLogNames } from '../YeastarPSeries/helpers/logNames';

interface DayLog extends Candidate {
	name: string;
	date: string;
}

const DAY = 86400000;

/** When a day (YYYY-MM-DD) ends in `timeZone`. */
export function dayEnd(date: string, timeZone: string): number {
	const midnightUtc = (dayIndex(date) + 1) * DAY;
	return midnightUtc - zoneOffsetMs(timeZone, midnightUtc);
}

export function createSource(ctx: IPollFunctions): TriggerSource<DayLog> & { exec: IExecuteFunctions } {
	const exec = asExecution(ctx);
	const timeZone = ctx.getTimezone();
	return {
		exec,
		async list(execution, _from, now) {
			const today = dayInZone(now, timeZone);
			const names = await listAllLogNames(execution, readTransferOptions(execution, 0));
			const days: DayLog[] = [];
			for (const name of names) {
				const date = dateOfName(name);
				// Today's log is still being written: it comes once the day is over.
				if (date && date < today) days.push({ id: name, name, date, at: dayEnd(date, timeZone) });
			}
			return days;
		},
		describe: (day) => ({ json: { logName: day.name, date: day.date } }),
		async download(execution, day) {
			const property = execution.getNodeParameter('binaryPropertyName', 0, 'data') as string;
			const item = await downloadArchive(execution, [day.name], property, readTransferOptions(execution, 0));
			return { ...item, json: { date: day.date, ...item.json } };
		},
	};
}
