/** What both Tencent nodes' engine tests share: signature recording and the credential data. */
import type { IDataObject } from 'n8n-workflow';
import type { Emulator, VendorModule } from '../emulator/server';

/** Wraps a module so every CDN signature (`st=`) it hands out in JSON is added to `sink`. */
export function recordingSignatures(module: VendorModule, sink: Set<string>): VendorModule {
	return {
		name: module.name,
		actionOf: (req) => module.actionOf?.(req),
		reset: () => module.reset?.(),
		handle: (req, res, ctx) =>
			module.handle(req, res, {
				...ctx,
				json: (r, status, body, headers) => {
					for (const m of JSON.stringify(body).matchAll(/[?&]st=([^&"]+)/g)) sink.add(m[1]);
					ctx.json(r, status, body, headers);
				},
			}),
	};
}

export function tencentCredentials(
	emulator: Emulator,
	keys: { secretId: string; secretKey: string },
	overrides: IDataObject = {},
): IDataObject {
	return {
		secretId: keys.secretId,
		secretKey: keys.secretKey,
		sessionToken: '',
		teoEndpoint: emulator.url('teo'),
		dsaEndpoint: emulator.url('dsa'),
		...overrides,
	};
}
