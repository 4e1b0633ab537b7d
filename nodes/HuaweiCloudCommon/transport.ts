/**
 * Huawei Cloud transport shared by the CloudDC and CodeArts Check nodes.
 * Every request goes through the HuaweiCloudApi credential (AK/SK signature or IAM token); this
 * file adds what the services need around it: the endpoint of the region, the IAM project ID in
 * project-level paths (`{project_id}`), X-Project-Id for AK/SK, token reuse and one renewal on
 * rejection, retries of throttling, busy codes, 5xx and dropped connections, and error answers
 * (including JSON errors sent with HTTP 200) turned into clear VendorApiErrors.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { HUAWEI_IAM_VENDOR, huaweiAuthType, huaweiEndpoints } from '../../credentials/common/huaweiAuth';
import { iamTokenNeedsRenewal, PROJECT_ID_PLACEHOLDER } from '../../credentials/common/huaweiIamToken';
import { accessKeyFingerprint, PENDING_REJECTION_FIELD } from '../../credentials/common/huaweiSession';
import { rejectionRecord, STORE_ONLY_HEADER } from '../../credentials/common/loginMemory';
import type { TransferOptions } from '../shared/transferOptions';
import { readSmallBody, type StreamResponse } from '../shared/download';
import { header } from '../shared/headers';
import { VendorApiError } from '../shared/errors';
import { type ExpirableTokenSpec, withExpirableToken } from '../shared/expirableToken';
import { type AuthOptions, type FullResponse, parseJsonBody, sendHttp } from '../shared/http';
import { registerCredentialSecrets } from '../shared/redact';
import { withRetry } from '../shared/retry';
import { type ErrorContext, huaweiError, isErrorAnswer, isSignatureRejection } from './errors';

export const CREDENTIAL_TYPE = 'huaweiCloudApi';
export { PROJECT_ID_PLACEHOLDER };

export type HuaweiService = 'cloudDc' | 'codeArtsCheck' | 'iam';

export const VENDORS: Record<HuaweiService, string> = {
	cloudDc: 'Huawei Cloud CloudDC',
	codeArtsCheck: 'Huawei CodeArts Check',
	iam: HUAWEI_IAM_VENDOR,
};

/** Node executions and dropdown look-ups (loadOptions) both call the services. */
export type HuaweiContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface HuaweiRequest<T> extends Omit<ErrorContext, 'vendor'> {
	qs?: IDataObject;
	body?: IDataObject;
	/**
	 * Consume a file answer (2xx, not a message). Runs inside the retry, so a transfer that
	 * breaks off is requested again. `url` is the request URL, for display.
	 */
	stream?: (response: StreamResponse, url: string) => Promise<T>;
}

const tokenSpec: ExpirableTokenSpec = {
	credentialType: CREDENTIAL_TYPE,
	tokenField: 'iamToken',
	needsRenewal: (credentials) => iamTokenNeedsRenewal(credentials),
	// The gateway says APIGW.0301 for an expired or unknown token; CodeArts Check says CC.00000003.
	isTokenRejected: (error) =>
		error instanceof VendorApiError &&
		error.httpStatus === 401 &&
		(error.vendorCode === 'APIGW.0301' || error.vendorCode === 'CC.00000003'),
};

// The shared machinery is typed for executions; a loadOptions context offers the same
// getCredentials, getNode and helpers.httpRequestWithAuthentication it uses.
const asExecution = (ctx: HuaweiContext) => ctx as IExecuteFunctions;

/** Which saved credential the node uses (its ID, as n8n stores it). */
function credentialId(ctx: HuaweiContext): string {
	const ref = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	return String(ref?.id ?? ref?.name ?? 'default');
}

/** IAM project IDs looked up with AK/SK, per credential, IAM endpoint, region and key. */
const projectIds = new Map<string, Promise<string>>();

async function lookupProjectId(ctx: HuaweiContext, region: string, transfer: TransferOptions): Promise<string> {
	const answer = await huaweiApiRequest(ctx, 'iam', 'GET', '/v3/projects', {
		qs: { name: region },
		permission: 'iam:projects:list',
	}, transfer);
	const projects = Array.isArray(answer.projects) ? (answer.projects as IDataObject[]) : [];
	const id = projects[0]?.id;
	if (!id) {
		throw new VendorApiError({
			vendor: HUAWEI_IAM_VENDOR,
			kind: 'input',
			message: `IAM has no project for the region "${region}"`,
			hint: 'Check the Region in the credential, or enter the Project ID there.',
		});
	}
	return String(id);
}

/**
 * The IAM project ID for `{project_id}` paths: the credential's, else (AK/SK) looked up once from
 * the region. Undefined for password auth without one: the token's project then fills the path.
 */
async function projectIdFor(
	ctx: HuaweiContext,
	credentials: ICredentialDataDecryptedObject,
	transfer: TransferOptions,
): Promise<string | undefined> {
	const configured = String(credentials.projectId ?? '').trim();
	if (configured || huaweiAuthType(credentials) === 'password') return configured || undefined;
	const { iam, region } = huaweiEndpoints(credentials);
	const key = [credentialId(ctx), iam, region, String(credentials.accessKey ?? '')].join('\n');
	let pending = projectIds.get(key);
	if (!pending) {
		pending = lookupProjectId(ctx, region, transfer);
		projectIds.set(key, pending);
		// A failed lookup is not remembered: the next run asks again.
		pending.catch(() => projectIds.delete(key));
	}
	return await pending;
}

/**
 * Store a signature rejection in the credential, where every process sees it: a request marked
 * store-only carries it to preAuthentication, whose output n8n persists; it is never sent.
 */
async function rememberSignatureRejection(
	ctx: IExecuteFunctions,
	credentials: ICredentialDataDecryptedObject,
	error: VendorApiError,
): Promise<void> {
	const record = rejectionRecord(accessKeyFingerprint(credentials), error, {
		vendor: error.vendor,
		message: 'the gateway rejected the signature: wrong Secret Access Key (SK)',
		code: error.vendorCode,
		httpStatus: error.httpStatus,
		hint: 'Copy the SK that belongs to this Access Key ID again into the credential; repeated bad signatures lock the key.',
	});
	const ref = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	const data = { ...credentials, iamToken: '', [PENDING_REJECTION_FIELD]: record };
	const credentialsDecrypted = { id: ref?.id ?? '', name: ref?.name ?? '', type: CREDENTIAL_TYPE, data };
	const options = { method: 'GET' as const, url: `${huaweiEndpoints(credentials).iam}/`, headers: { [STORE_ONLY_HEADER]: '1' } };
	await sendHttp(ctx, HUAWEI_IAM_VENDOR, options, { credentialType: CREDENTIAL_TYPE, credentialsDecrypted }).catch(() => undefined);
}

/** Password auth: reuse the stored IAM token; one renewal at a time per credential. */
async function sendWithToken<R>(ctx: HuaweiContext, send: (auth: AuthOptions) => Promise<R>): Promise<R> {
	return await withExpirableToken(asExecution(ctx), tokenSpec, send);
}

/** Send once, through the credential; password auth reuses the IAM token and renews it once. */
async function send<R>(
	ctx: HuaweiContext,
	credentials: ICredentialDataDecryptedObject,
	vendor: string,
	options: IHttpRequestOptions,
	check: (response: FullResponse) => Promise<R>,
): Promise<R> {
	const exec = asExecution(ctx);
	if (huaweiAuthType(credentials) === 'akSk') {
		try {
			return await check(await sendHttp(exec, vendor, options, { credentialType: CREDENTIAL_TYPE }));
		} catch (error) {
			if (isSignatureRejection(error)) await rememberSignatureRejection(exec, credentials, error);
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- a transparent layer; the router shapes every error
			throw error;
		}
	}
	return await sendWithToken(ctx, async (auth) => await check(await sendHttp(exec, vendor, options, auth)));
}

async function checkJson(response: FullResponse, context: ErrorContext): Promise<IDataObject> {
	const body = parseJsonBody(response.body);
	if (response.statusCode >= 300 || isErrorAnswer(body)) {
		throw huaweiError(response.statusCode, body ?? response.body, response.headers, context);
	}
	if (!body) {
		throw new VendorApiError({
			vendor: context.vendor,
			kind: 'other',
			httpStatus: response.statusCode,
			message: 'the service answered with something that is not JSON',
			hint: 'Check the service endpoint in the credential: a proxy or login page may be answering instead.',
		});
	}
	return body;
}

/** A file answer passes; an error or any message in its place is read and raised. */
async function checkStream(response: FullResponse, context: ErrorContext): Promise<StreamResponse> {
	const type = header(response.headers, 'content-type') ?? '';
	if (response.statusCode < 300 && !/json|text\/|html/i.test(type)) return response as StreamResponse;
	const text = await readSmallBody(response.body);
	if (response.statusCode < 300 && !isErrorAnswer(parseJsonBody(text))) {
		throw new VendorApiError({
			vendor: context.vendor,
			kind: 'integrity',
			httpStatus: response.statusCode,
			message: `the service answered with a message instead of the file (${type})`,
			hint: 'Nothing was saved. Check the IDs in the node and run again.',
		});
	}
	throw huaweiError(response.statusCode, text, response.headers, context);
}

/** One Huawei API call with retries; JSON answers come back parsed. */
export async function huaweiApiRequest(
	ctx: HuaweiContext,
	service: HuaweiService,
	method: IHttpRequestMethods,
	path: string,
	request: HuaweiRequest<never> & { stream?: undefined },
	transfer: TransferOptions,
): Promise<IDataObject>;
/** One Huawei file download with retries covering the whole transfer. */
export async function huaweiApiRequest<T>(
	ctx: HuaweiContext,
	service: HuaweiService,
	method: IHttpRequestMethods,
	path: string,
	request: HuaweiRequest<T> & { stream: NonNullable<HuaweiRequest<T>['stream']> },
	transfer: TransferOptions,
): Promise<T>;
export async function huaweiApiRequest<T>(
	ctx: HuaweiContext,
	service: HuaweiService,
	method: IHttpRequestMethods,
	path: string,
	request: HuaweiRequest<T>,
	transfer: TransferOptions,
): Promise<T | IDataObject> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	// The AK is no secret, but gateway messages quote it; keep it out of outputs all the same.
	registerCredentialSecrets(credentials.accessKey);
	const { stream, qs, body, ...errorDetails } = request;
	const context: ErrorContext = { vendor: VENDORS[service], ...errorDetails };
	const projectLevel = path.includes(PROJECT_ID_PLACEHOLDER);
	const projectId = projectLevel ? await projectIdFor(ctx, credentials, transfer) : undefined;
	const resolved = projectId ? path.split(PROJECT_ID_PLACEHOLDER).join(encodeURIComponent(projectId)) : path;
	const url = `${huaweiEndpoints(credentials)[service]}${resolved}`;
	const headers: IDataObject = {};
	// Huawei's SDKs send X-Project-Id with AK/SK on project-level services.
	if (projectId && huaweiAuthType(credentials) === 'akSk') headers['X-Project-Id'] = projectId;
	const options: IHttpRequestOptions = {
		method,
		url,
		qs,
		body,
		headers,
		timeout: transfer.timeoutMs,
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		...(stream ? { encoding: 'stream' as const } : { json: true }),
	};
	return await withRetry(transfer.retry, async () => {
		if (!stream) return await send(ctx, credentials, context.vendor, options, async (r) => await checkJson(r, context));
		const response = await send(ctx, credentials, context.vendor, options, async (r) => await checkStream(r, context));
		return await stream(response, await displayUrl(ctx, url));
	});
}

/** The URL with the token's project filled in, as the credential did when sending. */
async function displayUrl(ctx: HuaweiContext, url: string): Promise<string> {
	if (!url.includes(PROJECT_ID_PLACEHOLDER)) return url;
	const projectId = String((await ctx.getCredentials(CREDENTIAL_TYPE)).iamTokenProjectId ?? '');
	return url.split(PROJECT_ID_PLACEHOLDER).join(encodeURIComponent(projectId));
}
