/**
 * What the Tencent emulator tests share: one emulator per test file (`startTencentEmulator`), raw
 * HTTP, EdgeOne and DSA calls signed as a client would sign them, and a clock to pin them to.
 */
import { createHash } from 'crypto';
import { request } from 'http';
import type { IDataObject } from 'n8n-workflow';
import {
	encodeForm,
	signTc3,
	signTencentV2,
	type Tc3SignedHeaders,
} from '../../../credentials/common/tencentSigning';
import { Emulator } from '../server';
import { createTencentEmulators, TENCENT_EMULATOR_KEYS } from './index';

export interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

export function send(
	url: string,
	init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const headers = { ...init.headers };
		if (init.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(init.body));
		const req = request(url, { method: init.method ?? 'GET', headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
			);
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(init.body);
	});
}

export const json = (reply: Reply) => JSON.parse(reply.body.toString('utf8'));
export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** 2024-06-10T12:00:00Z: every test that lists logs runs at this instant. */
export const PINNED = Date.UTC(2024, 5, 10, 12, 0, 0);
export const nowSec = () => Math.floor(Date.now() / 1000);

export const { teo, dsa, cdn, files } = createTencentEmulators();
export const emulator = new Emulator([teo, dsa, cdn]);
// Set by startTencentEmulator's beforeAll. Imported bindings are live, so tests see these values.
export let teoUrl = '';
export let dsaUrl = '';

/** The emulator for the test file: started before its first test, reset after each, then stopped. */
export function startTencentEmulator(): void {
	beforeAll(async () => {
		await emulator.start('127.0.0.1', 0);
		teoUrl = emulator.url('teo');
		dsaUrl = emulator.url('dsa');
	});
	afterAll(() => emulator.stop());
	afterEach(() => {
		emulator.reset();
		teo.options.sessionToken = undefined;
		dsa.options.sessionToken = undefined;
	});
}

export function pin(at = PINNED): void {
	teo.clock = () => at;
	dsa.clock = () => at;
	cdn.clock = () => at;
}

export interface TeoCall {
	action: string;
	version?: string;
	body?: unknown;
	timestamp?: number;
	secretId?: string;
	secretKey?: string;
	signedHeaders?: Tc3SignedHeaders;
	token?: string;
	mutateAuthorization?: (authorization: string) => string;
}

export async function callTeo(call: TeoCall): Promise<IDataObject> {
	const payload = JSON.stringify(call.body ?? {});
	const timestamp = call.timestamp ?? Math.floor(teo.clock() / 1000);
	const host = new URL(teoUrl).host;
	const contentType = 'application/json; charset=utf-8';
	const signed = signTc3({
		secretId: call.secretId ?? TENCENT_EMULATOR_KEYS.secretId,
		secretKey: call.secretKey ?? TENCENT_EMULATOR_KEYS.secretKey,
		service: 'teo',
		host,
		action: call.action,
		timestamp,
		payload,
		contentType,
		signedHeaders: call.signedHeaders,
	});
	const headers: Record<string, string> = {
		'Content-Type': contentType,
		'X-TC-Action': call.action,
		'X-TC-Version': call.version ?? '2022-09-01',
		'X-TC-Timestamp': String(timestamp),
		Authorization: call.mutateAuthorization?.(signed.authorization) ?? signed.authorization,
	};
	if (call.token) headers['X-TC-Token'] = call.token;
	const reply = await send(`${teoUrl}/`, { method: 'POST', headers, body: payload });
	expect(reply.status).toBe(200);
	return json(reply).Response;
}

export const errorCode = (response: IDataObject) => (response.Error as IDataObject | undefined)?.Code;

export interface DsaCall {
	params?: Record<string, string>;
	method?: 'GET' | 'POST';
	algorithm?: 'HmacSHA1' | 'HmacSHA256';
	nonce?: string;
	timestamp?: string;
	secretKey?: string;
}

let nonceCounter = 1000;

export async function callDsa(call: DsaCall = {}): Promise<IDataObject> {
	const method = call.method ?? 'POST';
	const params: Record<string, string> = {
		Action: 'GetDsaHostLogs',
		SecretId: TENCENT_EMULATOR_KEYS.secretId,
		Timestamp: call.timestamp ?? String(Math.floor(dsa.clock() / 1000)),
		Nonce: call.nonce ?? String(++nonceCounter),
		hosts: '["a.dsa.example.com"]',
		startDate: '2024-06-09',
		endDate: '2024-06-09',
		...call.params,
	};
	if (call.algorithm === 'HmacSHA256') params.SignatureMethod = 'HmacSHA256';
	const host = new URL(dsaUrl).host;
	const { signature } = signTencentV2({
		secretKey: call.secretKey ?? TENCENT_EMULATOR_KEYS.secretKey,
		method,
		host,
		path: '/v2/index.php',
		params,
		algorithm: call.algorithm ?? 'HmacSHA1',
	});
	const encoded = encodeForm({ ...params, Signature: signature });
	const reply =
		method === 'GET'
			? await send(`${dsaUrl}/v2/index.php?${encoded}`)
			: await send(`${dsaUrl}/v2/index.php`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
					body: encoded,
				});
	expect(reply.status).toBe(200);
	return json(reply);
}
