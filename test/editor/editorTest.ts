/**
 * The pack in a real n8n editor, in a real browser: n8n started with the packed pack installed the
 * way a user installs it, Debian's Chromium driven by playwright-core, and a person's path through
 * the editor: sign up the owner, create and Test each credential against the emulator, find each
 * node in the node creator by every alias, add it, open every operation's panel, and run a
 * download workflow from the canvas. Fails on a REST 5xx, on a console error that is not known
 * n8n noise, and on any step whose element does not show up in time.
 *   node editorTest.js <path to n8n bin> <path to pack .tgz> <n8n version>
 * Screenshots: .tmp/editor-screenshots/<n8n version>/; with LOGPULL_EDITOR_README_SHOTS=1 the first
 * operation panel of each node is also copied to test/editor/screenshots/ (the README's pictures).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'fs';
import { dirname, join } from 'path';
import type { Locator, Page } from 'playwright-core';
import { startAllEmulators } from '../emulator';
import { REPO_ROOT, FIXTURES_DIR } from '../paths';
import { type DemoCredential, demoCredentials } from '../scripts/demoCredentials';
import { prepareN8n } from '../real-n8n/n8nProcess';
import { OWNER } from '../queue/rest';
import { launchChromium, Monitor } from './browser';
import { StepError, STEP_TIMEOUT, elementShot, exactText, hidden, markNodePanel, parameterInput, selectOption, tid, until, visible } from './ui';

/**
 * Words a person may type to find each node. The node's display name and every alias its codex
 * file (`*.node.json`, `alias`) declares are asserted; a word here that the product does not
 * promise yet (neither in the display name nor in the codex) is searched and reported as "todo".
 */
const WANTED_ALIASES: Record<string, string[]> = {
	'n8n-nodes-logpull.yeastarPSeries': ['Yeastar', 'PBX', 'P-Series', 'log'],
	'n8n-nodes-logpull.tencentEdgeOne': ['EdgeOne', 'Tencent', 'log'],
	'n8n-nodes-logpull.tencentDsa': ['DSA', 'Tencent', 'log'],
	'n8n-nodes-logpull.huaweiCloudDc': ['CloudDC', 'Huawei', 'log'],
	'n8n-nodes-logpull.huaweiCodeArtsCheck': ['CodeArts', 'Huawei', 'log'],
};

/** The example workflow run from the canvas, and the node whose output holds the files. */
const DOWNLOAD_WORKFLOW = 'tencent-edgeone-l7-download.json';
const DOWNLOAD_NODE = 'Tencent EdgeOne';

/** The README's node pictures, refreshed by a run with LOGPULL_EDITOR_README_SHOTS=1 (on n8n 1.123). */
const README_SHOTS = join(REPO_ROOT, 'test', 'editor', 'screenshots');

/** The first load of a page: n8n's editor chunks parsed and run on a busy 2-core machine. */
const PAGE_LOAD_TIMEOUT = 60000;


interface Check {
	name: string;
	ok: boolean;
	detail: string;
	todo?: boolean;
}

interface NodeProperty {
	name: string;
	displayName?: string;
	type: string;
	default?: unknown;
	options?: Array<{ name: string; value: unknown; action?: string }>;
	displayOptions?: { show?: Record<string, unknown[]> };
	typeOptions?: { password?: boolean };
}

interface NodeType {
	name: string;
	displayName: string;
	properties: NodeProperty[];
	codex?: { alias?: string[] };
}

interface PackNode {
	type: NodeType;
	/** The codex `alias` array of the installed package's `*.node.json`. */
	alias: string[];
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
const sameWord = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The installed pack's nodes and their codex files, as n8n loaded them from ~/.n8n/nodes. */
function installedCodex(userFolder: string): Array<{ node: string; alias: string[]; file: string }> {
	const root = join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-logpull');
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	return (pkg.n8n.nodes as string[]).map((file) => {
		const codexFile = join(root, file.replace(/\.js$/, '.json'));
		if (!existsSync(codexFile)) throw new Error(`the installed pack has no codex file ${codexFile}`);
		const codex = JSON.parse(readFileSync(codexFile, 'utf8'));
		return { node: String(codex.node), alias: Array.isArray(codex.alias) ? codex.alias.map(String) : [], file: codexFile };
	});
}

async function main(): Promise<void> {
	const [n8nBin, packPath, version] = process.argv.slice(2);
	if (!n8nBin || !packPath || !version) throw new Error('usage: editorTest.js <n8n bin> <pack .tgz> <n8n version>');
	const started = Date.now();
	const shots = join(REPO_ROOT, '.tmp', 'editor-screenshots', version);
	rmSync(shots, { recursive: true, force: true });
	mkdirSync(shots, { recursive: true });
	if (process.env.LOGPULL_EDITOR_README_SHOTS === '1') mkdirSync(README_SHOTS, { recursive: true });
	let shotCount = 0;
	const shotPath = (name: string) => join(shots, `${String(++shotCount).padStart(2, '0')}-${slug(name)}.png`);

	const all = await startAllEmulators();
	const credentials = demoCredentials(all);
	// No credentials are imported: the browser creates them as a person would.
	const n8n = await prepareN8n(n8nBin, packPath, []);
	const server = await n8n.start();
	const serverStarted = Date.now();
	const browser = await launchChromium();
	const page = browser.page;
	page.setDefaultTimeout(STEP_TIMEOUT);
	const monitor = new Monitor(server.url);
	monitor.attach(page);
	const checks: Check[] = [];

	/** One named step: passes when `body` returns and no REST 5xx or unexplained console error came meanwhile. */
	const step = async (name: string, body: () => Promise<string>): Promise<boolean> => {
		monitor.step = name;
		const from = monitor.problems.length;
		const t0 = Date.now();
		let detail: string;
		let ok = true;
		try {
			detail = await body();
			await monitor.restQuiet().catch((error) => (detail += `; ${error.message}`));
		} catch (error) {
			ok = false;
			detail = error instanceof StepError ? error.message : String((error as Error)?.stack ?? error);
			await page.screenshot({ path: shotPath(`FAIL ${name}`) }).catch(() => undefined);
		}
		const problems = monitor.problems.slice(from).map((p) => p.what);
		if (problems.length) ok = false;
		const seconds = ((Date.now() - t0) / 1000).toFixed(1);
		checks.push({ name, ok, detail: [detail, ...problems].join('; ') + ` (${seconds} s)` });
		return ok;
	};
	const rest = async (method: 'GET' | 'POST', path: string, data?: unknown) => {
		const browserId = await page.evaluate(() => (globalThis as any).localStorage.getItem('n8n-browserId'));
		const response = await page.request.fetch(`${server.url}${path}`, { method, data, headers: { 'browser-id': browserId ?? '' } });
		const text = await response.text();
		if (!response.ok()) throw new StepError(`${method} ${path} answered ${response.status()}: ${text.slice(0, 300)}`);
		const json = JSON.parse(text);
		return json && typeof json === 'object' && 'data' in json && !Array.isArray(json) ? json.data : json;
	};
	/**
	 * A full page load (the editor's bundle again): only where a reload is the point, or the first
	 * time. Done when `ready` shows; a page's first load (its code chunks parsed on a busy 2-core
	 * machine) gets PAGE_LOAD_TIMEOUT, every step on a loaded page STEP_TIMEOUT.
	 */
	const goto = async (path: string, ready: string, what: string) => {
		await page.goto(`${server.url}${path}`, { waitUntil: 'domcontentloaded', timeout: PAGE_LOAD_TIMEOUT });
		return await visible(page, ready, `${what} after loading ${path}`, PAGE_LOAD_TIMEOUT);
	};
	const onCredentialsPage = async () => {
		if (new URL(page.url()).pathname !== '/home/credentials') await goto('/home/credentials', tid('add-resource-credential'), 'the Create credential button');
	};
	const dismissFirstRunModals = async () => {
		// n8n asks a new owner about their work unless diagnostics are off (prepareN8n turns them off);
		// should it show all the same, it is closed like a person would skip it.
		const survey = page.locator(tid('personalization-form'));
		if (await survey.isVisible()) {
			await page.keyboard.press('Escape');
			await hidden(page, tid('personalization-form'), 'the personalization survey after owner setup');
		}
	};

	/** Close an open node panel (2.x: its close button; 1.x: Back to canvas). */
	const leaveNodePanel = async () => {
		if (await page.locator(tid('ndv')).isVisible()) {
			await (await visible(page, `${tid('ndv-close-button')}, ${tid('back-to-canvas')}`, "the node panel's close button")).click();
			await hidden(page, tid('ndv'), 'the node panel after closing it');
		}
	};
	/**
	 * The node creator, on the workflow being edited: on an empty canvas from "Add first step",
	 * otherwise from the canvas's own "+", after closing the previous node's panel. Off the canvas,
	 * a new workflow first.
	 */
	const openNodeCreator = async () => {
		await leaveNodePanel();
		// A step that failed may have left the node creator open over the canvas's "+".
		for (let i = 0; i < 3 && (await page.locator(tid('node-creator-search-bar')).isVisible()); i++) await page.keyboard.press('Escape');
		if (!/^\/workflow\//.test(new URL(page.url()).pathname)) {
			const first = await goto('/workflow/new', tid('canvas-plus-button'), 'the empty canvas\'s "Add first step" button');
			await dismissFirstRunModals();
			await first.click();
		} else {
			await (await visible(page, tid('node-creator-plus-button'), 'the canvas "+" (open nodes panel) button')).click();
		}
		await visible(page, tid('node-creator-search-bar'), 'the node creator search bar');
	};
	const searchBar = () => page.locator(`${tid('node-creator-search-bar')} input, input${tid('node-creator-search-bar')}`).first();
	/**
	 * The node creator's entry for a node. When the pack has a trigger and its action node (the same
	 * name without " Trigger"), n8n lists the trigger inside the action node's entry, not on its own.
	 */
	const entryName = (displayName: string) => {
		const base = displayName.replace(/ Trigger$/, '');
		return base !== displayName && nodeTypes.some((t) => t.displayName === base) ? base : displayName;
	};
	const creatorHit = (displayName: string) => page.locator(tid('node-creator-item-name')).filter({ hasText: exactText(entryName(displayName)) });
	/**
	 * Click an item of an entry's actions panel. That panel has a Triggers and an Actions section and
	 * folds one of them (Actions on an empty canvas, Triggers on a canvas that has a trigger already).
	 */
	const pickFromSection = async (section: 'Triggers' | 'Actions', item: Locator, what: string) => {
		const header = page.getByText(new RegExp(`^\\s*${section} \\(\\d+\\)\\s*$`)).first();
		await visible(page, item.or(header), `${what} or the folded "${section}" section`);
		if (!(await item.first().isVisible())) await header.click();
		await (await visible(page, item, what)).click();
	};
	/** In the open node creator: search the node, pick it, pick its first action; the node panel opens. */
	const addNode = async (node: PackNode): Promise<string> => {
		const { displayName } = node.type;
		await searchBar().fill(displayName);
		const entry = entryName(displayName);
		await (await visible(page, creatorHit(displayName), `"${entry}" in the node creator`)).click();
		const resources = node.type.properties.find((p) => p.name === 'resource' && p.type === 'options');
		let firstAction = operationsOf(node.type, resources?.options?.[0]?.value)[0]?.action;
		if (entry !== displayName) {
			// A trigger's events are the options of its "Trigger On" field, each shown as its `action`.
			firstAction = triggerOnOf(node.type)?.options?.[0]?.action ?? `On new ${entry} event`;
			const trigger = page.locator(tid('node-creator-item-name')).filter({ hasText: exactText(firstAction) });
			await pickFromSection('Triggers', trigger, `the trigger "${firstAction}" in "${entry}"'s list`);
		} else if (firstAction) {
			const action = page.locator(tid('node-creator-item-name')).filter({ hasText: exactText(firstAction) });
			await pickFromSection('Actions', action, `the action "${firstAction}" in the node's actions list`);
		}
		await visible(page, tid('ndv'), 'the node details view of the added node');
		await markNodePanel(page, 'the added node');
		return firstAction ?? displayName;
	};

	let nodeTypes: NodeType[] = [];
	let credentialTypes: Array<{ name: string; displayName: string; properties: NodeProperty[] }> = [];
	try {
		const signedIn = await step('sign up the owner in the setup form', async () => {
			await goto('/', tid('setup-form'), 'the owner setup form');
			for (const [field, value] of Object.entries(OWNER)) await page.locator(`${tid(field)} input`).fill(value);
			await page.locator(tid('form-submit-button')).click();
			await until('leaving the setup page after submitting it', async () => !/\/setup/.test(new URL(page.url()).pathname), PAGE_LOAD_TIMEOUT);
			await visible(page, tid('universal-add'), 'the main sidebar after signing in', PAGE_LOAD_TIMEOUT);
			await dismissFirstRunModals();
			nodeTypes = ((await rest('GET', '/types/nodes.json')) as NodeType[]).filter((t) => t.name.startsWith('n8n-nodes-logpull.'));
			credentialTypes = await rest('GET', '/types/credentials.json');
			return `signed in at ${new URL(page.url()).pathname}; n8n serves ${nodeTypes.length} node types of the pack`;
		});
		if (!signedIn) throw new StepError('not signed in: nothing else can be checked');

		// ---- The pack's nodes as n8n serves them to the editor.
		const codexFiles = installedCodex(n8n.userFolder);
		const packNodes: PackNode[] = [];
		await step('every node of the installed pack is served to the editor with its codex aliases', async () => {
			const problems: string[] = [];
			for (const codex of codexFiles) {
				const type = nodeTypes.find((t) => t.name === codex.node);
				if (!type) {
					problems.push(`${codex.node} is not in /types/nodes.json`);
					continue;
				}
				const served = type.codex?.alias ?? [];
				if (JSON.stringify(served) !== JSON.stringify(codex.alias)) {
					problems.push(`${codex.node}: n8n serves the aliases ${JSON.stringify(served)}, the codex file says ${JSON.stringify(codex.alias)}`);
				}
				packNodes.push({ type, alias: codex.alias });
			}
			if (problems.length) throw new StepError(problems.join('; '));
			return packNodes.map((n) => `${n.type.displayName} [${n.alias.join(', ') || 'no codex alias'}]`).join('; ');
		});

		// ---- Nodes with load-options fields, added before any credential exists (a person may well
		// add the node first): n8n asks for the options at once; the pack answers an empty list
		// without calling anyone (n8n asks again once a credential is set), so no 5xx and no error.
		for (const node of packNodes.filter((n) => n.type.properties.some((p) => loadOptionsMethod(p)))) {
			await step(`node ${node.type.displayName}: added before any credential exists, its dropdown loads nothing and shows no error`, async () => {
				await openNodeCreator();
				const asked = page.waitForResponse(
					(r) => r.url().endsWith('/rest/dynamic-node-parameters/options') && (r.request().postData() ?? '').includes(`"${node.type.name}"`),
					{ timeout: STEP_TIMEOUT },
				).catch(() => undefined);
				const action = await addNode(node);
				const answer = await asked;
				if (!answer) throw new StepError(`n8n asked no load options for ${node.type.name} within ${STEP_TIMEOUT / 1000} s`);
				const sent = JSON.parse(answer.request().postData() ?? '{}');
				const field = String(sent.path ?? '').replace(/^parameters\./, '');
				if (answer.status() !== 200) throw new StepError(`${sent.methodName} answered ${answer.status()}: ${(await answer.text()).slice(0, 300)}`);
				const listed = (await answer.json().catch(() => undefined))?.data;
				if (!Array.isArray(listed) || listed.length) throw new StepError(`${sent.methodName} listed ${JSON.stringify(listed)?.slice(0, 200)} without a credential`);
				const shown = await fieldText(page, field);
				if (/Error fetching options/i.test(shown)) throw new StepError(`the "${field}" field shows an error: ${shown.slice(0, 200)}`);
				await elementShot(page, await markNodePanel(page, 'the node without a credential'), shotPath(`node ${node.type.displayName} without a credential`), 'the node panel');
				return `added via "${action}"; ${sent.methodName} answered ${answer.status()} with no options; "${field}" shows no error`;
			});
		}
		await leaveNodePanel();

		// ---- Credentials: created in the UI, saved (n8n Tests on Save), reopened, Tested again.
		const created = new Map<string, { id: string; name: string }>();
		for (const credential of credentials) {
			await step(`credential ${credential.type}: created in the UI, Saved and Tested`, async () => {
				const type = credentialTypes.find((t) => t.name === credential.type);
				if (!type) throw new StepError(`n8n serves no credential type ${credential.type}`);
				await onCredentialsPage();
				await (await visible(page, tid('add-resource-credential'), 'the Create credential button')).click();
				await visible(page, tid('new-credential-type-select'), 'the credential type picker');
				await page.locator(`${tid('new-credential-type-select')} input`).fill(type.displayName);
				const option = page.locator(`${tid('new-credential-type-select-option')}:visible`).filter({ hasText: exactText(type.displayName) });
				await (await visible(page, option, `the "${type.displayName}" option in the type picker`)).click();
				await page.locator(tid('new-credential-type-button')).click();
				await visible(page, tid('credential-edit-dialog'), 'the new credential dialog');
				await fillCredential(page, type.properties, credential);
				await shotOf(page, tid('credential-edit-dialog'), shotPath(`credential ${credential.type} filled`), 'the filled credential dialog');
				const tested = page.waitForResponse((r) => r.url().endsWith('/rest/credentials/test'), { timeout: STEP_TIMEOUT }).catch(() => undefined);
				await page.locator(tid('credential-save-button')).click();
				const answer = await tested;
				await testSucceeded(page, 'after Save');
				const result = answer ? await answer.json().catch(() => undefined) : undefined;
				const name = (await page.locator(`${tid('credential-name')} ${tid('inline-edit-preview')}`).first().innerText()).trim();
				const list = (await rest('GET', '/rest/credentials')) as Array<{ id: string; name: string; type: string }>;
				const saved = list.find((c) => c.type === credential.type && c.name === name);
				if (!saved) throw new StepError(`the saved credential "${name}" is not in GET /rest/credentials`);
				created.set(credential.type, { id: saved.id, name: saved.name });
				await shotOf(page, tid('credential-edit-dialog'), shotPath(`credential ${credential.type} tested`), 'the tested credential dialog');
				await closeDialog(page);
				return `"${name}" saved; Test: ${JSON.stringify(result?.data ?? result ?? 'shown as successful')}`;
			});
		}

		await step('Credentials page lists every credential (not a skeleton)', async () => {
			await goto('/home/credentials', tid('add-resource-credential'), 'the Create credential button');
			await credentialsListRendered(page, created.size);
			await page.screenshot({ path: shotPath('credentials page') });
			return `${created.size} credential cards`;
		});

		for (const credential of credentials) {
			const saved = created.get(credential.type);
			if (!saved) continue;
			await step(`credential ${credential.type}: reopened from the list, Test pressed again`, async () => {
				const type = credentialTypes.find((t) => t.name === credential.type)!;
				await onCredentialsPage();
				await credentialsListRendered(page, created.size);
				const card = page.locator(tid('resources-list-item')).filter({ hasText: saved.name });
				await (await visible(page, card, `the "${saved.name}" card`)).click();
				await visible(page, tid('credential-edit-dialog'), 'the reopened credential dialog');
				const seen: string[] = [];
				for (const property of type.properties) {
					const value = credential.data[property.name];
					if (property.type !== 'string' || typeof value !== 'string' || value === '') continue;
					const input = await visible(page, parameterInput(page, property.name), `the reopened credential's ${property.name}`);
					const shown = await input.inputValue();
					if (property.typeOptions?.password) {
						if (shown === value) throw new StepError(`the secret ${property.name} came back to the browser in clear`);
					} else if (shown !== value) {
						throw new StepError(`${property.name} shows "${shown}", not the "${value}" that was saved`);
					} else seen.push(property.name);
				}
				// Press Test (the banner's Retry button) and read what n8n answers.
				await testSucceeded(page, 'on reopening');
				const tested = page.waitForResponse((r) => r.url().endsWith('/rest/credentials/test'), { timeout: STEP_TIMEOUT }).catch(() => undefined);
				await page.locator(`${tid('credentials-config-container-test-success')} button`).first().click();
				const answer = await tested;
				if (!answer) throw new StepError('pressing Test sent no POST /rest/credentials/test');
				const result = await answer.json().catch(() => undefined);
				const status = result?.data?.status ?? result?.status;
				if (status !== 'OK') throw new StepError(`Test answered ${answer.status()} ${JSON.stringify(result)}`);
				await testSucceeded(page, 'after pressing Test');
				await closeDialog(page);
				return `${seen.join(', ')} as saved; Test ${status}`;
			});
		}

		// ---- Nodes: the node creator finds each one by every alias; every operation's panel opens.
		await goto('/home/workflows', tid('universal-add'), 'the main sidebar');
		for (const node of packNodes) {
			const { displayName } = node.type;
			const wanted = WANTED_ALIASES[node.type.name] ?? [];
			const asserted: string[] = [];
			for (const word of [displayName, ...node.alias, ...wanted]) {
				const promised = sameWord(word, displayName) || node.alias.some((a) => sameWord(a, word)) || displayName.toLowerCase().includes(word.toLowerCase());
				if (promised && !asserted.some((a) => sameWord(a, word))) asserted.push(word);
			}
			const todo = wanted.filter((w) => !asserted.some((a) => sameWord(a, w)));
			const opened = await step(`node ${displayName}: the node creator opens from the canvas "+"`, async () => {
				await openNodeCreator();
				return 'open';
			});
			if (!opened) continue;
			const search = searchBar();
			const hit = creatorHit(displayName);
			for (const word of asserted) {
				await step(`node ${displayName}: found by searching "${word}"`, async () => {
					await search.fill(word);
					await visible(page, hit, `"${displayName}" among the node creator's results for "${word}"`);
					const results = await page.locator(tid('node-creator-item-name')).allInnerTexts();
					return `${results.length} results`;
				});
			}
			for (const word of todo) {
				await search.fill(word);
				const found = await hit
					.first()
					.waitFor({ state: 'visible', timeout: 2000 })
					.then(() => true)
					.catch(() => false);
				checks.push({
					name: `node ${displayName}: found by searching "${word}"`,
					ok: found,
					todo: true,
					detail: found ? 'found, though the codex does not list it' : 'not found: not in the codex alias list yet',
				});
			}

			const resources = node.type.properties.find((p) => p.name === 'resource' && p.type === 'options');
			const added = await step(`node ${displayName}: added from the node creator`, async () => `via the action "${await addNode(node)}"`);
			if (!added) continue;
			let firstShot = true;
			const loadOptionsChecked = new Set<string>();
			for (const resource of resources?.options ?? [{ name: '', value: undefined }]) {
				const triggerOn = triggerOnOf(node.type);
				for (const operation of triggerOn?.options ?? operationsOf(node.type, resource.value)) {
					const label = `${resource.name ? `${resource.name} / ` : ''}${operation.name}`;
					await step(`node ${displayName}: ${label} panel`, async () => {
						if (resource.name) await selectOption(page, 'resource', resource.name, label);
						await selectOption(page, triggerOn?.name ?? 'operation', operation.name, label);
						await monitor.restQuiet();
						const panel = await markNodePanel(page, label);
						const path = shotPath(`node ${displayName} ${label}`);
						await elementShot(page, panel, path, `${label}: the node panel`);
						const count = await page.locator(`${tid('node-parameters')} ${tid('parameter-item')}`).count();
						const loaded: string[] = [];
						for (const property of node.type.properties) {
							if (!loadOptionsMethod(property) || loadOptionsChecked.has(property.name)) continue;
							if (!(await page.locator(tid(`parameter-input-${property.name}`)).first().isVisible())) continue;
							loadOptionsChecked.add(property.name);
							loaded.push(`${property.name}: ${(await loadedOptions(page, property.name, label)).join(', ')}`);
						}
						if (firstShot) {
							firstShot = false;
							await page.screenshot({ path: shotPath(`node ${displayName} whole editor`) });
							// The README's picture of the node: its first operation's panel.
							if (process.env.LOGPULL_EDITOR_README_SHOTS === '1') copyFileSync(path, join(README_SHOTS, `${slug(displayName)}.png`));
						}
						return `${count} parameters shown${loaded.length ? `; options loaded from the emulator: ${loaded.join('; ')}` : ''}; ${path.slice(REPO_ROOT.length + 1)}`;
					});
				}
			}
		}

		// ---- A download workflow run from the canvas, its files in the output's Binary tab.
		await step(`workflow ${DOWNLOAD_WORKFLOW}: Execute workflow, files in the Binary tab`, async () => {
			if (!/download/.test(DOWNLOAD_WORKFLOW)) throw new StepError('the workflow run from the editor must be a download workflow');
			const workflow = JSON.parse(readFileSync(join(FIXTURES_DIR, DOWNLOAD_WORKFLOW), 'utf8'));
			for (const wfNode of workflow.nodes) {
				for (const type of Object.keys(wfNode.credentials ?? {})) {
					const saved = created.get(type);
					if (!saved) throw new StepError(`no ${type} credential was created to run ${DOWNLOAD_WORKFLOW} with`);
					wfNode.credentials[type] = { id: saved.id, name: saved.name };
				}
			}
			delete workflow.id;
			const imported = await rest('POST', '/rest/workflows', workflow);
			await goto(`/workflow/${imported.id}`, tid('zoom-to-fit'), 'the canvas of the imported workflow');
			const node = page.locator(`${tid('canvas-node')}[data-node-name="${DOWNLOAD_NODE}"]`);
			// The canvas draws only the nodes inside its view, and a canvas laid out while the page is
			// still loading can open on an empty view: "Zoom to fit" shows them all, as a person would.
			const fit = await visible(page, tid('zoom-to-fit'), 'the Zoom to fit button');
			await until(`the "${DOWNLOAD_NODE}" node shows on the canvas (pressing Zoom to fit)`, async () => {
				if (await node.isVisible()) return true;
				await fit.click();
				return await node.waitFor({ state: 'visible', timeout: 1000 }).then(() => true, () => false);
			});
			await (await visible(page, tid('execute-workflow-button'), 'the Execute workflow button')).click();
			await visible(page, node.locator(tid('canvas-node-status-success')), `the success mark on "${DOWNLOAD_NODE}" after the run`, 60000);
			await page.screenshot({ path: shotPath('download workflow executed') });
			await node.dblclick();
			await visible(page, tid('output-panel'), 'the output panel of the node');
			const binaryTab = page.locator(`${tid('output-panel')} ${tid('radio-button-binary')}`);
			await (await visible(page, binaryTab, 'the Binary tab of the output')).click();
			await visible(page, `${tid('output-panel')} ${tid('ndv-binary-data_0')}`, 'the first file in the Binary tab');
			const files = page.locator(`${tid('output-panel')} [data-test-id^="ndv-binary-data_"]`);
			const count = await files.count();
			const first = await files.first().innerText();
			const fileName = /File Name:\s*(\S+)/.exec(first)?.[1];
			if (!fileName || !/\.log(\.gz)?$/.test(fileName)) throw new StepError(`the first file shows no log file name: ${first.slice(0, 200)}`);
			await elementShot(page, tid('output-panel'), shotPath('download workflow binary tab'), 'the output panel');
			return `${count} files in the Binary tab, the first ${fileName}`;
		});
	} catch (error) {
		checks.push({ name: 'the editor test', ok: false, detail: `stopped: ${error instanceof StepError ? error.message : (error as Error)?.stack ?? error}` });
	} finally {
		monitor.step = 'after the last step';
		const from = monitor.problems.length;
		await monitor.restQuiet().catch(() => undefined);
		const late = monitor.problems.slice(from);
		if (late.length) checks.push({ name: 'after the last step', ok: false, detail: late.map((p) => p.what).join('; ') });
		await browser.close();
		await server.stop();
		await all.emulator.stop();
		n8n.cleanup();
	}

	for (const c of checks) console.log(`${c.todo ? 'todo' : c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
	for (const [why, count] of monitor.noise) console.log(`note: ${count} console error(s) ignored as n8n noise: ${why}`);
	const counted = checks.filter((c) => !c.todo);
	const failed = counted.filter((c) => !c.ok).length;
	console.log(
		`editor-${version}: ${((Date.now() - started) / 1000).toFixed(0)} s in all, ${((Date.now() - serverStarted) / 1000).toFixed(0)} s in the browser; screenshots in ${shots.slice(REPO_ROOT.length + 1)}`,
	);
	console.log(`editor-${version}: ${counted.length - failed} passed, ${failed} failed`);
	process.exit(failed || !counted.length ? 1 : 0);
}

const loadOptionsMethod = (property: NodeProperty) => (property.typeOptions as { loadOptionsMethod?: string } | undefined)?.loadOptionsMethod;

/** The options of the `operation` field shown for a resource (all of them for a node without resources). */
/** A trigger's "Trigger On" field: its events, which the panel switches between like operations. */
function triggerOnOf(type: NodeType): NodeProperty | undefined {
	return type.properties.find((p) => p.displayName === 'Trigger On' && p.type === 'options');
}

function operationsOf(type: NodeType, resource: unknown): Array<{ name: string; value: unknown; action?: string }> {
	return type.properties
		.filter((p) => p.name === 'operation' && p.type === 'options')
		.filter((p) => !p.displayOptions?.show?.resource || p.displayOptions.show.resource.includes(resource))
		.flatMap((p) => p.options ?? []);
}

/** Type the demo credential into the dialog: choices first (they show or hide fields), then text, then switches. */
async function fillCredential(page: Page, properties: NodeProperty[], credential: DemoCredential): Promise<void> {
	const order = ['options', 'string', 'number', 'boolean'];
	const fields = Object.entries(credential.data).map(([key, value]) => {
		const property = properties.find((p) => p.name === key);
		if (!property) throw new StepError(`the demo credential field ${key} is not a field of ${credential.type}`);
		return { property, value };
	});
	fields.sort((a, b) => order.indexOf(a.property.type) - order.indexOf(b.property.type));
	for (const { property, value } of fields) {
		if (property.type === 'hidden' || value === undefined) continue;
		if (String(value) === String(property.default ?? '')) continue;
		const what = `credential ${credential.type} field ${property.name}`;
		if (property.type === 'options') {
			const option = property.options?.find((o) => o.value === value);
			if (!option) throw new StepError(`${what}: no option has the value ${String(value)}`);
			await selectOption(page, property.name, option.name, what);
		} else if (property.type === 'boolean') {
			await (await visible(page, `${tid(`parameter-input-${property.name}`)} .el-switch`, `${what}: its switch`)).click();
		} else {
			await visible(page, parameterInput(page, property.name), `${what}: its input`);
			await parameterInput(page, property.name).fill(String(value));
		}
	}
}

/** What a parameter field shows: its text, and its inputs' values and placeholders (n8n puts its hints in either). */
async function fieldText(page: Page, parameter: string): Promise<string> {
	const field = page.locator(tid(`parameter-input-${parameter}`)).first();
	const inputs = await field.locator('input, textarea').evaluateAll((all) => all.map((i: any) => `${String(i.value ?? '')} ${String(i.placeholder ?? '')}`));
	return `${await field.innerText()} ${inputs.join(' ')}`;
}

/**
 * Open a load-options dropdown, read what the pack's method listed (at least one option), close it
 * unchanged. n8n 2.41 can leave "Error fetching options" on a node added while its auto-selected
 * credential was being set: its first, credential-less load was still running when the credential
 * landed, and n8n skips the reload it would start then. That field is refreshed once with n8n's own
 * "Refresh List", as a person would; an error after that fails.
 */
async function loadedOptions(page: Page, parameter: string, what: string): Promise<string[]> {
	const field = page.locator(tid(`parameter-input-${parameter}`)).first();
	const notes: string[] = [];
	// n8n 2.41 asks for the options once before the credential it auto-selects is set (the pack
	// answers that request with an empty list, or n8n 1.x shows its own error) and may skip the
	// reload once the credential lands: n8n's own Refresh List, pressed once, must then list them.
	const refresh = async (why: string) => {
		const container = page.locator(tid(`${parameter}-parameter-input-options-container`)).first();
		await container.hover();
		await (await visible(page, container.locator(tid('action-toggle')), `${what}: the "${parameter}" field's actions menu`)).click();
		const reloaded = page.waitForResponse(
			(r) => r.url().endsWith('/rest/dynamic-node-parameters/options') && (r.request().postData() ?? '').includes(`"parameters.${parameter}"`),
			{ timeout: STEP_TIMEOUT },
		).catch(() => undefined);
		await (await visible(page, `${tid('action-refreshOptions')}:visible`, `${what}: "Refresh List" in the "${parameter}" field's menu`)).click();
		const answer = await reloaded;
		if (!answer) throw new StepError(`${what}: "Refresh List" sent no load-options call for "${parameter}"`);
		if (answer.status() !== 200) throw new StepError(`${what}: "Refresh List" of "${parameter}" answered ${answer.status()}: ${(await answer.text()).slice(0, 300)}`);
		await until(`${what}: "${parameter}" loaded after Refresh List`, async () => !/Error fetching options|Loading options/.test(await fieldText(page, parameter)));
		notes.push(`(refreshed once: ${why}; n8n had skipped the reload after setting the credential)`);
	};
	if (/Error fetching options/.test(await fieldText(page, parameter))) await refresh('the field showed an error');
	// Single choices are data-test-id="parameter-input-item"; a multi-choice list's options have no
	// test id, only the dropdown library's own class (element-plus, in 1.x and 2.x alike).
	const items = page.locator('.el-select-dropdown__item:visible');
	const empty = page.locator('.el-select-dropdown__empty:visible');
	await field.click();
	await visible(page, items.or(empty), `${what}: the "${parameter}" dropdown`).catch(() => undefined);
	if (!notes.length && !(await items.first().isVisible()) && (await empty.first().isVisible())) {
		await field.click();
		await refresh('the list was empty');
		await field.click();
	}
	try {
		await visible(page, items, `${what}: an option in the "${parameter}" dropdown (listed by the pack from the emulator)`);
	} catch (error) {
		const shown = (await fieldText(page, parameter)).replace(/\s+/g, ' ').trim();
		const said = await empty.allInnerTexts();
		throw new StepError(`${(error as Error).message}; the field shows "${shown}"${said.length ? `, the dropdown "${said.join(' ')}"` : ''} ${notes.join(' ')}`);
	}
	const names = (await items.locator('.option-headline').allInnerTexts()).map((t) => t.trim());
	// A second click on the field closes its dropdown without choosing anything.
	await field.click();
	await hidden(page, '.el-select-dropdown__item:visible', `${what}: the "${parameter}" dropdown after clicking its field again`, 5000);
	return names.slice(0, 3).concat(names.length > 3 ? [`… ${names.length} in all`] : [], notes);
}

async function testSucceeded(page: Page, when: string): Promise<void> {
	const success = page.locator(tid('credentials-config-container-test-success'));
	try {
		await success.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
	} catch {
		const text = await page.locator(tid('credential-edit-dialog')).innerText().catch(() => '');
		throw new StepError(`no "Connection tested successfully" ${when} within ${STEP_TIMEOUT / 1000} s; the dialog says: ${text.replace(/\s+/g, ' ').slice(0, 400)}`);
	}
	const text = await success.innerText();
	if (!/Connection tested successfully/i.test(text)) throw new StepError(`the test banner ${when} says "${text}"`);
}

async function closeDialog(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await hidden(page, tid('credential-edit-dialog'), 'the credential dialog after Escape');
}

async function credentialsListRendered(page: Page, expected: number): Promise<void> {
	await until(`the Credentials page shows ${expected} credential cards`, async () => (await page.locator(tid('resources-list-item')).count()) === expected);
	const skeletons = await page.locator('.el-skeleton:visible, [class*="skeleton"]:visible').count();
	if (skeletons) throw new StepError(`the Credentials page still shows ${skeletons} loading skeleton(s) next to its cards`);
}

async function shotOf(page: Page, selector: string, path: string, what: string): Promise<void> {
	mkdirSync(dirname(path), { recursive: true });
	await elementShot(page, selector, path, what);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
