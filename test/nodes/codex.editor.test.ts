/**
 * The node panel finds a node by its display name and its codex aliases only (n8n 1.123's search
 * keys), so every node answers to "log", "logs" and the vendor and product words a user types,
 * and sits in categories n8n knows.
 */
import type { INodeType } from 'n8n-workflow';
import { packNodes } from './editorWalk';

/** The codex categories n8n 1.123's own nodes use (its node panel groups by these). */
const N8N_CATEGORIES = [
	'Analytics',
	'Communication',
	'Data & Storage',
	'Development',
	'Developer Tools',
	'Finance & Accounting',
	'Marketing',
	'Miscellaneous',
	'Productivity',
	'Sales',
	'Utility',
];

/** Words a user types to find each node, beyond "log" and "logs", which every node answers to. */
const SEARCH_WORDS: Record<string, string[]> = {
	yeastarPSeries: ['Yeastar', 'PBX', 'syslog', 'system log', 'download logs', 'log files'],
	yeastarPSeriesTrigger: ['Yeastar', 'PBX', 'system log'],
	tencentEdgeOne: ['EdgeOne', 'Tencent', 'CDN', 'CDN logs', 'access log', 'download logs', 'log files'],
	tencentEdgeOneTrigger: ['EdgeOne', 'Tencent', 'CDN logs', 'access log'],
	tencentDsa: ['DSA', 'Tencent', 'CDN', 'CDN logs', 'access log', 'download logs', 'log files'],
	tencentDsaTrigger: ['DSA', 'Tencent', 'CDN logs', 'access log'],
	huaweiCloudDc: ['Huawei', 'CloudDC', 'server log', 'BMC', 'iLO', 'iDRAC', 'hardware log', 'download logs', 'log files'],
	huaweiCodeArtsCheck: ['Huawei', 'CodeArts', 'code check', 'static analysis', 'download logs', 'log files'],
	huaweiCodeArtsCheckTrigger: ['Huawei', 'CodeArts', 'code check'],
};

const nameOf = (type: INodeType) => type.description.name;

describe.each(packNodes.map((n) => [nameOf(n.type), n]))('%s', (name, { codex }) => {
	it('is found in the node panel by "log", "logs" and its vendor and product words', () => {
		const alias = ((codex.alias ?? []) as string[]).map((a) => a.toLowerCase());
		const wanted = ['log', 'logs', ...(SEARCH_WORDS[name] ?? ['(no search words listed for this node)'])];
		expect(wanted.filter((w) => !alias.includes(w.toLowerCase()))).toEqual([]);
	});

	it('sits in categories n8n knows', () => {
		const categories = (codex.categories ?? []) as string[];
		expect(categories.length).toBeGreaterThan(0);
		expect(categories.filter((c) => !N8N_CATEGORIES.includes(c))).toEqual([]);
	});
});

