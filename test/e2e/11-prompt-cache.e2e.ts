import * as assert from 'node:assert/strict';
// Prompt caching that pays, seen as a person sees it: the first turn of a chat with an Anthropic model writes the
// cache (and says what the write cost), the second reads it back and says what that saved, the chat list gives the
// chat's share cached and its saving, and the usage dashboard's savings (in all, and today's by-day row) grow by
// exactly that, its writes by at least what the first turn's write cost.
import type { FrameLocator } from 'playwright-core';
import { formatUsd } from '../../src/core/format';
import { dayYearLabel } from '../../src/core/spend/dashboard/dates';
import { useSettings } from './chat-panel';
import { chatFrame, closeAllEditors, openSidebar, runCommand, screenshot, type Workbench } from './workbench';

const MODEL = 'anthropic/claude-3.5-haiku';
/** A stable prefix long enough to be worth caching. */
const SYSTEM_PROMPT = `You review TypeScript. ${'Prefer small pure functions, explicit types and early returns. '.repeat(40)}`;
/** Editor panels (the dashboard) carry no `purpose` in their frame URL; the chat view does. */
const DASHBOARD_FRAME = 'iframe.webview.ready:not([src*="purpose="])';

describe('prompt caching', function () {
  const files = useSettings({ 'openrouter.defaultModel': MODEL, 'openrouter.fallbackModels': [], 'openrouter.systemPrompt': SYSTEM_PROMPT });
  let wb: Workbench;
  const panel = () => chatFrame(wb.page);
  const answers = () => panel().getByRole('article', { name: 'Answer' });
  const dashboard = (): FrameLocator => wb.page.frameLocator(DASHBOARD_FRAME).frameLocator('#active-frame');
  before(() => {
    wb = files.wb;
  });

  interface DashboardCache {
    saved: number;
    todaySaved: number;
    todayWrites: number;
  }

  /** The dashboard's "Saved by caching", and today's row of its by-day table, exact, as their data elements carry them. */
  async function dashboardCache(): Promise<DashboardCache> {
    await runCommand(wb.page, 'OpenRouter: Show Usage');
    const saved = dashboard().locator('.stat', { hasText: 'Saved by caching' }).locator('data.amount');
    await saved.waitFor({ timeout: 30000 });
    const value = Number(await saved.getAttribute('value'));
    const byDay = dashboard().locator('details[data-id="savings-day-table"]');
    let todaySaved = 0;
    let todayWrites = 0;
    if (await byDay.count() > 0) {
      await byDay.locator('summary').click();
      const newest = byDay.locator('tbody tr').first();
      if ((await newest.locator('th').innerText()).trim() === dayYearLabel(Date.now())) {
        todaySaved = Number(await newest.locator('td').nth(0).locator('data.amount').getAttribute('value'));
        todayWrites = Number(await newest.locator('td').nth(1).locator('data.amount').getAttribute('value'));
      }
    }
    await closeAllEditors(wb.page);
    return { saved: value, todaySaved, todayWrites };
  }

  const usd = (label: string): number => Number(label.replace('$', ''));

  async function ask(text: string, answer: string): Promise<string> {
    wb.fake.script(MODEL, { kind: 'answer', text: answer });
    await panel().getByRole('textbox', { name: 'Message OpenRouter' }).fill(text);
    await panel().getByRole('button', { name: 'Send', exact: true }).click();
    const footer = answers().filter({ hasText: answer }).getByRole('list', { name: 'Answer details' });
    await footer.waitFor({ timeout: 30000 });
    return footer.innerText();
  }

  it('writes the cache on the first turn, reads it on the second, and the chat list and the dashboard say what the footers say', async () => {
    wb.fake.reset();
    const before = await dashboardCache();
    await openSidebar(wb.page);
    const first = await ask('Review: const x = 1', 'Looks fine.');
    const wrote = /cache write \+(\$[\d.]+)/.exec(first);
    assert.ok(wrote, `the first turn only writes:\n${first}`);
    assert.doesNotMatch(first, /cached, saved/);
    const second = await ask('And: let y = 2', 'Prefer const.');
    const read = /(\d+)% cached, saved (\$[\d.]+)/.exec(second);
    assert.ok(read, `the second turn reads the cache:\n${second}`);
    assert.ok(Number(read[1]) > 50, 'the system prompt and the first turn are most of the prompt');
    await screenshot(wb.page, 'chat-prompt-cache');

    // The chat as a whole: both turns' input, of which the second's cached part; the saving is the second's alone.
    const chats = panel().getByRole('button', { name: 'Chats' });
    await chats.click();
    const line = panel().getByRole('list', { name: 'Chats' }).getByRole('button', { name: /^Review: const x = 1/ }).filter({ hasText: 'of input cached' });
    await line.waitFor({ timeout: 15000 });
    const chatWide = /(\d+)% of input cached, saved (\$[\d.]+)/.exec(await line.innerText());
    assert.ok(chatWide, 'the chat list line gives the chat-wide cache figures');
    assert.equal(chatWide[2], read[2], 'the chat saved what its one cache read saved');
    assert.ok(Number(chatWide[1]) > 0 && Number(chatWide[1]) < Number(read[1]), 'the first turn read nothing, so the chat-wide share is lower');
    await chats.click();

    const after = await dashboardCache();
    assert.equal(formatUsd(after.saved - before.saved), read[2], 'the dashboard grew by what the footer says was saved');
    assert.equal(formatUsd(after.todaySaved - before.todaySaved), read[2], "today's row grew by the same saving");
    // The footer rounds its figure to four places; the table's data value is exact.
    assert.ok(after.todayWrites - before.todayWrites >= usd(wrote[1] ?? '') * 0.9, "today's writes include the first turn's write premium");
  });
});
