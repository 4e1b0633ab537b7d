/** The Yeastar credential data every engine test gives n8n: the emulator's PBX and its API app. */
import type { IDataObject } from 'n8n-workflow';
import type { Emulator } from '../emulator/server';

export function yeastarCredentials(
	emulator: Emulator,
	app: { clientId: string; clientSecret: string },
	overrides: IDataObject = {},
): IDataObject {
	return {
		baseUrl: emulator.url('yeastar'),
		apiPath: 'openapi/v1.0',
		clientId: app.clientId,
		clientSecret: app.clientSecret,
		accessToken: '',
		...overrides,
	};
}
