/** CloudDC ListServers: marker pagination, pages of the documented maximum of 1000. */
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';
import type { TransferOptions } from '../../shared/transferOptions';
import { collectPages } from '../../shared/pagination';
import type { HuaweiContext } from '../../HuaweiCloudCommon/transport';
import { cloudDcApiRequest, PROJECT_ID_PLACEHOLDER } from '../transport';

const PAGE_SIZE = 1000;
/** A guard against a marker that never ends: 1000 pages are a million servers. */
const MAX_PAGES = 1000;

/**
 * The management states ListServers filters by, in the order a server goes through them. The
 * value is what the API takes; the name and meaning are what the editor shows.
 */
export const MANAGE_STATES: INodePropertyOptions[] = [
	{ name: 'Delivering', value: 'delivering', description: 'On its way to the data center' },
	{ name: 'Received', value: 'received', description: 'Arrived at the data center, not yet being onboarded' },
	{ name: 'Onboarding', value: 'onboard', description: 'Being installed into a rack' },
	{ name: 'Ready', value: 'ready', description: 'Delivered, installed and commissioned; not yet in use' },
	{ name: 'In Use', value: 'in-use', description: 'Provisioned and in use' },
	{ name: 'Frozen', value: 'frozen', description: 'Resources frozen because the account is in arrears' },
	{ name: 'Offboarding', value: 'offboarding', description: 'Being removed from the rack' },
];

export async function listServers(
	ctx: HuaweiContext,
	filter: { manageState?: string; max: number },
	transfer: TransferOptions,
): Promise<IDataObject[]> {
	return await collectPages(async ({ marker }) => {
		const qs: IDataObject = { limit: PAGE_SIZE };
		if (filter.manageState) qs.manage_state = filter.manageState;
		if (marker) qs.marker = marker;
		const answer = await cloudDcApiRequest(ctx, 'GET', `/v1/${PROJECT_ID_PLACEHOLDER}/physicalservers`, { qs }, transfer);
		const items = Array.isArray(answer.servers) ? (answer.servers as IDataObject[]) : [];
		return { items, nextMarker: (answer.page_info as IDataObject | undefined)?.next_marker };
	}, { pageSize: PAGE_SIZE, maxPages: MAX_PAGES, max: filter.max, marker: true });
}
