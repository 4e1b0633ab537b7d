/**
 * What the HuaweiCloudApi credential does before and while signing each request, in both modes.
 * Password mode logs in for an IAM token (huaweiIamToken.ts). AK/SK mode needs no token, but a
 * Secret Access Key the gateway rejects ("verify aksk signature fail") is remembered in the
 * credential like a rejected password: repeated bad signatures lock the key for every system
 * that uses it, so no process signs with that SK again until it changes or Test is pressed.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { HUAWEI_IAM_VENDOR, huaweiAuthType, signRequestOptions } from './huaweiAuth';
import { addIamToken, IAM_TOKEN_FIELD, iamRememberedRejection, requestIamToken } from './huaweiIamToken';
import {
	fingerprint,
	isCredentialTest,
	markPreAuthenticated,
	REJECTED_TOKEN,
	rememberedRejection,
	takeTestMarker,
} from './loginMemory';
import { str } from './requestOptions';

/**
 * Field a transport sets on its own copy of the credential to have a signature rejection stored:
 * the copy is handed to n8n, whose preAuthentication run persists what we return.
 */
export const PENDING_REJECTION_FIELD = 'pendingRejection';

/** Which access key pair a signature rejection is remembered for. */
export function accessKeyFingerprint(credentials: ICredentialDataDecryptedObject): string {
	return fingerprint('aksk', str(credentials.accessKey), str(credentials.secretKey));
}

function akSkRememberedRejection(credentials: ICredentialDataDecryptedObject) {
	return rememberedRejection(credentials, accessKeyFingerprint(credentials), 'access keys');
}

export async function huaweiPreAuthentication(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	if (huaweiAuthType(credentials) === 'password') return await requestIamToken(helper, credentials);
	markPreAuthenticated(credentials);
	// A Test: forget a remembered rejection, so the Test signs with the keys as they are.
	if (isCredentialTest(credentials, IAM_TOKEN_FIELD)) return { iamToken: '', rejectedLogin: '' };
	const pending = credentials[PENDING_REJECTION_FIELD];
	if (typeof pending === 'string' && pending !== '') {
		return { iamToken: REJECTED_TOKEN, rejectedLogin: pending, [PENDING_REJECTION_FIELD]: undefined };
	}
	// n8n calls this before every AK/SK request (the token field stays empty); nothing to store.
	return {};
}

export async function huaweiAuthenticate(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { options } = takeTestMarker(HUAWEI_IAM_VENDOR, credentials, requestOptions);
	if (huaweiAuthType(credentials) === 'akSk') {
		const rejected = akSkRememberedRejection(credentials);
		if (rejected) throw rejected;
		return signRequestOptions(credentials, options);
	}
	const rejected = iamRememberedRejection(credentials);
	if (rejected) throw rejected;
	return addIamToken(credentials, options);
}
