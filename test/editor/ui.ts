/** Small, explicit steps on n8n's editor (1.123 and 2.41): every wait is bounded and names what it waited for. */
import type { Locator, Page } from 'playwright-core';

export const STEP_TIMEOUT = 20000;

/** A step could not find or reach what it needed; the message says what and where. */
export class StepError extends Error {}

export const tid = (id: string) => `[data-test-id="${id}"]`;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const exactText = (s: string) => new RegExp(`^\\s*${escapeRegex(s)}\\s*$`);

export async function visible(page: Page, selector: string | Locator, what: string, timeout = STEP_TIMEOUT): Promise<Locator> {
	const locator = typeof selector === 'string' ? page.locator(selector).first() : selector.first();
	try {
		await locator.waitFor({ state: 'visible', timeout });
	} catch {
		throw new StepError(`${what}: not visible within ${timeout / 1000} s (${typeof selector === 'string' ? selector : String(selector)})`);
	}
	return locator;
}

export async function hidden(page: Page, selector: string, what: string, timeout = STEP_TIMEOUT): Promise<void> {
	try {
		await page.locator(selector).first().waitFor({ state: 'hidden', timeout });
	} catch {
		throw new StepError(`${what}: still shown after ${timeout / 1000} s (${selector})`);
	}
}

/** Poll until `check` holds, or fail naming `what`. */
export async function until(what: string, check: () => Promise<boolean>, timeout = STEP_TIMEOUT): Promise<void> {
	const end = Date.now() + timeout;
	for (;;) {
		if (await check().catch(() => false)) return;
		if (Date.now() > end) throw new StepError(`${what}: not so within ${timeout / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** The text input of a parameter (node or credential), by its name. */
export const parameterInput = (page: Page, name: string) => page.locator(`${tid(`parameter-input-${name}`)} input, ${tid(`parameter-input-${name}`)} textarea`).first();

/** Pick an option of an `options` parameter in its dropdown, by the option's name, and check it took. */
export async function selectOption(page: Page, parameter: string, optionName: string, what: string): Promise<void> {
	const field = await visible(page, tid(`parameter-input-${parameter}`), `${what}: the "${parameter}" field`);
	if ((await parameterInput(page, parameter).inputValue().catch(() => '')) === optionName) return;
	await field.click();
	const item = page
		.locator(`${tid('parameter-input-item')}:visible`)
		.filter({ has: page.locator('.option-headline', { hasText: exactText(optionName) }) });
	await (await visible(page, item, `${what}: option "${optionName}" in the "${parameter}" dropdown`)).click();
	await until(`${what}: "${parameter}" shows "${optionName}"`, async () => (await parameterInput(page, parameter).inputValue()) === optionName);
}

/** A screenshot clipped to one element (with a margin), for the README and the CI artifacts. */
export async function elementShot(page: Page, selector: string | Locator, path: string, what: string): Promise<void> {
	const element = await visible(page, selector, what);
	const box = await element.boundingBox();
	if (!box) throw new StepError(`${what}: no box to photograph`);
	const viewport = page.viewportSize() ?? { width: 1440, height: 960 };
	const x = Math.max(0, box.x - 4);
	const y = Math.max(0, box.y - 4);
	await page.screenshot({
		path,
		clip: { x, y, width: Math.min(viewport.width - x, box.width + 8), height: Math.min(viewport.height - y, box.height + 8) },
	});
}

/**
 * The node details view's middle column: the parameters and their tabs (in 1.x also the node's
 * title). Marked with a data attribute so a screenshot can be clipped to it.
 */
export async function markNodePanel(page: Page, what: string): Promise<Locator> {
	await visible(page, tid('node-parameters'), `${what}: the node's parameters`);
	const found = await page.evaluate(() => {
		const doc = (globalThis as any).document;
		doc.querySelectorAll('[data-logpull-panel]').forEach((e: any) => e.removeAttribute('data-logpull-panel'));
		const parameters = doc.querySelector('[data-test-id="node-parameters"]');
		const tabs = doc.querySelector('[data-test-id="tab-params"]');
		let panel = parameters;
		while (panel && tabs && !panel.contains(tabs)) panel = panel.parentElement;
		if (!panel) return false;
		panel.setAttribute('data-logpull-panel', '1');
		return true;
	});
	if (!found) throw new StepError(`${what}: the node panel around the parameters and their tabs was not found`);
	return page.locator('[data-logpull-panel]');
}
