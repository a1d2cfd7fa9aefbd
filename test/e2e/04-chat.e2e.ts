/// <reference lib="dom" />
// The page functions below run inside the webview, in the browser.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { XSS_PAYLOADS } from '../webview/xss-corpus';
import {
  answerNotification, chatFrame, closeAllEditors, ensureKeySet, FAKE_API_KEY, openSidebar, readUserSettings, reloadWindow, runCommand, screenshot, textOf, waitForFile,
  workbench, writeUserSettings, type Workbench,
} from './workbench';

const PRIMARY = 'openai/gpt-4o-mini';
const FALLBACK = 'anthropic/claude-3.5-haiku';
const SHOWCASE = [
  'Here is a small, typed `debounce`:',
  '',
  '```ts',
  'export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {',
  '  let timer: ReturnType<typeof setTimeout> | undefined;',
  '  return (...args: A) => {',
  '    clearTimeout(timer);',
  '    timer = setTimeout(() => fn(...args), ms);',
  '  };',
  '}',
  '```',
  '',
  '- Calls `fn` once input has been quiet for `ms` milliseconds.',
  '- Keeps the argument types of `fn`.',
].join('\n');

/** The page frame of the chat webview, for evaluating script in it. */
function panelFrame(wb: Workbench): Frame {
  const frame = wb.page.frames().find((f) => f.name() === 'active-frame' || f.url().includes('fake.html'));
  assert.ok(frame, 'the chat webview frame exists');
  return frame;
}

describe('the chat panel', function () {
  let wb: Workbench;
  let settings: Record<string, unknown>;
  const panel = () => chatFrame(wb.page);
  const composer = () => panel().getByRole('textbox', { name: 'Message OpenRouter' });
  const answers = () => panel().getByRole('article', { name: 'Answer' });

  async function send(text: string): Promise<void> {
    await composer().fill(text);
    await composer().press('Enter');
  }

  before(async function () {
    wb = await workbench();
    settings = readUserSettings(wb);
    // One attempt per model, so an outage moves straight to the fallback.
    // The terminal draws its text as DOM (not WebGL), so a test can read what reached the prompt.
    writeUserSettings(wb, {
      ...settings, 'openrouter.fallbackModels': [FALLBACK], 'openrouter.retry.maxAttempts': 1, 'openrouter.defaultModel': PRIMARY,
      'terminal.integrated.gpuAcceleration': 'off',
    });
    await reloadWindow(wb);
    await ensureKeySet(wb);
    await openSidebar(wb.page);
    await composer().waitFor({ timeout: 30000 });
    await panel().getByRole('button', { name: 'New Chat' }).click();
  });

  // Each test scripts the fake from a clean slate.
  beforeEach(() => wb.fake.reset());

  after(async () => {
    writeUserSettings(wb, settings);
    await reloadWindow(wb);
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

  it('resumes from a fresh snapshot when the webview reloads mid-stream, losing no text', async () => {
    const words = Array.from({ length: 60 }, (_, i) => `resume${i + 1}`);
    // Slow enough (ten seconds) that the reload lands while the answer still streams; the Stop button proves it.
    wb.fake.script(PRIMARY, { kind: 'answer', text: words.join(' '), tokensPerSecond: 6 });
    await send('Keep going through a reload.');
    await answers().last().filter({ hasText: 'resume5' }).waitFor({ timeout: 20000 });
    await panelFrame(wb).evaluate(() => Object.assign(window, { __beforeReload: true }));
    // Hiding the view destroys the webview's page (no retainContextWhenHidden); showing it loads a fresh one.
    await wb.page.locator('.activitybar li.action-item').filter({ has: wb.page.locator('[aria-label^="Explorer"]') }).first().click();
    await openSidebar(wb.page);
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

  it('shows a Top Up card when credits run out', async () => {
    wb.fake.script(PRIMARY, { kind: 'http-error', status: 402, variant: 'openrouter_credits' });
    await send('Expensive question');
    const card = answers().last().getByRole('group', { name: 'Error' });
    await card.getByRole('button', { name: 'Top Up Credits' }).waitFor({ timeout: 20000 });
    await screenshot(wb.page, 'chat-credits');
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
      assert.match(await textOf(answer.getByRole('list', { name: 'Notices' })), new RegExp(`${SMALL}.*cannot fit this conversation in its context`));
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

  it('copies an answer and a code block, inserts the code at the cursor and into a new file, and applies it through a diff', async () => {
    const code = SHOWCASE.split('```ts\n')[1]?.split('\n```')[0] ?? '';
    const file = path.join(wb.workspace, 'helpers.ts');
    fs.writeFileSync(file, '// helpers\n');
    const editorLines = wb.page.locator('.editor-instance .view-lines').first();
    await runCommand(wb.page, 'Go to File...');
    await wb.page.locator('.quick-input-widget input').first().fill('helpers.ts');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'helpers.ts' }).first().click();
    await editorLines.filter({ hasText: '// helpers' }).waitFor({ timeout: 15000 });
    await editorLines.click();
    await wb.page.keyboard.press('Control+End');
    const toolbar = answers().last().locator('.code-toolbar').first();

    await toolbar.getByRole('button', { name: 'Copy', exact: true }).click();
    await wb.page.locator('.statusbar', { hasText: 'Code copied' }).waitFor({ timeout: 10000 });
    assert.equal(await wb.page.evaluate(() => navigator.clipboard.readText()), code);
    await answers().last().getByRole('button', { name: 'Copy Answer' }).click();
    await wb.page.locator('.statusbar', { hasText: 'Answer copied' }).waitFor({ timeout: 10000 });
    assert.equal(await wb.page.evaluate(() => navigator.clipboard.readText()), SHOWCASE, 'the markdown the host stored');

    await toolbar.getByRole('button', { name: 'Insert at Cursor' }).click();
    await editorLines.filter({ hasText: 'export function debounce' }).waitFor({ timeout: 10000 });
    assert.match(await textOf(editorLines), /^\/\/ helpers\s+export function debounce/);

    // Apply proposes the whole file (nothing is selected) in a diff, and changes nothing until confirmed.
    await wb.page.keyboard.press('Control+S');
    await toolbar.getByRole('button', { name: 'Apply' }).click();
    await wb.page.locator('.tab', { hasText: 'helpers.ts ↔ Proposed by OpenRouter' }).waitFor({ timeout: 15000 });
    await screenshot(wb.page, 'code-apply-diff');
    assert.match(fs.readFileSync(file, 'utf8'), /^\/\/ helpers\n/);
    await answerNotification(wb.page, 'Apply the proposed change to helpers.ts?', /^Apply$/);
    await runCommand(wb.page, 'File: Save All Files');
    await waitForFile(() => fs.readFileSync(file, 'utf8') === code, 'the file holds exactly the proposed code');

    // A new untitled editor with the code, in the language the fence names ("ts").
    await toolbar.getByRole('button', { name: 'Insert into New File' }).click();
    await wb.page.locator('.tab.active', { hasText: /Untitled-\d+/ }).waitFor({ timeout: 15000 });
    await wb.page.locator('[id="status.editor.mode"]', { hasText: 'TypeScript' }).waitFor({ timeout: 10000 });
    const newEditor = wb.page.locator('.editor-instance .view-lines').first();
    await newEditor.filter({ hasText: 'export function debounce' }).waitFor({ timeout: 10000 });
    assert.match(await textOf(newEditor), /^export function debounce/);
    assert.equal(fs.readFileSync(file, 'utf8'), code, 'the file it came from is untouched');
    await closeAllEditors(wb.page);
  });

  it('regenerates the last answer with another model for that answer only', async () => {
    wb.fake.script(PRIMARY, { kind: 'answer', text: 'A first opinion.' });
    await send('What do you make of this?');
    const first = answers().filter({ hasText: 'A first opinion.' });
    await first.getByRole('list', { name: 'Answer details' }).filter({ hasText: PRIMARY }).waitFor({ timeout: 20000 });
    wb.fake.script(FALLBACK, { kind: 'answer', text: 'A second opinion, from another model.' });
    await first.getByRole('button', { name: 'Regenerate with Another Model' }).click();
    await wb.page.locator('.quick-input-widget', { hasText: 'Regenerate With' }).waitFor({ timeout: 15000 });
    await wb.page.locator('.quick-input-widget input').first().fill(FALLBACK);
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: FALLBACK }).first().click();
    const answer = answers().filter({ hasText: 'A second opinion, from another model.' });
    await answer.getByRole('list', { name: 'Answer details' }).filter({ hasText: FALLBACK }).waitFor({ timeout: 20000 });
    assert.equal(await answers().filter({ hasText: 'A first opinion.' }).count(), 0, 'the new answer replaced the old one');
    const last = wb.fake.requests.filter((r) => r.path === '/api/v1/chat/completions').at(-1);
    assert.equal((last?.body as { model: string }).model, FALLBACK);
    // The default model is unchanged: the header and the settings still name it.
    await panel().getByRole('button', { name: new RegExp(`^Model: ${PRIMARY}`) }).waitFor();
    assert.equal(readUserSettings(wb)['openrouter.defaultModel'], PRIMARY);
  });

  it('puts a shell command at the terminal prompt without running it, and runs a multi-line block only once confirmed', async () => {
    const single = 'echo inserted > inserted.txt';
    const multi = 'echo one > one.txt\necho two > two.txt';
    wb.fake.script(PRIMARY, { kind: 'answer', text: `Run this:\n\n\`\`\`bash\n${single}\n\`\`\`\n\nThen these:\n\n\`\`\`sh\n${multi}\n\`\`\`` });
    await send('Which commands?');
    const answer = answers().filter({ hasText: 'Then these:' });
    await answer.getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 20000 });
    const inWorkspace = (name: string) => path.join(wb.workspace, name);

    await answer.locator('.code-block').first().getByRole('button', { name: 'Insert into Terminal' }).click();
    const rows = wb.page.locator('.part.panel .xterm-rows');
    await rows.filter({ hasText: single }).waitFor({ timeout: 30000 });
    assert.equal(fs.existsSync(inWorkspace('inserted.txt')), false, 'the command waits at the prompt');
    await wb.page.locator('.part.panel .xterm').first().click();
    await wb.page.keyboard.press('Enter');
    await waitForFile(() => fs.existsSync(inWorkspace('inserted.txt')), 'the command ran once Enter was pressed');

    await answer.locator('.code-block').nth(1).getByRole('button', { name: 'Insert into Terminal' }).click();
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'Run these 2 lines in the terminal?' });
    await dialog.waitFor({ timeout: 15000 });
    assert.match(await dialog.innerText(), /echo one > one\.txt\s+echo two > two\.txt/, 'the dialog shows the commands');
    await dialog.getByRole('button', { name: 'Run in Terminal' }).click();
    await waitForFile(() => fs.existsSync(inWorkspace('one.txt')) && fs.existsSync(inWorkspace('two.txt')), 'both lines ran');
    await runCommand(wb.page, 'Terminal: Kill All Terminals');
    for (const name of ['inserted.txt', 'one.txt', 'two.txt']) fs.rmSync(inWorkspace(name));
  });

  it('renames a chat from the chat list, and keeps the title when it is answered again', async () => {
    await panel().getByRole('button', { name: 'New Chat' }).click();
    wb.fake.script(PRIMARY, { kind: 'answer', text: 'Named later.' });
    await send('A chat to rename');
    await answers().filter({ hasText: 'Named later.' }).getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 20000 });
    const chats = panel().getByRole('button', { name: 'Chats' });
    await chats.click();
    await panel().getByRole('button', { name: 'Rename chat A chat to rename' }).click();
    const box = wb.page.locator('.quick-input-widget', { hasText: 'Rename Chat' });
    await box.waitFor({ timeout: 15000 });
    assert.equal(await box.locator('input').first().inputValue(), 'A chat to rename', 'the box starts from the current title');
    await box.locator('input').first().fill('  Release   checklist ');
    await box.locator('input').first().press('Enter');
    const list = panel().getByRole('list', { name: 'Chats' });
    await list.getByRole('button', { name: /^Release checklist/ }).waitFor({ timeout: 15000 });
    await chats.click();
    // The open chat was renamed in place: the save after its next answer keeps the new title.
    wb.fake.script(PRIMARY, { kind: 'answer', text: 'Still named.' });
    await send('One more question');
    await answers().filter({ hasText: 'Still named.' }).getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 20000 });
    await chats.click();
    await list.getByRole('button', { name: /^Release checklist/ }).waitFor({ timeout: 15000 });
    assert.equal(await list.getByRole('button', { name: /^A chat to rename/ }).count(), 0);
    await chats.click();
  });
});
