import * as assert from 'node:assert/strict';
import * as path from 'node:path';
// Compare Models in the real workbench: one prompt to two models, side by side, against the fake OpenRouter.
import type { FrameLocator, Locator } from 'playwright-core';
import { formatUsd } from '../../src/core/format';
import { useChatPanel } from './chat-panel';
import { closeAllEditors, extRoot, runCommand, shownSessionSpend, spendItem } from './workbench';

const CHEAP_FAST = 'openai/gpt-4o-mini';
const DEAR_SLOW = 'anthropic/claude-3.5-haiku';
const COMPARE_FRAME = 'iframe.webview.ready:not([src*="purpose="])';
/** The chat view's frame, told apart from the compare panel's while both are open. */
const CHAT_FRAME = 'iframe.webview.ready[src*="purpose=webviewView"]';
const ANSWER = (name: string) => `${name} says: ${'word '.repeat(40).trim()}.`;

describe('compare models', function () {
  const chat = useChatPanel();
  const compare = (): FrameLocator => chat.wb.page.frameLocator(COMPARE_FRAME).frameLocator('#active-frame');
  const chatView = (): FrameLocator => chat.wb.page.frameLocator(CHAT_FRAME).frameLocator('#active-frame');
  const chatAnswers = (): Locator => chatView().getByRole('article', { name: 'Answer' });
  const column = (n: number): Locator => compare().locator(`[data-column="col-${n}"]`);
  const chatRequests = () => chat.wb.fake.requests.filter((r) => r.path === '/api/v1/chat/completions');

  /** Types `/compare` and the prompt in the chat panel, and ticks `models` (only) in the picker. */
  async function startComparison(prompt: string, models: string[]): Promise<void> {
    await closeAllEditors(chat.wb.page);
    await chat.send(`/compare ${prompt}`);
    const { page } = chat.wb;
    const input = page.locator('.quick-input-widget input[type="text"], .quick-input-widget .quick-input-box input').first();
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor({ timeout: 20000 });
    {
      const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      // Untick whatever is preselected, then tick the models asked for.
      for (const row of await rows.all()) if ((await row.getAttribute('aria-checked')) === 'true' && (await row.innerText()).includes('/')) await row.click();
      for (const model of models) {
        await input.fill(model);
        const row = rows.filter({ hasText: model }).first();
        await row.click();
        assert.equal(await row.getAttribute('aria-checked'), 'true', `${model} is ticked`);
      }
      await input.fill('');
    }
    await input.press('Enter');
    await compare().locator('.compare-column').first().waitFor({ timeout: 30000 });
  }

  async function waitDone(n: number): Promise<void> {
    await column(n).locator('.column-status.status-done').waitFor({ timeout: 30000 });
  }

  async function fact(n: number, label: string): Promise<string> {
    return column(n).locator(`.footer-fact[data-fact="${label}"]`).innerText();
  }

  after(async () => closeAllEditors(chat.wb.page));

  it('streams two models side by side, each footer showing its usage.cost, and the status bar adds up both', async () => {
    const before = await shownSessionSpend(chat.wb.page);
    chat.wb.fake.script(CHEAP_FAST, { kind: 'answer', text: ANSWER('fast'), tokensPerSecond: 300, usage: { cost: 0.25 } });
    chat.wb.fake.script(DEAR_SLOW, { kind: 'answer', text: ANSWER('slow'), tokensPerSecond: 40, firstByteDelayMs: 400, usage: { cost: 0.5 } });
    await startComparison('Say some words', [CHEAP_FAST, DEAR_SLOW]);
    await waitDone(1);
    await waitDone(2);
    assert.equal(await column(1).locator('.column-title').innerText(), CHEAP_FAST);
    assert.equal(await column(2).locator('.column-title').innerText(), DEAR_SLOW);
    const boxes = await Promise.all([column(1).boundingBox(), column(2).boundingBox()]);
    assert.ok(boxes[0] && boxes[1] && boxes[1].x > boxes[0].x && Math.abs(boxes[1].y - boxes[0].y) < 2, 'side by side');
    assert.equal(await fact(1, 'Cost'), formatUsd(0.25));
    assert.equal(await fact(2, 'Cost'), formatUsd(0.5));
    const speed = async (n: number) => Number.parseFloat(await fact(n, 'Speed'));
    assert.ok((await speed(1)) > (await speed(2)), 'the faster model shows more tokens per second');
    assert.match(await compare().locator('.compare-summary').innerText(), new RegExp(`Cheapest: ${CHEAP_FAST}.*Fastest to finish: ${CHEAP_FAST}`));
    const bodies = chatRequests().slice(-2).map((r) => r.body as { model: string; models?: string[] });
    assert.deepEqual(bodies.map((b) => b.model).sort(), [DEAR_SLOW, CHEAP_FAST].sort());
    assert.ok(bodies.every((b) => b.models === undefined), 'no fallbacks inside a comparison');
    await chat.wb.page.screenshot({ path: path.join(extRoot, 'docs/compare.png') });
    // Each footer's cost is in the ledger: the status bar's session total grows by exactly their sum, as it shows it.
    const expected = formatUsd(before + 0.25 + 0.5);
    await spendItem(chat.wb.page).filter({ hasText: expected }).waitFor({ timeout: 15000 });
  });

  it('keeps a 503 in its column while the other model finishes, and Retry answers there', async () => {
    chat.wb.fake.script(CHEAP_FAST, { kind: 'http-error', status: 503 }, { kind: 'answer', text: 'Back again.' });
    chat.wb.fake.script(DEAR_SLOW, { kind: 'answer', text: ANSWER('steady'), tokensPerSecond: 100 });
    await startComparison('Are you up?', [CHEAP_FAST, DEAR_SLOW]);
    const card = column(1).locator('.error-card');
    await card.waitFor({ timeout: 30000 });
    assert.match(await card.innerText(), /\(503\)/);
    await waitDone(2);
    assert.equal(await column(2).locator('.error-card').count(), 0);
    await column(1).getByRole('button', { name: 'Retry' }).click();
    await column(1).getByText('Back again.').waitFor({ timeout: 30000 });
    await waitDone(1);
  });

  it('stops one column by closing only its connection', async () => {
    chat.wb.fake.script(CHEAP_FAST, { kind: 'answer', text: ANSWER('long').repeat(20), tokensPerSecond: 20 });
    chat.wb.fake.script(DEAR_SLOW, { kind: 'answer', text: ANSWER('long').repeat(20), tokensPerSecond: 20 });
    await startComparison('Talk for a while', [CHEAP_FAST, DEAR_SLOW]);
    const first = await chat.wb.fake.waitForRequest((r) => r.path === '/api/v1/chat/completions' && (r.body as { model?: string }).model === CHEAP_FAST, 20000);
    const second = await chat.wb.fake.waitForRequest((r) => r.path === '/api/v1/chat/completions' && (r.body as { model?: string }).model === DEAR_SLOW, 20000);
    await column(1).locator('.column-status.status-streaming').waitFor({ timeout: 20000 });
    await column(1).getByRole('button', { name: 'Stop' }).click();
    await chat.wb.fake.waitForClientClose(first.id, 10000);
    await column(1).locator('.column-status.status-stopped').waitFor({ timeout: 10000 });
    assert.notEqual(second.clientClosedEarly, true, 'the other column still streams');
    assert.equal(await column(2).locator('.column-status.status-streaming').count(), 1);
    await compare().getByRole('button', { name: 'Stop All' }).click();
    await chat.wb.fake.waitForClientClose(second.id, 10000);
  });

  it('continues the chat with the picked answer and its model', async () => {
    chat.wb.fake.script(CHEAP_FAST, { kind: 'answer', text: 'Answer from the cheap model.' });
    chat.wb.fake.script(DEAR_SLOW, { kind: 'answer', text: 'Answer from the dear model.' });
    await startComparison('Pick me', [CHEAP_FAST, DEAR_SLOW]);
    await waitDone(1);
    await waitDone(2);
    await column(2).getByRole('button', { name: `Continue with ${DEAR_SLOW}` }).click();
    await chatAnswers().last().filter({ hasText: 'Answer from the dear model.' }).waitFor({ timeout: 20000 });
    // The other model's answer stays with it, one click back (‹ 1/2 ›).
    await chatAnswers().last().getByRole('group', { name: 'Answer 2 of 2' }).waitFor({ timeout: 10000 });
    await chatView().getByRole('button', { name: new RegExp(`^Model: ${DEAR_SLOW.replace(/[.]/g, '\\.')}`) }).waitFor({ timeout: 10000 });
    chat.wb.fake.script(DEAR_SLOW, { kind: 'answer', text: 'A follow-up answer.' });
    const composer = chatView().getByRole('textbox', { name: 'Message OpenRouter' });
    await composer.fill('And then?');
    await composer.press('Enter');
    await chatAnswers().last().filter({ hasText: 'A follow-up answer.' }).waitFor({ timeout: 20000 });
    const body = chatRequests().at(-1)?.body as { model: string; messages: { role: string; content: unknown }[] };
    assert.equal(body.model, DEAR_SLOW);
    const texts = body.messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
    assert.ok(texts.some((t) => t.includes('Answer from the dear model.')), 'the picked answer is in the conversation');
    assert.ok(!texts.some((t) => t.includes('Answer from the cheap model.')), 'the other answer is a version, not sent');
  });

  it('lists the comparisons in the usage dashboard, each model with the cost its footer showed', async () => {
    await closeAllEditors(chat.wb.page);
    await runCommand(chat.wb.page, 'OpenRouter: Show Usage');
    // The dashboard is now the only editor webview, so the compare frame's selector finds it.
    const card = compare().getByRole('region', { name: 'Comparisons' });
    const first = card.locator('details.comparison:has(summary data.amount[value="0.75"])').first();
    await first.waitFor({ timeout: 30000 });
    assert.match(await first.locator('summary').innerText(), new RegExp(`${DEAR_SLOW} vs ${CHEAP_FAST}`.replace(/[./]/g, '\\$&')));
    await first.locator('summary').click();
    const costs = await first.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.querySelector('data.amount')?.getAttribute('value')));
    assert.deepEqual(costs, ['0.5', '0.25', '0.75'], 'each model, then the total');
    assert.ok((await card.locator('details.comparison').count()) >= 3, 'every comparison of this file is listed');
  });
});
