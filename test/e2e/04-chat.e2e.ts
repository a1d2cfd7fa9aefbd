/// <reference lib="dom" />
// The page functions below run inside the webview, in the browser.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { XSS_PAYLOADS } from '../webview/xss-corpus';
import { FALLBACK, PRIMARY, SHOWCASE, useChatPanel } from './chat-panel';
import { closeAllEditors, FAKE_API_KEY, openSidebar, reloadWindow, runCommand, screenshot, textOf, type Workbench } from './workbench';

/** The page frame of the chat webview, for evaluating script in it. */
function panelFrame(wb: Workbench): Frame {
  const frame = wb.page.frames().find((f) => f.name() === 'active-frame' || f.url().includes('fake.html'));
  assert.ok(frame, 'the chat webview frame exists');
  return frame;
}

describe('the chat panel', function () {
  const chat = useChatPanel();
  const { panel, composer, answers, send } = chat;
  let wb: Workbench;
  before(() => {
    wb = chat.wb;
  });

  it('has the roles and names assistive technology needs', async () => {
    await panel().getByRole('log', { name: 'Conversation' }).waitFor();
    await composer().waitFor();
    for (const name of ['Send', 'New Chat', 'Export Chat', 'Chats']) await panel().getByRole('button', { name }).first().waitFor();
    assert.equal(await panel().locator('[role="status"][aria-live="polite"]').count() > 0, true, 'a polite live region announces answers');
  });

  it('estimates the first message of a fresh window against the model context and prices', async () => {
    // The window was just reloaded and nothing has been sent: the panel itself loads the model list for this.
    const estimate = panel().locator('.composer-estimate');
    await estimate.filter({ hasText: '/ 128k tokens' }).waitFor({ timeout: 15000 });
    assert.match(await estimate.innerText(), /^~\d+ \/ 128k tokens · at most \$0\.\d+$/);
  });

  it('streams an answer progressively, then shows who answered and what it cost', async () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i + 1}`);
    // Slow enough that a busy machine still reads two states before the end.
    wb.fake.script(PRIMARY, { kind: 'answer', text: words.join(' '), tokensPerSecond: 8 });
    await send('Stream forty words, please.');
    const answer = answers().last();
    await answer.filter({ hasText: 'word3' }).waitFor({ timeout: 20000 });
    const early = await answer.innerText();
    await answer.filter({ hasText: 'word20' }).waitFor({ timeout: 20000 });
    const later = await answer.innerText();
    assert.ok(!early.includes('word40') && !later.includes('word40'), 'two states were seen before the end');
    assert.ok(later.length > early.length, 'the answer grew between the two states');
    await answer.getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 20000 });
    const footer = await textOf(answer.getByRole('list', { name: 'Answer details' }));
    assert.match(footer, new RegExp(PRIMARY.replace('/', '\\/')));
    assert.match(footer, /FakeProvider/);
    assert.match(footer, /\$0\.0000\d+|\$\d\.\d+/);
    assert.match(footer, /first token/);
  });

  it('stops mid-stream, keeps the partial answer, and closes the request', async () => {
    const words = Array.from({ length: 200 }, (_, i) => `slow${i + 1}`);
    wb.fake.script(PRIMARY, { kind: 'answer', text: words.join(' '), tokensPerSecond: 10 });
    await send('Take your time.');
    const answer = answers().last();
    await answer.filter({ hasText: 'slow3' }).waitFor({ timeout: 20000 });
    const request = wb.fake.requests.filter((r) => r.path === '/api/v1/chat/completions').at(-1);
    assert.ok(request);
    await panel().getByRole('button', { name: 'Stop' }).click();
    await wb.fake.waitForClientClose(request.id, 10000);
    await panel().getByRole('button', { name: 'Send' }).waitFor();
    const text = await answer.innerText();
    assert.match(text, /slow3/);
    assert.ok(!text.includes('slow200'));
  });

  it('shows "Waiting for provider…" only before the first token, and names a silence mid-answer', async () => {
    // Two tokens, keep-alive comments, then the stream stays open with nothing more.
    wb.fake.script(PRIMARY, { kind: 'stall', keepAlives: 3, afterTokens: 2, keepAlivesMidStream: 3 });
    await send('Answer slowly.');
    const answer = answers().last();
    await answer.filter({ hasText: 'Hello from' }).waitFor({ timeout: 20000 });
    // Ten seconds without a token: the comments, sent right after the tokens, reached the panel long before.
    await panel().getByText(/^No tokens for \d+ s\./).waitFor({ timeout: 30000 });
    assert.equal(await panel().getByText('Waiting for provider…').isVisible(), false);
    const request = wb.fake.requests.filter((r) => r.path === '/api/v1/chat/completions').at(-1);
    assert.ok(request);
    await panel().getByRole('button', { name: 'Stop' }).click();
    await wb.fake.waitForClientClose(request.id, 10000);
    await panel().getByRole('button', { name: 'Send' }).waitFor();
    assert.equal(await panel().getByText(/^No tokens for/).isVisible(), false);
  });

  it('resumes from a fresh snapshot when the webview reloads mid-stream, losing no text', async () => {
    const words = Array.from({ length: 60 }, (_, i) => `resume${i + 1}`);
    // Slow enough (ten seconds) that the reload lands while the answer still streams; the Stop button proves it.
    wb.fake.script(PRIMARY, { kind: 'answer', text: words.join(' '), tokensPerSecond: 6 });
    await send('Keep going through a reload.');
    await answers().last().filter({ hasText: 'resume5' }).waitFor({ timeout: 20000 });
    const before = panelFrame(wb);
    await before.evaluate(() => Object.assign(window, { __beforeReload: true }));
    // The view is kept alive while hidden, so reload its page outright: it comes back empty and asks for a snapshot.
    const detached = wb.page.waitForEvent('framedetached', { predicate: (frame) => frame === before, timeout: 20000 });
    await runCommand(wb.page, 'Developer: Reload Webviews');
    await detached;
    await composer().waitFor({ timeout: 20000 });
    assert.equal(await panelFrame(wb).evaluate(() => 'beforeReload' in window || '__beforeReload' in window), false, 'the webview really reloaded');
    const answer = answers().last();
    assert.ok(!(await answer.innerText()).includes('resume60'), 'the reload came before the end of the answer');
    await panel().getByRole('button', { name: 'Stop', exact: true }).waitFor();
    await answer.getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 30000 });
    const text = await answer.innerText();
    assert.equal((text.match(/resume\d+/g) ?? []).join(' '), words.join(' '), 'every word is there, in order, exactly once');
  });

  it('falls back when the primary model is unavailable, and says so inline', async () => {
    wb.fake.script(PRIMARY, { kind: 'http-error', status: 503 });
    wb.fake.script(FALLBACK, { kind: 'answer', text: 'The fallback model answered.' });
    await send('Is anyone up?');
    const answer = answers().last();
    await answer.filter({ hasText: 'The fallback model answered.' }).waitFor({ timeout: 20000 });
    const notices = await textOf(answer.getByRole('list', { name: 'Notices' }));
    assert.match(notices, new RegExp(`${PRIMARY}.*503.*${FALLBACK}`));
    await answer.getByRole('list', { name: 'Answer details' }).filter({ hasText: FALLBACK }).waitFor({ timeout: 20000 });
    await screenshot(wb.page, 'chat-fallback');
  });

  it('shows a Top Up card when credits run out, and a retry with the max tokens they cover', async () => {
    wb.fake.script(PRIMARY, { kind: 'http-error', status: 402, variant: 'openrouter_credits' });
    await send('Expensive question');
    const card = answers().last().getByRole('group', { name: 'Error' });
    await card.getByRole('button', { name: 'Top Up Credits' }).waitFor({ timeout: 20000 });
    await screenshot(wb.page, 'chat-credits');
    // OpenRouter says how many tokens the balance covers ("can only afford N"): one click asks again with that many.
    const chatRequests = (): { body: unknown }[] => wb.fake.requests.filter((r) => r.path === '/api/v1/chat/completions');
    const asked = (chatRequests().at(-1)?.body as { max_tokens?: number }).max_tokens;
    assert.ok(asked !== undefined && asked > 4, 'the request set max_tokens');
    const affordable = Math.floor(asked / 4);
    const sent = chatRequests().length;
    wb.fake.script(PRIMARY, { kind: 'answer', text: 'A shorter answer that fits.' });
    await card.getByRole('button', { name: `Retry with ${affordable.toLocaleString('en-US')} Max Tokens` }).click();
    const answer = answers().last();
    await answer.filter({ hasText: 'A shorter answer that fits.' }).waitFor({ timeout: 20000 });
    assert.equal(chatRequests().length, sent + 1);
    assert.equal((chatRequests().at(-1)?.body as { max_tokens?: number }).max_tokens, affordable, 'the retry carried the affordable max_tokens');
    assert.match(await textOf(answer.getByRole('list', { name: 'Notices' })), new RegExp(`max_tokens lowered to ${affordable} for this answer`));
  });

  it('offers to continue with the next model after a mid-stream error, keeping the text', async () => {
    wb.fake.script(PRIMARY, { kind: 'mid-stream-error', afterTokens: 6, text: 'one two three four five six seven eight nine ten' });
    wb.fake.script(FALLBACK, { kind: 'answer', text: ' and the rest.' });
    await send('Count to ten.');
    const answer = answers().last();
    const resume = answer.getByRole('button', { name: `Continue with ${FALLBACK}` });
    await resume.waitFor({ timeout: 20000 });
    assert.match(await answer.innerText(), /one two three four five six/);
    await screenshot(wb.page, 'chat-continue');
    await resume.click();
    await answer.filter({ hasText: 'and the rest.' }).waitFor({ timeout: 20000 });
    assert.match(await answer.innerText(), /six[\s\S]*and the rest\./);
    const last = wb.fake.requests.filter((r) => r.path === '/api/v1/chat/completions').at(-1);
    const messages = (last?.body as { messages: { role: string; content: string }[] }).messages;
    assert.equal(messages.at(-1)?.role, 'assistant', 'the partial answer was sent as a prefill');
  });

  it('renders hostile model output inertly: no script runs, no remote request, no key in the DOM', async () => {
    const corpus = XSS_PAYLOADS.map((p) => p.replace(/ORIGIN/g, wb.fake.origin)).join('\n\n');
    wb.fake.script(PRIMARY, { kind: 'answer', text: corpus, chunking: 'utf8-split' });
    await send('Show me some HTML.');
    const answer = answers().last();
    await answer.getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 30000 });
    const frame = panelFrame(wb);
    assert.equal(await frame.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    assert.equal(await answer.locator('script, style, link, svg, math').count(), 0);
    assert.equal(await answer.locator('[onerror], [onload], [onclick], [onmouseover], iframe, object, embed, form, base, meta').count(), 0);
    assert.equal(await answer.locator('a[href^="javascript:" i], a[href^="data:" i], a[href^="vbscript:" i]').count(), 0);
    assert.deepEqual(wb.fake.requests.filter((r) => r.path.includes('leak')).map((r) => r.path), []);
    assert.ok(!(await frame.content()).includes(FAKE_API_KEY));
    assert.ok(XSS_PAYLOADS.length >= 20);
  });

  it('exports the chat to Markdown with each answer\'s model and cost', async () => {
    await panel().getByRole('button', { name: 'Export Chat' }).click();
    const editor = wb.page.locator('.editor-instance .view-lines').filter({ hasText: 'Stream forty words, please.' }).first();
    await editor.waitFor({ timeout: 20000 });
    assert.match(await textOf(editor), /\*\*You\*\*/);
    // Monaco renders only the visible lines: go to the end for the total and the later answers.
    await editor.click();
    await wb.page.keyboard.press('Control+End');
    const end = wb.page.locator('.editor-instance .view-lines').filter({ hasText: 'Total cost' }).first();
    await end.waitFor({ timeout: 10000 });
    assert.match(await textOf(end), /\*\*Total cost:\*\* \$\d/);
    assert.match(await textOf(end), new RegExp(PRIMARY.replace('/', '\\/')));
    await closeAllEditors(wb.page);
  });

  it('stays alive while another view is shown: back at once, with the words typed and not yet sent', async () => {
    await composer().fill('unsent words');
    const frames = () => wb.page.frames().filter((f) => f.url().includes('fake.html'));
    await panelFrame(wb).evaluate(() => ((globalThis as { keptAlive?: boolean }).keptAlive = true));
    await runCommand(wb.page, 'View: Show Explorer');
    await wb.page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 15000 });
    await openSidebar(wb.page);
    await composer().waitFor({ timeout: 15000 });
    const kept = await Promise.all(frames().map((f) => f.evaluate(() => (globalThis as { keptAlive?: boolean }).keptAlive === true).catch(() => false)));
    assert.ok(kept.includes(true), 'the same page, not a new one rebuilt from a snapshot');
    assert.equal(await composer().inputValue(), 'unsent words');
    await composer().fill('');
  });

  it('keeps the conversation across a window reload', async () => {
    await reloadWindow(wb);
    await openSidebar(wb.page);
    await answers().filter({ hasText: 'The fallback model answered.' }).first().waitFor({ timeout: 30000 });
    await panel().getByText('Stream forty words, please.').first().waitFor();
  });

  it('warns before sending a prompt too long for the model, falls back to one it fits, then offers a new chat', async () => {
    const SMALL = 'mistralai/mistral-7b-instruct'; // 8k context in the fake's catalogue
    const pickModel = async (id: string): Promise<void> => {
      await runCommand(wb.page, 'OpenRouter: Select Model…');
      await wb.page.locator('.quick-input-widget input').first().fill(id);
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: id }).first().click();
      await panel().getByRole('button', { name: new RegExp(`^Model: ${id}`) }).waitFor({ timeout: 15000 });
    };
    await panel().getByRole('button', { name: 'New Chat' }).click();
    await pickModel(SMALL);
    try {
      const estimate = panel().locator('.composer-estimate');
      await composer().fill(`Summarise this log:\n${'GET /api/items 200 12ms\n'.repeat(2000)}`);
      await estimate.filter({ hasText: 'over the 8.2k context' }).waitFor({ timeout: 15000 });
      assert.match(await estimate.getAttribute('title') ?? '', /pick a model with a longer context/);
      await screenshot(wb.page, 'chat-over-context');
      wb.fake.script(FALLBACK, { kind: 'answer', text: 'It fits in this one.' });
      await composer().press('Enter');
      const answer = answers().last();
      await answer.filter({ hasText: 'It fits in this one.' }).waitFor({ timeout: 20000 });
      const notices = await textOf(answer.getByRole('list', { name: 'Notices' }));
      assert.match(notices, new RegExp(`${SMALL}.*cannot fit this conversation in its context`));
      // The fallback's blended price per token is about 46 times the small model's: the notice says so.
      assert.match(notices, new RegExp(`trying ${FALLBACK} \\(about 46× the price per token`));
      await answer.getByRole('list', { name: 'Answer details' }).filter({ hasText: FALLBACK }).waitFor({ timeout: 20000 });
      // Still too long, and this time the fallback cannot read it either: the card offers to ask again afresh.
      wb.fake.script(FALLBACK, { kind: 'http-error', status: 400, variant: 'context_length_exceeded' });
      await send('And the errors only?');
      const card = answers().last().getByRole('group', { name: 'Error' });
      await card.waitFor({ timeout: 20000 });
      // A draft typed meanwhile is kept: once the host has it (its exact count, in the tooltip, changes), start afresh.
      const before = await estimate.getAttribute('title');
      await composer().fill('Also list the warnings.');
      await panelFrame(wb).waitForFunction((title) => document.querySelector('.composer-estimate')?.getAttribute('title') !== title, before, { timeout: 10000 });
      await card.getByRole('button', { name: 'Ask in a New Chat' }).click();
      await panel().getByText(/^Ask anything\./).waitFor({ timeout: 10000 });
      assert.equal(await answers().count(), 0, 'a new, empty chat');
      const expected = 'And the errors only?\n\nAlso list the warnings.';
      await panelFrame(wb).waitForFunction((value) => document.querySelector<HTMLTextAreaElement>('textarea.composer-input')?.value === value, expected, { timeout: 10000 })
        .catch(async () => assert.equal(await composer().inputValue(), expected, 'the question, then the draft typed meanwhile'));
    } finally {
      await pickModel(PRIMARY);
    }
    // A short draft under the usual model: back to the size against its context.
    await composer().fill('Thanks.');
    await panel().locator('.composer-estimate').filter({ hasText: / \/ 128k tokens/ }).waitFor({ timeout: 15000 });
    await composer().fill('');
  });

  it('follows the light and dark themes', async () => {
    await panel().getByRole('button', { name: 'New Chat' }).click();
    wb.fake.script(PRIMARY, { kind: 'answer', text: SHOWCASE, reasoning: 'The user wants a debounce helper in TypeScript; keep it small and typed.' });
    await send('Write a typed debounce helper in TypeScript.');
    await answers().last().getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 20000 });
    // The screenshots show the chat, not the log earlier tests left open below the editors.
    const hidePanel = wb.page.locator('.part.panel .action-label[aria-label^="Hide Panel"], .part.panel .action-label[aria-label^="Close Panel"]').first();
    if (await hidePanel.isVisible()) await hidePanel.click();
    const foregrounds: string[] = [];
    for (const [theme, workbenchClass, name] of [['Dark Modern', 'vs-dark', 'chat-dark'], ['Light Modern', 'vs', 'chat-light']] as const) {
      await runCommand(wb.page, 'Preferences: Color Theme');
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().click();
      await wb.page.locator(`.monaco-workbench.${workbenchClass}`).waitFor({ timeout: 15000 });
      await panelFrame(wb).waitForFunction((dark) => document.body.classList.contains(dark ? 'vscode-dark' : 'vscode-light'), workbenchClass === 'vs-dark');
      await screenshot(wb.page, name);
      foregrounds.push(await panelFrame(wb).evaluate(() => getComputedStyle(document.body).color));
      // With the theme's real colours: inline code stands out from the sidebar, and a code block's lines carry no
      // background of their own (VS Code's default style gives every <code> one).
      const code = await panelFrame(wb).evaluate(() => {
        const sidebar = document.createElement('div');
        sidebar.style.background = 'var(--vscode-sideBar-background)';
        document.body.append(sidebar);
        const colours = {
          sidebar: getComputedStyle(sidebar).backgroundColor,
          inline: getComputedStyle(document.querySelector('.markdown li code') as Element).backgroundColor,
          block: getComputedStyle(document.querySelector('.markdown pre code') as Element).backgroundColor,
        };
        sidebar.remove();
        return colours;
      });
      assert.notEqual(code.inline, code.sidebar, `${theme}: inline code has a background of its own`);
      assert.notEqual(code.inline, 'rgba(0, 0, 0, 0)', `${theme}: inline code has a background of its own`);
      assert.equal(code.block, 'rgba(0, 0, 0, 0)', `${theme}: a code block's lines have no background of their own`);
    }
    assert.notEqual(foregrounds[0], foregrounds[1], 'the panel text colour follows the theme');
  });
});
