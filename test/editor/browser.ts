/**
 * Debian's Chromium driven by playwright-core, and what the page reports while the editor test
 * runs: every REST 5xx and every console error, each sorted as known n8n noise (with the reason
 * it is not the pack's doing) or as a problem that fails the test.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { BrowserContext, ConsoleMessage, Page, Response } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Without the background-networking flags Chromium keeps calling Google services on a closed network. */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export interface Problem {
	step: string;
	what: string;
}

interface Noise {
	why: string;
	matches: (text: string, url: string) => boolean;
}

const isLoopback = (url: string) => /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//.test(url);
const restPath = (url: string) => (isLoopback(url) ? new URL(url).pathname : '');

/**
 * Console errors that n8n itself prints on this machine, whatever nodes are installed. Each one is
 * matched narrowly (message and the URL it is about), so an error of the same kind from the pack's
 * own requests (its icons, its REST calls) still fails the test.
 */
export const KNOWN_N8N_NOISE: Noise[] = [
	{
		why: 'n8n calls internet hosts (api.n8n.io for banners and templates, registry.npmjs.org for the community-node info tab); this machine has no internet, so they fail to resolve or meet the sandbox proxy certificate',
		matches: (text, url) => /^Failed to load resource: net::ERR_/.test(text) && url !== '' && !isLoopback(url),
	},
	{
		why: "the editor's own log line for that failed banner fetch (api.n8n.io)",
		matches: (text) => /^Failed to fetch dynamic banners/.test(text),
	},
	{
		why: "the browser's own line for a REST answer of 5xx: each one is checked (and counted) from the response itself",
		matches: (text, url) => /status of 5\d\d/.test(text) && restPath(url).startsWith('/rest/'),
	},
	{
		why: 'before signing in, the editor asks GET /rest/login whether a session exists; 401 means "no"',
		matches: (text, url) => /status of 401/.test(text) && restPath(url) === '/rest/login',
	},
	{
		why: 'external secrets are an enterprise feature; community n8n answers GET /rest/external-secrets/* with 404',
		matches: (text, url) => /status of 404/.test(text) && restPath(url).startsWith('/rest/external-secrets/'),
	},
	{
		why: "the AI assistant's sessions are a licensed feature; community n8n answers /rest/ai/* with 403 and the editor logs it",
		matches: (text, url) =>
			(/status of 403/.test(text) && restPath(url).startsWith('/rest/ai/')) || /^Failed to fetch sessions metadata: .*Plan lacks license/.test(text),
	},
	{
		why: "opening a saved workflow, n8n asks for its last successful execution to offer that data; a workflow never run answers 404",
		matches: (text, url) => /status of 404/.test(text) && /^\/rest\/workflows\/[^/]+\/executions\/last-successful$/.test(restPath(url)),
	},
	{
		why: "to preview a previous node's output before it ran, n8n asks for the node's optional output schema file (GET /schemas/<node type>/<version>[/<resource>/<operation>].json, from a __schema__ folder that only some of n8n's own nodes ship); a node without one, the Manual Trigger and this pack's nodes among them, answers 404",
		matches: (text, url) => /status of 404/.test(text) && /^\/schemas\/[\w.-]+\/[\d.]+(\/[\w-]+\/[\w-]+)?\.json$/.test(restPath(url)),
	},
];

/**
 * Uncaught exceptions in n8n's own editor code that the test's setup provokes, whatever nodes are
 * installed. Matched on the message and on the n8n module and function at the top of the stack.
 */
export const KNOWN_N8N_PAGE_ERRORS: Array<{ why: string; matches: (error: Error) => boolean }> = [
	{
		why: "n8n 1.123's version check reads settings.versionNotifications.enabled, which n8n leaves out when N8N_VERSION_NOTIFICATIONS_ENABLED=false (set by prepareN8n so n8n does not call api.n8n.io)",
		matches: (error) =>
			/reading 'enabled'/.test(error.message) && /^\s*at \S*checkForNewVersions \(\S*\/assets\/versions\.store-[\w-]+\.js:/m.test(error.stack ?? ''),
	},
];

export class Monitor {
	step = 'start';
	readonly problems: Problem[] = [];
	readonly noise = new Map<string, number>();
	private readonly inflight = new Map<object, string>();
	private lastSettle = Date.now();

	constructor(private readonly origin: string) {}

	attach(page: Page): void {
		page.on('console', (message) => this.onConsole(message));
		page.on('pageerror', (error) => {
			const noise = KNOWN_N8N_PAGE_ERRORS.find((n) => n.matches(error));
			if (noise) this.noise.set(noise.why, (this.noise.get(noise.why) ?? 0) + 1);
			else this.problems.push({ step: this.step, what: `uncaught exception in the page: ${error.stack ?? error.message}` });
		});
		page.on('response', (response) => void this.onResponse(response));
		page.on('request', (request) => {
			if (request.url().startsWith(`${this.origin}/rest/`)) this.inflight.set(request, `${request.method()} ${restPath(request.url())}`);
		});
		const done = (request: object) => {
			if (this.inflight.delete(request)) this.lastSettle = Date.now();
		};
		page.on('requestfinished', done);
		page.on('requestfailed', done);
		// A modal asking to leave unsaved work: the test navigates on purpose.
		page.on('dialog', (dialog) => void dialog.accept().catch(() => undefined));
	}

	/** Until no REST call has been pending for `quietMs` (load-options calls, saves), at most `timeoutMs`. */
	async restQuiet(quietMs = 300, timeoutMs = 20000): Promise<void> {
		const until = Date.now() + timeoutMs;
		while (Date.now() < until) {
			if (this.inflight.size === 0 && Date.now() - this.lastSettle >= quietMs) return;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		throw new Error(`REST calls still pending after ${timeoutMs / 1000} s: ${[...this.inflight.values()].join(', ')}`);
	}

	private onConsole(message: ConsoleMessage): void {
		if (message.type() !== 'error') return;
		const text = message.text();
		const url = message.location()?.url ?? '';
		const noise = KNOWN_N8N_NOISE.find((n) => n.matches(text, url));
		if (noise) {
			this.noise.set(noise.why, (this.noise.get(noise.why) ?? 0) + 1);
			return;
		}
		this.problems.push({ step: this.step, what: `console error: ${text.slice(0, 600)}${url ? ` (${url})` : ''}` });
	}

	private async onResponse(response: Response): Promise<void> {
		if (!response.url().startsWith(`${this.origin}/rest/`)) return;
		const request = response.request();
		if (response.status() < 500) return;
		let body = '';
		try {
			body = await response.text();
		} catch {
			// the page went away before the body was read
		}
		this.problems.push({
			step: this.step,
			what: `HTTP ${response.status()} from ${request.method()} ${restPath(response.url())}: ${body.slice(0, 400)} (request: ${(request.postData() ?? '').slice(0, 300)})`,
		});
	}
}

export interface Browser {
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
	// playwright-core drives an installed browser; it never downloads one.
	const { chromium } = require('playwright-core') as typeof import('playwright-core');
	const userDataDir = mkdtempSync(join(tmpdir(), 'logpull-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1440, height: 960 },
		acceptDownloads: false,
	});
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		close: async () => {
			await context.close().catch(() => undefined);
			rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}
