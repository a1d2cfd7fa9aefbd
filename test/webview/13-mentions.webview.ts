import * as assert from 'node:assert/strict';
import type { CompletionItem } from '../../src/protocol/completions';
import type { WebviewToHost } from '../../src/protocol/messages';
import { snapshot } from './fixtures';
import { openPanel, settle, type PanelPage, type TestWindow } from './panel-page';

const FILES: CompletionItem[] = [
  { kind: 'file', id: 'file:///w/src/parser.ts', label: 'parser.ts', detail: 'src/parser.ts' },
  { kind: 'editor', id: 'file:///w/src/lexer.ts', label: 'lexer.ts', detail: 'open · src/lexer.ts' },
  { kind: 'problems', id: 'workspace', label: 'problems in workspace', detail: '3 in 2 files' },
];

type Query = Extract<WebviewToHost, { type: 'completion/query' }>;

async function queries(panel: PanelPage): Promise<Query[]> {
  return (await panel.posted()).filter((m): m is Query => m.type === 'completion/query');
}

async function lastQuery(panel: PanelPage): Promise<Query> {
  const all = await queries(panel);
  const last = all.at(-1);
  assert.ok(last, 'the composer asked for completions');
  return last;
}

async function open(): Promise<PanelPage> {
  const panel = await openPanel();
  await panel.send(snapshot(1));
  await panel.page.getByRole('textbox', { name: 'Message OpenRouter' }).click();
  return panel;
}

const selectedLabel = (panel: PanelPage): Promise<string> => panel.page.getByRole('option', { selected: true }).locator('.completion-label').innerText();

describe('the composer\'s # mentions and / commands', function () {
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it('# asks the host as you type, shows the newest answer only, and picks with the keyboard', async () => {
    panel = await open();
    const { page } = panel;
    const composer = page.getByRole('textbox', { name: 'Message OpenRouter' });
    await page.keyboard.type('Look at #');
    const first = await panel.waitForPosted('completion/query', { trigger: '#', query: '' });
    await page.keyboard.type('pa');
    await panel.waitForPosted('completion/query', { query: 'pa' });
    const newest = await lastQuery(panel);
    // The answer to the first query arrives late: it must not show.
    await panel.send({ type: 'completion/items', seq: first.seq, trigger: '#', items: [{ kind: 'file', id: 'file:///w/stale.ts', label: 'stale.ts' }] });
    await settle(page);
    assert.equal(await page.getByRole('listbox', { name: 'Suggestions' }).isVisible(), false, 'a stale answer opened the list');
    await panel.send({ type: 'completion/items', seq: newest.seq, trigger: '#', items: FILES });
    const list = page.getByRole('listbox', { name: 'Suggestions' });
    await list.waitFor();
    assert.deepEqual(await list.getByRole('option').locator('.completion-label').allInnerTexts(), ['#parser.ts', '#lexer.ts', '#problems in workspace']);
    assert.equal(await composer.getAttribute('aria-activedescendant'), 'composer-completions-0');
    assert.equal(await composer.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('ArrowDown');
    assert.equal(await selectedLabel(panel), '#lexer.ts');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await selectedLabel(panel), '#problems in workspace', 'Up from the first wraps to the last');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.deepEqual(await panel.waitForPosted('mention/pick'), { type: 'mention/pick', kind: 'editor', id: 'file:///w/src/lexer.ts' });
    assert.equal(await list.isVisible(), false);
    assert.equal(await composer.inputValue(), 'Look at ', 'the #word leaves the text: the chip stands for it');
    assert.equal((await panel.posted()).filter((m) => m.type === 'chat/send').length, 0, 'Enter picked, it did not send');
  });

  it('Tab picks too, a click picks, and Escape closes without sending or picking', async () => {
    panel = await open();
    const { page } = panel;
    const composer = page.getByRole('textbox', { name: 'Message OpenRouter' });
    const list = page.getByRole('listbox', { name: 'Suggestions' });
    const answer = async (): Promise<void> => {
      const query = await lastQuery(panel);
      await panel.send({ type: 'completion/items', seq: query.seq, trigger: '#', items: FILES });
      await list.waitFor();
    };
    await page.keyboard.type('#');
    await answer();
    await page.keyboard.press('Tab');
    assert.deepEqual(await panel.waitForPosted('mention/pick', { kind: 'file' }), { type: 'mention/pick', kind: 'file', id: 'file:///w/src/parser.ts' });

    await page.keyboard.type('and #');
    await panel.waitForPosted('completion/query', { query: '' });
    await answer();
    await list.getByRole('option', { name: /problems in workspace/ }).click();
    assert.deepEqual(await panel.waitForPosted('mention/pick', { kind: 'problems' }), { type: 'mention/pick', kind: 'problems', id: 'workspace' });
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: Document }).document.activeElement?.getAttribute('aria-label')), 'Message OpenRouter', 'the click left the focus in the composer');

    await page.keyboard.type('#le');
    await answer();
    const before = (await queries(panel)).length;
    await page.keyboard.press('Escape');
    assert.equal(await list.isVisible(), false);
    await page.keyboard.type('x');
    await settle(page);
    assert.equal((await queries(panel)).length, before, 'the dismissed mention stays closed as typing goes on');
    assert.equal(await list.isVisible(), false);
    assert.equal((await panel.posted()).filter((m) => m.type === 'mention/pick').length, 2);
    assert.equal(await composer.inputValue(), 'and #lex');
    await page.keyboard.type(' #');
    await panel.waitForPosted('completion/query', { query: '' });
    assert.ok((await queries(panel)).length > before, 'a new # opens the list again');
  });

  it('says "No matches" when the host finds nothing, and Enter then sends as usual', async () => {
    panel = await open();
    const { page } = panel;
    await page.keyboard.type('#zzz');
    const query = await panel.waitForPosted('completion/query', { query: 'zzz' });
    await panel.send({ type: 'completion/items', seq: query.seq, trigger: '#', items: [] });
    await page.getByRole('listbox', { name: 'Suggestions' }).getByText('No matches').waitFor();
    await page.keyboard.press('Enter');
    assert.deepEqual(await panel.waitForPosted('chat/send'), { type: 'chat/send', text: '#zzz' });
  });

  it('/ at the start completes a command in place; / later in the text does not open the list', async () => {
    panel = await open();
    const { page } = panel;
    const composer = page.getByRole('textbox', { name: 'Message OpenRouter' });
    await page.keyboard.type('/ex');
    const query = await panel.waitForPosted('completion/query', { trigger: '/', query: 'ex' });
    await panel.send({ type: 'completion/items', seq: query.seq, trigger: '/', items: [
      { kind: 'command', id: 'explain', label: '/explain', detail: 'Explain the selected or mentioned code' },
    ] });
    const option = page.getByRole('option', { name: /\/explain/ });
    await option.waitFor();
    assert.match(await option.innerText(), /Explain the selected or mentioned code/);
    await page.keyboard.press('Enter');
    assert.equal(await composer.inputValue(), '/explain ');
    await page.keyboard.type('the loop');
    await page.keyboard.press('Enter');
    assert.deepEqual(await panel.waitForPosted('chat/send'), { type: 'chat/send', text: '/explain the loop' });
    const asked = (await queries(panel)).length;
    await page.keyboard.type('a/b and c/');
    await settle(page);
    assert.equal((await queries(panel)).filter((q) => q.trigger === '/').length, asked, 'a slash inside the text is not a command');
  });

  it('shows a chip with its token estimate, and a refusal in one line that puts the unsent message back', async () => {
    panel = await open();
    const { page } = panel;
    const composer = page.getByRole('textbox', { name: 'Message OpenRouter' });
    await panel.send({ type: 'composer/notice', text: 'logo.png is a binary file; only text files can be mentioned.' });
    const notice = page.locator('.composer-notice');
    await notice.getByText('logo.png is a binary file').waitFor();
    assert.equal((await notice.innerText()).split('\n').length, 1);
    await panel.send({ type: 'composer/state', composer: { draft: '', draftRevision: 0, attachments: [{ kind: 'file', label: 'src/parser.ts', tokens: 1234 }, { kind: 'problems', label: 'Problems in the workspace', tokens: 40 }] } });
    const chips = page.getByRole('list', { name: 'Attached context' });
    await chips.getByText('Problems in the workspace').waitFor();
    assert.match(await chips.getByRole('listitem').nth(0).innerText(), /src\/parser\.ts\s*~1\.2k tokens/);

    await composer.fill('What does it do?');
    await composer.press('Enter');
    await panel.waitForPosted('chat/send', { text: 'What does it do?' });
    assert.equal(await composer.inputValue(), '');
    await panel.send({ type: 'composer/notice', text: 'src/parser.ts was deleted after being attached; remove its chip to send.', draft: 'What does it do?' });
    await notice.getByText('was deleted after being attached').waitFor();
    assert.equal(await composer.inputValue(), 'What does it do?', 'the prompt came back');
    assert.equal(await chips.getByRole('listitem').count(), 2, 'the chips stayed');
    await panel.send({ type: 'composer/notice', text: 'Again', draft: 'older text' });
    await notice.getByText('Again').waitFor();
    assert.equal(await composer.inputValue(), 'What does it do?', 'text in the composer is never replaced');
  });

  it('shows labels from the host as text, never as markup', async () => {
    panel = await open();
    const { page } = panel;
    await page.keyboard.type('#');
    const query = await panel.waitForPosted('completion/query', { trigger: '#' });
    const evil = '<img src=x onerror="globalThis.__pwned=1">.ts';
    await panel.send({ type: 'completion/items', seq: query.seq, trigger: '#', items: [{ kind: 'file', id: 'file:///w/x', label: evil, detail: '<b>bold</b>' }] });
    await page.getByRole('option').first().waitFor();
    assert.equal(await page.getByRole('option').first().locator('.completion-label').innerText(), `#${evil}`);
    assert.equal(await page.locator('.completion-list img, .completion-list b').count(), 0);
    assert.equal(await page.evaluate(() => (globalThis as unknown as TestWindow).__pwned), undefined);
  });
});
