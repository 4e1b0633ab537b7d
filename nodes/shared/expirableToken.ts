/**
 * Token reuse and renewal for credentials that log in for a session token (Yeastar access token,
 * Huawei IAM token). The token lives in the credential's hidden `expirable` field, which n8n fills
 * through the credential's preAuthentication and persists, so it survives across items and
 * executions. Renewal is forced by handing n8n a copy of the credential with that field blanked.
 * One renewal at a time per credential: parallel downloads wait for it instead of each minting a
 * token (the Yeastar cloud edition allows only 8 live tokens).
 */
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
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
/**
 * A refused token is followed by another try with the token stored now (another process may have
 * renewed it) or a renewal: at most this many tries, and this many renewals, per request.
 */
const MAX_ROUNDS = 3;
const MAX_RENEWALS = 2;

function credentialRef(ctx: IExecuteFunctions, type: string): { id: string; name: string } {
	const ref = ctx.getNode().credentials?.[type];
	return { id: ref?.id ?? '', name: ref?.name ?? '' };
}

function credentialKey(ctx: IExecuteFunctions, type: string): string {
	const ref = credentialRef(ctx, type);
	return `${type}:${ref.id || ref.name || 'default'}`;
}

export async function withExpirableToken<T>(
	ctx: IExecuteFunctions,
	spec: ExpirableTokenSpec,
	send: (auth: AuthOptions) => Promise<T>,
): Promise<T> {
	const type = spec.credentialType;
	const key = credentialKey(ctx, type);
	/** The token the last attempt actually sent: the one it read, or the one its renewal got. */
	let sent = '';
	let renewalsLeft = MAX_RENEWALS;

	const attempt = async (refused: string | undefined): Promise<T> => {
		let credentials = await ctx.getCredentials(type);
		// Re-read after every wait: the lock must be checked and taken with no await in between,
		// or parallel first requests would each log in.
		while (renewals.has(key)) {
			await renewals.get(key)?.catch(() => undefined);
			credentials = await ctx.getCredentials(type);
		}
		const stored = String(credentials[spec.tokenField] ?? '');
		// Compared with what was sent, not with what was stored then: another execution may have
		// renewed it meanwhile, and renewing again would only retire that fresh token.
		const renew = !stored || spec.needsRenewal(credentials) || stored === refused;
		if (renew) renewalsLeft--;
		// Exactly these values are sent; with the token blanked, n8n renews it and fills it in.
		const data = { ...credentials, [spec.tokenField]: renew ? '' : stored };
		const pending = send({ credentialType: type, credentialsDecrypted: { ...credentialRef(ctx, type), type, data } });
		if (renew) renewals.set(key, pending);
		try {
			return await pending;
		} finally {
			if (renew) renewals.delete(key);
			sent = String(data[spec.tokenField] ?? '');
		}
	};

	for (let round = 1; ; round++) {
		try {
			return await attempt(round === 1 ? undefined : sent);
		} catch (error) {
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- a transparent layer; the router shapes every error
			if (!spec.isTokenRejected(error) || round >= MAX_ROUNDS || renewalsLeft <= 0) throw error;
			// Processes refused together (a revocation) would otherwise all renew in step.
			if (round > 1) await sleep(100 + Math.floor(Math.random() * 400));
		}
	}
}
