import type { IExecuteFunctions, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { LOOKUP_TRANSFER } from '../../shared/transferOptions';
import { toNodeError } from '../../shared/errors';
import { hasCredential } from '../../shared/loadOptions';
import { CREDENTIAL_TYPE } from '../../HuaweiCloudCommon/transport';
import { listServers } from '../helpers/servers';

/** Servers for the dropdowns: name and state shown, the UUID as value. */
export async function getServers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	if (!hasCredential(this, CREDENTIAL_TYPE)) return [];
	try {
		const servers = await listServers(this, { max: 1000 }, LOOKUP_TRANSFER);
		return servers
			.map((server) => ({
				name: `${String(server.name ?? server.id)} (${String(server.manage_state ?? 'unknown state')})`,
				value: String(server.id),
				description: String(server.id),
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
	} catch (error) {
		// toNodeError needs only getNode(), which a loadOptions context has too.
		throw toNodeError(this as unknown as IExecuteFunctions, error, 0);
	}
}
