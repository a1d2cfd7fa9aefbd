import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useChatPanel } from './chat-panel';
import { artifacts, closeAllEditors, notification, runCommand } from './workbench';

interface SentRequest { messages: { role: string; content: string }[] }

describe('mentions and slash commands', function () {
  const chat = useChatPanel();

  /** The user message of each chat request the fake received since `from`. */
  const sentSince = (from: number): string[] => chat.wb.fake.requests.slice(from)
    .filter((r) => r.path === '/api/v1/chat/completions')
    .map((r) => (r.body as SentRequest).messages.at(-1)?.content ?? '');

  it('# → a workspace file → sent: the fake receives its content once, mentioned twice or not', async () => {
    const { wb } = chat;
    const marker = `mention-marker-${Date.now()}`;
    fs.mkdirSync(path.join(wb.workspace, 'src'), { recursive: true });
    fs.writeFileSync(path.join(wb.workspace, 'src', 'mention-target.ts'), `export const marker = '${marker}';\n`);
    // .gitignore hides its files from # as the explorer's search would.
    fs.mkdirSync(path.join(wb.workspace, 'ignored-out'), { recursive: true });
    fs.writeFileSync(path.join(wb.workspace, 'ignored-out', 'mention-target-copy.ts'), 'ignored\n');
    fs.writeFileSync(path.join(wb.workspace, '.gitignore'), 'ignored-out/\n');
    const panel = chat.panel();
    const composer = chat.composer();
    await composer.click();
    await composer.pressSequentially('What does this export? #mention-tar');
    const list = panel.getByRole('listbox', { name: 'Suggestions' });
    const option = list.getByRole('option', { name: /#mention-target\.ts/ });
    await option.first().waitFor({ timeout: 20000 });
    assert.equal(await list.getByRole('option', { name: /mention-target-copy/ }).count(), 0, 'a .gitignore\'d file is not offered');
    assert.match(await option.first().innerText(), /src\/mention-target\.ts/);
    // The README's picture of a mention: the chat view with the list open.
    await wb.page.locator('.part.sidebar').screenshot({ path: path.join(artifacts, 'mention.png') });
    await wb.page.keyboard.press('Enter');
    const chips = panel.getByRole('list', { name: 'Attached context' });
    await chips.getByRole('listitem').filter({ hasText: 'src/mention-target.ts' }).waitFor({ timeout: 20000 });
    assert.match(await chips.innerText(), /src\/mention-target\.ts\s*~\d+ tokens/);
    assert.equal(await composer.inputValue(), 'What does this export? ');

    // The same file again: it stays one chip, and the person is told.
    await composer.pressSequentially('#mention-tar');
    await option.first().waitFor({ timeout: 20000 });
    await wb.page.keyboard.press('Enter');
    await notification(wb.page, /src\/mention-target\.ts is already attached/).waitFor({ timeout: 20000 });
    assert.equal(await chips.getByRole('listitem').count(), 1);

    const from = wb.fake.requests.length;
    await composer.press('Enter');
    await chat.answers().last().getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 30000 });
    const [sent] = sentSince(from);
    assert.ok(sent, 'a chat request was sent');
    assert.equal(sent.split(marker).length - 1, 1, `the file's content went exactly once:\n${sent}`);
    assert.match(sent, /What does this export\?/);
    const question = panel.getByRole('article', { name: 'You' }).last();
    assert.match(await question.getByRole('list', { name: 'Attached context' }).innerText(), /src\/mention-target\.ts/);
  });

  it('a file deleted after it was mentioned stops the send with a message, keeping the prompt and the chip', async () => {
    const { wb } = chat;
    await chat.panel().getByRole('button', { name: 'New Chat' }).click();
    const file = path.join(wb.workspace, 'soon-gone.ts');
    fs.writeFileSync(file, 'export const gone = true;\n');
    const composer = chat.composer();
    await composer.click();
    await composer.pressSequentially('#soon-gon');
    await chat.panel().getByRole('option', { name: /#soon-gone\.ts/ }).first().waitFor({ timeout: 20000 });
    await wb.page.keyboard.press('Enter');
    const chips = chat.panel().getByRole('list', { name: 'Attached context' });
    await chips.getByText('soon-gone.ts').waitFor({ timeout: 20000 });
    fs.rmSync(file);
    await composer.pressSequentially('Is it still there?');
    const from = wb.fake.requests.length;
    await composer.press('Enter');
    await chat.panel().locator('.composer-notice', { hasText: 'soon-gone.ts was deleted after being attached' }).waitFor({ timeout: 20000 });
    assert.equal(await composer.inputValue(), 'Is it still there?');
    assert.equal(await chips.getByRole('listitem').count(), 1);
    assert.equal(sentSince(from).length, 0, 'nothing was sent');
    await chat.panel().getByRole('button', { name: 'Remove soon-gone.ts' }).click();
    await chips.waitFor({ state: 'hidden' });
    await composer.fill('');
  });

  it('/explain with a selection: the message shows the command and its chip, and the model gets the instruction and the code once', async () => {
    const { wb } = chat;
    await chat.panel().getByRole('button', { name: 'New Chat' }).click();
    fs.writeFileSync(path.join(wb.workspace, 'slash.ts'), 'const first = 1;\nconst second = 2;\nconst third = 3;\n');
    await runCommand(wb.page, 'Go to File...');
    await wb.page.locator('.quick-input-widget input').first().fill('slash.ts');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'slash.ts' }).first().click();
    const editorLines = wb.page.locator('.editor-instance .view-lines').first();
    await editorLines.filter({ hasText: 'const second' }).waitFor({ timeout: 15000 });
    await editorLines.click();
    await wb.page.keyboard.press('Control+Home');
    await wb.page.keyboard.press('ArrowDown');
    await wb.page.keyboard.press('Shift+End');

    const composer = chat.composer();
    await composer.click();
    await composer.pressSequentially('/expl');
    await chat.panel().getByRole('option', { name: /\/explain/ }).waitFor({ timeout: 20000 });
    await wb.page.keyboard.press('Enter');
    assert.equal(await composer.inputValue(), '/explain ');
    await composer.pressSequentially('briefly');
    const from = wb.fake.requests.length;
    await composer.press('Enter');

    const question = chat.panel().getByRole('article', { name: 'You' }).last();
    await question.locator('.user-text', { hasText: '/explain briefly' }).waitFor({ timeout: 20000 });
    assert.match(await question.getByRole('list', { name: 'Attached context' }).innerText(), /^slash\.ts:2\b/);
    await chat.answers().last().getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 30000 });
    await question.getByText('Show prompt').click();
    const shown = await question.locator('.sent-prompt-text').innerText();
    assert.match(shown, /^Explain what this code from slash\.ts does/);
    const [sent] = sentSince(from);
    assert.equal(sent, shown, 'the prompt shown is the prompt sent');
    assert.equal(sent.split('const second = 2;').length - 1, 1, 'the selection goes once');
    assert.doesNotMatch(sent, /const first|const third/);
    assert.match(sent, /\n\nbriefly\n\n/);
    await closeAllEditors(wb.page);
  });
});
