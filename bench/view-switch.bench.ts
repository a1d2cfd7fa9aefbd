/// <reference lib="dom" />
// The page function in frameShown runs in the browser.
// Switching back to the chat view from another view, against the same switch to a trivial webview view, in a real
// workbench (code-server and Debian's Chromium; build first: node esbuild.mjs).
//
//   node dist/bench/view-switch.bench.js            20 switches to each view
//   node dist/bench/view-switch.bench.js --runs 40
//
// Each switch starts from the Explorer, with the view hidden; it is timed from the click on the view's activity bar
// entry until its content shows: the element the view's page ends with (the chat's composer, the trivial page's
// heading) is visible in its frame, and the workbench shows that frame. A webview that is not kept alive while
// hidden loads its page again on each switch; the trivial view is measured both ways. Switches are interleaved, so
// a busy machine slows all three alike. Prints a markdown table; asserts nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Frame, Page } from 'playwright-core';
import { FAKE_API_KEY, startFakeOpenRouter } from '../test/fixtures/fake-openrouter';
// The harness modules are plain JavaScript shared with the test runners.
import { launchChromium } from '../test/harness/chromium.mjs';
import { startCodeServer } from '../test/harness/code-server.mjs';
import { median, percentile } from './stats';

const extRoot = path.resolve(__dirname, '../..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 20) : 20;

interface Target {
  name: string;
  /** The activity bar entry's accessible name starts with this. */
  entry: string;
  /** What the view's page shows last: once visible, the content is there. */
  content: string;
}

const TARGETS: Target[] = [
  { name: 'the chat view (kept alive while hidden)', entry: 'OpenRouter', content: 'textarea[aria-label="Message OpenRouter"]' },
  { name: 'a trivial webview view, kept alive while hidden', entry: 'Retained Trivial Webview', content: '[id="retainedTrivialWebview.view"]' },
  { name: 'a trivial webview view, loaded again when shown (the default)', entry: 'Trivial Webview', content: '[id="trivialWebview.view"]' },
];

/** Whether `frame`'s iframe, and every iframe around it, is shown by the page that holds it. */
async function frameShown(frame: Frame): Promise<boolean> {
  for (let current: Frame | null = frame; current?.parentFrame(); current = current.parentFrame()) {
    const element = await current.frameElement();
    const shown = await element.evaluate((node) => {
      const iframe = node as Element;
      const box = iframe.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && iframe.checkVisibility({ visibilityProperty: true, opacityProperty: true });
    });
    if (!shown) return false;
  }
  return true;
}

/** Whether some webview frame shows `selector` to the person looking at the workbench. */
async function contentShown(page: Page, selector: string): Promise<boolean> {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const found = await frame.$(selector).catch(() => null);
    if (found && (await found.isVisible().catch(() => false)) && (await frameShown(frame).catch(() => false))) return true;
  }
  return false;
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 30000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out: ${what}`);
  }
}

function activityEntry(page: Page, label: string) {
  return page.locator('.activitybar li.action-item').filter({ has: page.locator(`[aria-label^="${label}"]`) }).first();
}

/** The centre of an activity bar entry: clicking there with the mouse is quicker than a locator's checks. */
async function centreOf(page: Page, label: string): Promise<{ x: number; y: number }> {
  const box = await activityEntry(page, label).boundingBox();
  if (!box) throw new Error(`no activity bar entry ${label}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function setKey(page: Page): Promise<void> {
  await activityEntry(page, 'OpenRouter').click();
  await page.locator('.welcome-view-content').getByRole('button', { name: 'Set API Key' }).click();
  await page.locator('.quick-input-widget input[type="password"]').fill(FAKE_API_KEY);
  await page.keyboard.press('Enter');
  const confirm = page.locator('.notification-toast').filter({ hasText: /Send your OpenRouter API key to/ }).first();
  await confirm.locator('.monaco-button', { hasText: /^Send Key to/ }).click();
  await waitFor(() => contentShown(page, TARGETS[0]!.content), 'the chat view after the key was set');
}

async function main(): Promise<void> {
  const fake = await startFakeOpenRouter();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'openrouter-bench-workspace-'));
  // The workbench loads one development extension (this one); the trivial views come installed, as a folder in
  // the extensions folder, which code-server takes in when it first starts.
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openrouter-bench-code-server-'));
  fs.cpSync(path.join(extRoot, 'bench/trivial-webview'), path.join(stateDir, 'extensions/openrouter-chat-bench.trivial-webview-0.0.1'), { recursive: true });
  const server = await startCodeServer({
    extRoot, workspace, stateDir,
    userSettings: { 'openrouter.baseUrl': fake.baseUrl, 'git.openRepositoryInParentFolders': 'never' },
  });
  const browser = await launchChromium(extRoot);
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.url());
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await setKey(page);
    const explorer = await centreOf(page, 'Explorer');
    const entries = await Promise.all(TARGETS.map((target) => centreOf(page, target.entry)));
    const times: number[][] = TARGETS.map(() => []);
    const checks: number[] = [];
    // One switch to each view first, unmeasured: a view's first showing creates it.
    for (let run = -1; run < RUNS; run++) {
      for (const [i, target] of TARGETS.entries()) {
        await page.mouse.click(explorer.x, explorer.y);
        await waitFor(async () => !(await contentShown(page, target.content)), `${target.name} hidden`);
        const entry = entries[i]!;
        const started = performance.now();
        await page.mouse.click(entry.x, entry.y);
        await waitFor(() => contentShown(page, target.content), `${target.name} shown`);
        const elapsed = performance.now() - started;
        if (run >= 0) times[i]!.push(elapsed);
      }
    }
    // What one check costs: the figures above can be that much late.
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await contentShown(page, TARGETS[0]!.content);
      checks.push(performance.now() - started);
    }
    console.log(`Switching back from the Explorer until the view's content shows, ms (${RUNS} switches to each, interleaved):\n`);
    console.log('| view | median | p90 | min | max |');
    console.log('|---|---:|---:|---:|---:|');
    for (const [i, target] of TARGETS.entries()) {
      const values = times[i]!;
      const cells = [median(values), percentile(values, 0.9), Math.min(...values), Math.max(...values)].map((ms) => ms.toFixed(0));
      console.log(`| ${target.name} | ${cells.join(' | ')} |`);
    }
    console.log(`\nOne check for the content takes ${median(checks).toFixed(0)} ms (median), so each figure can be up to that much late.`);
  } finally {
    await browser.close();
    await server.stop();
    await fake.close();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
