import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
// Compare Models' ways in and ways out in the real workbench: the composer's chips and images going to every model,
// failures kept in their column with the right way on, the picker's memory, Export, the editor's menu and the budget
// check. Retries are on (two attempts), so a failure before the first token is tried again as in the chat.
import type { FrameLocator, Locator } from 'playwright-core';
import { useSettings } from './chat-panel';
import { closeAllEditors, openSidebar, readUserSettings, reloadWindow, runCommand, shownSessionSpend, textOf, writeUserSettings } from './workbench';

const VISION = 'openai/gpt-4o-mini';
const TEXT_ONLY = 'mistralai/mistral-7b-instruct';
const HAIKU = 'anthropic/claude-3.5-haiku';
const GPT4O = 'openai/gpt-4o';
const SONNET = 'anthropic/claude-sonnet-4';
const COMPARE_FRAME = 'iframe.webview.ready:not([src*="purpose="])';
/** The chat view's frame, told apart from the compare panel's while both are open. */
const CHAT_FRAME = 'iframe.webview.ready[src*="purpose=webviewView"]';

interface SentRequest { model: string; max_tokens?: number; messages: { role: string; content: unknown }[] }

// Runs in the panel's frame: a small PNG pasted into the composer, as a screenshot is.
async function pastePng(textarea: HTMLTextAreaElement): Promise<void> {
  const canvas = new OffscreenCanvas(64, 64);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#2d7dd2';
  context.fillRect(0, 0, 64, 64);
  const data = new DataTransfer();
  data.items.add(new File([await canvas.convertToBlob({ type: 'image/png' })], 'diagram.png', { type: 'image/png' }));
  textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

describe('compare flows', function () {
  const chat = useSettings({ 'openrouter.defaultModel': VISION, 'openrouter.retry.maxAttempts': 2 });
  const page = () => chat.wb.page;
  const panel = (): FrameLocator => page().frameLocator(CHAT_FRAME).frameLocator('#active-frame');
  const composer = (): Locator => panel().getByRole('textbox', { name: 'Message OpenRouter' });
  const chips = (): Locator => panel().getByRole('list', { name: 'Attached context' }).getByRole('listitem');
  const compare = (): FrameLocator => page().frameLocator(COMPARE_FRAME).frameLocator('#active-frame');
  const column = (n: number): Locator => compare().locator(`[data-column="col-${n}"]`);
  const pickerRows = (): Locator => page().locator('.quick-input-widget .quick-input-list .monaco-list-row');
  const pickerInput = (): Locator => page().locator('.quick-input-widget .quick-input-box input').first();

  /** The picker's row of exactly `model` (gpt-4o is not gpt-4o-mini), by its description. */
  const modelRow = (model: string): Locator =>
    pickerRows().filter({ has: page().locator('.label-description', { hasText: new RegExp(`^${model.replace(/[./]/g, '\\$&')}$`) }) }).first();

  /** The chat requests the fake received since `from`, by model. */
  function sentSince(from: number): Map<string, SentRequest> {
    const requests = chat.wb.fake.requests.slice(from).filter((r) => r.path === '/api/v1/chat/completions');
    return new Map(requests.map((r) => [(r.body as SentRequest).model, r.body as SentRequest]));
  }

  /** Waits, frame by frame in the panel, until the composer holds `value`: the host's draft comes in its own message. */
  async function composerHolds(value: string): Promise<void> {
    const held = await composer().evaluate((textarea: HTMLTextAreaElement, expected: string) => new Promise<boolean>((resolve) => {
      const giveUp = Date.now() + 15000;
      const check = (): void => {
        if (textarea.value === expected || Date.now() > giveUp) resolve(textarea.value === expected);
        else requestAnimationFrame(check);
      };
      check();
    }), value);
    assert.ok(held, `the composer holds ${JSON.stringify(value)}, not ${JSON.stringify(await composer().inputValue())}`);
  }

  /** Mentions compare-target.ts with `#` in the composer, and waits for its chip. */
  async function mentionTarget(): Promise<void> {
    await composer().click();
    await composer().pressSequentially('#compare-targ');
    await panel().getByRole('option', { name: /#compare-target\.ts/ }).first().waitFor({ timeout: 20000 });
    await page().keyboard.press('Enter');
    await chips().filter({ hasText: 'compare-target.ts' }).waitFor({ timeout: 20000 });
  }

  /** In the open picker: the models it ticked itself, then only `models` ticked, then Enter. */
  async function pickModels(models: string[]): Promise<string[]> {
    // Every row: a filter typed before would hide some ticked ones.
    await pickerInput().fill('');
    // The rows can show a moment before their ticks; there is always one (the chat's model at least).
    await page().locator('.quick-input-widget .quick-input-list .monaco-list-row[aria-checked="true"]').first().waitFor({ timeout: 20000 });
    const preselected: string[] = [];
    for (const row of await pickerRows().all()) {
      if ((await row.getAttribute('aria-checked')) !== 'true') continue;
      // A model's row has its id as the description; an option's (the chat's earlier messages) has none.
      const description = row.locator('.label-description');
      const id = (await description.count()) > 0 ? (await description.innerText()).trim() : '';
      if (!id) continue;
      preselected.push(id);
      await row.click();
    }
    for (const model of models) {
      await pickerInput().fill(model);
      const row = modelRow(model);
      await row.click();
      assert.equal(await row.getAttribute('aria-checked'), 'true', `${model} is ticked`);
    }
    await pickerInput().fill('');
    await pickerInput().press('Enter');
    return preselected.sort();
  }

  async function columnsShown(): Promise<void> {
    await compare().locator('.compare-column').first().waitFor({ timeout: 30000 });
  }

  async function ended(n: number, status: 'done' | 'error'): Promise<void> {
    await column(n).locator(`.column-status.status-${status}`).waitFor({ timeout: 30000 });
  }

  beforeEach(() => chat.wb.fake.reset());
  after(async () => closeAllEditors(page()));

  it('sends the composer\'s # mention and image to both models, once the comparison starts; a cancelled picker keeps them', async () => {
    const marker = `compare-marker-${Date.now()}`;
    fs.writeFileSync(path.join(chat.wb.workspace, 'compare-target.ts'), `export const marker = '${marker}';\n`);
    await closeAllEditors(page());
    await mentionTarget();
    await composer().evaluate(pastePng);
    await panel().locator('.context-chips .chip-thumbnail').waitFor({ timeout: 20000 });

    const message = '/compare What does this export?';
    await composer().fill(message);
    await composer().press('Enter');
    await pickerRows().first().waitFor({ timeout: 20000 });
    await page().keyboard.press('Escape');
    await composerHolds(message);
    assert.equal(await chips().count(), 2, 'the mention and the image are still attached');

    const from = chat.wb.fake.requests.length;
    chat.wb.fake.script(VISION, { kind: 'answer', text: 'It exports a marker.' });
    chat.wb.fake.script(TEXT_ONLY, { kind: 'answer', text: 'A constant called marker.' });
    await composer().press('Enter');
    await pickerRows().first().waitFor({ timeout: 20000 });
    await pickerInput().fill(TEXT_ONLY);
    assert.match(await textOf(modelRow(TEXT_ONLY)), /Does not read images/);
    await pickerInput().fill(VISION);
    assert.doesNotMatch(await textOf(modelRow(VISION)), /Does not read images/);
    await pickModels([VISION, TEXT_ONLY]);
    await columnsShown();
    assert.equal(await compare().locator('.compare-column').count(), 2);
    await ended(1, 'done');
    await ended(2, 'done');

    const sent = sentSince(from);
    for (const model of [VISION, TEXT_ONLY]) {
      const body = JSON.stringify(sent.get(model)?.messages ?? []);
      assert.equal(body.split(marker).length - 1, 1, `${model} got the file's content once`);
      assert.match(body, /What does this export\?/);
    }
    assert.match(JSON.stringify(sent.get(VISION)?.messages), /"image_url"/, 'the vision model gets the image');
    assert.doesNotMatch(JSON.stringify(sent.get(TEXT_ONLY)?.messages), /"image_url"/, 'the text-only model answers without it');
    // Sent: the composer is empty, chips and all.
    await composerHolds('');
    await chips().first().waitFor({ state: 'detached', timeout: 15000 });
  });

  it('keeps a 402 in its column with Top Up Credits while the other finishes; the picker remembers the last set; Export writes the table', async () => {
    chat.wb.fake.script(VISION, { kind: 'http-error', status: 402 });
    chat.wb.fake.script(HAIKU, { kind: 'answer', text: 'Paid for and answered.' });
    await closeAllEditors(page());
    await composer().fill('/compare Who pays?');
    await composer().press('Enter');
    assert.deepEqual(await pickModels([VISION, HAIKU]), [VISION, TEXT_ONLY].sort(), 'the last comparison\'s models come ticked');
    await columnsShown();
    await ended(1, 'error');
    await ended(2, 'done');
    const card = column(1).locator('.error-card');
    assert.match(await card.innerText(), /\(402\)/);
    assert.equal(await column(2).locator('.error-card').count(), 0);
    await column(1).getByRole('button', { name: 'Pick Another Model' }).waitFor();
    // Top Up Credits opens OpenRouter's credits page (the workbench asks first, as for any outside link).
    await card.getByRole('button', { name: 'Top Up Credits' }).click();
    const dialog = page().locator('.monaco-dialog-box');
    await dialog.filter({ hasText: 'openrouter.ai/settings/credits' }).waitFor({ timeout: 15000 });
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await compare().getByRole('button', { name: 'Export as Markdown' }).click();
    const exported = page().locator('.editor-instance .view-lines').filter({ hasText: 'Model comparison' });
    await exported.waitFor({ timeout: 15000 });
    // The editor wraps long lines: joined again, the text is the document's.
    const text = (await textOf(exported)).replace(/\n/g, '');
    assert.match(text, /\| Model \| Provider \| Cost \| First token \| Speed \| Total time \| Tokens in \| Tokens out \| Status \|/);
    assert.match(text, new RegExp(`\\| ${VISION.replace(/[./]/g, '\\$&')} \\|[^#]*?\\| failed \\|`));
    assert.match(text, new RegExp(`\\| ${HAIKU.replace(/[./]/g, '\\$&')} \\|[^#]*?\\| done \\|`));
    assert.match(text, /Paid for and answered\./);
    assert.equal(await page().locator('.editor-group-container').count(), 2, 'beside the compare panel');
    assert.match(await page().locator('.tabs-container .tab.active').last().innerText(), /Untitled/);
  });

  it('keeps a mid-stream error\'s text in its column with Continue with…, and retries a 503 before the first token', async () => {
    const partial = 'These words arrived before the provider';
    chat.wb.fake.script(VISION, { kind: 'mid-stream-error', afterTokens: 6, text: `${partial} went away for good.` });
    chat.wb.fake.script(HAIKU, { kind: 'http-error', status: 503 }, { kind: 'answer', text: 'Second time lucky.' });
    await closeAllEditors(page());
    await composer().fill('/compare Keep going');
    await composer().press('Enter');
    await pickModels([VISION, HAIKU]);
    await columnsShown();
    await ended(1, 'error');
    await ended(2, 'done');
    assert.match(await column(1).locator('.column-body').innerText(), new RegExp(partial));
    await column(1).locator('.error-card').waitFor();
    for (const name of ['Retry', 'Pick Another Model', `Continue with ${VISION}`]) await column(1).getByRole('button', { name }).waitFor();
    assert.match(await column(2).locator('.notice-retry').innerText(), new RegExp(`${HAIKU.replace(/[./]/g, '\\$&')} .*\\(503\\); retrying`));
    assert.match(await column(2).locator('.column-body').innerText(), /Second time lucky\./);
    const tries = chat.wb.fake.requests.filter((r) => (r.body as SentRequest | undefined)?.model === HAIKU);
    assert.equal(tries.length, 2, 'one retry, in the same column');
  });

  it('Compare Models… in the editor\'s context menu sends the selection to both models', async () => {
    fs.writeFileSync(path.join(chat.wb.workspace, 'compare-menu.ts'), 'const first = 1;\nconst second = 2;\nconst third = 3;\n');
    await closeAllEditors(page());
    await runCommand(page(), 'Go to File...');
    await page().locator('.quick-input-widget input').first().fill('compare-menu.ts');
    await page().locator('.quick-input-list .monaco-list-row', { hasText: 'compare-menu.ts' }).first().click();
    const editorLines = page().locator('.editor-instance .view-lines').first();
    await editorLines.filter({ hasText: 'const second' }).waitFor({ timeout: 15000 });
    await editorLines.click();
    await page().keyboard.press('Control+Home');
    await page().keyboard.press('ArrowDown');
    await page().keyboard.press('Shift+End');
    // The prompt is asked for, naming the selection it goes with.
    const asked = page().locator('.quick-input-widget').filter({ hasText: 'compare-menu.ts:2' });
    await page().keyboard.press('Shift+F10');
    await page().getByRole('menuitem', { name: 'OpenRouter' }).click();
    // A click on a submenu's item can land as a hover only; the item the pointer is on has the focus, and Enter runs it.
    await page().getByRole('menuitem', { name: /^Compare Models/ }).hover();
    await page().locator('.monaco-menu .action-item.focused').filter({ hasText: /^Compare Models/ }).waitFor({ timeout: 10000 });
    await page().keyboard.press('Enter');
    await asked.waitFor({ timeout: 20000 });
    assert.equal(await pickerInput().inputValue(), 'Explain this code.');
    const from = chat.wb.fake.requests.length;
    await pickerInput().press('Enter');
    await pickModels([VISION, HAIKU]);
    await columnsShown();
    await ended(1, 'done');
    await ended(2, 'done');
    const sent = sentSince(from);
    for (const model of [VISION, HAIKU]) {
      const body = JSON.stringify(sent.get(model)?.messages ?? []);
      assert.equal(body.split('const second = 2;').length - 1, 1, `${model} got the selection once`);
      assert.doesNotMatch(body, /const first|const third/, 'only the selection');
    }
  });

  it('the header\'s Compare takes the draft and its chip; over the budget it asks first, and Lower max_tokens caps every column', async () => {
    // What this session has spent so far, plus room for one cheap model's worst case and not for three dearer ones'
    // (at 4,096 tokens); the session's spend carries over a reload, so the budget is set from it.
    const spent = await shownSessionSpend(page());
    writeUserSettings(chat.wb, { ...readUserSettings(chat.wb), 'openrouter.budget.session': Number((spent + 0.1).toFixed(4)) });
    await reloadWindow(chat.wb);
    await openSidebar(page());
    await closeAllEditors(page());
    await mentionTarget();
    await composer().fill('Write at length');
    await panel().getByRole('button', { name: 'Compare Models' }).click();
    // The prompt is asked for, starting from the draft and naming the chip it goes with.
    await page().locator('.quick-input-widget').filter({ hasText: 'compare-target.ts' }).waitFor({ timeout: 20000 });
    assert.equal(await pickerInput().inputValue(), 'Write at length');
    await pickerInput().press('Enter');
    await pickModels([GPT4O, SONNET, HAIKU]);
    const dialog = page().locator('.monaco-dialog-box');
    const lower = dialog.getByRole('button', { name: /^Lower max_tokens to \d+$/ });
    await lower.waitFor({ timeout: 20000 });
    assert.match(await dialog.innerText(), /worst case of all 3 answers together does not fit/);
    const fewer = await dialog.getByRole('button', { name: /^Compare Only / }).innerText();
    assert.ok(fewer.includes(HAIKU) && fewer.includes(GPT4O) && !fewer.includes(SONNET), `the dearest is dropped: ${fewer}`);
    const cap = Number(/\d+/.exec(await lower.innerText())?.[0]);
    assert.ok(cap > 0 && cap < 4096, `a lower cap: ${cap}`);
    const from = chat.wb.fake.requests.length;
    await lower.click();
    await columnsShown();
    for (const n of [1, 2, 3]) await ended(n, 'done');
    const sent = sentSince(from);
    assert.deepEqual([GPT4O, SONNET, HAIKU].map((model) => sent.get(model)?.max_tokens), [cap, cap, cap]);
    for (const model of [GPT4O, SONNET, HAIKU]) assert.match(JSON.stringify(sent.get(model)?.messages), /compare-marker-/, `${model} got the file`);
    await composerHolds('');
    await chips().first().waitFor({ state: 'detached', timeout: 15000 });
  });
});
