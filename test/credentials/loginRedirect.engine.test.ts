/**
 * Logins carry the secret in their body (Yeastar Client Secret, Huawei IAM password), so a login
 * answered with a redirect must not be followed: the second server receives nothing, and the
 * error names where the redirect pointed.
 */
import { createServer, IncomingMessage, Server } from 'http';
import { AddressInfo } from 'net';
import { CredentialStore, runWorkflow, shutdownEngine } from '../engine';
import { allText, loadWorkflow } from '../helpers';

let redirector: Server;
let catcher: Server;
let caught: IncomingMessage[] = [];
let status = 307;
const url = (server: Server, host = '127.0.0.1') => `http://${host}:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
	catcher = createServer((req, res) => {
		caught.push(req);
		res.end('{"errcode":0,"access_token":"stolen","access_token_expire_time":1800}');
	});
	await new Promise<void>((resolve) => catcher.listen(0, '127.0.0.2', resolve));
	redirector = createServer((req, res) => {
		req.resume();
		res.writeHead(status, { location: `${url(catcher, '127.0.0.2')}${req.url}` });
		res.end();
	});
	await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
});
afterAll(() => {
	redirector.close();
	catcher.close();
	shutdownEngine();
});
beforeEach(() => {
	caught = [];
});

describe.each([302, 307, 308])('a login answered with HTTP %s', (code) => {
	beforeEach(() => {
		status = code;
	});

	it('Yeastar get_token: not followed, the Client Secret stays home', async () => {
		const store = new CredentialStore({
			yeastarPSeriesApi: { baseUrl: url(redirector), apiPath: 'openapi/v1.0', clientId: 'id', clientSecret: 'canary-redirect-secret', accessToken: '' },
		});
		const { error, run } = await runWorkflow(loadWorkflow('yeastar-list-system-logs.json'), store);
		expect(caught).toHaveLength(0);
		expect(error?.message).toMatch(new RegExp(`redirect \\(HTTP ${code}\\) to 127\\.0\\.0\\.2:\\d+; it was not followed`));
		expect(allText(run)).not.toContain('canary-redirect-secret');
	});

	it('Huawei IAM password token: not followed, the password stays home', async () => {
		const store = new CredentialStore({
			huaweiCloudApi: {
				authType: 'password',
				userName: 'user',
				password: 'Canary-Redirect-Passw0rd',
				domainName: 'account',
				region: 'cn-south-1',
				iamEndpoint: url(redirector),
				cloudDcEndpoint: url(redirector),
				iamToken: '',
			},
		});
		const { error, run } = await runWorkflow(loadWorkflow('huawei-clouddc-list-servers.json'), store);
		expect(caught).toHaveLength(0);
		expect(error?.message).toMatch(new RegExp(`redirect \\(HTTP ${code}\\) to 127\\.0\\.0\\.2:\\d+`));
		expect(allText(run)).not.toContain('Canary-Redirect-Passw0rd');
	});
});
