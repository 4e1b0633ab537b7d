import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { tencentAuthenticate } from './common/tencentAuth';
import { bodyRule } from './common/testRules';

const authRule = (code: string, message: string) => bodyRule('Response.Error.Code', code, message);

const BAD_KEY =
	'Tencent Cloud does not know this SecretId. Copy the SecretId again from the console ' +
	'(CAM > API Keys) without spaces, and check that the key is enabled.';

export class TencentCloudApi implements ICredentialType {
	name = 'tencentCloudApi';

	displayName = 'Tencent Cloud API';

	icon: Icon = { light: 'file:icons/tencentCloud.svg', dark: 'file:icons/tencentCloud.dark.svg' };

	documentationUrl = 'https://cloud.tencent.com/document/api/213/30654';

	properties: INodeProperties[] = [
		{
			displayName: 'SecretId',
			name: 'secretId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'AKID…',
			description: 'The SecretId of a Tencent Cloud API key (CAM > API Keys)',
		},
		{
			displayName: 'SecretKey',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The SecretKey that belongs to the SecretId',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for temporary credentials (STS): the token issued with the temporary SecretId and ' +
				'SecretKey. Leave empty for a permanent API key.',
		},
		{
			displayName: 'EdgeOne Endpoint',
			name: 'teoEndpoint',
			type: 'string',
			default: 'https://teo.tencentcloudapi.com',
			hint: 'The international site uses https://teo.intl.tencentcloudapi.com',
			description: 'Base URL of the EdgeOne (teo) API 3.0 endpoint',
		},
		{
			displayName: 'DSA Endpoint',
			name: 'dsaEndpoint',
			type: 'string',
			default: 'https://dsa.api.qcloud.com',
			description: 'Base URL of the Dynamic Site Acceleration API 2.0 endpoint',
		},
		{
			displayName: 'Processes Sharing This Credential',
			name: 'sharingProcesses',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
			description:
				'How many n8n processes use this account at the same time (queue-mode workers plus main, or several n8n instances). The documented rate limits are divided among them, so together they stay under the limit.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return tencentAuthenticate(credentials, requestOptions);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.teoEndpoint}}',
			url: '/',
			method: 'POST',
			headers: { 'X-TC-Action': 'DescribeZones', 'X-TC-Version': '2022-09-01' },
			body: { Limit: 1 },
		},
		rules: [
			authRule('AuthFailure.SecretIdNotFound', BAD_KEY),
			authRule('AuthFailure.InvalidSecretId', BAD_KEY),
			authRule(
				'AuthFailure.SignatureFailure',
				'The SecretId is known but the signature does not match: the SecretKey is wrong. ' +
					'Copy the SecretKey that belongs to this SecretId again.',
			),
			authRule(
				'AuthFailure.SignatureExpire',
				"The request time is more than 5 minutes away from Tencent Cloud's time. " +
					'Fix the clock of the n8n host (enable NTP time sync) and test again.',
			),
			authRule(
				'AuthFailure.TokenFailure',
				'The Session Token is invalid or has expired. Get new temporary credentials, ' +
					'or leave Session Token empty when using a permanent API key.',
			),
			authRule(
				'AuthFailure.UnauthorizedOperation',
				'The key is valid but CAM does not allow it to call EdgeOne (teo:DescribeZones). ' +
					'Grant this user or role read access to EdgeOne.',
			),
		],
	};
}
