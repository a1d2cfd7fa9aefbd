/// <reference lib="dom" />
// The page functions below run in the browser.
// The chat panel's actions on an answer and on the chats: a code block's buttons (Copy, Insert at Cursor, Insert
// into New File, Apply, Insert into Terminal), Copy Answer, Regenerate with Another Model and browsing back to the
// first answer, in the chat list Rename, Search (titles and messages) and Delete with Undo, and attaching context
// without sending a file twice.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FALLBACK, PRIMARY, SHOWCASE, useChatPanel } from './chat-panel';
import { closeAllEditors, dismissNotifications, notification, readUserSettings, runCommand, screenshot, textOf, waitForFile, type Workbench } from './workbench';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the chat panel\'s actions', function () {
  const chat = useChatPanel();
  const { panel, answers, send } = chat;
  let wb: Workbench;
  before(() => {
    wb = chat.wb;
  });

  it('copies an answer and a code block, inserts the code at the cursor and into a new file, and applies it through a diff', async () => {
    wb.fake.script(PRIMARY, { kind: 'answer', text: SHOWCASE });
    await send('Write a typed debounce helper in TypeScript.');
    await answers().last().getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 20000 });
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
    // The choice stays on the diff itself, in its title bar, and either choice closes the diff.
    const diffTab = wb.page.locator('.tab', { hasText: 'helpers.ts ↔ Proposed by OpenRouter' });
    const titleAction = (name: string) => wb.page.locator(`.editor-actions .action-label[aria-label^="${name}"]`).first();
    await titleAction('Apply Proposed Change').click();
    await diffTab.waitFor({ state: 'detached', timeout: 10000 });
    await runCommand(wb.page, 'File: Save All Files');
    await waitForFile(() => fs.readFileSync(file, 'utf8') === code, 'the file holds exactly the proposed code');

    // A file that ends with a line break keeps it; the proposal reads in the file's language; Discard changes nothing.
    await editorLines.click();
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.type('// helpers, again');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.press('Control+S');
    await waitForFile(() => fs.readFileSync(file, 'utf8') === '// helpers, again\n', 'the file, edited and saved, ends with a line break');
    await toolbar.getByRole('button', { name: 'Apply' }).click();
    await diffTab.waitFor({ timeout: 15000 });
    await wb.page.locator('.monaco-diff-editor .editor.modified .view-lines').first().click();
    await wb.page.locator('[id="status.editor.mode"]', { hasText: 'TypeScript' }).waitFor({ timeout: 10000 });
    await titleAction('Discard Proposed Change').click();
    await diffTab.waitFor({ state: 'detached', timeout: 10000 });
    assert.equal(fs.readFileSync(file, 'utf8'), '// helpers, again\n', 'Discard leaves the file alone');
    await toolbar.getByRole('button', { name: 'Apply' }).click();
    await diffTab.waitFor({ timeout: 15000 });
    await titleAction('Apply Proposed Change').click();
    await diffTab.waitFor({ state: 'detached', timeout: 10000 });
    await runCommand(wb.page, 'File: Save All Files');
    await waitForFile(() => fs.readFileSync(file, 'utf8') === `${code}\n`, 'the proposed code, with the file\'s final line break kept');

    // A new untitled editor with the code, in the language the fence names ("ts").
    await toolbar.getByRole('button', { name: 'Insert into New File' }).click();
    await wb.page.locator('.tab.active', { hasText: /Untitled-\d+/ }).waitFor({ timeout: 15000 });
    await wb.page.locator('[id="status.editor.mode"]', { hasText: 'TypeScript' }).waitFor({ timeout: 10000 });
    const newEditor = wb.page.locator('.editor-instance .view-lines').first();
    await newEditor.filter({ hasText: 'export function debounce' }).waitFor({ timeout: 10000 });
    assert.match(await textOf(newEditor), /^export function debounce/);
    assert.equal(fs.readFileSync(file, 'utf8'), `${code}\n`, 'the file it came from is untouched');
    await closeAllEditors(wb.page);
  });

  it('regenerates the last answer with another model for that answer only, and keeps the first answer to browse back to', async () => {
    wb.fake.script(PRIMARY, { kind: 'answer', text: 'A first opinion.' });
    await send('What do you make of this?');
    const first = answers().filter({ hasText: 'A first opinion.' });
    const firstFooter = first.getByRole('list', { name: 'Answer details' });
    await firstFooter.filter({ hasText: PRIMARY }).waitFor({ timeout: 20000 });
    const firstFacts = await firstFooter.innerText();
    assert.match(firstFacts, /\$/, 'the first answer\'s footer has its cost');
    wb.fake.script(FALLBACK, { kind: 'answer', text: 'A second opinion, from another model.' });
    await first.getByRole('button', { name: 'Regenerate with Another Model' }).click();
    await wb.page.locator('.quick-input-widget', { hasText: 'Regenerate With' }).waitFor({ timeout: 15000 });
    await wb.page.locator('.quick-input-widget input').first().fill(FALLBACK);
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: FALLBACK }).first().click();
    const answer = answers().filter({ hasText: 'A second opinion, from another model.' });
    await answer.getByRole('list', { name: 'Answer details' }).filter({ hasText: FALLBACK }).waitFor({ timeout: 20000 });
    assert.equal(await answers().filter({ hasText: 'A first opinion.' }).count(), 0, 'the new answer shows in place of the first');
    const last = wb.fake.requests.filter((r) => r.path === '/api/v1/chat/completions').at(-1);
    assert.equal((last?.body as { model: string }).model, FALLBACK);
    // The default model is unchanged: the header and the settings still name it.
    await panel().getByRole('button', { name: new RegExp(`^Model: ${PRIMARY}`) }).waitFor();
    assert.equal(readUserSettings(wb)['openrouter.defaultModel'], PRIMARY);

    // The first answer was kept: ‹ 2/2 › browses back to it, with its own footer and cost, and forward again.
    await answer.getByRole('group', { name: 'Answer 2 of 2' }).getByRole('button', { name: 'Previous Answer' }).click();
    const back = answers().filter({ hasText: 'A first opinion.' });
    await back.getByRole('group', { name: 'Answer 1 of 2' }).waitFor({ timeout: 10000 });
    assert.equal(await back.getByRole('list', { name: 'Answer details' }).innerText(), firstFacts, 'the first answer\'s own footer');
    assert.equal(await answers().filter({ hasText: 'A second opinion' }).count(), 0);
    await back.getByRole('button', { name: 'Next Answer' }).click();
    await answers().filter({ hasText: 'A second opinion' }).getByRole('group', { name: 'Answer 2 of 2' }).waitFor({ timeout: 10000 });
  });

  it('puts a shell command at the terminal prompt without running it, and runs a multi-line block only once confirmed', async () => {
    const single = 'echo inserted > inserted.txt';
    const multi = 'echo one > one.txt\necho two > two.txt';
    wb.fake.script(PRIMARY, { kind: 'answer', text: `Run this:\n\n\`\`\`bash\n${single}\n\`\`\`\n\nThen these:\n\n\`\`\`sh\n${multi}\n\`\`\`` });
    await send('Which commands?');
    const answer = answers().filter({ hasText: 'Then these:' });
    await answer.getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 20000 });
    const inWorkspace = (name: string) => path.join(wb.workspace, name);

    // No terminal is open: Insert into Terminal opens one, and the command must reach it after the shell's prompt,
    // not before (typed ahead, the terminal echoes it and the shell shows it again at its prompt). The prompt
    // followed by the command is the last thing either way drawn, so once it shows the count is final.
    assert.equal(await wb.page.locator('.part.panel .xterm').count(), 0, 'no terminal before the insert');
    await answer.locator('.code-block').first().getByRole('button', { name: 'Insert into Terminal' }).click();
    const rows = wb.page.locator('.part.panel .xterm-rows');
    const atPrompt = new RegExp(`[#$%>] ${escapeRegExp(single)}`);
    await rows.filter({ hasText: atPrompt }).waitFor({ timeout: 30000 });
    const shown = await textOf(rows.first());
    assert.equal(shown.split(single).length - 1, 1, `the command shows once in the new terminal:\n${shown}`);
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

  it('attaches each file once: a selection of a file attached whole, the same file again, Open Editors over it', async () => {
    await closeAllEditors(wb.page);
    await dismissNotifications(wb.page);
    fs.writeFileSync(path.join(wb.workspace, 'notes.ts'), 'const alpha = 1;\nconst beta = 2;\n');
    // Go to File lists a file created a moment ago only once its search index has caught up: ask again until it does.
    const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'notes.ts' }).first();
    for (let attempt = 1; ; attempt++) {
      await runCommand(wb.page, 'Go to File...');
      await wb.page.locator('.quick-input-widget input').first().fill('notes.ts');
      if (await row.waitFor({ timeout: 5000 }).then(() => true, () => attempt >= 6)) break;
      await wb.page.keyboard.press('Escape');
    }
    await row.click();
    const editorLines = wb.page.locator('.editor-instance .view-lines').first();
    await editorLines.filter({ hasText: 'const alpha' }).waitFor({ timeout: 15000 });
    await editorLines.click();
    await wb.page.keyboard.press('Control+Home');
    await wb.page.keyboard.press('Shift+End');
    await panel().getByRole('button', { name: 'New Chat' }).click();
    const chips = panel().locator('.context-chips > li');
    await panel().getByRole('button', { name: 'Attach Current File' }).click();
    await chips.filter({ hasText: 'notes.ts' }).waitFor({ timeout: 10000 });
    await panel().getByRole('button', { name: 'Attach Selection' }).click();
    await notification(wb.page, 'The selection\'s file is already attached whole.').waitFor({ timeout: 10000 });
    await panel().getByRole('button', { name: 'Attach Current File' }).click();
    await notification(wb.page, 'notes.ts is already attached.').waitFor({ timeout: 10000 });
    await panel().getByRole('button', { name: 'Attach Open Editors' }).click();
    await notification(wb.page, 'Every open editor is already attached.').waitFor({ timeout: 10000 });
    assert.equal(await chips.count(), 1, 'one chip: the file');
    wb.fake.script(PRIMARY, { kind: 'answer', text: 'Two constants.' });
    await send('What is in this file?');
    await answers().filter({ hasText: 'Two constants.' }).getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 20000 });
    const last = wb.fake.requests.filter((r) => r.path === '/api/v1/chat/completions').at(-1);
    const question = (last?.body as { messages: { role: string; content: string }[] }).messages.at(-1)?.content ?? '';
    assert.equal(question.split('const alpha = 1;').length - 1, 1, 'the file\'s text went once');
    await dismissNotifications(wb.page);
    await closeAllEditors(wb.page);
    fs.rmSync(path.join(wb.workspace, 'notes.ts'));
  });

  it('finds a chat by a word that only its answer contains, shows where, and opens it', async () => {
    await panel().getByRole('button', { name: 'New Chat' }).click();
    wb.fake.script(PRIMARY, { kind: 'answer', text: 'Take the morning ferry: the crossing to Zanzibar takes about two hours.' });
    await send('When do the ferries leave?');
    await answers().filter({ hasText: 'crossing to Zanzibar' }).getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 20000 });
    await panel().getByRole('button', { name: 'New Chat' }).click();
    await answers().first().waitFor({ state: 'detached', timeout: 15000 });
    const chats = panel().getByRole('button', { name: 'Chats' });
    await chats.click();
    await panel().getByRole('searchbox', { name: 'Search chats' }).fill('zanzibar');
    const found = panel().getByRole('list', { name: 'Chats' }).getByRole('button', { name: /^When do the ferries leave\?/ });
    await found.locator('.chat-snippet mark', { hasText: 'Zanzibar' }).waitFor({ timeout: 15000 });
    assert.match(await found.locator('.chat-snippet').innerText(), /the crossing to Zanzibar takes about two hours/);
    await found.click();
    await answers().filter({ hasText: 'crossing to Zanzibar' }).waitFor({ timeout: 15000 });
  });

  it('deletes a chat and brings it back with Undo, whole', async () => {
    await panel().getByRole('button', { name: 'New Chat' }).click();
    wb.fake.script(PRIMARY, { kind: 'answer', text: 'Pack light clothes and a rain jacket.' });
    await send('What should I pack for the islands?');
    await answers().filter({ hasText: 'rain jacket' }).getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 20000 });
    const chats = panel().getByRole('button', { name: 'Chats' });
    await chats.click();
    await panel().getByRole('searchbox', { name: 'Search chats' }).fill('');
    const list = panel().getByRole('list', { name: 'Chats' });
    const row = list.getByRole('button', { name: /^What should I pack for the islands\?/ });
    await row.waitFor({ timeout: 15000 });
    await panel().getByRole('button', { name: 'Delete chat What should I pack for the islands?' }).click();
    await panel().getByRole('status').filter({ hasText: 'Deleted What should I pack for the islands?' }).waitFor({ timeout: 15000 });
    // The snapshot that shows Undo has the chat gone from the list and the panel: checked at once, then Undo,
    // well inside its six seconds however slow the machine.
    assert.equal(await row.count(), 0, 'gone from the list');
    assert.equal(await answers().filter({ hasText: 'rain jacket' }).count(), 0, 'closed in the panel');
    await panel().getByRole('button', { name: 'Undo' }).click();
    await row.waitFor({ timeout: 15000 });
    // It was the open chat: it opens again, with its messages.
    await answers().filter({ hasText: 'rain jacket' }).waitFor({ timeout: 15000 });
    await panel().getByRole('article', { name: 'You' }).filter({ hasText: 'What should I pack for the islands?' }).waitFor();
    await panel().getByRole('button', { name: 'New Chat' }).click();
    await answers().first().waitFor({ state: 'detached', timeout: 15000 });
    await chats.click();
    await row.click();
    await answers().filter({ hasText: 'rain jacket' }).waitFor({ timeout: 15000 });
  });
});
