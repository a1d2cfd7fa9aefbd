/// <reference lib="dom" />
// The page functions below run in the browser.
// The send path in the real workbench (code-server and Debian's Chromium, against the fake; build first:
// node esbuild.mjs): from the click on Send until the request reaches the fake, no budget set; from the fake writing
// an answer's first token until it is in the panel's DOM; and the round trip of the first and the last ten answers
// of a 200-answer chat (activation: bench/activation.bench.ts).
//
//   node dist/bench/send-path.bench.js            20 sends
//   node dist/bench/send-path.bench.js --runs 40
//
// Both ends of each span are read from the same machine's wall clock (Date.now(), 1 ms steps). Prints a markdown
// table; asserts nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { FAKE_API_KEY, startFakeOpenRouter } from '../test/fixtures/fake-openrouter';
import { launchChromium } from '../test/harness/chromium.mjs';
import { startCodeServer } from '../test/harness/code-server.mjs';
import { median, percentile } from './stats';

const extRoot = path.resolve(__dirname, '../..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 20) : 20;
const MODEL = 'openai/gpt-4o-mini';
const COMPOSER = 'textarea[aria-label="Message OpenRouter"]';
/** Answers in the round-trip chat: the figure compares the 1st–10th with the 191st–200th. */
const ROUND_TRIPS = 200;

async function chatFrame(page: Page): Promise<Frame> {
  for (;;) {
    for (const frame of page.frames()) {
      if (frame !== page.mainFrame() && (await frame.$(COMPOSER).catch(() => null))) return frame;
    }
    await page.waitForTimeout(50);
  }
}

async function setKey(page: Page): Promise<void> {
  await page.locator('.activitybar li.action-item').filter({ has: page.locator('[aria-label^="OpenRouter"]') }).first().click();
  await page.locator('.welcome-view-content').getByRole('button', { name: 'Set API Key' }).click();
  await page.locator('.quick-input-widget input[type="password"]').fill(FAKE_API_KEY);
  await page.keyboard.press('Enter');
  const confirm = page.locator('.notification-toast').filter({ hasText: /Send your OpenRouter API key to/ }).first();
  await confirm.locator('.monaco-button', { hasText: /^Send Key to/ }).click();
}

/** One new chat of ROUND_TRIPS answers: each from the click on Send until the panel shows the answer ended. */
async function roundTrips(page: Page, frame: Frame, fake: Awaited<ReturnType<typeof startFakeOpenRouter>>): Promise<number[]> {
  fake.script(MODEL, { kind: 'answer', text: 'A short answer, **in Markdown**, with `code`.', tokensPerSecond: 2000 });
  await frame.locator('.send-button[aria-label="Send"]').waitFor({ timeout: 30000 });
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>OpenRouter: New Chat');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'New Chat' }).first().click();
  await frame.locator('.turn').first().waitFor({ state: 'detached', timeout: 30000 });
  const times: number[] = [];
  for (let answer = 0; answer < ROUND_TRIPS; answer++) {
    await frame.fill(COMPOSER, `round trip ${answer}`);
    const clickedAt = Date.now();
    await frame.click('.send-button');
    // Ended: the button says Send again, and the last answer, below this question, shows its details.
    await frame.waitForFunction((question) => {
      const users = document.querySelectorAll('.turn-user');
      const user = users[users.length - 1];
      const answers = document.querySelectorAll('.turn-assistant');
      const last = answers[answers.length - 1];
      return document.querySelector('.send-button[aria-label="Send"]') !== null && user !== undefined && last !== undefined
        && (user.textContent ?? '').includes(question) && (user.compareDocumentPosition(last) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
        && last.querySelector('.answer-footer') !== null;
    }, `round trip ${answer}`, { timeout: 30000, polling: 'raf' });
    times.push(Date.now() - clickedAt);
  }
  return times;
}

async function main(): Promise<void> {
  const fake = await startFakeOpenRouter();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'openrouter-bench-workspace-'));
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openrouter-bench-code-server-'));
  const server = await startCodeServer({
    extRoot, workspace, stateDir,
    userSettings: { 'openrouter.baseUrl': fake.baseUrl, 'openrouter.defaultModel': MODEL, 'git.openRepositoryInParentFolders': 'never' },
  });
  const browser = await launchChromium(extRoot);
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.url());
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await setKey(page);
    const frame = await chatFrame(page);
    // A first token 150 ms after the request, then the rest slowly: the panel has drawn the new empty answer by then.
    fake.script(MODEL, { kind: 'answer', text: 'Hello there, this is the answer.', firstByteDelayMs: 150, tokensPerSecond: 20 });
    const toRequest: number[] = [];
    const toDom: number[] = [];
    for (let run = -2; run < RUNS; run++) {
      const before = fake.requests.length;
      await frame.fill(COMPOSER, `question ${run}`);
      // Watch for the new answer's first text, stamped as it enters the DOM.
      await frame.evaluate(() => {
        const w = window as unknown as { __firstText?: number | undefined };
        w.__firstText = undefined;
        const known = document.querySelectorAll('.turn-assistant').length;
        const observer = new MutationObserver(() => {
          const answers = document.querySelectorAll('.turn-assistant .markdown');
          const last = answers[answers.length - 1];
          if (answers.length > known && last && (last.textContent ?? '').length > 0) {
            w.__firstText = Date.now();
            observer.disconnect();
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      const clickedAt = Date.now();
      await frame.click('.send-button');
      const request = await fake.waitForRequest((r) => fake.requests.indexOf(r) >= before && r.path.endsWith('/chat/completions'), 30000);
      await frame.waitForFunction(() => (window as unknown as { __firstText?: number }).__firstText !== undefined, undefined, { timeout: 30000 });
      const shownAt = await frame.evaluate(() => (window as unknown as { __firstText: number }).__firstText);
      await frame.locator('.send-button[aria-label="Send"]').waitFor({ timeout: 30000 });
      if (run < 0) continue;
      toRequest.push(request.startedAt - clickedAt);
      if (request.firstTokenAt !== undefined) toDom.push(shownAt - request.firstTokenAt);
    }
    console.log(`In the workbench against the fake, ms (${RUNS} sends after 2 unmeasured; wall clock, 1 ms steps):\n`);
    console.log('| span | median | p90 | min | max |');
    console.log('|---|---:|---:|---:|---:|');
    for (const [name, values] of [['click Send → request reaches the fake, no budget set', toRequest], ['first token written by the fake → in the panel\'s DOM', toDom]] as const) {
      console.log(`| ${name} | ${[median(values), percentile(values, 0.9), Math.min(...values), Math.max(...values)].map((ms) => ms.toFixed(0)).join(' | ')} |`);
    }
    const trips = await roundTrips(page, frame, fake);
    console.log(`\nAnswer round trips in one chat (click Send → the answer ended in the panel; ${ROUND_TRIPS} answers of a fast fake), ms:\n`);
    console.log('| answers | median | p90 | min | max |');
    console.log('|---|---:|---:|---:|---:|');
    for (const [name, values] of [['1st–10th', trips.slice(0, 10)], [`${ROUND_TRIPS - 9}st–${ROUND_TRIPS}th`, trips.slice(-10)]] as const) {
      console.log(`| ${name} | ${[median(values), percentile(values, 0.9), Math.min(...values), Math.max(...values)].map((ms) => ms.toFixed(0)).join(' | ')} |`);
    }
    console.log(`\nGrowth, last ten against the first ten (medians): ${(median(trips.slice(-10)) / median(trips.slice(0, 10))).toFixed(2)}×.`);
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
