// VS Code's own Chat view, in code-server 4.139 (VS Code 1.139), with no GitHub account and no Copilot plan: the user
// picks our "Default chain" in VS Code's model picker, asks, reads the answer, and our status bar counts what it cost.
// VS Code 1.139 ships its chat agent as a built-in extension that stays disabled until chat is set up; with
// `chat.allowAnonymousAccess` that set-up completes without signing in, and the agent then runs on the picked model.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { FAKE_API_KEY, startFakeOpenRouter, type FakeOpenRouter } from '../fixtures/fake-openrouter';
import { launchChromium } from '../harness/chromium.mjs';
import { startCodeServer } from '../harness/code-server.mjs';
import { makeWorkspace } from '../harness/fake.mjs';
import { runCommand, spendItem } from '../e2e/workbench';

const extRoot = path.resolve(__dirname, '../../..');
const artifacts = path.join(extRoot, 'test-artifacts/chat-view');
const PRIMARY = 'openai/gpt-4o-mini';
const FALLBACK = 'anthropic/claude-3.5-haiku';
const ANSWER = 'Four, said the fallback model.';
const COST = 0.0042;
/** The picker's name of the default model run with its fallback chain. */
const DEFAULT_CHAIN = 'Default chain (GPT-4o-mini + fallbacks)';

/** VS Code's chat input: the editor to type in and the toolbar with its model picker. */
const chatInput = (page: Page): Locator => page.locator('.interactive-input-part').first();
/** The open model picker (an action widget listing the models). */
const pickerList = (page: Page): Locator => page.locator('.action-widget').first();

/** Sets the fake's key as a user would, and allows it to go to the fake's host when asked. */
async function setKey(page: Page): Promise<void> {
  await runCommand(page, 'OpenRouter: Set API Key');
  await page.locator('.quick-input-widget input[type="password"]').fill(FAKE_API_KEY);
  await page.keyboard.press('Enter');
  // VS Code 1.139 keeps an extension's question in the notification centre: the bell shows it.
  const send = page.getByRole('button', { name: /^Send Key to / }).first();
  const bell = page.locator('.statusbar-item[id*="notifications"]').last();
  for (let attempt = 0; attempt < 20 && !(await send.isVisible()); attempt++) {
    if (!(await page.locator('.notifications-center').isVisible())) await bell.click();
    await send.waitFor({ timeout: 1000 }).catch(() => undefined);
  }
  await send.click();
}

/** Opens the model picker from the chat input's toolbar, with every group expanded. */
async function openModelPicker(page: Page): Promise<void> {
  // The picker's button shows the current model's name: one of ours once they are offered (before: "Auto").
  await chatInput(page).locator('.action-item').filter({ hasText: /Default chain|Preset|Anthropic|OpenAI|Meta/ }).first().click({ timeout: 30000 });
  await pickerList(page).waitFor();
  const other = pickerList(page).getByText('Other Models', { exact: true });
  if (await other.isVisible()) await other.click();
}

describe("VS Code's own Chat view (code-server 4.139, no sign-in)", function () {
  this.timeout(180000);
  let fake: FakeOpenRouter;
  let page: Page;
  const stops: (() => Promise<void> | void)[] = [];

  before(async () => {
    fs.mkdirSync(artifacts, { recursive: true });
    fake = await startFakeOpenRouter();
    stops.push(() => fake.close());
    const { workspace, remove } = makeWorkspace(fake);
    stops.push(remove);
    const server = await startCodeServer({
      extRoot, workspace, version: '4.139.1',
      userSettings: {
        'openrouter.baseUrl': fake.baseUrl,
        'openrouter.fallbackModels': [FALLBACK],
        'openrouter.retry.maxAttempts': 1, // one attempt per model: the 503 falls back at once
        // VS Code's chat without a GitHub account: its set-up completes anonymously, with no sign-in dialog.
        'chat.allowAnonymousAccess': true,
        'workbench.colorTheme': 'Default Dark Modern',
      },
    });
    stops.push(() => server.stop());
    const browser = await launchChromium(extRoot);
    stops.push(() => browser.close());
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.url());
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await spendItem(page).waitFor({ timeout: 60000 });
    if (!(await chatInput(page).isVisible())) await runCommand(page, 'Chat: Open Chat');
    await chatInput(page).waitFor({ timeout: 30000 });
    await setKey(page);
  });

  after(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await page.screenshot({ path: path.join(artifacts, `failed-${this.currentTest.title.replace(/[^\w]+/g, '-').slice(0, 60)}.png`) }).catch(() => undefined);
  });

  it('offers our models, with their prices, in the model picker', async () => {
    await openModelPicker(page);
    const entry = (name: string): Locator => pickerList(page).getByText(name, { exact: true });
    await entry(DEFAULT_CHAIN).waitFor({ timeout: 30000 });
    for (const name of ['OpenAI: GPT-4o-mini', 'Anthropic: Claude 3.5 Haiku', 'Preset code (Claude Sonnet 4 + fallbacks)']) await entry(name).waitFor();
    assert.match(await pickerList(page).innerText(), /\$0\.15 in · \$0\.60 out \/M/, 'each entry shows its prices');
    // The picker with the chat input below it: the README's picture of our models in VS Code's chat.
    const box = await pickerList(page).boundingBox();
    const input = await chatInput(page).boundingBox();
    assert.ok(box && input);
    const x = Math.min(box.x, input.x) - 12;
    const y = box.y - 12;
    await page.screenshot({
      path: path.join(artifacts, 'vscode-chat-models.png'),
      clip: { x, y, width: Math.max(box.x + box.width, input.x + input.width) + 12 - x, height: input.y + input.height + 12 - y },
    });
  });

  it('answers with the default chain, falling back, and the status bar counts what it cost', async () => {
    if (!(await pickerList(page).isVisible())) await openModelPicker(page);
    await pickerList(page).getByText(DEFAULT_CHAIN, { exact: true }).click();
    await chatInput(page).locator('.action-item').filter({ hasText: 'Default chain' }).first().waitFor();
    fake.script(PRIMARY, { kind: 'http-error', status: 503 });
    fake.script(FALLBACK, { kind: 'answer', text: ANSWER, usage: { cost: COST } });
    const sentBefore = fake.requests.filter((r) => r.path === '/api/v1/chat/completions').length;

    await chatInput(page).locator('.monaco-editor').first().click();
    await page.keyboard.type('What is two plus two?');
    await page.keyboard.press('Enter');
    // The first request also enables VS Code's built-in chat agent, which takes a while on a busy machine.
    await page.locator('.interactive-response').filter({ hasText: ANSWER }).first().waitFor({ timeout: 150000 });

    const sent = fake.requests.filter((r) => r.path === '/api/v1/chat/completions').slice(sentBefore);
    assert.deepEqual(sent.map((r) => (r.body as { model?: string }).model), [PRIMARY, FALLBACK], 'the chain fell back from the 503');
    await spendItem(page).filter({ hasText: `$${COST}` }).waitFor({ timeout: 15000 });
    assert.match(await spendItem(page).getAttribute('aria-label') ?? '', new RegExp(`\\$${COST}\\b`), "the status bar's total is the fake's usage.cost");
    await page.screenshot({ path: path.join(artifacts, 'vscode-chat-answer.png') });
  });
});
