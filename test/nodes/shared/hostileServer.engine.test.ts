/**
 * A server that misbehaves on purpose: redirects to another host, HTML or broken JSON instead of
 * an API answer, an answer far larger than any real one. Each ends as a clear error; no token or
 * signature reaches the other host; nothing is buffered without bound.
 */
import { createServer, IncomingMessage, Server } from 'http';
import { AddressInfo } from 'net';
import { CredentialStore, runWorkflow, shutdownEngine } from '../../engine';
import { AllEmulators, startAllEmulators } from '../../emulator';
import { allText, loadWorkflow } from '../../helpers';
import { demoCredentials } from '../../scripts/demoCredentials';

let all: AllEmulators;
let catcher: Server;
let caught: IncomingMessage[] = [];
let catcherUrl = '';

beforeAll(async () => {
	all = await startAllEmulators();
	catcher = createServer((req, res) => {
		caught.push(req);
		res.end('{}');
	});
	await new Promise<void>((resolve) => catcher.listen(0, '127.0.0.1', resolve));
	catcherUrl = `http://127.0.0.1:${(catcher.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await all.emulator.stop();
	catcher.close();
	shutdownEngine();
});
beforeEach(() => {
	all.emulator.reset();
	caught = [];
});

function store(): CredentialStore {
	return new CredentialStore(Object.fromEntries(demoCredentials(all).map((c) => [c.type, { ...c.data }])));
}

const FAST = { maxAttempts: 2, retryBaseDelayMs: 5 };

it('does not follow a Yeastar API redirect to another host (the token stays home)', async () => {
	all.emulator.faults.add({ vendor: 'yeastar', match: '/api/download/', status: 302, body: {}, headers: { Location: `${catcherUrl}/steal` } });
	const { error } = await runWorkflow(loadWorkflow('yeastar-download-latest.json', { count: 1, transferOptions: FAST }), store());
	expect(error?.message).toMatch(/HTTP 302/);
	expect(caught).toHaveLength(0);
});

it('does not follow a signed Tencent API call redirected to another host', async () => {
	all.emulator.faults.add({ vendor: 'teo', status: 307, body: {}, headers: { Location: `${catcherUrl}/steal` }, times: 5 });
	const { error } = await runWorkflow(loadWorkflow('tencent-edgeone-l7-list.json', { transferOptions: FAST }), store());
	expect(error?.message).toMatch(/HTTP 307|not a Tencent Cloud API response/);
	expect(caught).toHaveLength(0);
});

it('does not follow a signed Huawei API call redirected to another host', async () => {
	all.emulator.faults.add({ vendor: 'clouddc', status: 302, body: {}, headers: { Location: `${catcherUrl}/steal` }, times: 5 });
	const { error } = await runWorkflow(loadWorkflow('huawei-clouddc-list-servers.json', { transferOptions: FAST }), store());
	expect(error).toBeDefined();
	expect(caught).toHaveLength(0);
	expect(allText(error)).not.toMatch(/SDK-HMAC-SHA256 Access=/);
});

it('reports an HTML page instead of an API answer clearly', async () => {
	all.emulator.faults.add({ vendor: 'yeastar', match: 'system_log/list', status: 200, body: '<html><body><h1>Login</h1></body></html>', times: 5 });
	const { error } = await runWorkflow(loadWorkflow('yeastar-list-system-logs.json', { transferOptions: FAST }), store());
	expect(error?.message).toMatch(/Yeastar P-Series: HTTP 200: Login/);
});

it('reports malformed JSON clearly', async () => {
	all.emulator.faults.add({ vendor: 'teo', status: 200, body: '{"Response": {"TotalCount": 3, "Da', times: 5 });
	const { error } = await runWorkflow(loadWorkflow('tencent-edgeone-l7-list.json', { transferOptions: FAST }), store());
	expect(error?.message).toMatch(/Tencent EdgeOne: .*not a Tencent Cloud API response/);
});

it('refuses an answer far larger than any real one instead of buffering it', async () => {
	const huge = { errcode: 0, errmsg: 'SUCCESS', total_number: 1, data: [{ file_name: 'x'.repeat(20 * 1048576) }] };
	all.emulator.faults.add({ vendor: 'yeastar', match: 'system_log/list', status: 200, body: huge });
	const { error } = await runWorkflow(loadWorkflow('yeastar-list-system-logs.json', { transferOptions: FAST }), store());
	expect(error?.message).toMatch(/larger than 16 MB/);
});
