/**
 * Logins are API answers too: a login whose answer never starts, stops after its headers and
 * half its body, or never ends must end the execution with an error that says so, not hang for
 * axios' 5 minutes (n8n's default, per attempt) nor buffer an endless body in memory. The
 * credential's preAuthentication sees no Timeout option, so the login bounds are fixed ones;
 * this test shortens them.
 */
import { createServer, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { LOGIN_LIMITS } from '../../credentials/common/loginRequest';
import { CredentialStore, runWorkflow, shutdownEngine } from '../engine';
import { loadWorkflow } from '../helpers';

type Behaviour = 'silent' | 'half' | 'endless' | 'html';
let behaviour: Behaviour = 'half';
let logins = 0;
const open = new Set<ServerResponse>();
let server: Server;
const FAST = { maxAttempts: 2, retryBaseDelayMs: 5 };
const saved = { ...LOGIN_LIMITS };

beforeAll(async () => {
	Object.assign(LOGIN_LIMITS, { answerMs: 1500, idleMs: 500, maxBytes: 65536 });
	server = createServer((req, res) => {
		req.resume();
		logins++;
		open.add(res);
		res.on('close', () => open.delete(res));
		if (behaviour === 'silent') return;
		if (behaviour === 'html') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Sign in to the proxy</html>');
		const length = behaviour === 'half' ? { 'Content-Length': '400' } : {};
		res.writeHead(201, { 'Content-Type': 'application/json', 'X-Subject-Token': 'canary-stall-token', ...length });
		if (behaviour === 'half') return void res.write('{"errcode":0,"errmsg":"SUCCESS","access_token":"canary-stall-');
		res.write('{"errcode":0,"errmsg":"SUCCESS","access_token":"x","pad":"');
		const pump = () => {
			while (!res.destroyed && res.write(Buffer.alloc(16384, 'a')));
			if (!res.destroyed) res.once('drain', pump);
		};
		pump();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
	Object.assign(LOGIN_LIMITS, saved);
	for (const res of open) res.destroy();
	await new Promise((resolve) => server.close(resolve));
	shutdownEngine();
});
beforeEach(() => {
	logins = 0;
});

const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const yeastar = () => ({
	wf: loadWorkflow('yeastar-list-system-logs.json', { transferOptions: FAST }),
	store: new CredentialStore({ yeastarPSeriesApi: { baseUrl: url(), apiPath: 'openapi/v1.0', clientId: 'id', clientSecret: 'canary-stall-secret', accessToken: '' } }),
});
const iam = () => ({
	wf: loadWorkflow('huawei-clouddc-list-servers.json', { transferOptions: FAST }),
	store: new CredentialStore({
		huaweiCloudApi: {
			authType: 'password',
			userName: 'user',
			password: 'Canary-Stall-Passw0rd',
			domainName: 'account',
			region: 'cn-south-1',
			iamEndpoint: url(),
			cloudDcEndpoint: url(),
			iamToken: '',
		},
	}),
});

const expected: Record<Behaviour, RegExp> = {
	silent: /no answer to the login within 1\.5 s/,
	half: /the server stopped sending: nothing arrived for 0\.5 s after \d+ of 400 bytes/,
	endless: /larger than 0\.1 MB, far beyond any login answer/,
	html: /the login was answered with something that is not the PBX's JSON/,
};

describe.each([
	['Yeastar get_token', yeastar],
	['Huawei IAM password token', iam],
])('%s', (_name, setup) => {
	it.each(['silent', 'half', 'endless'] as Behaviour[])('a login answer that is %s ends the run with that error', async (kind) => {
		behaviour = kind;
		const { wf, store } = setup();
		const started = Date.now();
		const { error } = await runWorkflow(wf, store);
		expect(error?.message).toMatch(expected[kind]);
		expect(error?.message).not.toMatch(/canary/i);
		// Stalls and silence are retried like any stalled answer; an oversized answer is not.
		expect(logins).toBe(kind === 'endless' ? 1 : FAST.maxAttempts);
		expect(Date.now() - started).toBeLessThan(8000);
	}, 20000);
});

// A login answer that is not the PBX's (a proxy's sign-in page) says nothing about the secret:
// remembering it as a rejection would refuse every later run until the secret is changed.
it('Yeastar: a login answered with an HTML page is an error, not a remembered rejection', async () => {
	behaviour = 'html';
	const { wf, store } = yeastar();
	for (let run = 1; run <= 2; run++) {
		const { error } = await runWorkflow(wf, store);
		expect(error?.message).toMatch(expected.html);
		expect(logins).toBe(run);
	}
	expect(store.data.yeastarPSeriesApi.rejectedLogin ?? '').toBe('');
});
