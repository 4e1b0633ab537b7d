/** What both Huawei nodes' engine tests share: the credential store and the leak-check list. */
import type { IDataObject } from 'n8n-workflow';
import { CredentialStore } from '../engine';
import { HUAWEI_DEFAULTS, type HuaweiEmulators } from '../emulator/huawei';
import type { Emulator } from '../emulator/server';

export interface HuaweiCanaries {
	accessKey: string;
	secretKey: string;
	userName: string;
	password: string;
}

export function huaweiCredentialStore(
	emulator: Emulator,
	canaries: HuaweiCanaries,
	authType: 'akSk' | 'password',
	region: string,
	overrides: IDataObject = {},
): CredentialStore {
	return new CredentialStore({
		huaweiCloudApi: {
			authType,
			accessKey: canaries.accessKey,
			secretKey: canaries.secretKey,
			securityToken: '',
			userName: canaries.userName,
			password: canaries.password,
			domainName: HUAWEI_DEFAULTS.domainName,
			region,
			customRegion: '',
			projectId: '',
			iamEndpoint: emulator.url('huawei-iam'),
			cloudDcEndpoint: emulator.url('clouddc'),
			codeArtsCheckEndpoint: emulator.url('codeartscheck'),
			ignoreSslIssues: false,
			iamToken: '',
			iamTokenExpiry: '',
			iamTokenProjectId: '',
			iamTokenScope: '',
			...overrides,
		} as never,
	});
}

/** Canary secrets plus every IAM token the emulator issued so far (remembered in `seen`). */
export function huaweiSecrets(hw: HuaweiEmulators, canaries: HuaweiCanaries, seen: Set<string>, s?: CredentialStore): string[] {
	for (const token of hw.cloud.tokens.keys()) seen.add(token);
	const stored = String(s?.data.huaweiCloudApi?.iamToken ?? '');
	return [canaries.accessKey, canaries.secretKey, canaries.password, ...seen, stored].filter((x) => x.length > 5);
}
