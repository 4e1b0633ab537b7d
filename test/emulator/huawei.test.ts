/**
 * The Huawei emulator through real HTTP: the API-gateway model (AK/SK verification, tokens,
 * lockouts, throttling), CloudDC export/download, CodeArts Check log files — and the
 * HuaweiCloudApi credential's authenticate/preAuthentication against it.
 */
import { createHash, createHmac } from 'crypto';
import { request as httpRequest } from 'http';
import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import {
	canonicalQueryString,
	canonicalUri,
	EMPTY_BODY_SHA256,
	formatSdkDate,
	signHuaweiRequest,
} from '../../credentials/common/huaweiSigning';
import { iamTokenScope } from '../../credentials/common/huaweiIamToken';
import { HuaweiCloudApi } from '../../credentials/HuaweiCloudApi.credentials';
import { VendorApiError } from '../../nodes/shared/errors';
// The helper n8n nodes reach as this.helpers.httpRequest: axios with n8n's request conversion.
import { httpRequest as n8nHttpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import { fileSha256 } from './files';
import { HOSTILE_SNS, huaweiEmulators, HuaweiEmulators, HUAWEI_DEFAULTS } from './huawei';
import { Emulator } from './server';

interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
	json(): any;
}

function send(
	url: string,
	init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const body = Buffer.concat(chunks);
				resolve({
					status: res.statusCode ?? 0,
					headers: res.headers,
					body,
					json: () => JSON.parse(body.toString('utf8')),
				});
			});
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(init.body);
	});
}

const KEY = HUAWEI_DEFAULTS.keys[0];
const STS_KEY = HUAWEI_DEFAULTS.keys[1];
const USER = HUAWEI_DEFAULTS.users[0];
const PROJECT = HUAWEI_DEFAULTS.projects[0];
const OTHER_PROJECT = HUAWEI_DEFAULTS.projects[1];

/** A signed request as a careful client would build it (host, x-sdk-date, extras). */
function signed(
	url: string,
	opts: {
		method?: string;
		body?: string;
		extra?: Record<string, string>;
		key?: { accessKey: string; secretKey: string };
		date?: Date;
	} = {},
): { method: string; headers: Record<string, string>; body?: string } {
	const method = opts.method ?? 'GET';
	const sdkDate = formatSdkDate(opts.date ?? new Date());
	const headers: Record<string, string> = {
		Host: new URL(url).host,
		'X-Sdk-Date': sdkDate,
		...(opts.extra ?? {}),
	};
	const key = opts.key ?? KEY;
	const { authorization } = signHuaweiRequest({
		...key,
		method,
		url,
		headers,
		body: opts.body,
		sdkDate,
	});
	return { method, headers: { ...headers, Authorization: authorization }, body: opts.body };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('Huawei emulator', () => {
	let hw: HuaweiEmulators;
	let emulator: Emulator;
	let iam: string;
	let dc: string;
	let cc: string;

	beforeAll(async () => {
		hw = huaweiEmulators({ cloud: { tokenLength: 3000 } });
		emulator = await new Emulator(hw.modules).start();
		iam = emulator.url('huawei-iam');
		dc = emulator.url('clouddc');
		cc = emulator.url('codeartscheck');
	});

	afterAll(async () => {
		await emulator.stop();
	});

	beforeEach(() => {
		emulator.reset();
		hw.cloud.options.throttle = undefined;
		hw.cloudDc.options.serviceThrottle = undefined;
		hw.cloudDc.options.statusStyle = 'example';
	});

	const projectsUrl = () => `${iam}/v3/projects?name=${PROJECT.name}`;
	const serversUrl = (query = '') => `${dc}/v1/${PROJECT.id}/physicalservers${query}`;
	const serverId = () => hw.cloudDc.options.servers[0].id;
	const exportsUrl = (id = serverId()) =>
		`${dc}/v1/${PROJECT.id}/physicalservers/${id}/logs/exports`;

	async function token(project = PROJECT.name): Promise<string> {
		const reply = await send(`${iam}/v3/auth/tokens?nocatalog=true`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(passwordBody(USER.password, project)),
		});
		expect(reply.status).toBe(201);
		return String(reply.headers['x-subject-token']);
	}

	function passwordBody(password: string, project = PROJECT.name) {
		return {
			auth: {
				identity: {
					methods: ['password'],
					password: {
						user: { name: USER.name, password, domain: { name: HUAWEI_DEFAULTS.domainName } },
					},
				},
				scope: { project: { name: project } },
			},
		};
	}

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

	describe('CloudDC', () => {
		it('paginates servers with marker/limit, clamping limit to 10..1000', async () => {
			const seen: string[] = [];
			let marker = '';
			const sizes: number[] = [];
			for (;;) {
				const url = serversUrl(`?limit=3${marker ? `&marker=${marker}` : ''}`);
				const body = (await send(url, signed(url))).json();
				expect(body.count).toBe(25);
				sizes.push(body.page_info.current_count);
				seen.push(...body.servers.map((s: { id: string }) => s.id));
				if (!body.page_info.next_marker) break;
				marker = body.page_info.next_marker;
			}
			expect(sizes).toEqual([10, 10, 5]);
			expect(new Set(seen).size).toBe(25);
			const big = (await send(serversUrl('?limit=5000'), signed(serversUrl('?limit=5000')))).json();
			expect(big.servers).toHaveLength(25);
			expect(big.page_info.next_marker).toBeUndefined();
		});

		it('filters by manage_state and rejects an unknown state', async () => {
			const url = serversUrl('?manage_state=ready');
			const body = (await send(url, signed(url))).json();
			expect(body.count).toBe(5);
			expect(body.servers.every((s: { manage_state: string }) => s.manage_state === 'ready')).toBe(
				true,
			);
			const bad = serversUrl('?manage_state=sleeping');
			const reply = await send(bad, signed(bad));
			expect(reply.status).toBe(400);
			expect(reply.json().error_code).toMatch(/^CLOUDDC\./);
		});

		it('refuses a project_id that does not match the credential', async () => {
			const other = `${dc}/v1/${OTHER_PROJECT.id}/physicalservers`;
			const viaHeader = signed(other, { extra: { 'X-Project-Id': PROJECT.id } });
			expect((await send(other, viaHeader)).status).toBe(403);
			const subject = await token();
			const viaToken = await send(other, { headers: { 'X-Auth-Token': subject } });
			expect(viaToken.status).toBe(403);
			expect(viaToken.json().error_code).toBe('CLOUDDC.4030');
		});

		it('answers an unknown server with a 404 service error', async () => {
			const url = exportsUrl('00000000-0000-0000-0000-000000000000');
			const reply = await send(url, signed(url, { method: 'POST', body: '{}' }));
			expect(reply.status).toBe(404);
			expect(reply.json().error_code).toBe('CLOUDDC.4040');
		});

		async function startExport(id = serverId()): Promise<string> {
			const reply = await send(
				exportsUrl(id),
				signed(exportsUrl(id), { method: 'POST', body: '{}' }),
			);
			expect(reply.status).toBe(202);
			return reply.json().export_id;
		}

		async function poll(
			id: string,
			exportId: string,
		): Promise<Array<{ status: string; percentage: string }>> {
			const seen: Array<{ status: string; percentage: string }> = [];
			for (let i = 0; i < 100; i++) {
				const url = `${exportsUrl(id)}/${exportId}`;
				const body = (await send(url, signed(url))).json();
				seen.push({ status: body.status, percentage: body.percentage });
				if (body.status !== 'Running' && body.status !== 'processing') return seen;
				await new Promise((r) => setTimeout(r, 40));
			}
			throw new Error('export never finished');
		}

		it('runs an export to completion (example vocabulary), then serves the tar.gz', async () => {
			const exportId = await startExport();
			const early = `${exportsUrl()}/${exportId}/content`;
			const notReady = await send(early, signed(early));
			expect(notReady.status).toBe(409);
			expect(notReady.json().error_code).toBe('CLOUDDC.4090');

			const seen = await poll(serverId(), exportId);
			expect(seen[0].status).toBe('Running');
			expect(seen[0].percentage).toMatch(/^\d+%$/);
			expect(seen[seen.length - 1]).toEqual({ status: 'completed', percentage: '100%' });

			const reply = await send(early, signed(early));
			expect(reply.status).toBe(200);
			expect(reply.headers['content-type']).toBe('application/octet-stream;charset=UTF-8');
			const sn = hw.cloudDc.options.servers[0].sn;
			expect(reply.headers['content-disposition']).toBe(`attachment; filename=${sn}-dump.tar.gz`);
			expect(reply.body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
			expect(sha256(reply.body)).toBe(await fileSha256(hw.cloudDc.exportSpec(exportId)));
		});

		it('can spell progress as processing with bare percentages', async () => {
			hw.cloudDc.options.statusStyle = 'schema';
			const reply = await send(exportsUrl(), signed(exportsUrl(), { method: 'POST', body: '{}' }));
			expect(reply.json()).toMatchObject({ status: 'processing', percentage: '0' });
			expect(reply.json().created_at).toMatch(/\+00:00$/);
			const seen = await poll(serverId(), reply.json().export_id);
			expect(seen[seen.length - 1]).toEqual({ status: 'completed', percentage: '100' });
		});

		it('can make an export fail, and then refuses the download', async () => {
			const server = hw.cloudDc.options.servers[1];
			server.failExport = true;
			try {
				const exportId = await startExport(server.id);
				const seen = await poll(server.id, exportId);
				expect(seen[seen.length - 1].status).toBe('failed');
				const url = `${exportsUrl(server.id)}/${exportId}/content`;
				const reply = await send(url, signed(url));
				expect(reply.status).toBe(409);
				expect(reply.json().error_code).toBe('CLOUDDC.4091');
			} finally {
				server.failExport = false;
			}
		});

		it('serves a hostile serial number verbatim in Content-Disposition', async () => {
			const server = hw.cloudDc.options.servers[2];
			const original = server.sn;
			hw.cloudDc.setServerSn(server.id, HOSTILE_SNS.traversal);
			try {
				const exportId = await startExport(server.id);
				hw.cloudDc.completeExports();
				const url = `${exportsUrl(server.id)}/${exportId}/content`;
				const reply = await send(url, signed(url));
				expect(reply.headers['content-disposition']).toBe(
					'attachment; filename=../../etc/passwd-dump.tar.gz',
				);
			} finally {
				server.sn = original;
			}
		});

		it('answers its own throttle with a plain-string 429', async () => {
			hw.cloudDc.options.serviceThrottle = { limit: 2, windowMs: 60_000 };
			expect((await send(serversUrl(), signed(serversUrl()))).status).toBe(200);
			expect((await send(serversUrl(), signed(serversUrl()))).status).toBe(200);
			const reply = await send(serversUrl(), signed(serversUrl()));
			expect(reply.status).toBe(429);
			expect(reply.headers['content-type']).toMatch(/^text\/plain/);
			expect(() => reply.json()).toThrow();
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

	describe('CodeArts Check', () => {
		const ccProject = () => hw.codeArts.options.projects[0];
		const firstTask = () => ccProject().tasks[0];
		const subJobId = () => firstTask().jobs[0].sub_jobs[0].sub_job_id;
		const logUrl = (id: string) => `${cc}/v1/log-file?sub_job_id=${id}`;

		it('lists tasks with offset/limit and validates the limit', async () => {
			const url = `${cc}/v2/${ccProject().id}/tasks?offset=10&limit=5`;
			const body = (await send(url, signed(url))).json();
			expect(body.total).toBe(12);
			expect(body.tasks).toHaveLength(2);
			expect(body.tasks[0].jobs).toBeUndefined();
			const bad = `${cc}/v2/${ccProject().id}/tasks?limit=101`;
			const reply = await send(bad, signed(bad));
			expect(reply.status).toBe(400);
			expect(reply.json().error_code).toBe('CC.xxxxxxxx.400');
		});

		it('answers an unknown CodeArts project with HTTP 200 and a JSON error', async () => {
			const url = `${cc}/v2/${'0'.repeat(32)}/tasks`;
			const reply = await send(url, signed(url));
			expect(reply.status).toBe(200);
			expect(reply.json().error_code).toBe('CC.00050013');
		});

		it("lists a task's executions with their sub-jobs and the last jobs", async () => {
			const url = `${cc}/v4/tasks/${firstTask().task_id}/jobs?page=1&page_size=2`;
			const body = (await send(url, signed(url))).json();
			expect(body.total).toBe(3);
			expect(body.jobs).toHaveLength(2);
			expect(body.jobs[0].sub_jobs[0].sub_job_id).toMatch(/^[0-9a-f]{32}$/);
			const last = `${cc}/v4/tasks/${firstTask().task_id}/last-jobs`;
			const result = (await send(last, signed(last))).json().result;
			// Task 0's newest job failed, so the two ids differ.
			expect(result.last_job_id).toBe(body.jobs[0].job_id);
			expect(result.last_success_job_id).toBe(body.jobs[1].job_id);
		});

		it('serves a sub-job log as a ZIP whose sha256 matches its spec', async () => {
			const reply = await send(logUrl(subJobId()), signed(logUrl(subJobId())));
			expect(reply.status).toBe(200);
			expect(reply.headers['content-type']).toBe('application/octet-stream');
			expect(reply.body.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
			expect(sha256(reply.body)).toBe(await fileSha256(hw.codeArts.logSpec(subJobId())));
		});

		it('answers a malformed sub_job_id with 400', async () => {
			const reply = await send(logUrl('short'), signed(logUrl('short')));
			expect(reply.status).toBe(400);
			expect(reply.json()).toMatchObject({ error_code: 'CC.xxxxxxxx.400' });
		});

		it('can answer a known id with HTTP 200 and a JSON error body, then recover', async () => {
			hw.codeArts.answerJsonError(subJobId(), 1);
			const first = await send(logUrl(subJobId()), signed(logUrl(subJobId())));
			expect(first.status).toBe(200);
			expect(first.headers['content-type']).toMatch(/^application\/json/);
			expect(first.json().error_code).toBe('CC.00050012');
			const second = await send(logUrl(subJobId()), signed(logUrl(subJobId())));
			expect(second.body.subarray(0, 2).toString('latin1')).toBe('PK');
		});

		it('reports an expired token as CC.00000003', async () => {
			const subject = await token();
			hw.cloud.expireTokens();
			const reply = await send(logUrl(subJobId()), { headers: { 'X-Auth-Token': subject } });
			expect(reply.status).toBe(401);
			expect(reply.json()).toEqual({
				error_code: 'CC.00000003',
				error_msg: 'Authentication information expired.',
			});
		});
	});

	describe('HuaweiCloudApi credential against the emulator', () => {
		const credential = new HuaweiCloudApi();
		const akSk = () => ({
			authType: 'akSk',
			accessKey: KEY.accessKey,
			secretKey: KEY.secretKey,
			securityToken: '',
			region: PROJECT.name,
			iamEndpoint: iam,
			cloudDcEndpoint: dc,
			codeArtsCheckEndpoint: cc,
		});

		/** Send what authenticate() produced the way axios would, with Node's http. */
		async function sendOptions(options: IHttpRequestOptions): Promise<Reply> {
			expect(options.qs).toBeUndefined();
			const headers: Record<string, string> = {};
			for (const [k, v] of Object.entries(options.headers ?? {})) headers[k] = String(v);
			const body = options.body as string | Buffer | undefined;
			return await send(options.url, { method: options.method, headers, body });
		}

		it('signs a POST with a query string and a JSON body that the gateway accepts', async () => {
			const options = await credential.authenticate(akSk(), {
				method: 'POST',
				baseURL: `${dc}/`,
				url: `/v1/${PROJECT.id}/physicalservers/${serverId()}/logs/exports`,
				qs: { note: 'n8n ü (a&b)=*', tag: ['x', 'y'], skip: undefined },
				headers: { 'X-Project-Id': PROJECT.id },
				body: { reason: 'n8n test', nested: { a: [1, 2] } },
				json: true,
			});
			expect(options.baseURL).toBeUndefined();
			expect(options.body).toBe('{"reason":"n8n test","nested":{"a":[1,2]}}');
			const auth = String(options.headers?.Authorization);
			expect(auth).toMatch(/^SDK-HMAC-SHA256 Access=EMUAKHUAWEI000000001, SignedHeaders=/);
			expect(auth).toMatch(
				/SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/,
			);
			const reply = await sendOptions(options);
			expect(reply.status).toBe(202);
			expect(reply.json().export_id).toBeTruthy();
		});

		it('signs an empty-object POST body as the two bytes {}', async () => {
			const options = await credential.authenticate(akSk(), {
				method: 'POST',
				url: `${dc}/v1/${PROJECT.id}/physicalservers/${serverId()}/logs/exports`,
				headers: { 'X-Project-Id': PROJECT.id },
				body: {},
			});
			expect(options.body).toBe('{}');
			expect((await sendOptions(options)).status).toBe(202);
		});

		it('signs a GET with qs folded into the URL', async () => {
			const options = await credential.authenticate(akSk(), {
				method: 'GET',
				baseURL: dc,
				url: `/v1/${PROJECT.id}/physicalservers`,
				qs: { limit: 10, manage_state: 'in-use' },
				headers: { 'X-Project-Id': PROJECT.id },
			});
			expect(options.url).toBe(
				`${dc}/v1/${PROJECT.id}/physicalservers?limit=10&manage_state=in-use`,
			);
			const reply = await sendOptions(options);
			expect(reply.status).toBe(200);
			expect(reply.json().count).toBe(20);
		});

		it('signs X-Security-Token for temporary keys', async () => {
			const options = await credential.authenticate(
				{
					...akSk(),
					accessKey: STS_KEY.accessKey,
					secretKey: STS_KEY.secretKey,
					securityToken: STS_KEY.securityToken ?? '',
				},
				{ method: 'GET', url: projectsUrl() },
			);
			expect(String(options.headers?.Authorization)).toContain(
				'SignedHeaders=host;x-sdk-date;x-security-token',
			);
			expect((await sendOptions(options)).status).toBe(200);
		});

		it('puts the cached token in X-Auth-Token in password mode, only for the values it was issued for', async () => {
			const subject = await token();
			const values = { authType: 'password', region: PROJECT.name, userName: 'u', password: 'p' };
			const stored = { ...values, iamToken: subject, iamTokenScope: iamTokenScope(values) };
			const options = await credential.authenticate(stored, { method: 'GET', url: projectsUrl(), headers: {} });
			const edited = await credential.authenticate(
				{ ...stored, password: 'another password' },
				{ method: 'GET', url: projectsUrl(), headers: {} },
			);
			expect(edited.headers?.['X-Auth-Token']).toBeUndefined();
			expect(options.headers?.['X-Auth-Token']).toBe(subject);
			expect(options.headers?.Authorization).toBeUndefined();
			expect((await sendOptions({ ...options, url: projectsUrl() })).status).toBe(200);
		});

		/** A stand-in for n8n's this.helpers.httpRequest, on Node's http. */
		function fakeHelper(calls: IHttpRequestOptions[]): IHttpRequestHelper {
			const httpRequest = async (options: IHttpRequestOptions) => {
				calls.push(options);
				const url = new URL(options.url);
				for (const [k, v] of Object.entries(options.qs ?? {})) {
					url.searchParams.append(k, String(v));
				}
				const headers: Record<string, string> = { 'Content-Type': 'application/json' };
				for (const [k, v] of Object.entries(options.headers ?? {})) headers[k] = String(v);
				const reply = await send(url.href, {
					method: options.method,
					headers,
					body: JSON.stringify(options.body),
				});
				if (!options.ignoreHttpStatusErrors && reply.status >= 400) {
					throw new Error(`HTTP ${reply.status}`);
				}
				const body = reply.json();
				return options.returnFullResponse
					? { body, headers: reply.headers as IDataObject, statusCode: reply.status }
					: body;
			};
			return { helpers: { httpRequest } } as unknown as IHttpRequestHelper;
		}

		const passwordCredentials = (password: string) => ({
			authType: 'password',
			userName: USER.name,
			password,
			domainName: HUAWEI_DEFAULTS.domainName,
			region: PROJECT.name,
			projectId: '',
			iamEndpoint: iam,
		});

		it('preAuthentication returns {} for AK/SK without any request', async () => {
			const calls: IHttpRequestOptions[] = [];
			expect(await credential.preAuthentication.call(fakeHelper(calls), akSk())).toEqual({});
			expect(calls).toHaveLength(0);
		});

		it('preAuthentication obtains a project-scoped token with a password', async () => {
			const calls: IHttpRequestOptions[] = [];
			const before = Date.now();
			const data = await credential.preAuthentication.call(
				fakeHelper(calls),
				passwordCredentials(USER.password),
			);
			expect(calls).toHaveLength(1);
			expect(calls[0].url).toBe(`${iam}/v3/auth/tokens`);
			expect(hw.cloud.tokens.has(String(data.iamToken))).toBe(true);
			expect(data.iamTokenProjectId).toBe(PROJECT.id);
			expect(typeof data.iamTokenExpiry).toBe('string');
			const expires = Number(data.iamTokenExpiry);
			expect(expires).toBeGreaterThan(before + 23.9 * 3600 * 1000);
			expect(expires).toBeLessThan(before + 24.1 * 3600 * 1000);
		});

		it('preAuthentication tells a wrong password from a locked user, leaking neither', async () => {
			const helper = fakeHelper([]);
			const attempt = async (password: string) => {
				try {
					// A wrong password is stored (for every process) and raised by authenticate().
					const data = { ...passwordCredentials(password), iamToken: '' };
					Object.assign(data, await credential.preAuthentication.call(helper, data));
					await credential.authenticate(data, { method: 'GET', url: projectsUrl(), headers: {} });
				} catch (error) {
					return error as VendorApiError;
				}
				throw new Error('expected a failure');
			};
			const wrong = await attempt('Wrong-Secret-123');
			expect(wrong).toBeInstanceOf(VendorApiError);
			expect(wrong.kind).toBe('auth');
			expect(wrong.retryable).toBe(false);
			expect(wrong.message).toMatch(/user name, password or account name is wrong/);
			expect(wrong.message).not.toContain('Wrong-Secret-123');
			for (let i = 0; i < 4; i++) await attempt(`Wrong-Secret-${i}`);
			const locked = await attempt(USER.password);
			expect(locked.message).toMatch(/locked/);
			expect(locked.message).not.toContain(USER.password);
			expect(locked.message).not.toMatch(/password or account name is wrong/);
		});

		describe("through n8n-core's own httpRequest (axios)", () => {
			const n8nHttp = n8nHttpRequest as (o: IHttpRequestOptions) => Promise<unknown>;
			const full = async (options: IHttpRequestOptions) =>
				(await n8nHttp({ ...options, returnFullResponse: true, ignoreHttpStatusErrors: true })) as {
					statusCode: number;
					body: IDataObject;
				};

			it('sends exactly the signed bytes: POST with qs and an object body', async () => {
				const options = await credential.authenticate(akSk(), {
					method: 'POST',
					baseURL: dc,
					url: `/v1/${PROJECT.id}/physicalservers/${serverId()}/logs/exports`,
					qs: { note: 'n8n ü (a&b)=*+~', tag: ['x', 'y'] },
					headers: { 'X-Project-Id': PROJECT.id },
					body: { reason: 'n8n test' },
					json: true,
				});
				const reply = await full(options);
				expect(reply.statusCode).toBe(202);
				expect(reply.body.export_id).toBeTruthy();
			});

			it('sends exactly the signed bytes: empty-object POST and a GET with qs', async () => {
				const post = await credential.authenticate(akSk(), {
					method: 'POST',
					url: `${dc}/v1/${PROJECT.id}/physicalservers/${serverId()}/logs/exports`,
					headers: { 'X-Project-Id': PROJECT.id },
					body: {},
					json: true,
				});
				expect((await full(post)).statusCode).toBe(202);
				const get = await credential.authenticate(akSk(), {
					method: 'GET',
					baseURL: dc,
					url: `/v1/${PROJECT.id}/physicalservers`,
					qs: { limit: 10, marker: hw.cloudDc.options.servers[4].id },
					json: true,
				});
				const reply = await full(get);
				expect(reply.statusCode).toBe(200);
				expect(reply.body.servers).toHaveLength(10);
			});

			it('preAuthentication works with the real helper too', async () => {
				const helper = { helpers: { httpRequest: n8nHttp } } as unknown as IHttpRequestHelper;
				const data = await credential.preAuthentication.call(
					helper,
					passwordCredentials(USER.password),
				);
				expect(hw.cloud.tokens.has(String(data.iamToken))).toBe(true);
			});
		});

		describe('credential test rules', () => {
			type Rule = { properties: { key: string; value: unknown; message: string } };
			const pick = (body: unknown, path: string): unknown =>
				path
					.replace(/\[(\d+)\]/g, '.$1')
					.split('.')
					.reduce<unknown>(
						(o, k) => (o && typeof o === 'object' ? (o as IDataObject)[k] : undefined),
						body,
					);
			const verdict = (body: unknown) =>
				(credential.test.rules as Rule[]).find(
					(r) => pick(body, r.properties.key) === r.properties.value,
				)?.properties.message;

			it('passes on a good answer and names each failure distinctly', async () => {
				expect(verdict((await send(projectsUrl(), signed(projectsUrl()))).json())).toBeUndefined();
				const wrongSk = signed(projectsUrl(), {
					key: { accessKey: KEY.accessKey, secretKey: 'x' },
				});
				const skew = signed(projectsUrl(), { date: new Date(Date.now() - 3600_000) });
				const unknown = signed(projectsUrl(), { key: { accessKey: 'NOPE', secretKey: 'x' } });
				const messages = [
					verdict((await send(projectsUrl(), wrongSk)).json()),
					verdict((await send(projectsUrl(), skew)).json()),
					verdict((await send(projectsUrl(), unknown)).json()),
					verdict({ error: { code: 403, message: 'Forbidden', title: 'Forbidden' } }),
					verdict({ projects: [] }),
				];
				expect(messages[0]).toMatch(/Secret Access Key/);
				expect(messages[1]).toMatch(/clock/);
				expect(messages[2]).toMatch(/Access Key ID/);
				expect(messages[3]).toMatch(/permission/);
				expect(messages[4]).toMatch(/region/);
				expect(new Set(messages).size).toBe(messages.length);
			});
		});
	});
});
