import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { registerCredentialSecrets } from '../nodes/shared/redact';
import { renewalRequired, takeTestMarker, TEST_MARKER_HEADERS } from './common/loginMemory';
import {
	obtainYeastarToken,
	YEASTAR_USER_AGENT,
	YEASTAR_VENDOR,
	yeastarRememberedRejection,
	yeastarTokenOwner,
} from './common/yeastarToken';

export class YeastarPSeriesApi implements ICredentialType {
	name = 'yeastarPSeriesApi';

	displayName = 'Yeastar P-Series API';

	icon: Icon = { light: 'file:icons/yeastar.svg', dark: 'file:icons/yeastar.dark.svg' };

	documentationUrl = 'https://help.yeastar.com/en/p-series-cloud-edition/developer-guide/get-access-token.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://pbx.example.com:8088',
			description:
				'Cloud Edition: https://{your-domain}.yeastarcloud.com (no port). Software/Appliance: https://{pbx-ip}:{https-port}, usually 8088.',
		},
		{
			displayName: 'API Path',
			name: 'apiPath',
			type: 'string',
			default: 'openapi/v1.0',
			description: 'Path of the PBX API after the base URL. Keep openapi/v1.0 unless the PBX documentation for your firmware names another.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'From Integrations > API on the PBX',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Shown with the Client ID under Integrations > API on the PBX',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the PBX certificate cannot be verified (self-signed certificates on premises)',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Access Token Expiry',
			name: 'accessTokenExpiry',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Token Owner', name: 'tokenOwner', type: 'hidden', typeOptions: { password: true }, default: '' },
		{ displayName: 'Rejected Login', name: 'rejectedLogin', type: 'hidden', default: '' },
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return await obtainYeastarToken(this, credentials);
	}

	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		registerCredentialSecrets(credentials.clientSecret, credentials.accessToken);
		const { options } = takeTestMarker(YEASTAR_VENDOR, credentials, requestOptions);
		const rejected = yeastarRememberedRejection(credentials);
		if (rejected) throw rejected;
		// A token issued for another PBX, client or secret is never sent; n8n logs in again.
		if (credentials.tokenOwner !== yeastarTokenOwner(credentials)) {
			throw renewalRequired(YEASTAR_VENDOR, 'the stored access token belongs to other credential values');
		}
		return {
			...options,
			qs: { ...(options.qs ?? {}), access_token: credentials.accessToken },
			headers: { 'User-Agent': YEASTAR_USER_AGENT, ...(options.headers ?? {}) },
			skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		};
	};

	// get_token (preAuthentication, with the values typed) then del_token: proves the Client
	// ID/Secret and frees the token slot at once, so clicking Test never eats into the 8-token cap.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{String($credentials.baseUrl).replace(/\\/+$/, "") + "/" + String($credentials.apiPath || "openapi/v1.0").replace(/^\\/+|\\/+$/g, "")}}',
			url: '/del_token',
			method: 'GET',
			headers: TEST_MARKER_HEADERS,
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'errcode', value: 10004, message: 'The PBX did not accept the new access token (TOKEN EXPIRED)' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'errcode', value: 10005, message: 'The API application has no permission (ACCESS DENIED)' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'errcode', value: 70087, message: 'This IP address is not on the API allowed list (IP FORBIDDEN)' },
			},
		],
	};
}
