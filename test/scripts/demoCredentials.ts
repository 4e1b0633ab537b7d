/** Credentials for the example workflows, pointed at a running emulator (demo, real n8n, bench). */
import { readdirSync } from 'fs';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { FIXTURES_DIR } from '../paths';
import type { AllEmulators } from '../emulator';
import { HUAWEI_DEFAULTS } from '../emulator/huawei';
import { TENCENT_EMULATOR_KEYS } from '../emulator/tencent';

export interface DemoCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export function demoCredentials(all: AllEmulators): DemoCredential[] {
	const { emulator, yeastar } = all;
	return [
		{
			id: 'yeastarDemoCred1',
			name: 'Yeastar P-Series (demo emulator)',
			type: 'yeastarPSeriesApi',
			data: {
				baseUrl: emulator.url('yeastar'),
				apiPath: 'openapi/v1.0',
				clientId: yeastar.options.clientId,
				clientSecret: yeastar.options.clientSecret,
				ignoreSslIssues: false,
				accessToken: '',
			},
		},
		{
			id: 'tencentDemoCred1',
			name: 'Tencent Cloud (demo emulator)',
			type: 'tencentCloudApi',
			data: {
				secretId: TENCENT_EMULATOR_KEYS.secretId,
				secretKey: TENCENT_EMULATOR_KEYS.secretKey,
				sessionToken: '',
				teoEndpoint: emulator.url('teo'),
				dsaEndpoint: emulator.url('dsa'),
			},
		},
		{
			id: 'huaweiDemoCred1',
			name: 'Huawei Cloud (demo emulator)',
			type: 'huaweiCloudApi',
			data: {
				authType: 'akSk',
				accessKey: HUAWEI_DEFAULTS.keys[0].accessKey,
				secretKey: HUAWEI_DEFAULTS.keys[0].secretKey,
				securityToken: '',
				region: 'cn-south-1',
				projectId: '',
				iamEndpoint: emulator.url('huawei-iam'),
				cloudDcEndpoint: emulator.url('clouddc'),
				codeArtsCheckEndpoint: emulator.url('codeartscheck'),
				ignoreSslIssues: false,
				iamToken: '',
			},
		},
	];
}

/**
 * The example workflows the demo and the real-n8n check run, in order: those that work on their
 * own against a fresh emulator. huawei-clouddc-get-export-status/download.json need an export_id
 * of the user's own; huawei-clouddc-export-then-status.json chains the two steps instead. The
 * trigger examples are listed in triggerExamples.ts: `n8n execute` cannot start them.
 */
export const EXAMPLE_WORKFLOWS = [
	'yeastar-list-system-logs.json',
	'yeastar-download-latest.json',
	'yeastar-download-range.json',
	'tencent-edgeone-l7-list.json',
	'tencent-edgeone-l7-download.json',
	'tencent-edgeone-l4-download.json',
	'tencent-dsa-get-urls.json',
	'tencent-dsa-download.json',
	'huawei-clouddc-list-servers.json',
	'huawei-clouddc-export-and-download.json',
	'huawei-clouddc-export-then-status.json',
	'huawei-codearts-get-tasks.json',
	'huawei-codearts-get-jobs.json',
	'huawei-codearts-get-last-jobs.json',
	'huawei-codearts-download-log-file.json',
	'huawei-codearts-latest-logs.json',
];

export function exampleWorkflowFiles(): string[] {
	const present = new Set(readdirSync(FIXTURES_DIR));
	return EXAMPLE_WORKFLOWS.filter((f) => present.has(f));
}
