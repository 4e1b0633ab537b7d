/**
 * What the Huawei emulator tests share: one emulator per test file (`startHuaweiEmulator`), raw
 * HTTP, requests signed as a careful client would sign them, and IAM password tokens.
 */
import { createHash } from 'crypto';
import { request as httpRequest } from 'http';
import { formatSdkDate, signHuaweiRequest } from '../../../credentials/common/huaweiSigning';
import { Emulator } from '../server';
import { huaweiEmulators, HuaweiEmulators, HUAWEI_DEFAULTS } from './index';

export interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
	json(): any;
}

export function send(
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

export const KEY = HUAWEI_DEFAULTS.keys[0];
export const STS_KEY = HUAWEI_DEFAULTS.keys[1];
export const USER = HUAWEI_DEFAULTS.users[0];
export const PROJECT = HUAWEI_DEFAULTS.projects[0];
export const OTHER_PROJECT = HUAWEI_DEFAULTS.projects[1];

/** A signed request as a careful client would build it (host, x-sdk-date, extras). */
export function signed(
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

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

// Set by startHuaweiEmulator's beforeAll. Imported bindings are live, so tests see these values.
export let hw: HuaweiEmulators;
export let emulator: Emulator;
export let iam: string;
export let dc: string;
export let cc: string;

/** One emulator for the test file: started before its first test, reset before each, then stopped. */
export function startHuaweiEmulator(): void {
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
}

export const projectsUrl = () => `${iam}/v3/projects?name=${PROJECT.name}`;
export const serversUrl = (query = '') => `${dc}/v1/${PROJECT.id}/physicalservers${query}`;
export const serverId = () => hw.cloudDc.options.servers[0].id;
export const exportsUrl = (id = serverId()) =>
	`${dc}/v1/${PROJECT.id}/physicalservers/${id}/logs/exports`;

export async function token(project = PROJECT.name): Promise<string> {
	const reply = await send(`${iam}/v3/auth/tokens?nocatalog=true`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(passwordBody(USER.password, project)),
	});
	expect(reply.status).toBe(201);
	return String(reply.headers['x-subject-token']);
}

export function passwordBody(password: string, project = PROJECT.name) {
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

/** AK/SK credential values pointing at this file's emulator. */
export const akSk = () => ({
	authType: 'akSk',
	accessKey: KEY.accessKey,
	secretKey: KEY.secretKey,
	securityToken: '',
	region: PROJECT.name,
	iamEndpoint: iam,
	cloudDcEndpoint: dc,
	codeArtsCheckEndpoint: cc,
});
