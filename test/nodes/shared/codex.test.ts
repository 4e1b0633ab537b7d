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
