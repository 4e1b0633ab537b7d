/** CloudDC ListServers (vendor-apis.md §3.7): marker pagination, pages of the maximum 1000. */
import type { IDataObject } from 'n8n-workflow';
import type { TransferOptions } from '../../shared/descriptions';
import { type HuaweiContext, huaweiRequest, PROJECT_ID_PLACEHOLDER } from '../../HuaweiCloudCommon/transport';

const PAGE_SIZE = 1000;
/** A guard against a marker that never ends: 1000 pages are a million servers. */
const MAX_PAGES = 1000;

export const MANAGE_STATES = ['delivering', 'received', 'onboard', 'ready', 'in-use', 'frozen', 'offboarding'];

export async function listServers(
	ctx: HuaweiContext,
	filter: { manageState?: string; max: number },
	transfer: TransferOptions,
): Promise<IDataObject[]> {
	const servers: IDataObject[] = [];
	let marker: string | undefined;
	for (let page = 0; page < MAX_PAGES && servers.length < filter.max; page++) {
		const qs: IDataObject = { limit: PAGE_SIZE };
		if (filter.manageState) qs.manage_state = filter.manageState;
		if (marker) qs.marker = marker;
		const answer = await huaweiRequest(ctx, 'cloudDc', 'GET', `/v1/${PROJECT_ID_PLACEHOLDER}/physicalservers`, { qs }, transfer);
		const batch = Array.isArray(answer.servers) ? (answer.servers as IDataObject[]) : [];
		servers.push(...batch);
		const next = (answer.page_info as IDataObject | undefined)?.next_marker;
		if (!batch.length || !next || next === marker) break;
		marker = String(next);
	}
	return servers.slice(0, filter.max);
}
