/** CloudDC ListServers: marker pagination, pages of the documented maximum of 1000. */
import type { IDataObject } from 'n8n-workflow';
import type { TransferOptions } from '../../shared/descriptions';
import { collectPages } from '../../shared/pagination';
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
	return await collectPages(async ({ marker }) => {
		const qs: IDataObject = { limit: PAGE_SIZE };
		if (filter.manageState) qs.manage_state = filter.manageState;
		if (marker) qs.marker = marker;
		const answer = await huaweiRequest(ctx, 'cloudDc', 'GET', `/v1/${PROJECT_ID_PLACEHOLDER}/physicalservers`, { qs }, transfer);
		const items = Array.isArray(answer.servers) ? (answer.servers as IDataObject[]) : [];
		return { items, nextMarker: (answer.page_info as IDataObject | undefined)?.next_marker };
	}, { pageSize: PAGE_SIZE, maxPages: MAX_PAGES, max: filter.max, marker: true });
}
