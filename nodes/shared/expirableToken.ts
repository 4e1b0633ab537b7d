/**
 * Token reuse and renewal for credentials that log in for a session token (Yeastar access token,
 * Huawei IAM token). The token lives in the credential's hidden `expirable` field, which n8n fills
 * through the credential's preAuthentication and persists, so it survives across items and
 * executions. Renewal is forced by handing n8n a copy of the credential with that field blanked.
 * One renewal at a time per credential: parallel downloads wait for it instead of each minting a
 * token (the Yeastar cloud edition allows only 8 live tokens).
 */
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import type { AuthOptions } from './http';

export interface ExpirableTokenSpec {
	credentialType: string;
	/** The hidden expirable field holding the token. */
	tokenField: string;
	/** True when the stored token should not be used any more (close to expiry, other account…). */
	needsRenewal(credentials: ICredentialDataDecryptedObject): boolean;
	/** True when the server said the token is no longer valid. */
	isTokenRejected(error: unknown): boolean;
}

const renewals = new Map<string, Promise<unknown>>();

function credentialKey(ctx: IExecuteFunctions, type: string): string {
	const ref = ctx.getNode().credentials?.[type];
	return `${type}:${ref?.id ?? ref?.name ?? 'default'}`;
}

export async function withExpirableToken<T>(
	ctx: IExecuteFunctions,
	spec: ExpirableTokenSpec,
	send: (auth: AuthOptions) => Promise<T>,
): Promise<T> {
	const key = credentialKey(ctx, spec.credentialType);

	const attempt = async (rejectedToken?: string): Promise<{ result: T; token: string }> => {
		let credentials = await ctx.getCredentials(spec.credentialType);
		// Re-read after every wait: the lock must be checked and taken with no await in between,
		// or parallel first requests would each log in.
		while (renewals.has(key)) {
			await renewals.get(key)?.catch(() => undefined);
			credentials = await ctx.getCredentials(spec.credentialType);
		}
		const token = String(credentials[spec.tokenField] ?? '');
		const renew = !token || spec.needsRenewal(credentials) || token === rejectedToken;
		if (!renew) return { result: await send({ credentialType: spec.credentialType }), token };

		const ref = ctx.getNode().credentials?.[spec.credentialType];
		const pending = send({
			credentialType: spec.credentialType,
			credentialsDecrypted: {
				id: ref?.id ?? '',
				name: ref?.name ?? '',
				type: spec.credentialType,
				data: { ...credentials, [spec.tokenField]: '' },
			},
		});
		renewals.set(key, pending);
		try {
			return { result: await pending, token: '' };
		} finally {
			renewals.delete(key);
		}
	};

	let used = '';
	try {
		const first = await attempt();
		return first.result;
	} catch (error) {
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- a transparent layer; the router shapes every error
		if (!spec.isTokenRejected(error)) throw error;
		used = String((await ctx.getCredentials(spec.credentialType))[spec.tokenField] ?? '');
	}
	// The server refused a token it should have accepted: renew once (unless someone already did).
	return (await attempt(used)).result;
}
