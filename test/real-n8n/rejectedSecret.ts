/**
 * A wrong secret across separate `n8n execute` processes: each process starts with empty memory,
 * so only what the credential stores can stop the next one from trying again. The PBX blocks the
 * IP after 5 failed logins; 6 runs must reach it at most once, and the corrected secret must work.
 */
import type { AllEmulators } from '../emulator';
import type { DemoCredential } from '../scripts/demoCredentials';
import type { Check } from './credentialScreens';
import { importWorkflows, type N8nInstance } from './n8nProcess';

const RUNS = 6;

export async function checkRejectedSecret(n8n: N8nInstance, all: AllEmulators, good: DemoCredential, workflow: any): Promise<Check> {
	const wrong = { ...good, id: 'yeastarWrongCred1', name: 'Yeastar with a wrong secret', data: { ...good.data, clientSecret: 'wrong-secret-typed-6x' } };
	const json = JSON.parse(JSON.stringify(workflow));
	json.id = 'yeastarWrongSecret1';
	json.name = 'Yeastar, wrong secret';
	for (const node of json.nodes) if (node.credentials?.yeastarPSeriesApi) node.credentials.yeastarPSeriesApi = { id: wrong.id, name: wrong.name };
	await importCredential(n8n, wrong);
	await importWorkflows(n8n, [{ name: 'yeastar-wrong-secret.json', json }]);
	const before = all.emulator.count('yeastar', 'get_token');
	const failures: number[] = [];
	for (let i = 0; i < RUNS; i++) failures.push((await n8n.execute(json.id)).data ? 0 : 1);
	const logins = all.emulator.count('yeastar', 'get_token') - before;
	await importCredential(n8n, { ...wrong, data: good.data });
	const fixed = await n8n.execute(json.id);
	const ok = logins <= 1 && failures.every((f) => f === 1) && !!fixed.data && !all.yeastar.ipBlocked;
	return {
		workflow: `wrong secret over ${RUNS} n8n execute processes`,
		ok,
		detail: `${failures.filter(Boolean).length}/${RUNS} runs failed, ${logins} login(s) reached the PBX, IP blocked: ${all.yeastar.ipBlocked}, corrected secret ${fixed.data ? 'worked' : `failed: ${fixed.run.out.slice(-300)}`}`,
	};
}

async function importCredential(n8n: N8nInstance, credential: DemoCredential): Promise<void> {
	const file = `${n8n.userFolder}/credential-${credential.id}.json`;
	require('fs').writeFileSync(file, JSON.stringify([credential]));
	const result = await n8n.run(['import:credentials', `--input=${file}`]);
	if (result.code !== 0) throw new Error(`import:credentials failed: ${result.err || result.out}`);
}
