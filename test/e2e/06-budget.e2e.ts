import * as assert from 'node:assert/strict';
import {
  chatFrame, ensureKeySet, notification, openSidebar, readUserSettings, reloadWindow, screenshot, spendItem, workbench, writeUserSettings, type Workbench,
} from './workbench';

const CHEAP = 'openai/gpt-4o-mini';
const DEAR = 'anthropic/claude-sonnet-4';

describe('budgets', function () {
  let wb: Workbench;
  let settings: Record<string, unknown>;
  const panel = () => chatFrame(wb.page);
  const answers = () => panel().getByRole('article', { name: 'Answer' });
  const chatRequests = () => wb.fake.requests.filter((r) => r.path === '/api/v1/chat/completions');

  /**
   * Sends with the Send button: the workbench can move keyboard focus out of the webview between typing and Enter,
   * and these tests are about budgets, not keys (Enter is tested in the chat tests). The button is named Send only
   * once the previous answer has ended.
   */
  async function send(text: string): Promise<void> {
    await panel().getByRole('textbox', { name: 'Message OpenRouter' }).fill(text);
    await panel().getByRole('button', { name: 'Send', exact: true }).click();
    await panel().getByRole('article', { name: 'You' }).filter({ hasText: text }).first().waitFor({ timeout: 15000 });
  }

  async function configure(extra: Record<string, unknown>): Promise<void> {
    writeUserSettings(wb, { ...settings, 'openrouter.retry.maxAttempts': 1, ...extra });
    await reloadWindow(wb);
    await ensureKeySet(wb);
    await openSidebar(wb.page);
    await panel().getByRole('button', { name: 'New Chat' }).click();
  }

  before(async function () {
    wb = await workbench();
    settings = readUserSettings(wb);
  });

  after(async () => {
    writeUserSettings(wb, settings);
    await reloadWindow(wb);
  });

  it('lowers max_tokens so the worst case fits the budget, and says so', async () => {
    await configure({ 'openrouter.defaultModel': DEAR, 'openrouter.budget.daily': 0.02 });
    await send('A dear model on a small budget.');
    const answer = answers().last();
    await answer.getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 30000 });
    const notices = answer.getByRole('list', { name: 'Notices' });
    await notices.filter({ hasText: /max_tokens|tokens/ }).waitFor();
    await screenshot(wb.page, 'budget-clamped');
    const body = chatRequests().at(-1)?.body as { max_tokens?: number; model?: string };
    assert.equal(body.model, DEAR);
    assert.ok(body.max_tokens !== undefined && body.max_tokens < 4096 && body.max_tokens >= 256, `max_tokens ${body.max_tokens}`);
  });

  it('warns at the threshold, then blocks request N+1 with a choice to raise the limit or send once', async () => {
    await configure({ 'openrouter.defaultModel': CHEAP, 'openrouter.budget.daily': 1 });
    // Each answer costs $0.40: after two the budget is 80% used, after three it is spent.
    wb.fake.script(CHEAP, { kind: 'answer', text: 'Paid answer.', usage: { cost: 0.4 } });
    for (const n of [1, 2, 3]) {
      await send(`Paid question ${n}`);
      await answers().nth(n - 1).getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 30000 });
      if (n === 2) {
        await notification(wb.page, /daily budget is 8\d% used/).waitFor({ timeout: 15000 });
        await spendItem(wb.page).locator('.codicon-warning').waitFor({ timeout: 15000 });
      }
    }
    const sent = chatRequests().length;

    await send('Paid question 4');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.filter({ hasText: /daily budget/ }).waitFor({ timeout: 15000 });
    await dialog.getByRole('button', { name: 'Raise Limit' }).waitFor();
    await dialog.getByRole('button', { name: 'Send Once Anyway' }).waitFor();
    await screenshot(wb.page, 'budget-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const card = answers().last().getByRole('group', { name: 'Error' });
    await card.filter({ hasText: /daily budget/ }).waitFor({ timeout: 15000 });
    assert.equal(chatRequests().length, sent, 'the blocked request was never sent');
    assert.match(await panel().getByText('Paid question 4').first().innerText(), /Paid question 4/, 'the question is kept');
    await screenshot(wb.page, 'budget-card');

    await card.getByRole('button', { name: 'Retry' }).click();
    await dialog.getByRole('button', { name: 'Send Once Anyway' }).click();
    await answers().last().getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 30000 });
    assert.equal(chatRequests().length, sent + 1, 'Send Once Anyway sent exactly one request');
  });
});
