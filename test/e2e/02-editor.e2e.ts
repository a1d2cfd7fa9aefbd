import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatUsd } from '../../src/core/format';
import {
  answerNotification, chatFrame, closeAllEditors, ensureKeySet, FAKE_API_KEY, notification, readUserSettings, reloadWindow, runCommand, screenshot, spendItem, textOf, waitForSetting,
  workbench, writeUserSettings, type Workbench,
} from './workbench';

async function chargedSoFar(wb: Workbench): Promise<number> {
  const response = await fetch(`${wb.fake.baseUrl}/key`, { headers: { Authorization: `Bearer ${FAKE_API_KEY}` } });
  return ((await response.json()) as { data: { usage: number } }).data.usage;
}

async function ask(wb: Workbench, prompt: string): Promise<void> {
  await runCommand(wb.page, 'OpenRouter: Ask…');
  const input = wb.page.locator('.quick-input-widget input').first();
  await input.waitFor();
  await input.fill(prompt);
  await wb.page.keyboard.press('Enter');
}

describe('in the editor', function () {
  let wb: Workbench;

  before(async function () {
    wb = await workbench();
    await ensureKeySet(wb);
  });

  it('streams an Ask answer into the chat panel and shows exactly the charged spend in the status bar', async () => {
    const text = 'Streaming works one token at a time, and the status bar adds up what OpenRouter charged.';
    wb.fake.script('openai/gpt-4o-mini', { kind: 'answer', text, tokensPerSecond: 5 });
    await ask(wb, 'Does streaming work?');
    const answer = chatFrame(wb.page).getByRole('article', { name: 'Answer' }).last();
    await answer.filter({ hasText: 'Streaming works' }).waitFor({ timeout: 20000 });
    const partial = await answer.innerText();
    assert.ok(!partial.includes('charged.'), 'the first tokens show before the answer is complete');
    await answer.filter({ hasText: 'charged.' }).waitFor({ timeout: 20000 });
    await answer.getByRole('list', { name: 'Answer details' }).waitFor();
    const charged = await chargedSoFar(wb);
    assert.ok(charged > 0);
    const label = spendItem(wb.page);
    await wb.page.locator(`.statusbar-item[aria-label="OpenRouter spend this session ${formatUsd(charged)}"]`).waitFor({ timeout: 10000 });
    assert.match(await label.innerText(), new RegExp(formatUsd(charged).replace(/[$.]/g, '\\$&')));
  });

  it('lists the catalogue with prices in Select Model and stores the choice', async () => {
    await runCommand(wb.page, 'OpenRouter: Select Model…');
    const rows = wb.page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'GPT-4o-mini' }).first().waitFor({ timeout: 15000 });
    const miniRow = await textOf(rows.filter({ hasText: 'openai/gpt-4o-mini' }).first());
    assert.match(miniRow, /\$0\.15\/M in · \$0\.60\/M out · 128k context/);
    await screenshot(wb.page, 'select-model');
    // It opens on the model in use (listed first, as the most recent), so Enter keeps it.
    const active = wb.page.locator('.quick-input-list .monaco-list-row.focused');
    assert.match(await textOf(active), /openai\/gpt-4o-mini/, 'the picker opens on the model in use');
    assert.match(await textOf(rows.first()), /Recent/);
    await wb.page.locator('.quick-input-widget input').first().fill('gemini-2.5');
    await rows.filter({ hasText: 'google/gemini-2.5-flash' }).first().waitFor();
    assert.match(await textOf(rows.filter({ hasText: 'google/gemini-2.5-flash' }).first()), /vision/);
    await wb.page.keyboard.press('Enter');
    await waitForSetting(wb, 'openrouter.defaultModel', 'google/gemini-2.5-flash');
    assert.ok(wb.fake.requests.some((r) => r.path === '/api/v1/models/user'), 'the key-aware list was used');
  });

  it('picks a task preset, reopens on the one in use so Enter keeps it, and leaves it for a model picked', async () => {
    const rows = wb.page.locator('.quick-input-list .monaco-list-row');
    const focused = wb.page.locator('.quick-input-list .monaco-list-row.focused');
    const pickPreset = async (filter: string): Promise<void> => {
      await runCommand(wb.page, 'OpenRouter: Select Task Preset…');
      await rows.filter({ hasText: 'Default model' }).first().waitFor({ timeout: 15000 });
      if (filter) await wb.page.locator('.quick-input-widget input').first().fill(filter);
      await wb.page.keyboard.press('Enter');
    };
    const header = chatFrame(wb.page);
    try {
      await pickPreset('code');
      await header.getByRole('button', { name: /^Preset: code\./ }).waitFor({ timeout: 10000 });
      await runCommand(wb.page, 'OpenRouter: Select Task Preset…');
      await rows.filter({ hasText: 'Default model' }).first().waitFor({ timeout: 15000 });
      assert.match(await textOf(focused), /code/, 'the picker opens on the preset in use');
      await wb.page.keyboard.press('Enter');
      await header.getByRole('button', { name: /^Preset: code\./ }).waitFor({ timeout: 10000 });
      // Select Model opens on the preset's model; a model picked there leaves the preset, and the header says so.
      await runCommand(wb.page, 'OpenRouter: Select Model…');
      await rows.filter({ hasText: 'anthropic/claude-sonnet-4' }).first().waitFor({ timeout: 15000 });
      assert.match(await textOf(focused), /anthropic\/claude-sonnet-4/, 'the model in use is the preset\'s');
      await wb.page.locator('.quick-input-widget input').first().fill('anthropic/claude-3.5-haiku');
      await rows.filter({ hasText: 'anthropic/claude-3.5-haiku' }).first().click();
      await header.getByRole('button', { name: /^Model: anthropic\/claude-3\.5-haiku/ }).waitFor({ timeout: 10000 });
      await header.getByRole('button', { name: /^No preset/ }).waitFor({ timeout: 10000 });
      await waitForSetting(wb, 'openrouter.defaultModel', 'anthropic/claude-3.5-haiku');
      await pickPreset('code');
      await header.getByRole('button', { name: /^Preset: code\./ }).waitFor({ timeout: 10000 });
    } finally {
      // Back to the default model for the tests that follow, whatever happened above.
      await wb.page.keyboard.press('Escape');
      await pickPreset('Default model');
      await header.getByRole('button', { name: /^No preset/ }).waitFor({ timeout: 10000 });
    }
  });

  it('puts the cursor in the composer on Ctrl+Alt+O; Ctrl+Alt+E explains the current line as /explain and its chip, in a new chat asked for once', async () => {
    fs.writeFileSync(path.join(wb.workspace, 'keys.ts'), 'const answer = 42;\nconst other = 1;\n');
    await runCommand(wb.page, 'Go to File...');
    await wb.page.locator('.quick-input-widget input').first().fill('keys.ts');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'keys.ts' }).first().click();
    const editorLines = wb.page.locator('.editor-instance .view-lines').first();
    await editorLines.filter({ hasText: 'const answer' }).waitFor({ timeout: 15000 });
    // The chat view starts hidden, so the shortcut has to show it and wait for its webview to load.
    await runCommand(wb.page, 'View: Close Primary Side Bar');
    await editorLines.click();
    await wb.page.keyboard.press('Control+Alt+O');
    const composer = chatFrame(wb.page).locator('textarea.composer-input');
    await chatFrame(wb.page).locator('textarea.composer-input:focus').waitFor({ timeout: 20000 });
    await wb.page.keyboard.type('typed after the shortcut');
    assert.equal(await composer.inputValue(), 'typed after the shortcut');
    await composer.fill('');

    // The open chat holds the earlier Ask: the command asks where to go, once.
    const questions = chatFrame(wb.page).getByRole('article', { name: 'You' });
    await questions.filter({ hasText: 'Does streaming work?' }).waitFor({ timeout: 10000 });
    const requestsBefore = wb.fake.requests.length;
    await editorLines.click();
    await wb.page.keyboard.press('Control+Home');
    await wb.page.keyboard.press('Control+Alt+E');
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'Explain Selection: start a new chat, or continue the open one?' });
    await dialog.waitFor({ timeout: 20000 });
    assert.match(await dialog.innerText(), /change it in Settings/);
    await dialog.locator('.monaco-button', { hasText: /^New Chat$/ }).click();

    // The message shows the command and the code's chip; the prompt it sent is one click away.
    const question = questions.last();
    await question.locator('.user-text', { hasText: '/explain' }).waitFor({ timeout: 20000 });
    assert.equal(await questions.count(), 1, 'a new chat, without the earlier question');
    assert.equal(await question.locator('.user-text').innerText(), '/explain');
    assert.match(await question.getByRole('list', { name: 'Attached context' }).innerText(), /^keys\.ts:1\b/);
    await question.getByText('Show prompt').click();
    const shown = await question.locator('.sent-prompt-text').innerText();
    assert.match(shown, /^Explain what this code from keys\.ts does/);
    assert.match(shown, /const answer = 42;/);
    assert.doesNotMatch(shown, /const other/, 'the current line only');
    await chatFrame(wb.page).getByRole('article', { name: 'Answer' }).last().getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 20000 });
    await screenshot(wb.page, 'editor-command-message');
    const sent = wb.fake.requests.slice(requestsBefore).filter((r) => r.path === '/api/v1/chat/completions');
    assert.equal(sent.length, 1);
    const { messages } = sent[0]?.body as { messages: { role: string; content: string }[] };
    assert.deepEqual(messages.map((m) => m.role), ['user'], 'only the command\'s question, none of the chat before');
    assert.equal(messages[0]?.content, shown, 'the prompt shown is the prompt sent');
    await waitForSetting(wb, 'openrouter.editorCommands.chat', 'newChat');

    // Remembered: the next command starts a new chat without asking.
    const answered = wb.fake.requests.length;
    await editorLines.click();
    await wb.page.keyboard.press('Control+Home');
    await runCommand(wb.page, 'OpenRouter: Write Tests for Selection');
    await question.locator('.user-text', { hasText: '/tests' }).waitFor({ timeout: 20000 });
    assert.equal(await questions.count(), 1);
    assert.equal(await dialog.count(), 0);
    await chatFrame(wb.page).getByRole('article', { name: 'Answer' }).last().getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 20000 });
    const [tests] = wb.fake.requests.slice(answered).filter((r) => r.path === '/api/v1/chat/completions');
    assert.equal((tests?.body as { messages: unknown[] }).messages.length, 1);

    // Improve Selection goes the same way, and its answer's code still opens as a diff to review.
    const model = String(readUserSettings(wb)['openrouter.defaultModel'] ?? 'openai/gpt-4o-mini');
    wb.fake.script(model, { kind: 'answer', text: '```ts\nconst answer: number = 42;\n```\n\n- typed' });
    await editorLines.click();
    await wb.page.keyboard.press('Control+Home');
    await runCommand(wb.page, 'OpenRouter: Improve Selection');
    await question.locator('.user-text', { hasText: '/improve' }).waitFor({ timeout: 20000 });
    assert.equal(await questions.count(), 1);
    const diffTab = wb.page.locator('.tab', { hasText: 'keys.ts ↔ Proposed by OpenRouter' });
    await diffTab.waitFor({ timeout: 20000 });
    await wb.page.locator('.editor-actions .action-label[aria-label^="Discard Proposed Change"]').first().click();
    await diffTab.waitFor({ state: 'detached', timeout: 10000 });
    assert.equal(fs.readFileSync(path.join(wb.workspace, 'keys.ts'), 'utf8'), 'const answer = 42;\nconst other = 1;\n');
    const { ['openrouter.editorCommands.chat']: _remembered, ...settings } = readUserSettings(wb);
    writeUserSettings(wb, settings);
    await closeAllEditors(wb.page);
    fs.rmSync(path.join(wb.workspace, 'keys.ts'));
  });

  it('asks before sending the key to a new host, and sends nothing until confirmed', async () => {
    const { startFakeOpenRouter } = await import('../fixtures/fake-openrouter');
    const other = await startFakeOpenRouter();
    const settings = readUserSettings(wb);
    try {
      writeUserSettings(wb, { ...settings, 'openrouter.baseUrl': other.baseUrl });
      await reloadWindow(wb);
      await ask(wb, 'Is this host trusted?');
      await notification(wb.page, `Send your OpenRouter API key to ${other.origin}?`).waitFor({ timeout: 20000 });
      assert.equal(other.requests.filter((r) => r.headers['authorization']).length, 0, 'nothing reached the new host before the answer');
      await answerNotification(wb.page, `Send your OpenRouter API key to ${other.origin}?`, /^Cancel$/);
      await chatFrame(wb.page).getByRole('group', { name: 'Error' }).filter({ hasText: 'Your key was not sent' }).last().waitFor({ timeout: 20000 });
      assert.equal(other.requests.filter((r) => r.headers['authorization']).length, 0);

      await ask(wb, 'And now?');
      await answerNotification(wb.page, `Send your OpenRouter API key to ${other.origin}?`, /^Send Key to/);
      const request = await other.waitForRequest((r) => r.path === '/api/v1/chat/completions', 20000);
      assert.equal(request.headers['authorization'], `Bearer ${FAKE_API_KEY}`);
    } finally {
      writeUserSettings(wb, settings);
      await reloadWindow(wb);
      await other.close();
    }
  });
});
