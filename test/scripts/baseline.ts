/**
 * Another commit's tree, compiled beside this one, for before/after benchmarks: the same measuring
 * worker is copied in, so only the pack differs.
 */
import { execFileSync } from 'child_process';
import { copyFileSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { REPO_ROOT } from '../paths';

export interface Baseline {
	/** Where that tree's compiled files start (`<root>/.tmp/build`). */
	build: string;
	cleanup: () => void;
}

/** The tree of `ref` (git archive, no worktree), compiled like this one, sharing node_modules. */
export function buildBaseline(ref: string): Baseline {
	const root = mkdtempSync(join(tmpdir(), 'logpull-baseline-'));
	const tar = execFileSync('git', ['archive', '--format=tar', ref], { cwd: REPO_ROOT, maxBuffer: 1 << 30 });
	execFileSync('tar', ['-x', '-C', root], { input: tar });
	symlinkSync(realpathSync(join(REPO_ROOT, 'node_modules')), join(root, 'node_modules'));
	copyFileSync(join(REPO_ROOT, 'test', 'scripts', 'benchWorker.ts'), join(root, 'test', 'scripts', 'benchWorker.ts'));
	execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json'], { cwd: root, stdio: 'inherit' });
	return { build: join(root, '.tmp', 'build'), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
