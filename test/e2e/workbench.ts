// One workbench for the whole e2e run: the fake OpenRouter, code-server with this extension loaded from source
// (pointed at the fake by a user setting), and Debian's Chromium showing it. Each e2e file is its own bundle, so
// the running workbench is shared through a global and stopped by a root hook.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { FAKE_API_KEY, startFakeOpenRouter, type FakeOpenRouter } from '../fixtures/fake-openrouter';
// The harness is plain JavaScript shared with the other runners.
import { launchChromium } from '../harness/chromium.mjs';
import { startCodeServer } from '../harness/code-server.mjs';
import { makeWorkspace } from '../harness/fake.mjs';

export const extRoot = path.resolve(__dirname, '../../..');
export const artifacts = path.join(extRoot, 'test-artifacts/e2e');
export { FAKE_API_KEY };

export interface Workbench {
  page: Page;
  fake: FakeOpenRouter;
  /** code-server's user data folder: settings.json, logs. */
  userData: string;
  workspace: string;
  stop(): Promise<void>;
}

const SHARED = Symbol.for('openrouter-chat.e2e.workbench');
type Shared = { [SHARED]?: Promise<Workbench> };

async function open(): Promise<Workbench> {
  fs.mkdirSync(artifacts, { recursive: true });
  const fake = await startFakeOpenRouter();
  const { workspace, remove } = makeWorkspace(fake);
  const server = await startCodeServer({
    extRoot, workspace,
    userSettings: { 'openrouter.baseUrl': fake.baseUrl, 'workbench.colorTheme': 'Default Dark Modern' },
  });
  const browser = await launchChromium(extRoot);
  // The workbench's clipboard is the browser's: let tests read what Copy put there, as a paste would.
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url()).origin });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(server.url());
  await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
  return {
    page, fake, workspace,
    userData: server.userData,
    async stop() {
      await browser.close();
      await server.stop();
      await fake.close();
      remove();
    },
  };
}

/** The shared workbench, started by the first file that asks. */
export function workbench(): Promise<Workbench> {
  const shared = globalThis as Shared;
  if (!shared[SHARED]) {
    shared[SHARED] = open();
    // Registered once, at the root: runs after every e2e file.
    after(async () => (await shared[SHARED])?.stop());
    afterEach(async function () {
      const test = this.currentTest;
      if (test?.state !== 'failed') return;
      const wb = await shared[SHARED];
      if (wb) await screenshot(wb.page, `failed-${test.title.replace(/[^\w]+/g, '-').slice(0, 60)}`).catch(() => undefined);
    });
  }
  return shared[SHARED];
}

/** Runs a command through the command palette, as a user would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  // A webview can take the focus back while the palette is open (a panel refocusing its composer as an answer
  // ends), and the palette closes on blur. Nothing has run until a row is picked, so opening it again is safe.
  for (let attempt = 1; ; attempt++) {
    const picked = await pickCommand(page, title).then(() => undefined, (error: unknown) => error);
    if (picked === undefined) return;
    if (attempt === 3) throw picked;
    await page.keyboard.press('Escape');
  }
}

async function pickCommand(page: Page, title: string): Promise<void> {
  // A focused webview (the chat panel, the usage dashboard) keeps key presses in its own frame, where F1 may never
  // reach the workbench: take focus back to the workbench's document first.
  await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { blur?: () => void } | null } }).document.activeElement?.blur?.());
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input').first();
  try {
    await input.waitFor({ timeout: 5000 });
  } catch {
    // Focus can still sit in a webview's frame, which swallows F1. The title bar's command center opens the same
    // quick input with a click; ">" below turns it into the command palette.
    await page.locator('.command-center-center').first().click({ timeout: 5000 });
    await input.waitFor({ timeout: 5000 });
  }
  await input.fill(`>${title}`, { timeout: 5000 });
  // The best match is not always first (recently used commands rank higher), so pick the row by its title.
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.getByText(title, { exact: true }) }).first();
  const clicked = await row.click({ timeout: 10000 }).then(() => true, () => false);
  if (clicked) return;
  // The row can be there yet never count as visible to a click (the list still laying out after a webview held
  // the focus). When it is the list's focused row, Enter runs it just the same.
  assert.match((await row.getAttribute('class', { timeout: 5000 })) ?? '', /\bfocused\b/, `the command "${title}" could not be picked`);
  await input.press('Enter', { timeout: 5000 });
}

/**
 * Closes every editor, dropping unsaved changes. An untitled editor closed with Don't Save can still come back with
 * the next reload (its backup outlives it), and would otherwise stop Close All behind "Do you want to save".
 */
export async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  const dontSave = page.locator('.monaco-dialog-box').getByRole('button', { name: "Don't Save" });
  const tabsGone = (): Promise<void> => page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 15000 });
  // Either every editor closes, or the question about unsaved ones comes first.
  const asked = await Promise.race([
    dontSave.waitFor({ timeout: 15000 }).then(() => true, () => false),
    tabsGone().then(() => false, () => false),
  ]);
  if (asked) await dontSave.click();
  await tabsGone();
}

/** Shows the OpenRouter sidebar; clicking the entry of an already open sidebar would close it. */
export async function openSidebar(page: Page): Promise<void> {
  const item = page.locator('.activitybar li.action-item').filter({ has: page.locator('[aria-label^="OpenRouter"]') }).first();
  await item.waitFor();
  if (!((await item.getAttribute('class')) ?? '').includes('checked')) await item.click();
}

/** Sets the fake's key through the palette unless the sidebar shows the chat already (so files can run alone). */
export async function ensureKeySet(wb: Workbench): Promise<void> {
  await openSidebar(wb.page);
  const setKey = wb.page.locator('.welcome-view-content').getByRole('button', { name: 'Set API Key' });
  const chat = wb.page.locator('iframe.webview.ready');
  await setKey.or(chat).first().waitFor({ timeout: 30000 });
  if (!(await setKey.isVisible())) return;
  // Right after a reload the welcome view shows until the extension has read the stored key.
  if (await chat.waitFor({ timeout: 5000 }).then(() => true, () => false)) return;
  await setKey.click();
  await wb.page.locator('.quick-input-widget input[type="password"]').fill(FAKE_API_KEY);
  await wb.page.keyboard.press('Enter');
  const confirm = notification(wb.page, /Send your OpenRouter API key to/);
  await confirm.or(chat).first().waitFor({ timeout: 20000 });
  if (await confirm.isVisible()) await confirm.locator('.monaco-button', { hasText: /^Send Key to/ }).click();
  await chat.waitFor({ timeout: 30000 });
}

/** A notification toast that contains `text`. */
export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notification-toast').filter({ hasText: text }).first();
}

/** Clicks a button of the notification that contains `text`. */
export async function answerNotification(page: Page, text: string | RegExp, button: string | RegExp): Promise<void> {
  const toast = notification(page, text);
  await toast.waitFor({ timeout: 20000 });
  await toast.locator('.monaco-button', { hasText: button }).first().click();
}

export async function dismissNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
}

/** Visible text of an editor or panel; Monaco renders spaces as no-break spaces. */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\u00a0/g, ' ');
}

/** The status bar item with this session's spend. */
export function spendItem(page: Page): Locator {
  return page.locator('.statusbar-item[aria-label^="OpenRouter spend"]').first();
}

/** The session's spend as the status bar shows it, once it has read the ledger (it shows "$…" until then). */
export async function shownSessionSpend(page: Page): Promise<number> {
  const item = spendItem(page).filter({ hasText: /\$\d+\.\d+/ });
  await item.waitFor({ timeout: 30000 });
  return Number(/\$(\d+\.\d+)/.exec(await item.innerText())?.[1]);
}

/** The content frame of the OpenRouter chat view (outer webview iframe, then its active frame). */
export function chatFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** Every file under `dir`, read as text, for scanning for secrets. */
export function readTree(dir: string): { file: string; text: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .map((file) => ({ file, text: fs.readFileSync(file).toString('latin1') }));
}

export function readUserSettings(wb: Workbench): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(wb.userData, 'User/settings.json'), 'utf8')) as Record<string, unknown>;
}

export function writeUserSettings(wb: Workbench, settings: Record<string, unknown>): void {
  fs.writeFileSync(path.join(wb.userData, 'User/settings.json'), JSON.stringify(settings, null, 2));
}

/** Polls `condition` until it holds: for files the workbench writes, where nothing signals the write. */
export async function waitForFile(condition: () => boolean, what: string, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the workbench has written a user setting. */
export async function waitForSetting(wb: Workbench, name: string, value: unknown): Promise<void> {
  const current = (): unknown => {
    try {
      return readUserSettings(wb)[name];
    } catch {
      return undefined; // caught mid-write: the workbench truncates the file before writing it
    }
  };
  await waitForFile(() => JSON.stringify(current()) === JSON.stringify(value), `${name} becomes ${JSON.stringify(value)}`);
}

/** Reloads the window, so the extension starts again and reads settings changed on disk. */
export async function reloadWindow(wb: Workbench): Promise<void> {
  // Listening first: a quick reload can fire its load event before the command's click returns.
  const loaded = wb.page.waitForEvent('load', { timeout: 60000 });
  await runCommand(wb.page, 'Developer: Reload Window');
  await loaded;
  await spendItem(wb.page).waitFor({ timeout: 60000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}
