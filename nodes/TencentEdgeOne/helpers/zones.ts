/** EdgeOne zones (sites): the Zone IDs dropdown and the id → name lookup the legacy API needs. */
import type { IExecuteFunctions, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { LOOKUP_TRANSFER, type TransferOptions } from '../../shared/transferOptions';
import { toNodeError, VendorApiError } from '../../shared/errors';
import { hasCredential } from '../../shared/loadOptions';
import { collectPages } from '../../shared/pagination';
import { TEO_VENDOR } from '../../TencentCloudCommon/errors';
import { TENCENT_CREDENTIAL, teoRequest } from '../../TencentCloudCommon/transport';
import type { TencentContext } from '../../TencentCloudCommon/transport';
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
		const answer = await teoRequest(ctx, 'DescribeZones', CURRENT_VERSION, { Offset: offset, Limit: ZONE_PAGE }, transfer);
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
			vendor: TEO_VENDOR,
			kind: 'notFound',
			message: `zone not found: ${missing.join(', ')}`,
			hint: 'Check "Zone Names or IDs": pick zones from the list; they must belong to the account of this API key.',
		});
	}
	return zoneIds.map((id) => byId.get(id) as string);
}

/** `methods.loadOptions.getZones`: every zone of the account, labelled by name. */
export async function getZones(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	if (!hasCredential(this, TENCENT_CREDENTIAL)) return [];
	try {
		const zones = await listZones(this, LOOKUP_TRANSFER);
		return zones
			.map((z) => ({
				name: `${z.ZoneName} (${z.ZoneId})`,
				value: z.ZoneId,
				description: [z.Status, z.Area].filter(Boolean).join(', ') || undefined,
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
	} catch (error) {
		// toNodeError only reads the node from its context, which a load-options context has.
		throw toNodeError(this as unknown as IExecuteFunctions, error, 0);
	}
}
