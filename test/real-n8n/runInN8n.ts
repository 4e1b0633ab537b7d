/**
 * The pack inside a real n8n: installs the packed tarball into a fresh n8n user folder the way a
 * user would (~/.n8n/nodes), imports the example workflows and their credentials (pointed at the
 * emulator running in this process), runs each with `n8n execute --id`, and checks that every
 * downloaded file on n8n's disk is byte-identical to a file the emulator served in full.
 *   node runInN8n.js <path to n8n bin> <path to pack .tgz> [label]
 */
import { createHash } from 'crypto';
import { createReadStream, existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { startAllEmulators } from '../emulator';
import { leafNodeNames } from '../helpers';
import { demoCredentials, exampleWorkflowFiles } from '../scripts/demoCredentials';
import { FIXTURES_DIR } from '../paths';
import { HUAWEI_DEFAULTS } from '../emulator/huawei';
import { type Check, checkCredentialScreens } from './credentialScreens';
import { importWorkflows, prepareN8n } from './n8nProcess';
import { checkRejectedSecret } from './rejectedSecret';

async function sha256File(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/** Where n8n keeps a filesystem-mode binary: .n8n/binaryData in 1.x, .n8n/storage in 2.x. */
function binaryPath(userFolder: string, id: string): string {
	const relative = id.replace(/^filesystem(-v2)?:/, '');
	const candidates = ['binaryData', 'storage'].map((dir) => join(userFolder, '.n8n', dir, relative));
	return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

async function main(): Promise<void> {
	const [n8nBin, packPath, label = 'real-n8n'] = process.argv.slice(2);
	const all = await startAllEmulators();
	all.emulator.recordDigests = true;
	const checks: Check[] = [];
	const credentials = demoCredentials(all);
	// The IAM password mode stores a token in the credential; the screens must survive it too.
	const huawei = credentials.find((c) => c.type === 'huaweiCloudApi')!;
	const user = HUAWEI_DEFAULTS.users[0];
	const passwordMode = {
		...huawei,
		id: 'huaweiPasswordCred1',
		name: 'Huawei Cloud, IAM password (demo emulator)',
		data: { ...huawei.data, authType: 'password', userName: user.name, password: user.password, domainName: HUAWEI_DEFAULTS.domainName },
	};
	const n8n = await prepareN8n(n8nBin, packPath, [...credentials, passwordMode]);
	try {
		// Not the trigger examples (test/scripts/triggerExamples.ts): `n8n execute` starts only at a Manual
		// Trigger and refuses a polling trigger ('Missing node to start execution'); `n8n start` runs those.
		const files = exampleWorkflowFiles();
		const workflows = files.map((f) => ({ name: f, json: JSON.parse(readFileSync(join(FIXTURES_DIR, f), 'utf8')) }));
		await importWorkflows(n8n, workflows);
		for (const { name, json: wf } of workflows) {
			const started = Date.now();
			const { run, data } = await n8n.execute(wf.id);
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			if (!data) {
				const text = `${run.out}\n${run.err}`;
				const reason = /^(?:Error|NodeApiError|NodeOperationError|no run JSON)[^\n]*$/m.exec(text)?.[0] ?? text.slice(-400);
				checks.push({ workflow: name, ok: false, detail: `exit ${run.code}: ${reason}` });
				// Everything that n8n command printed, for a failure that may not come back on a rerun.
				console.log(`---- n8n execute of ${name}: exit ${run.code}\n---- stdout\n${run.out}\n---- stderr\n${run.err}\n----`);
				continue;
			}
			const runData = data.data?.resultData?.runData ?? {};
			const items: any[] = leafNodeNames(wf).flatMap((node) => runData[node]?.[0]?.data?.main?.[0] ?? []);
			let verified = 0;
			const problems: string[] = [];
			for (const item of items) {
				if (item.json?.error) problems.push(`error item: ${item.json.error}`);
				for (const binary of Object.values(item.binary ?? {}) as any[]) {
					const path = binaryPath(n8n.userFolder, String(binary.id));
					const digest = await sha256File(path);
					const servedDigest = item.json.compressedSha256 ?? digest;
					const served = all.emulator.served.some((s) => s.complete && s.sha256 === servedDigest);
					if (digest !== item.json.sha256) problems.push(`${binary.fileName}: on disk ${digest} != reported ${item.json.sha256}`);
					else if (!served) problems.push(`${binary.fileName}: not a file the emulator served whole`);
					else verified++;
				}
			}
			checks.push({
				workflow: name,
				ok: problems.length === 0 && items.length > 0,
				detail: problems.join('; ') || `${items.length} items, ${verified} files verified by sha256 (${seconds} s)`,
			});
		}
		// n8n persisted the Yeastar token after the first run; later runs must have reused it.
		const tokens = all.yeastar.tokensIssued;
		checks.push({ workflow: 'yeastar token reuse', ok: tokens <= 1, detail: `${tokens} token(s) minted across all runs` });
		const yeastarList = workflows.find((w) => w.name === 'yeastar-list-system-logs.json')!.json;
		checks.push(await checkRejectedSecret(n8n, all, credentials.find((c) => c.type === 'yeastarPSeriesApi')!, yeastarList));
		const server = await n8n.start();
		try {
			checks.push(...(await checkCredentialScreens(server, [...credentials, passwordMode])));
		} catch (error) {
			checks.push({ workflow: 'credential screens', ok: false, detail: `${(error as Error).message}\n${server.output()}` });
		} finally {
			await server.stop();
		}
	} finally {
		await all.emulator.stop();
		n8n.cleanup();
	}
	for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.workflow}: ${c.detail}`);
	const failed = checks.filter((c) => !c.ok).length;
	console.log(`${label}: ${checks.length - failed} passed, ${failed} failed`);
	process.exit(failed || !checks.length ? 1 : 0);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
