/**
 * The Yeastar credential on its own: the Test button's flow (preAuthentication, then the test
 * request through authenticate) logs in and revokes at once, and HTTPS verification is on unless
 * "Ignore SSL Issues" is set.
 */
import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { YeastarPSeriesApi } from '../../credentials/YeastarPSeriesApi.credentials';
import { CredentialStore, runWorkflow, shutdownEngine } from '../engine';
import { Emulator } from '../emulator/server';
import { selfSignedCertificate } from '../emulator/tls';
import { YeastarEmulator } from '../emulator/yeastar';
import { loadWorkflow } from '../helpers';

const credential = new YeastarPSeriesApi();
let yeastar: YeastarEmulator;
let plain: Emulator;
let tls: Emulator;

/** n8n's httpRequest, as a credential test would get it (axios underneath, like n8n-core). */
async function httpRequest(options: IHttpRequestOptions): Promise<any> {
	const helpers = require('n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions');
	return await helpers.httpRequest(options);
}

beforeAll(async () => {
	yeastar = new YeastarEmulator();
	plain = await new Emulator([yeastar]).start();
	tls = await new Emulator([yeastar]).start('127.0.0.1', 0, selfSignedCertificate());
});
afterAll(async () => {
	await plain.stop();
	await tls.stop();
	shutdownEngine();
});
beforeEach(() => yeastar.reset());

function data(baseUrl: string, extra: Record<string, unknown> = {}) {
	return {
		baseUrl,
		apiPath: 'openapi/v1.0',
		clientId: yeastar.options.clientId,
		clientSecret: yeastar.options.clientSecret,
		accessToken: '',
		...extra,
	};
}

it('Test button: logs in, then revokes the token, leaving no live token behind', async () => {
	const creds = data(plain.url('yeastar'));
	const helper = { helpers: { httpRequest } } as unknown as IHttpRequestHelper;
	Object.assign(creds, await credential.preAuthentication.call(helper, creds));
	const test = credential.test.request;
	const baseURL = `${creds.baseUrl}/openapi/v1.0`;
	const authenticate = credential.authenticate as (c: object, r: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
	const signed = await authenticate(creds, { ...test, baseURL, skipSslCertificateValidation: false } as IHttpRequestOptions);
	const answer = await httpRequest(signed);
	expect(answer.errcode).toBe(0);
	expect(yeastar.tokensIssued).toBe(1);
	expect(yeastar.liveTokens()).toHaveLength(0);
});

it('refuses a self-signed PBX certificate by default, with a hint', async () => {
	const store = new CredentialStore({ yeastarPSeriesApi: data(tls.url('yeastar')) });
	const { error } = await runWorkflow(loadWorkflow('yeastar-list-system-logs.json'), store);
	expect(error?.message).toMatch(/certificate could not be verified/);
	expect(error?.description).toMatch(/Ignore SSL Issues/);
	expect(yeastar.tokensIssued).toBe(0);
});

it('accepts it when "Ignore SSL Issues" is on, for login, API calls and downloads', async () => {
	const store = new CredentialStore({ yeastarPSeriesApi: data(tls.url('yeastar'), { ignoreSslIssues: true }) });
	const { error, output } = await runWorkflow(loadWorkflow('yeastar-download-latest.json', { count: 1 }), store);
	expect(error).toBeUndefined();
	expect(output('Yeastar P-Series PBX')[0].json.size).toBeGreaterThan(0);
});
