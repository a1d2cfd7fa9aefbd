import * as assert from 'node:assert/strict';
// Prompt caching that pays, seen as a person sees it: the first turn of a chat with an Anthropic model writes the
// cache (and says what the write cost), the second reads it back and says what that saved, and the usage
// dashboard's savings grow by exactly that.
import type { FrameLocator } from 'playwright-core';
import { formatUsd } from '../../src/core/format';
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

  /** The dashboard's "Saved by caching", exact, as its data element carries it. */
  async function savedByCaching(): Promise<number> {
    await runCommand(wb.page, 'OpenRouter: Show Usage');
    const saved = dashboard().locator('.stat', { hasText: 'Saved by caching' }).locator('data.amount');
    await saved.waitFor({ timeout: 30000 });
    const value = Number(await saved.getAttribute('value'));
    await closeAllEditors(wb.page);
    return value;
  }

  async function ask(text: string, answer: string): Promise<string> {
    wb.fake.script(MODEL, { kind: 'answer', text: answer });
    await panel().getByRole('textbox', { name: 'Message OpenRouter' }).fill(text);
    await panel().getByRole('button', { name: 'Send', exact: true }).click();
    const footer = answers().filter({ hasText: answer }).getByRole('list', { name: 'Answer details' });
    await footer.waitFor({ timeout: 30000 });
    return footer.innerText();
  }

  it('writes the cache on the first turn, reads it on the second, and the dashboard saves what the footer says', async () => {
    wb.fake.reset();
    const before = await savedByCaching();
    await openSidebar(wb.page);
    const first = await ask('Review: const x = 1', 'Looks fine.');
    assert.match(first, /cache write \+\$\d/, `the first turn only writes:\n${first}`);
    assert.doesNotMatch(first, /cached, saved/);
    const second = await ask('And: let y = 2', 'Prefer const.');
    const read = /(\d+)% cached, saved (\$[\d.]+)/.exec(second);
    assert.ok(read, `the second turn reads the cache:\n${second}`);
    assert.ok(Number(read[1]) > 50, 'the system prompt and the first turn are most of the prompt');
    await screenshot(wb.page, 'chat-prompt-cache');
    const after = await savedByCaching();
    assert.equal(formatUsd(after - before), read[2], 'the dashboard grew by what the footer says was saved');
  });
});
