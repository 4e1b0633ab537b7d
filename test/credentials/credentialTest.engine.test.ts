/**
 * The credential Test button and the state a credential keeps, through the real n8n engine:
 * the Test always logs in with the values entered (never a token stored earlier), a rejected
 * secret is remembered in the credential so separate runs (sharing nothing but the credential
 * store, like `n8n execute` processes or queue-mode workers) do not try it again, and every value
 * n8n's credential screens read is a string.
 */
import type { IDataObject } from 'n8n-workflow';
import { CredentialStore, credentialTypes, runWorkflow, shutdownEngine } from '../engine';
import { pressTest } from '../engine/credentialTest';
import { HUAWEI_DEFAULTS, huaweiEmulators, type HuaweiEmulators } from '../emulator/huawei';
import { Emulator } from '../emulator/server';
import { YeastarEmulator } from '../emulator/yeastar';
import { loadWorkflow } from '../helpers';
import { huaweiCredentialStore } from '../nodes/huaweiTestBed';
import { yeastarCredentials } from '../nodes/yeastarTestBed';

const SECRET = 'canary-secret-Test-4f1c2b';
const AK = 'CANARYAKTEST0000000001';
const SK = 'canary-sk-Test-0a1b2c3d4e5f6a7b8c9d';
const USER = 'canary-test-user';
const PASSWORD = 'Canary-Test-Passw0rd!';
const PROJECT = HUAWEI_DEFAULTS.projects[0];
const BOTH = [
	['n8n runs preAuthentication for a Test', true],
	['n8n does not single the Test out', false],
] as const;

let yeastar: YeastarEmulator;
let hw: HuaweiEmulators;
let emulator: Emulator;

beforeAll(async () => {
	yeastar = new YeastarEmulator({ clientId: 'test-client', clientSecret: SECRET });
	hw = huaweiEmulators({
		cloud: { keys: [{ accessKey: AK, secretKey: SK }], users: [{ id: HUAWEI_DEFAULTS.users[0].id, name: USER, password: PASSWORD }] },
	});
	emulator = await new Emulator([yeastar, ...hw.modules]).start('127.0.0.1');
});
afterAll(async () => {
	await emulator.stop();
	shutdownEngine();
});
beforeEach(() => emulator.reset());

function yeastarStore(secret = SECRET): CredentialStore {
	return new CredentialStore({
		yeastarPSeriesApi: yeastarCredentials(emulator, { clientId: 'test-client', clientSecret: secret }) as never,
	});
}

function huaweiStore(authType: 'akSk' | 'password', overrides: IDataObject = {}): CredentialStore {
	return huaweiCredentialStore(emulator, { accessKey: AK, secretKey: SK, userName: USER, password: PASSWORD }, authType, PROJECT.name, overrides);
}

/** What n8n 1.123's redaction does to every password-typed field before the Credentials page. */
function redactLikeN8n(type: string, data: IDataObject): void {
	for (const property of credentialTypes[type].properties) {
		const value = data[property.name];
		if (value !== undefined && property.typeOptions?.password) (value as string).startsWith('={{');
	}
}

const listServers = () => loadWorkflow('huawei-clouddc-list-servers.json');

describe('the Credentials page after a Test and runs', () => {
	it('every password-typed field holds a string (n8n 1.123 calls startsWith on each)', async () => {
		const stores = [yeastarStore(), huaweiStore('password'), huaweiStore('akSk')];
		expect((await pressTest(stores[0], 'yeastarPSeriesApi')).status).toBe('OK');
		await runWorkflow(loadWorkflow('yeastar-list-system-logs.json'), stores[0]);
		for (const s of stores.slice(1)) {
			expect((await pressTest(s, 'huaweiCloudApi')).status).toBe('OK');
			expect((await runWorkflow(listServers(), s)).error).toBeUndefined();
		}
		for (const s of stores) {
			for (const [type, data] of Object.entries(s.data)) expect(() => redactLikeN8n(type, data)).not.toThrow();
			for (const update of s.updates) expect(() => redactLikeN8n(update.type, update.data)).not.toThrow();
		}
		for (const type of Object.keys(credentialTypes)) {
			for (const p of credentialTypes[type].properties) {
				if (p.typeOptions?.password) expect([p.name, typeof p.default]).toEqual([p.name, 'string']);
			}
		}
	});

	it('a credential holding the numbers an earlier version stored still runs and renews', async () => {
		const s = yeastarStore();
		Object.assign(s.data.yeastarPSeriesApi, { accessToken: 'old-token-from-0.1.0', accessTokenExpiresAt: Date.now() + 9e6, refreshTokenExpiresAt: 1 });
		const { error } = await runWorkflow(loadWorkflow('yeastar-list-system-logs.json'), s);
		expect(error).toBeUndefined();
		expect(yeastar.tokensIssued).toBe(1);
		expect(() => redactLikeN8n('yeastarPSeriesApi', s.data.yeastarPSeriesApi)).not.toThrow();
	});
});

describe.each(BOTH)('Yeastar Test button (%s)', (_label, recognisesTests) => {
	it('logs in with the secret entered, even when a token from an earlier Test or run is stored', async () => {
		const s = yeastarStore();
		expect(await pressTest(s, 'yeastarPSeriesApi', { recognisesTests })).toEqual({ status: 'OK', message: 'Connection successful!' });
		// The first Test revoked its token (del_token); the stored one is dead. A second Test must not use it.
		expect(await pressTest(s, 'yeastarPSeriesApi', { recognisesTests })).toMatchObject({ status: 'OK' });
		expect(yeastar.tokensIssued).toBe(2);
		expect(yeastar.liveTokens()).toHaveLength(0);
	});

	it('edit → Test with a wrong secret fails; with the right one it succeeds', async () => {
		const s = yeastarStore();
		await runWorkflow(loadWorkflow('yeastar-list-system-logs.json'), s);
		s.data.yeastarPSeriesApi.clientSecret = 'wrong-secret-typed-1';
		const wrong = await pressTest(s, 'yeastarPSeriesApi', { recognisesTests });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/rejected the Client ID \/ Client Secret/);
		s.data.yeastarPSeriesApi.clientSecret = SECRET;
		expect((await pressTest(s, 'yeastarPSeriesApi', { recognisesTests })).status).toBe('OK');
	});
});

describe.each(BOTH)('Huawei IAM password Test button (%s)', (_label, recognisesTests) => {
	it('edit → Test with a wrong password fails although a valid token is stored; the right one succeeds', async () => {
		const s = huaweiStore('password');
		expect((await runWorkflow(listServers(), s)).error).toBeUndefined();
		s.data.huaweiCloudApi.password = 'Wrong-Typed-Password-1';
		const wrong = await pressTest(s, 'huaweiCloudApi', { recognisesTests });
		expect(wrong).toMatchObject({ status: 'Error', message: expect.stringMatching(/password or account name is wrong/) });
		s.data.huaweiCloudApi.password = PASSWORD;
		expect((await pressTest(s, 'huaweiCloudApi', { recognisesTests })).status).toBe('OK');
	});
});

describe('a rejected secret is remembered in the credential, for every process', () => {
	/** A fresh store per run, sharing only the saved credential data, like separate processes. */
	const separateRuns = async (data: IDataObject, type: string, wf: () => IDataObject, runs: number) => {
		const errors: string[] = [];
		for (let i = 0; i < runs; i++) {
			const s = new CredentialStore({ [type]: data as never });
			const { error } = await runWorkflow(wf(), s);
			errors.push(String(error?.message ?? ''));
			Object.assign(data, s.data[type]);
		}
		return errors;
	};

	it('Yeastar: 6 runs with a wrong secret reach the PBX once; Test tries again; the right secret works', async () => {
		const data = { ...yeastarStore('wrong-secret-value-9').data.yeastarPSeriesApi };
		const errors = await separateRuns(data, 'yeastarPSeriesApi', () => loadWorkflow('yeastar-list-system-logs.json'), 6);
		expect(emulator.count('yeastar', 'get_token')).toBe(1);
		expect(yeastar.ipBlocked).toBe(false);
		expect(errors[5]).toMatch(/rejected the Client ID \/ Client Secret \(.*\) \(rejected at \d{4}-\d\d-\d\dT/);
		expect((await pressTest(new CredentialStore({ yeastarPSeriesApi: data as never }), 'yeastarPSeriesApi')).status).toBe('Error');
		expect(emulator.count('yeastar', 'get_token')).toBe(2);
		data.clientSecret = SECRET;
		expect(await separateRuns(data, 'yeastarPSeriesApi', () => loadWorkflow('yeastar-list-system-logs.json'), 1)).toEqual(['']);
	});

	it('Huawei password: 6 runs with a wrong password reach IAM once and never lock the user', async () => {
		const data = { ...huaweiStore('password', { password: 'Wrong-Canary-Pass-7' }).data.huaweiCloudApi };
		const errors = await separateRuns(data, 'huaweiCloudApi', listServers, 6);
		expect(emulator.count('huawei-iam', '/v3/auth/tokens')).toBe(1);
		expect(hw.cloud.isUserLocked(USER)).toBe(false);
		expect(errors[5]).toMatch(/password or account name is wrong .*rejected at/);
		data.password = PASSWORD;
		expect(await separateRuns(data, 'huaweiCloudApi', listServers, 1)).toEqual(['']);
	});

	it('Huawei AK/SK: a wrong SK is signed with once across 6 runs; Test signs again; the right SK works', async () => {
		const data = { ...huaweiStore('akSk', { secretKey: 'canary-wrong-sk-0000000000000000' }).data.huaweiCloudApi };
		const errors = await separateRuns(data, 'huaweiCloudApi', listServers, 6);
		expect(hw.cloud.counters.signatureFailures).toBe(1);
		expect(errors[5]).toMatch(/wrong Secret Access Key .*rejected at/);
		expect((await pressTest(new CredentialStore({ huaweiCloudApi: data as never }), 'huaweiCloudApi')).status).toBe('Error');
		expect(hw.cloud.counters.signatureFailures).toBe(2);
		data.secretKey = SK;
		expect(await separateRuns(data, 'huaweiCloudApi', listServers, 1)).toEqual(['']);
	});
});
