/**
 * withExpirableToken on its own, with a fake credential store and server: what it does when a
 * token is refused while another execution (or queue-mode worker) renews the same credential.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import type { AuthOptions } from '../../../nodes/shared/http';
import { withExpirableToken } from '../../../nodes/shared/expirableToken';

class Refused extends Error {}

/** A credential store and a server that accepts only the tokens in `valid`. */
function bed(initial: string) {
	const state = { stored: { token: initial } as Record<string, unknown>, valid: new Set([initial]), renewals: 0, sent: [] as string[] };
	const ctx = {
		getCredentials: async () => ({ ...state.stored }),
		getNode: () => ({ credentials: { fakeApi: { id: 'c1', name: 'c1' } } }),
	} as unknown as IExecuteFunctions;
	const spec = { credentialType: 'fakeApi', tokenField: 'token', needsRenewal: () => false, isTokenRejected: (e: unknown) => e instanceof Refused };
	const renew = (data: Record<string, unknown>) => {
		state.renewals++;
		const fresh = `T${state.renewals + 1}-renewed`;
		state.valid.add(fresh);
		// As n8n does: preAuthentication's output is persisted and merged into the data sent.
		state.stored = { ...state.stored, token: fresh };
		data.token = fresh;
	};
	const server = async (auth: AuthOptions, during?: () => void) => {
		const data = auth.credentialsDecrypted!.data as Record<string, unknown>;
		if (data.token === '') renew(data);
		const token = String(data.token);
		state.sent.push(token);
		during?.();
		if (!state.valid.has(token)) throw new Refused(`refused ${token}`);
		return token;
	};
	return { state, ctx, spec, server };
}

describe('withExpirableToken', () => {
	it('after a refusal, adopts the token another execution renewed meanwhile instead of renewing again', async () => {
		const { state, ctx, spec, server } = bed('T1');
		let raced = false;
		const result = await withExpirableToken(ctx, spec, async (auth) =>
			await server(auth, () => {
				if (raced) return;
				raced = true;
				// Another worker renews while our request with T1 is on the wire; T1 dies.
				state.valid.delete('T1');
				state.valid.add('T-other');
				state.stored = { token: 'T-other' };
			}),
		);
		expect(result).toBe('T-other');
		expect(state.renewals).toBe(0);
		expect(state.sent).toEqual(['T1', 'T-other']);
	});

	it('renews when the token it sent is still the stored one', async () => {
		const { state, ctx, spec, server } = bed('T1');
		state.valid.delete('T1');
		expect(await withExpirableToken(ctx, spec, async (auth) => await server(auth))).toBe('T2-renewed');
		expect(state.renewals).toBe(1);
	});

	it('gives up after two renewals that are refused at once, with the refusal', async () => {
		const { state, ctx, spec, server } = bed('T1');
		state.valid.clear();
		const refuseAll = async (auth: AuthOptions) => await server(auth, () => state.valid.clear());
		await expect(withExpirableToken(ctx, spec, refuseAll)).rejects.toThrow(Refused);
		expect(state.renewals).toBe(2);
		expect(state.sent).toHaveLength(3);
	});
});
