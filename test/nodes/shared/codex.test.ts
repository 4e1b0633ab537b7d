/** Every node's codex file: what n8n's node panel searches, so a user typing "logs" finds them. */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { REPO_ROOT } from '../../paths';

const nodesDir = join(REPO_ROOT, 'nodes');
const codexFiles = readdirSync(nodesDir)
	.map((folder) => join(nodesDir, folder, `${folder}.node.json`))
	.filter((file) => { try { readFileSync(file); return true; } catch { return false; } });

describe.each(codexFiles.map((f) => [f.split('/').slice(-1)[0], f]))('%s', (_name, file) => {
	const codex = JSON.parse(readFileSync(file, 'utf8'));
	it('is found by "log" and "logs", and by its product name', () => {
		const aliases = (codex.alias ?? []).map((a: string) => a.toLowerCase());
		expect(aliases).toEqual(expect.arrayContaining(['log', 'logs']));
		const product = /yeastar|edgeone|dsa|clouddc|codearts/i.exec(file)![0].toLowerCase();
		expect(aliases.some((a: string) => a.replace(/\s/g, '') === product)).toBe(true);
	});

	it('names categories n8n knows', () => {
		for (const category of codex.categories) expect(['Development', 'Utility', 'Analytics', 'Data & Storage']).toContain(category);
	});
});

// n8n's node creator lists a trigger inside the entry of its action node (the same name without
// " Trigger") and searches only that node's codex, so a trigger's own aliases would find nothing
// the action node's do not: they are kept the same, so the trigger's codex says what really works.
const triggerFiles = codexFiles.filter((f) => /Trigger\.node\.json$/.test(f));
it.each(triggerFiles.map((f) => [f.split('/').slice(-1)[0], f]))('%s has the aliases of its action node', (_name, file) => {
	const actionFile = file.replace(/Trigger(?=\/|\.node\.json$)/g, '');
	const aliases = (f: string) => JSON.parse(readFileSync(f, 'utf8')).alias;
	expect(aliases(file)).toEqual(aliases(actionFile));
});
