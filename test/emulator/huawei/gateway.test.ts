/** The Huawei API-gateway model through real HTTP: AK/SK verification, lockout and throttling. */
import { createHash, createHmac } from 'crypto';
import { canonicalQueryString, canonicalUri, EMPTY_BODY_SHA256, formatSdkDate } from '../../../credentials/common/huaweiSigning';
import {
	dc,
	hw,
	iam,
	KEY,
	OTHER_PROJECT,
	PROJECT,
	projectsUrl,
	send,
	signed,
	startHuaweiEmulator,
	STS_KEY,
} from './testBed';

describe('Huawei emulator', () => {
	startHuaweiEmulator();

	describe('gateway: AK/SK', () => {
		it('accepts a correctly signed request', async () => {
			const reply = await send(projectsUrl(), signed(projectsUrl()));
			expect(reply.status).toBe(200);
			expect(reply.json().projects).toEqual([
				expect.objectContaining({ id: PROJECT.id, name: PROJECT.name }),
			]);
		});

		it('rejects a wrong SK with APIGW.0301 verify aksk signature fail', async () => {
			const bad = signed(projectsUrl(), { key: { accessKey: KEY.accessKey, secretKey: 'wrong' } });
			const reply = await send(projectsUrl(), bad);
			expect(reply.status).toBe(401);
			expect(reply.json()).toMatchObject({
				error_code: 'APIGW.0301',
				error_msg: 'Incorrect IAM authentication information: verify aksk signature fail',
			});
		});

		it('rejects a request whose query was changed after signing', async () => {
			const reply = await send(
				`${iam}/v3/projects?name=${OTHER_PROJECT.name}`,
				signed(projectsUrl()),
			);
			expect(reply.status).toBe(401);
		});

		it('rejects an unknown AK with the documented "ak not exist" text', async () => {
			const bad = signed(projectsUrl(), {
				key: { accessKey: 'NOSUCHAK', secretKey: KEY.secretKey },
			});
			const reply = await send(projectsUrl(), bad);
			expect(reply.status).toBe(401);
			expect(reply.json().error_msg).toMatch(/Get secretKey failed,ak:NOSUCHAK,err:ak not exist/);
		});

		it('rejects a skew over 15 minutes as signature expired, accepts 14 minutes', async () => {
			const late = new Date(Date.now() - 16 * 60 * 1000);
			const expired = await send(projectsUrl(), signed(projectsUrl(), { date: late }));
			expect(expired.status).toBe(401);
			expect(expired.json().error_msg).toBe(
				'Incorrect IAM authentication information: signature expired',
			);
			const early = new Date(Date.now() + 14 * 60 * 1000);
			expect((await send(projectsUrl(), signed(projectsUrl(), { date: early }))).status).toBe(200);
		});

		it('rejects a signature whose SignedHeaders leave out x-sdk-date', async () => {
			// A signature that is correct over `host` alone: only the missing x-sdk-date is wrong.
			const url = new URL(projectsUrl());
			const canonical = [
				'GET',
				canonicalUri(url.pathname),
				canonicalQueryString([...url.searchParams.entries()]),
				`host:${url.host}\n`,
				'host',
				EMPTY_BODY_SHA256,
			].join('\n');
			const sdkDate = formatSdkDate(new Date());
			const digest = createHash('sha256').update(canonical).digest('hex');
			const sig = createHmac('sha256', KEY.secretKey)
				.update(`SDK-HMAC-SHA256\n${sdkDate}\n${digest}`)
				.digest('hex');
			const reply = await send(url.href, {
				headers: {
					Host: url.host,
					'X-Sdk-Date': sdkDate,
					Authorization:
						`SDK-HMAC-SHA256 Access=${KEY.accessKey}, SignedHeaders=host, ` + `Signature=${sig}`,
				},
			});
			expect(reply.status).toBe(401);
			expect(reply.json().error_msg).toMatch(/verify aksk signature fail/);
		});

		it('locks the AK for a while after 5 consecutive bad signatures', async () => {
			const wrong = { accessKey: KEY.accessKey, secretKey: 'nope' };
			for (let i = 0; i < 5; i++) {
				expect((await send(projectsUrl(), signed(projectsUrl(), { key: wrong }))).status).toBe(401);
			}
			const reply = await send(projectsUrl(), signed(projectsUrl()));
			expect(reply.status).toBe(401);
			expect(reply.json().error_msg).toBe(
				'Incorrect IAM authentication information: AK access failed to reach the limit,forbidden.',
			);
		});

		it('requires the signed X-Security-Token of temporary keys', async () => {
			const without = await send(projectsUrl(), signed(projectsUrl(), { key: STS_KEY }));
			expect(without.status).toBe(401);
			const withToken = signed(projectsUrl(), {
				key: STS_KEY,
				extra: { 'X-Security-Token': STS_KEY.securityToken ?? '' },
			});
			expect((await send(projectsUrl(), withToken)).status).toBe(200);
		});

		it('answers requests without any authentication with APIGW.0301', async () => {
			const reply = await send(projectsUrl());
			expect(reply.status).toBe(401);
			expect(reply.json().error_code).toBe('APIGW.0301');
		});

		it('answers an unknown API with APIGW.0101 before authenticating', async () => {
			const reply = await send(`${dc}/v1/nothing/here`);
			expect(reply.status).toBe(404);
			expect(reply.json().error_code).toBe('APIGW.0101');
		});
	});

	describe('gateway throttling', () => {
		it('answers 429 APIGW.0308 above the per-AK limit, counting each caller apart', async () => {
			hw.cloud.options.throttle = { limit: 3, windowMs: 60_000 };
			for (let i = 0; i < 3; i++) {
				expect((await send(projectsUrl(), signed(projectsUrl()))).status).toBe(200);
			}
			const reply = await send(projectsUrl(), signed(projectsUrl()));
			expect(reply.status).toBe(429);
			expect(reply.json()).toMatchObject({
				error_code: 'APIGW.0308',
				error_msg: 'The throttling threshold has been reached',
			});
			const sts = signed(projectsUrl(), {
				key: STS_KEY,
				extra: { 'X-Security-Token': STS_KEY.securityToken ?? '' },
			});
			expect((await send(projectsUrl(), sts)).status).toBe(200);
			expect(hw.cloud.counters.throttled).toBe(1);
		});
	});
});
