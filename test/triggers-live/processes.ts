/** Ending what this test started, children included, even when it is on its way out. */
import { readdirSync, readFileSync } from 'fs';

/** The process ids whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
	const found: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// "pid (command) state ppid …": the command may hold spaces, so read after its ')'.
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(entry));
		} catch {
			// gone meanwhile
		}
	}
	return found;
}

/** SIGKILL a process and everything under it (n8n's task runner), synchronously. */
export function killTree(pid: number): void {
	for (const child of childrenOf(pid)) killTree(child);
	try {
		process.kill(pid, 'SIGKILL');
	} catch {
		// already ended
	}
}
