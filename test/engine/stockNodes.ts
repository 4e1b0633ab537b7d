/**
 * n8n's own nodes that the trigger example workflows chain the pack's files into (Read/Write
 * Files from Disk, Compression, Split Out), loaded into the engine's node types so those
 * workflows run here as they run in n8n. They live in n8n-nodes-base, which this project does not
 * depend on (it comes with n8n, hundreds of MB of dependencies): it is taken from
 * LOGPULL_N8N_NODES_BASE, from node_modules when a developer installed it, or from the real-n8n
 * cache that test/real-n8n/install.sh fills (n8n 1.123 first: its n8n-core is the one the engine
 * tests run on).
 */
import { existsSync } from 'fs';
import { homedir } from 'os';
import { dirname, join } from 'path';
import type { INodeType } from 'n8n-workflow';
import { nodeTypes } from './index';

export const STOCK_NODES: Record<string, string> = {
	'n8n-nodes-base.readWriteFile': 'dist/nodes/Files/ReadWriteFile/ReadWriteFile.node.js',
	'n8n-nodes-base.compression': 'dist/nodes/Compression/Compression.node.js',
	'n8n-nodes-base.splitOut': 'dist/nodes/Transform/SplitOut/SplitOut.node.js',
};

function candidates(): string[] {
	const cache = process.env.LOGPULL_CACHE ?? join(homedir(), '.cache', 'n8n-logpull');
	const found: string[] = [];
	if (process.env.LOGPULL_N8N_NODES_BASE) found.push(process.env.LOGPULL_N8N_NODES_BASE);
	try {
		found.push(dirname(require.resolve('n8n-nodes-base/package.json')));
	} catch {
		// Not a dependency of this project: the usual case.
	}
	for (const version of ['1.123.81', '2.41.1']) {
		// Only a finished install: npm test fills the cache while the jest stage runs.
		const home = join(cache, `n8n-${version}`);
		if (existsSync(join(home, '.ready'))) found.push(join(home, 'node_modules', 'n8n-nodes-base'));
	}
	return found;
}

/** The n8n-nodes-base folder that has every stock node the examples use, if any. */
export function findNodesBase(): string | undefined {
	return candidates().find((dir) => Object.values(STOCK_NODES).every((file) => existsSync(join(dir, file))));
}

let loadedFrom: string | null | undefined;

/**
 * Registers the stock nodes with the engine; returns where they came from, or undefined when
 * n8n-nodes-base is nowhere to be found (the caller says so and runs what it can without them).
 */
export function loadStockNodes(): string | undefined {
	if (loadedFrom !== undefined) return loadedFrom ?? undefined;
	const dir = findNodesBase();
	loadedFrom = dir ?? null;
	if (!dir) return undefined;
	for (const [type, file] of Object.entries(STOCK_NODES)) {
		const mod = require(join(dir, file));
		const Class = Object.values(mod).find((v) => typeof v === 'function') as new () => INodeType;
		nodeTypes[type] = new Class();
	}
	return dir;
}
