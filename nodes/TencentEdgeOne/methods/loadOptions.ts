import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { optionsFrom } from '../../shared/loadOptions';
import { LOOKUP_TRANSFER } from '../../shared/transferOptions';
import { listZones } from '../helpers/zones';
import { CREDENTIAL_TYPE } from '../transport';

/** Every zone of the account, labelled by name. */
export async function getZones(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsFrom(this, CREDENTIAL_TYPE, async () => await listZones(this, LOOKUP_TRANSFER), (z) => ({
		name: `${z.ZoneName} (${z.ZoneId})`,
		value: z.ZoneId,
		description: [z.Status, z.Area].filter(Boolean).join(', ') || undefined,
	}));
}
