/** EdgeOne zones (sites): every zone of the account, and the id → name lookup the legacy API needs. */
import { VendorApiError } from '../../shared/errors';
import { collectPages } from '../../shared/pagination';
import type { TransferOptions } from '../../shared/transferOptions';
import type { TencentContext } from '../../TencentCloudCommon/transport';
import { teoApiRequest, VENDOR } from '../transport';
import { CURRENT_VERSION } from './query';

/** DescribeZones allows at most 100 zones per page. */
const ZONE_PAGE = 100;
const MAX_ZONE_PAGES = 200;

export interface Zone {
	ZoneId: string;
	ZoneName: string;
	Status?: string;
	Area?: string;
}

export async function listZones(ctx: TencentContext, transfer: TransferOptions): Promise<Zone[]> {
	const zones = await collectPages(async ({ offset }) => {
		const answer = await teoApiRequest(ctx, 'DescribeZones', CURRENT_VERSION, { Offset: offset, Limit: ZONE_PAGE }, transfer);
		return { items: Array.isArray(answer.Zones) ? (answer.Zones as unknown as Zone[]) : [], totalItems: answer.TotalCount };
	}, { pageSize: ZONE_PAGE, maxPages: MAX_ZONE_PAGES, key: (z) => String(z?.ZoneId ?? '') });
	return zones.filter((z) => z && z.ZoneId);
}

/** Zone names of the given ids, in the same order; an id the account does not have fails. */
export async function zoneNamesOf(ctx: TencentContext, zoneIds: string[], transfer: TransferOptions): Promise<string[]> {
	const byId = new Map((await listZones(ctx, transfer)).map((z) => [z.ZoneId, z.ZoneName]));
	const missing = zoneIds.filter((id) => !byId.get(id));
	if (missing.length) {
		throw new VendorApiError({
			vendor: VENDOR,
			kind: 'notFound',
			message: `zone not found: ${missing.join(', ')}`,
			hint: 'Check "Zone Names or IDs": pick zones from the list; they must belong to the account of this API key.',
		});
	}
	return zoneIds.map((id) => byId.get(id) as string);
}
