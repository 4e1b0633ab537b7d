/** The REST API of n8n main as the editor uses it: sign-in cookie, executions, binary data, credentials. */
import { createHash } from 'crypto';

/** The owner every real-n8n test signs up (a throwaway n8n user folder each time). */
export const OWNER = { email: 'owner@logpull.invalid', firstName: 'Log', lastName: 'Pull', password: 'Logpull-Owner-Passw0rd' };

export interface Execution {
	id: string;
	status: string;
	finished?: boolean;
	mode?: string;
	workflowId?: string;
}

const DONE = new Set(['success', 'error', 'crashed', 'canceled']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** n8n stores run data as `flatted` text: an array whose strings are indexes into itself. */
export function parseFlatted(text: string): any {
	const table: unknown[] = JSON.parse(text);
	const done = new Map<number, unknown>();
	const get = (index: number): any => {
		if (done.has(index)) return done.get(index);
		const value = table[index];
		if (typeof value !== 'object' || value === null) {
			done.set(index, value);
			return value;
		}
		const out: any = Array.isArray(value) ? [] : {};
		done.set(index, out);
		for (const [key, item] of Object.entries(value)) out[key] = typeof item === 'string' ? get(Number(item)) : item;
		return out;
	};
	return get(0);
}

export const unwrap = (json: any) => (json && typeof json === 'object' && 'data' in json ? json.data : json);

export class N8nRest {
	private cookie = '';

	constructor(readonly base: string) {}

	async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any; text: string }> {
		const response = await fetch(`${this.base}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': 'logpull-queue', cookie: this.cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60000),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await response.text();
		let json: any;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, json, text };
	}

	async ok(method: string, path: string, body?: unknown): Promise<any> {
		const answer = await this.call(method, path, body);
		if (answer.status !== 200) throw new Error(`${method} /rest${path} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
		return unwrap(answer.json);
	}

	async setUpOwner(): Promise<void> {
		await this.ok('POST', '/owner/setup', OWNER);
	}

	/** Sign in again (a restarted main, or a lost cookie). */
	async login(): Promise<void> {
		const answer = await this.call('POST', '/login', { emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password });
		if (answer.status !== 200) throw new Error(`login answered ${answer.status}: ${answer.text.slice(0, 200)}`);
	}

	/**
	 * The workflow's newest 100 executions (n8n's page limit; 1.x pages by id, 2.x by cursor):
	 * no check waits for more than 40 new ones at a time.
	 */
	async executions(workflowId: string): Promise<Execution[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const data = await this.ok('GET', `/executions?filter=${filter}&limit=100`);
		return ((data?.results ?? data) as any[]).map((e) => ({ ...e, id: String(e.id) }));
	}

	/**
	 * Waits until `count` executions of the workflow that are not in `seen` have finished; adds
	 * them to `seen`. Fails with what it saw when they do not come in time.
	 */
	async waitForNew(workflowId: string, seen: Set<string>, count: number, timeoutMs = 180000): Promise<Execution[]> {
		const deadline = Date.now() + timeoutMs;
		let fresh: Execution[] = [];
		while (Date.now() < deadline) {
			fresh = (await this.executions(workflowId)).filter((e) => !seen.has(e.id));
			if (fresh.length >= count && fresh.every((e) => DONE.has(e.status))) {
				const taken = fresh.sort((a, b) => Number(a.id) - Number(b.id)).slice(0, count);
				for (const e of taken) seen.add(e.id);
				return taken;
			}
			await sleep(500);
		}
		const states = fresh.map((e) => `${e.id}:${e.status}`).join(', ') || 'none';
		throw new Error(`workflow ${workflowId}: ${count} new finished executions expected within ${timeoutMs / 1000} s; saw ${states}`);
	}

	/** One execution with its run data parsed. */
	async execution(id: string): Promise<{ status: string; runData: Record<string, any>; error?: string; raw: any }> {
		const data = await this.ok('GET', `/executions/${id}`);
		const run = typeof data.data === 'string' ? parseFlatted(data.data) : data.data;
		const resultData = run?.resultData ?? {};
		const error = resultData.error ? String(resultData.error.message ?? resultData.error.description ?? 'error') : undefined;
		return { status: String(data.status), runData: resultData.runData ?? {}, error, raw: data };
	}

	/** A binary file through main, as the editor's download button fetches it; sha256 and size. */
	async binarySha256(binaryId: string): Promise<{ status: number; sha256?: string; bytes?: number }> {
		const response = await fetch(`${this.base}/rest/binary-data?id=${encodeURIComponent(binaryId)}&action=download`, {
			headers: { 'browser-id': 'logpull-queue', cookie: this.cookie },
			signal: AbortSignal.timeout(120000),
		});
		if (response.status !== 200) {
			await response.arrayBuffer().catch(() => undefined);
			return { status: response.status };
		}
		const hash = createHash('sha256');
		let bytes = 0;
		for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
			hash.update(chunk);
			bytes += chunk.length;
		}
		return { status: 200, sha256: hash.digest('hex'), bytes };
	}

	async workflowActive(id: string): Promise<boolean> {
		const wf = await this.ok('GET', `/workflows/${id}`);
		return wf?.active === true || !!wf?.activeVersionId;
	}

	/**
	 * Activates (2.x: publishes) a workflow as the editor's toggle does: 2.x has
	 * `POST /workflows/:id/activate`, 1.x takes `active: true` in a PATCH.
	 */
	async activate(id: string): Promise<string> {
		const wf = await this.ok('GET', `/workflows/${id}`);
		const post = await this.call('POST', `/workflows/${id}/activate`, { versionId: wf.versionId });
		if (post.status === 200) return 'POST /activate';
		if (post.status !== 404) throw new Error(`POST /rest/workflows/${id}/activate answered ${post.status}: ${post.text.slice(0, 300)}`);
		await this.ok('PATCH', `/workflows/${id}`, { active: true, versionId: wf.versionId });
		return 'PATCH active';
	}

	async updateCredential(credential: { id: string; name: string; type: string; data: object }): Promise<void> {
		await this.ok('PATCH', `/credentials/${credential.id}`, { name: credential.name, type: credential.type, data: credential.data });
	}

	/** Fires `count` production webhook calls at once; each must be accepted. */
	async trigger(path: string, count: number): Promise<void> {
		const answers = await Promise.all(
			Array.from({ length: count }, async (_, i) => {
				const response = await fetch(`${this.base}/webhook/${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ call: i }),
					signal: AbortSignal.timeout(60000),
				});
				return { status: response.status, text: await response.text() };
			}),
		);
		const refused = answers.filter((a) => a.status !== 200);
		if (refused.length) throw new Error(`webhook ${path}: ${refused.length}/${count} calls answered ${refused[0].status}: ${refused[0].text.slice(0, 200)}`);
	}
}
