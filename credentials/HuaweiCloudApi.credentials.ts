import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { HUAWEI_REGIONS } from './common/huaweiAuth';
import { huaweiAuthenticate, huaweiPreAuthentication } from './common/huaweiSession';
import { TEST_MARKER_HEADERS } from './common/loginMemory';
import { bodyRule } from './common/testRules';

const akSk = { show: { authType: ['akSk'] } };
const password = { show: { authType: ['password'] } };

const iamBaseUrl =
	'={{ $credentials.iamEndpoint || ("https://iam." + ($credentials.region === "custom" ? ' +
	'$credentials.customRegion : $credentials.region) + ".myhuaweicloud.com") }}';
const regionExpression =
	'={{ $credentials.region === "custom" ? $credentials.customRegion : $credentials.region }}';

const gatewayMessage = (text: string) => `Incorrect IAM authentication information: ${text}`;

/**
 * Huawei Cloud: AK/SK request signing (SDK-HMAC-SHA256) or an IAM user token
 * obtained with a password. One credential serves CloudDC and CodeArts Check; the signing, token
 * and endpoint helpers live in ./common/huaweiAuth.
 */
export class HuaweiCloudApi implements ICredentialType {
	name = 'huaweiCloudApi';

	displayName = 'Huawei Cloud API';

	icon: Icon = { light: 'file:icons/huaweiCloud.svg', dark: 'file:icons/huaweiCloud.dark.svg' };

	documentationUrl =
		'https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-algorithm-001.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'AK/SK (Recommended)',
					value: 'akSk',
					description: 'Sign every request with an access key pair',
				},
				{
					name: 'IAM Password (Token)',
					value: 'password',
					description: 'Obtain a 24-hour IAM user token with a user name and password',
				},
			],
			default: 'akSk',
		},
		{
			displayName: 'Access Key ID (AK)',
			name: 'accessKey',
			type: 'string',
			default: '',
			required: true,
			description: 'The access key ID of an IAM user, from My Credentials > Access Keys in the Huawei Cloud console',
			displayOptions: akSk,
		},
		{
			displayName: 'Secret Access Key (SK)',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret access key of that access key ID; Huawei Cloud shows it only once, in the downloaded credentials file',
			displayOptions: akSk,
		},
		{
			displayName: 'Security Token',
			name: 'securityToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary access keys (STS); leave empty for permanent keys',
			displayOptions: akSk,
		},
		{
			displayName: 'IAM User Name',
			name: 'userName',
			type: 'string',
			default: '',
			required: true,
			description: 'The IAM user to sign in as',
			displayOptions: password,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'After five wrong passwords IAM locks the user for a while',
			displayOptions: password,
		},
		{
			displayName: 'Account Name',
			name: 'domainName',
			type: 'string',
			default: '',
			required: true,
			description: 'The account (domain) the IAM user belongs to',
			displayOptions: password,
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: HUAWEI_REGIONS,
			default: 'cn-south-1',
			description: 'The region the servers or CodeArts projects are in',
		},
		{
			displayName: 'Region ID',
			name: 'customRegion',
			type: 'string',
			default: '',
			placeholder: 'e.g. ap-southeast-1',
			required: true,
			description: 'The ID of a region not in the list',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			description:
				'IAM project ID of the region. Leave empty to look it up from the region through IAM.',
		},
		{
			displayName: 'IAM Endpoint',
			name: 'iamEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://iam.cn-south-1.myhuaweicloud.com',
			description: 'Leave empty to use the public endpoint of the region',
		},
		{
			displayName: 'CloudDC Endpoint',
			name: 'cloudDcEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://clouddc.cn-south-1.myhuaweicloud.com',
			description: 'Leave empty to use the public endpoint of the region',
		},
		{
			displayName: 'CodeArts Check Endpoint',
			name: 'codeArtsCheckEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://codearts-check.cn-south-1.myhuaweicloud.com',
			description:
				'Leave empty to use the public endpoint of the region. Some regions use ' +
				'https://codecheck-ext.{region}.myhuaweicloud.com instead.',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the certificate cannot be verified (private deployments)',
		},
		{
			displayName: 'IAM Token',
			name: 'iamToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'IAM Token Expiry',
			name: 'iamTokenExpiry',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'IAM Token Project ID',
			name: 'iamTokenProjectId',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'IAM Token Scope',
			name: 'iamTokenScope',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Rejected Login', name: 'rejectedLogin', type: 'hidden', default: '' },
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await huaweiPreAuthentication(this, credentials);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return await huaweiAuthenticate(credentials, requestOptions);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: iamBaseUrl,
			url: '/v3/projects',
			qs: { name: regionExpression },
			method: 'GET',
			headers: TEST_MARKER_HEADERS,
			json: true,
			skipSslCertificateValidation: '={{ $credentials.ignoreSslIssues }}',
			// Let every answer reach the rules: the gateway tells failures apart only in the body.
			ignoreHttpStatusErrors: true,
		},
		rules: [
			bodyRule('error_msg', gatewayMessage('verify aksk signature fail'), 'Wrong Secret Access Key: the signature did not verify. Check the SK of this AK.'),
			bodyRule('error_msg', gatewayMessage('signature expired'), 'Signature expired: the n8n server clock is over 15 minutes off. Synchronise it (NTP).'),
			bodyRule('error_msg', gatewayMessage('AK access failed to reach the limit,forbidden.'), 'Access key locked for 5 minutes after repeated failures: fix the SK, retry later.'),
			bodyRule('error_msg', gatewayMessage('decrypt token fail'), 'IAM rejected the token. Save the credential again to obtain a new one.'),
			bodyRule('error_code', 'APIGW.0301', 'Authentication failed: check that the Access Key ID exists, the Secret Access Key, the security token of temporary keys, and the server clock.'),
			bodyRule('error_code', 'APIGW.0302', 'The credentials are valid, but this IAM user may not call IAM (permission denied).'),
			bodyRule('error.code', 403, 'The credentials are valid, but this IAM user lacks permission to list projects (iam:projects:list). Set the Project ID in the credential.'),
			bodyRule('error_code', 'APIGW.0308', 'Huawei Cloud is throttling requests from this key. Try again in a moment.'),
			bodyRule('error_code', 'APIGW.0101', 'IAM API not found: check the IAM endpoint.'),
			bodyRule('projects[0].id', undefined, 'IAM did not return a project for this region: check the region (or the IAM endpoint).'),
		],
	};
}
