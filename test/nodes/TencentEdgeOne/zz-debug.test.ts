import * as errs from '../../../nodes/shared/errors';
const networkError = errs.networkError;
import * as http from '../../../nodes/shared/http';
import { CredentialStore, runWorkflow, shutdownEngine } from '../../engine';
import { Emulator } from '../../emulator/server';
import { createTencentEmulators, TENCENT_EMULATOR_KEYS } from '../../emulator/tencent';
import { loadWorkflow } from '../../helpers';

it('debug', async () => {
	const t = createTencentEmulators();
	const emulator = await new Emulator([t.teo, t.dsa, t.cdn]).start('127.0.0.1');
	const orig = (http as any).sendHttp;
	const s = new CredentialStore({ tencentCloudApi: { ...TENCENT_EMULATOR_KEYS, sessionToken: '', teoEndpoint: emulator.url('teo'), dsaEndpoint: emulator.url('dsa') } as any });
	emulator.faults.add({ vendor: 'teo', match: 'DownloadL7Logs', reset: true, times: 5 });
	jest.spyOn(errs, 'networkError').mockImplementation((v: string, err: any) => { let e = err; for (let d = 0; e && d < 6; d++) { console.log('RAW', d, e.constructor?.name, e.code, String(e.message).slice(0, 80), Object.keys(e).join(','), JSON.stringify(e.messages), e.description, e.httpCode); e = e.cause; } return networkError(v, err); });
	const core = require('n8n-core');
	const origFn = core.ExecuteContext?.prototype;
	const { error } = await runWorkflow(loadWorkflow('tencent-edgeone-l7-list.json', { transferOptions: { maxAttempts: 1 } }), s);
	console.log(error?.message, orig !== undefined);
	let e: any = (error as any);
	for (let d = 0; e && d < 6; d++) { console.log(d, e.constructor?.name, e.code, e.message?.slice(0, 80), Object.keys(e)); e = e.cause; }
	await emulator.stop();
	shutdownEngine();
	void networkError;
});
