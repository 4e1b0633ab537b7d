/** Paths that hold whether this code runs from source (ts-jest) or compiled (.tmp/build). */
import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

function findRepoRoot(from: string): string {
	let dir = from;
	for (;;) {
		const pkg = join(dir, 'package.json');
		if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'n8n-nodes-logpull') return dir;
		const parent = dirname(dir);
		if (parent === dir) throw new Error('repository root not found');
		dir = parent;
	}
}

export const REPO_ROOT = findRepoRoot(__dirname);
/** Where the compiled-or-source tree this file belongs to starts. */
export const CODE_ROOT = join(__dirname, '..');
export const CODE_EXT = __filename.endsWith('.ts') ? '.ts' : '.js';
export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures', 'workflows');
