import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { optionsFrom } from '../../shared/loadOptions';
import { LOOKUP_TRANSFER } from '../../shared/transferOptions';
import { listServers } from '../helpers/servers';
import { CREDENTIAL_TYPE } from '../transport';

/** Servers for the dropdowns: name and state shown, the UUID as value. */
export async function getServers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsFrom(this, CREDENTIAL_TYPE, async () => await listServers(this, { max: 1000 }, LOOKUP_TRANSFER), (server) => ({
		name: `${String(server.name ?? server.id)} (${String(server.manage_state ?? 'unknown state')})`,
		value: String(server.id),
		description: String(server.id),
	}));
}
