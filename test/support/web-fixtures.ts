import { existsSync, mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { findWebRoot } from '../../apps/api/src/web-portal/web-portal.module';
import { startTestStack, TestStack } from './test-app';
import { TEST_PASSWORD } from './fixtures';

export const SCREENSHOT_DIR = resolve(__dirname, '../../test-output/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function browserAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export interface WebStack {
  stack: TestStack;
  baseUrl: string;
  browser: Browser;
  /** Every page opened through `newUserPage`, so a test can check them all for uncaught errors. */
  pages: Page[];
  close(): Promise<void>;
}

/** The real api + worker listening on a free port, serving the built SPA, plus Debian's Chromium. */
export async function startWebStack(): Promise<WebStack> {
  if (!findWebRoot()) throw new Error('dist/web is missing: run `npm run build:web` before the browser tests');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`);
  const stack = await startTestStack({ worker: true });
  await stack.app.listen(0, '127.0.0.1');
  const { port } = stack.app.getHttpServer().address() as AddressInfo;
  // Playwright gives every launch a fresh temporary profile, and every context its own storage.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    stack,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    pages: [],
    close: async () => {
      await browser.close();
      await stack.close();
    },
  };
}

/** A fresh browser profile (own localStorage, so own login) in zh-CN at a desktop size. */
export async function newUserPage(web: WebStack): Promise<Page> {
  const context = await web.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 }, baseURL: web.baseUrl });
  // Generous: in CI these run beside other e2e files on two cores, and a slow step is not a failed one.
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(45_000);
  const page = await context.newPage();
  web.pages.push(page);
  const errors: string[] = [];
  pageErrorLog.set(page, errors);
  page.on('pageerror', (err) => errors.push(err.message));
  return page;
}

const pageErrorLog = new WeakMap<Page, string[]>();

/** Uncaught errors in the page so far (a test asserts none, instead of a silent blank screen). */
export function pageErrors(page: Page): string[] {
  return pageErrorLog.get(page) ?? [];
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** A fresh browser profile logged in as `account`. */
export async function openAs(web: WebStack, account: { email: string }): Promise<Page> {
  const page = await newUserPage(web);
  await loginAs(page, account.email);
  return page;
}

export async function loginAs(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.locator('form').getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The antd Form.Item whose label is exactly `label`. */
export function formItem(scope: Page | Locator, label: string): Locator {
  return scope.locator('.ant-form-item').filter({ has: scope.locator(`label:text-is("${label}")`) });
}

export async function pickOption(page: Page, label: string, option: string, scope: Page | Locator = page): Promise<void> {
  await chooseOption(page, formItem(scope, label), option);
}

/**
 * Picks an option of the antd Select inside `field`. Under load a click can land while the dropdown is still
 * animating open and be swallowed, or the field can show the choice only a moment later, so it waits for the
 * field to show the option and tries again. It never clicks an option already selected: in a multiple-choice
 * select that click would deselect it. `search` types the option first, which long (virtualized) lists need
 * for it to be rendered at all.
 */
export async function chooseOption(page: Page, field: Locator, option: string, { search = false } = {}): Promise<void> {
  const item = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).first();
  const shows = async (waitMs: number): Promise<boolean> => {
    const deadline = Date.now() + waitMs;
    for (;;) {
      if ((await field.innerText().catch(() => '')).includes(option)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  for (let attempt = 1; ; attempt++) {
    if (await shows(0)) return;
    if (!(await item.isVisible())) {
      await field.locator('.ant-select').first().click();
      if (search) await page.keyboard.type(option);
    }
    const selected = ((await item.getAttribute('class', { timeout: 3_000 }).catch(() => '')) ?? '').includes('ant-select-item-option-selected');
    if (!selected) await item.click({ timeout: 3_000 }).catch(() => undefined);
    const shown = await shows(1_500);
    // Multiple-choice selects stay open; Escape only while one is open, since inside a dialog it would close the dialog.
    if (await page.locator('.ant-select-dropdown:visible').count()) await page.keyboard.press('Escape');
    if (shown) return;
    if (attempt >= 5) return expectText(field, option);
  }
}

export async function pickRegion(page: Page, label: string, path: string[], scope: Page | Locator = page): Promise<void> {
  await formItem(scope, label).locator('.ant-cascader').click();
  for (const name of path) await page.locator(`.ant-cascader-dropdown:visible .ant-cascader-menu-item[title="${name}"]`).click();
  await page.keyboard.press('Escape');
}

export async function eventuallyVisible(page: Page, locator: Locator, reload: () => Promise<unknown>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Give each load a few seconds to render before reloading again (a reload storm never settles).
    if (await locator.first().waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false)) return;
    if (Date.now() > deadline) {
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'failure-last.png'), fullPage: true }).catch(() => undefined);
      throw new Error(`not visible after ${timeoutMs} ms: ${String(locator)} (see test-output/screenshots/failure-last.png)`);
    }
    await reload();
  }
}

/** Waits until `locator` contains `text` (15 s), leaving a failure screenshot otherwise. */
/**
 * Clicks a button of the open dialog until the dialog closes. A click that lands while antd is still
 * animating the dialog open can be lost; clicking again is safe where the dialog shows a pending submit
 * (confirmLoading), which ignores further clicks.
 */
export async function confirmDialog(page: Page, name: string | RegExp, timeoutMs = 20_000): Promise<void> {
  const dialogs = page.locator('.ant-modal:visible');
  await dialogs.first().waitFor({ state: 'visible', timeout: timeoutMs });
  // The topmost dialog is the last one rendered; done when one fewer dialog is open.
  const open = await dialogs.count();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const button = dialogs.last().getByRole('button', { name });
    const loading = ((await button.getAttribute('class', { timeout: 1000 }).catch(() => null)) ?? '').includes('ant-btn-loading');
    if (!loading) await button.click({ timeout: 2000 }).catch(() => undefined);
    for (const until = Date.now() + 2000; Date.now() < until; ) {
      if ((await dialogs.count()) < open) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (Date.now() > deadline) {
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'failure-last.png'), fullPage: true }).catch(() => undefined);
      throw new Error(`the dialog did not close after clicking ${String(name)} (see test-output/screenshots/failure-last.png)`);
    }
  }
}

export async function expectText(locator: Locator, text: string | RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const content = (await locator.first().innerText().catch(() => '')) ?? '';
    if (typeof text === 'string' ? content.includes(text) : text.test(content)) return;
    if (Date.now() > deadline) {
      await locator.page().screenshot({ path: join(SCREENSHOT_DIR, 'failure-last.png'), fullPage: true }).catch(() => undefined);
      throw new Error(`expected ${String(text)} in ${String(locator)}, got: ${content.slice(0, 400)} (see test-output/screenshots/failure-last.png)`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Progress lines for debugging a hung browser run: WEB_TEST_DEBUG=1. */
export function webStep(text: string): void {
  if (process.env.WEB_TEST_DEBUG) process.stderr.write(`[web] ${new Date().toISOString()} ${text}\n`);
}

/** Clicks `trigger` and returns the downloaded file's suggested name and text content. */
export async function downloadText(page: Page, trigger: () => Promise<unknown>): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const stream = await dl.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return { name: dl.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}
