/** Huawei IAM through real HTTP: password tokens, wrong passwords and user lockout. */
import {
	emulator,
	hw,
	iam,
	passwordBody,
	PROJECT,
	projectsUrl,
	send,
	startHuaweiEmulator,
	token,
	USER,
} from './testBed';

describe('Huawei emulator', () => {
	startHuaweiEmulator();

	describe('IAM tokens', () => {
		it('issues a long project-scoped token and accepts it as X-Auth-Token', async () => {
			const reply = await send(`${iam}/v3/auth/tokens?nocatalog=true`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(passwordBody(USER.password)),
			});
			expect(reply.status).toBe(201);
			const subject = String(reply.headers['x-subject-token']);
			expect(subject.length).toBe(3000);
			const body = reply.json();
			expect(body.token.project).toMatchObject({ id: PROJECT.id, name: PROJECT.name });
			expect(body.token.catalog).toBeUndefined();
			const ttl = Date.parse(body.token.expires_at) - Date.parse(body.token.issued_at);
			expect(ttl).toBe(24 * 3600 * 1000);
			const list = await send(projectsUrl(), { headers: { 'X-Auth-Token': subject } });
			expect(list.status).toBe(200);
		});

		it('rejects unknown and expired tokens', async () => {
			const bogus = await send(projectsUrl(), { headers: { 'X-Auth-Token': 'MIIbogus' } });
			expect(bogus.status).toBe(401);
			expect(bogus.json().error_msg).toBe(
				'Incorrect IAM authentication information: decrypt token fail',
			);
			const subject = await token();
			hw.cloud.expireTokens();
			const expired = await send(projectsUrl(), { headers: { 'X-Auth-Token': subject } });
			expect(expired.status).toBe(401);
			expect(expired.json().error_msg).toMatch(/token expired/);
		});

		it('answers a wrong password with the documented 401 shape', async () => {
			const reply = await send(`${iam}/v3/auth/tokens`, {
				method: 'POST',
				body: JSON.stringify(passwordBody('wrong-password')),
			});
			expect(reply.status).toBe(401);
			expect(reply.json()).toEqual({
				error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' },
			});
		});

		it('locks the user after 5 wrong passwords, then refuses even the right one', async () => {
			for (let i = 0; i < 5; i++) {
				const reply = await send(`${iam}/v3/auth/tokens`, {
					method: 'POST',
					body: JSON.stringify(passwordBody(`wrong-${i}`)),
				});
				expect(reply.json().error.message).toBe('The username or password is wrong.');
			}
			const locked = await send(`${iam}/v3/auth/tokens`, {
				method: 'POST',
				body: JSON.stringify(passwordBody(USER.password)),
			});
			expect(locked.status).toBe(401);
			expect(locked.json().error.message).toBe('The account is locked.');
			expect(hw.cloud.isUserLocked(USER.name)).toBe(true);
			emulator.reset();
			expect(await token()).toMatch(/^MII/);
		});

		it('answers a malformed body with 400', async () => {
			const reply = await send(`${iam}/v3/auth/tokens`, { method: 'POST', body: '{"auth":' });
			expect(reply.status).toBe(400);
			expect(reply.json().error.message).toBe('The request body is invalid');
		});
	});
});
