import * as assert from 'node:assert/strict';
import {
  chatFrame, closeAllEditors, ensureKeySet, notification, openSidebar, readUserSettings, reloadWindow, screenshot, shownSessionSpend, spendItem, workbench, writeUserSettings,
  type Workbench,
} from './workbench';

const CHEAP = 'openai/gpt-4o-mini';
/** $15 per million answer tokens: 256 of them cost $0.0038, so a budget with $0.002 left blocks it. */
const DEAR = 'anthropic/claude-sonnet-4';
/** $0.054 per million answer tokens: its longest answer (4,096 tokens) costs about $0.0002, and fits. */
const SMALL = 'mistralai/mistral-7b-instruct';

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

  /** The session's spend as the status bar shows it: to a hundredth of a cent below $1 (to the cent from $1 up). */
  async function sessionSpend(): Promise<number> {
    const spent = await shownSessionSpend(wb.page);
    assert.ok(spent < 1, `the session has spent ${spent}: too coarse a figure to set a budget $0.002 above it`);
    return spent;
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

  it('warns in the composer before a session budget blocks, and the card offers Send Once Anyway, Raise Limit and a model that fits', async () => {
    // The session goes on across the reloads of these tests, so the budget is set $0.002 above what it has spent
    // (within $0.00005, as the status bar rounds): too little for 256 answer tokens of DEAR, plenty for SMALL.
    const budget = Math.round((await sessionSpend() + 0.002) * 100_000) / 100_000;
    await configure({
      'openrouter.defaultModel': DEAR, 'openrouter.fallbackModels': [], 'openrouter.favoriteModels': [SMALL], 'openrouter.budget.session': budget,
    });
    const question = 'A question for a dear model.';
    await panel().getByRole('textbox', { name: 'Message OpenRouter' }).fill(question);
    const estimate = panel().locator('#composer-estimate');
    await estimate.filter({ hasText: /over the \$0\.00\d+ your session budget leaves; it would be blocked/ }).waitFor({ timeout: 20000 });
    assert.match((await estimate.getAttribute('class')) ?? '', /\bover-budget\b/, 'in the warning colour');
    await screenshot(wb.page, 'budget-composer-warning');

    const sent = chatRequests().length;
    await send(question);
    const card = answers().last().getByRole('group', { name: 'Error' });
    await card.filter({ hasText: /session budget/ }).waitFor({ timeout: 15000 });
    const useSmall = card.getByRole('button', { name: 'Use mistral-7b-instruct (fits)' });
    for (const button of [card.getByRole('button', { name: 'Send Once Anyway' }), card.getByRole('button', { name: 'Raise Limit' }), useSmall]) await button.waitFor();
    assert.equal(await wb.page.locator('.monaco-dialog-box').count(), 0, 'the card alone, no dialog over it');
    assert.equal(chatRequests().length, sent, 'the blocked request was never sent');
    await screenshot(wb.page, 'budget-session-card');

    await card.getByRole('button', { name: 'Raise Limit' }).click();
    await wb.page.locator('.settings-editor').waitFor({ timeout: 15000 });
    await closeAllEditors(wb.page);

    await useSmall.click();
    await answers().last().getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 30000 });
    assert.equal(chatRequests().length, sent + 1);
    assert.equal((chatRequests().at(-1)?.body as { model?: string }).model, SMALL, 'answered by the model that fits');
  });

  it('warns at the threshold, then blocks request N+1, and Send Once Anyway sends it', async () => {
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
    const card = answers().last().getByRole('group', { name: 'Error' });
    await card.filter({ hasText: /daily budget/ }).waitFor({ timeout: 15000 });
    assert.equal(chatRequests().length, sent, 'the blocked request was never sent');
    assert.match(await panel().getByText('Paid question 4').first().innerText(), /Paid question 4/, 'the question is kept');
    await screenshot(wb.page, 'budget-card');

    await card.getByRole('button', { name: 'Send Once Anyway' }).click();
    await answers().last().getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 30000 });
    assert.equal(chatRequests().length, sent + 1, 'Send Once Anyway sent exactly one request');
    await answers().last().getByRole('list', { name: 'Notices' }).filter({ hasText: 'sent once past the budget' }).waitFor();

    await send('Paid question 5');
    await answers().last().getByRole('group', { name: 'Error' }).filter({ hasText: /daily budget/ }).waitFor({ timeout: 15000 });
    assert.equal(chatRequests().length, sent + 1, 'only that one request went past the budget');
  });

  describe('counting the whole key', () => {
    /** Spend from elsewhere, as /key reports it: another machine or app spent $60 with the key today (UTC). */
    const ELSEWHERE = { usage_daily: 60, usage_weekly: 60, usage_monthly: 60 };
    // Every key: after the sign-in tests the extension sends the key that sign-in gave, not the fake's default one.
    after(() => wb.fake.setKeyInfoForEveryKey({ usage_daily: 0, usage_weekly: 0, usage_monthly: 0 }));

    it('with thisMachine, a $50 daily budget lets the request go although /key reports $60 spent elsewhere; the tooltip names it', async () => {
      wb.fake.setKeyInfoForEveryKey(ELSEWHERE);
      await configure({ 'openrouter.defaultModel': CHEAP, 'openrouter.budget.daily': 50, 'openrouter.budget.scope': 'thisMachine' });
      const sent = chatRequests().length;
      await send('Counted on this machine only.');
      await answers().last().getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 30000 });
      assert.equal(chatRequests().length, sent + 1, 'sent');

      // A hover shows the tooltip as it was when it opened; the key's figures come with a reading of /key, which may
      // land after the answer. Hover again until the tooltip has them.
      const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'This machine and the whole key' })
        .filter({ hasText: /\$[1-9]\d*\.\d\d spent elsewhere with this key today/ }).first();
      for (let attempt = 1; ; attempt++) {
        await spendItem(wb.page).hover();
        if (await hover.waitFor({ timeout: 5000 }).then(() => true, () => false)) break;
        assert.ok(attempt < 12, 'the tooltip never named the spend elsewhere');
        await wb.page.mouse.move(0, 0);
      }
      await screenshot(wb.page, 'budget-key-tooltip');
      await wb.page.keyboard.press('Escape');
    });

    it('with wholeKey, the same budget blocks the request and the card names the key-wide figure', async () => {
      wb.fake.setKeyInfoForEveryKey(ELSEWHERE);
      await configure({ 'openrouter.defaultModel': CHEAP, 'openrouter.budget.daily': 50, 'openrouter.budget.scope': 'wholeKey' });
      const sent = chatRequests().length;
      await send('Counted across the whole key.');
      const card = answers().last().getByRole('group', { name: 'Error' });
      await card.filter({ hasText: /daily budget of \$50\.00 is spent/ }).waitFor({ timeout: 20000 });
      const text = await card.innerText();
      assert.match(text, /\$6\d\.\d\d spent with this key today \(UTC\), \$[1-9]\d*\.\d\d of it elsewhere\./, text);
      assert.equal(chatRequests().length, sent, 'the blocked request was never sent');
      await screenshot(wb.page, 'budget-key-wide-card');

      // The composer warns before the next one, naming the same key-wide figure.
      await panel().getByRole('textbox', { name: 'Message OpenRouter' }).fill('And another.');
      const estimate = panel().locator('#composer-estimate');
      await estimate.filter({ hasText: /your daily budget is spent; it would be blocked/ }).waitFor({ timeout: 20000 });
      assert.match((await estimate.getAttribute('title')) ?? '', /\$6\d\.\d\d spent with this key today \(UTC\), \$[1-9]\d*\.\d\d of it elsewhere\./);
    });

    it('with wholeKey and /key failing, the request goes counting this machine alone and says so; a spike is warned of once read', async () => {
      const wholeKey = { 'openrouter.defaultModel': CHEAP, 'openrouter.budget.daily': 50, 'openrouter.budget.scope': 'wholeKey' };
      // The key is stored while /key answers (setting it checks the key there); the window then starts without it.
      await configure(wholeKey);
      wb.fake.failKeyReads(500);
      try {
        await configure(wholeKey);
        const sent = chatRequests().length;
        await send('Counted without the key.');
        await notification(wb.page, /OpenRouter did not report the key's usage \(.+\)\. Until it does, the whole-key budgets count this machine's spend only\./).waitFor({ timeout: 20000 });
        await answers().last().getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 30000 });
        assert.equal(chatRequests().length, sent + 1, 'sent, not blocked');
      } finally {
        wb.fake.failKeyReads(undefined);
      }

      // /key reads again after the next answer: today's $30 against a dollar over the rest of the month (or week).
      const spiky = { usage_daily: 30, usage_weekly: 31, usage_monthly: 31 };
      wb.fake.setKeyInfoForEveryKey(spiky);
      await send('And now with the key read.');
      await answers().last().getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 30000 });
      const warned = notification(wb.page, /This key has spent \$3\d\.\d\d today \(UTC\), [\d.]+× its daily average of \$\d+\.\d+ over the \d+ earlier days? this (month|week), counting every app and machine that uses it\./);
      // On the first of a month that is also a Monday there are no earlier days to compare with, and no warning.
      const now = new Date();
      if (now.getUTCDate() === 1 && now.getUTCDay() === 1) return;
      await warned.waitFor({ timeout: 20000 });
      await screenshot(wb.page, 'budget-spend-spike');
    });
  });
});
