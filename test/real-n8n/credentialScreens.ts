/**
 * The credential screens of a real n8n, driven through the REST API the editor uses: after every
 * credential of the pack has been Tested (and the example workflows have run), the Credentials
 * page (`GET /rest/credentials?includeData=true`) and each credential's own page still load, and
 * the Test button tests what was typed: a wrong secret fails, the right one passes.
 */
import { N8nRest, OWNER, unwrap } from '../queue/rest';
import type { DemoCredential } from '../scripts/demoCredentials';
import type { N8nServer } from './n8nProcess';

export interface Check {
	workflow: string;
	ok: boolean;
	detail: string;
}

/** The field whose value the wrong-secret round replaces, per credential type and mode. */
const SECRET_FIELD: Record<string, (data: Record<string, unknown>) => string> = {
	yeastarPSeriesApi: () => 'clientSecret',
	huaweiCloudApi: (data) => (data.authType === 'password' ? 'password' : 'secretKey'),
	tencentCloudApi: () => 'secretKey',
};

export async function checkCredentialScreens(server: N8nServer, credentials: DemoCredential[]): Promise<Check[]> {
	const rest = new N8nRest(server.url);
	const checks: Check[] = [];
	const check = (name: string, ok: boolean, detail: string) => checks.push({ workflow: `credentials: ${name}`, ok, detail });
	const setup = await rest.call('POST', '/owner/setup', OWNER);
	if (setup.status !== 200) {
		check('sign in', false, `owner setup answered ${setup.status}: ${setup.text.slice(0, 200)}`);
		return checks;
	}
	const test = async (credential: DemoCredential, data: Record<string, unknown>) => {
		const answer = await rest.call('POST', '/credentials/test', {
			credentials: { id: credential.id, name: credential.name, type: credential.type, data },
		});
		return { status: answer.status, result: unwrap(answer.json) as { status?: string; message?: string } | undefined };
	};
	const page = async () => await rest.call('GET', '/credentials?includeData=true');

	for (const credential of credentials) {
		const opened = await rest.call('GET', `/credentials/${credential.id}?includeData=true`);
		const data = unwrap(opened.json)?.data as Record<string, unknown> | undefined;
		if (opened.status !== 200 || !data) {
			check(credential.name, false, `opening it answered ${opened.status}: ${opened.text.slice(0, 200)}`);
			continue;
		}
		const first = await test(credential, data);
		const list = await page();
		const reopened = await rest.call('GET', `/credentials/${credential.id}?includeData=true`);
		const field = SECRET_FIELD[credential.type]?.(credential.data as Record<string, unknown>);
		const wrongData = { ...credential.data, [field]: `wrong-${String(credential.data[field]).slice(0, 4)}-typed` };
		const patched = await rest.call('PATCH', `/credentials/${credential.id}`, { name: credential.name, type: credential.type, data: wrongData });
		const wrong = await test(credential, unwrap(patched.json)?.data ?? wrongData);
		const restored = await rest.call('PATCH', `/credentials/${credential.id}`, { name: credential.name, type: credential.type, data: credential.data });
		const right = await test(credential, unwrap(restored.json)?.data ?? credential.data);
		const after = await page();
		const problems = [
			first.result?.status !== 'OK' && `first Test: ${first.status} ${JSON.stringify(first.result)}`,
			list.status !== 200 && `Credentials page after the Test answered ${list.status}: ${list.text.slice(0, 200)}`,
			reopened.status !== 200 && `reopening answered ${reopened.status}: ${reopened.text.slice(0, 200)}`,
			(patched.status !== 200 || restored.status !== 200) && `saving answered ${patched.status}/${restored.status}`,
			wrong.result?.status !== 'Error' && `Test with a wrong ${field} did not fail: ${JSON.stringify(wrong.result)}`,
			right.result?.status !== 'OK' && `Test with the right ${field} again: ${JSON.stringify(right.result)}`,
			after.status !== 200 && `Credentials page at the end answered ${after.status}`,
		].filter(Boolean);
		check(
			credential.name,
			problems.length === 0,
			problems.join('; ') || `Test OK, page and credential reload (200), wrong ${field} refused (${wrong.result?.message}), right one OK`,
		);
	}
	return checks;
}
