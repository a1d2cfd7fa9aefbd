import * as assert from 'node:assert/strict';
import type { Turn } from '../../src/core/chat/model';
import { answer, CHAT_ID, HostScript, meta, snapshot, startStreaming, state, userTurn } from './fixtures';
import { openPanel, settle, type PanelPage, type TestWindow } from './panel-page';

interface PageTranscript {
  scrollTop: number;
  scrollHeight: number;
}
type PageGlobal = TestWindow & { document: { querySelector(selector: string): PageTranscript | null } };

/** `pairs` question/answer pairs; ids count from `from` so older pages do not clash with newer ones. */
function conversation(pairs: number, from = 0): Turn[] {
  const turns: Turn[] = [];
  for (let i = from; i < from + pairs; i++) {
    turns.push(userTurn(`u${i}`, `Question ${i}: how do I do thing ${i}?`));
    turns.push(answer(`a${i}`, `Answer ${i}: use **this**.\n\n\`\`\`js\nconst value${i} = compute(${i});\n\`\`\`\n\n- point one\n- point two`, { meta: meta({ cost: { usd: 0.0001, basis: 'exact', source: 'usage' } }) }));
  }
  return turns;
}

async function scrollTranscriptTo(panel: PanelPage, top: number): Promise<void> {
  await panel.page.evaluate((value) => {
    const transcript = (globalThis as unknown as PageGlobal).document.querySelector('.transcript');
    if (transcript) transcript.scrollTop = value;
  }, top);
}

describe('history', function () {
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it('opens a chat of 2,000 messages rendering only the answers near the viewport', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, { turns: conversation(1000) })));
    const { page } = panel;
    const last = page.getByRole('article', { name: 'Answer' }).last();
    await last.locator('.markdown-settled strong', { hasText: 'this' }).waitFor();
    await last.getByRole('button', { name: 'Copy', exact: true }).waitFor();
    const rendered = await page.locator('.turn-assistant .markdown:not([hidden])').count();
    assert.ok(rendered > 0 && rendered < 60, `${rendered} of 1000 answers were rendered`);
    // Those far from the view have left the DOM, each for a placeholder of its height.
    await page.waitForFunction(() => document.querySelectorAll('.turn-placeholder').length > 1500);
    const inDom = await page.getByRole('article').count();
    assert.ok(inDom < 300, `${inDom} of 2000 turns are in the DOM`);
    await scrollTranscriptTo(panel, 0);
    const first = page.getByRole('article', { name: 'Answer' }).first();
    await first.locator('.markdown-settled strong').waitFor();
    assert.match(await first.innerText(), /Answer 0: use this/);
  });

  it('loads earlier messages on request and keeps the reader in place', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, { turns: conversation(10, 100), olderCount: 200 })));
    const { page } = panel;
    const button = page.getByRole('button', { name: /Load earlier messages/ });
    assert.match(await button.innerText(), /200 more/);
    await button.click();
    assert.deepEqual(await panel.waitForPosted('history/older'), { type: 'history/older', chatId: CHAT_ID, before: 200, count: 40 });
    const formerFirst = page.getByRole('article').filter({ hasText: 'Question 100:' });
    await settle(page); // answers revealed by scrolling up to the button have their final height
    const before = await formerFirst.boundingBox();
    await panel.send({ type: 'history/older', chatId: CHAT_ID, turns: conversation(10, 90), olderCount: 180 });
    await page.getByRole('article').first().filter({ hasText: 'Question 90:' }).waitFor();
    assert.equal(await page.getByRole('article').count(), 40);
    assert.match(await button.innerText(), /180 more/);
    await settle(page);
    const after = await formerFirst.boundingBox();
    assert.ok(before && after && Math.abs(after.y - before.y) <= 2, `the reader's place moved from ${before?.y} to ${after?.y}`);
    // Prepended turns count as earlier prompts for Up.
    const composer = page.getByRole('textbox', { name: 'Message OpenRouter' });
    await composer.click();
    for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowUp');
    assert.equal(await composer.inputValue(), 'Question 99: how do I do thing 99?');
  });

  it('keeps the reader in place while the older turns above settle their heights', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, { turns: conversation(10, 100), olderCount: 200 })));
    const { page } = panel;
    await page.getByRole('button', { name: /Load earlier messages/ }).click();
    await panel.waitForPosted('history/older');
    await settle(page);
    const formerFirst = page.getByRole('article').filter({ hasText: 'Question 100:' });
    const before = await formerFirst.boundingBox();
    await panel.send({ type: 'history/older', chatId: CHAT_ID, turns: conversation(10, 90), olderCount: 180 });
    await page.getByRole('article').first().filter({ hasText: 'Question 90:' }).waitFor();
    await settle(page);
    // The answer just above grows later, as a turn does on its first layout or an answer once it is rendered. The
    // browser's own scroll anchoring, which does not always make up for such changes, is left out.
    await page.evaluate(() => {
      const transcript = document.querySelector<HTMLElement>('.transcript');
      const above = document.querySelectorAll('.turn')[19];
      if (!transcript || !above?.textContent?.includes('Answer 99')) throw new Error('unexpected layout');
      transcript.style.overflowAnchor = 'none';
      const growth = document.createElement('div');
      growth.style.height = '200px';
      above.append(growth);
    });
    await settle(page);
    const after = await formerFirst.boundingBox();
    assert.ok(before && after && Math.abs(after.y - before.y) <= 2, `the reader's place moved from ${before?.y} to ${after?.y}`);
  });

  it('asks for older turns once when the reader scrolls to the top', async () => {
    panel = await openPanel({ height: 500 });
    await panel.send(snapshot(1, state({}, { turns: conversation(30, 50), olderCount: 100 })));
    const { page } = panel;
    await page.getByRole('article', { name: 'Answer' }).last().locator('.markdown-settled').getByText('this').waitFor();
    await page.getByRole('log', { name: 'Conversation' }).hover();
    while ((await panel.posted()).every((m) => m.type !== 'history/older')) await page.mouse.wheel(0, -2000);
    assert.deepEqual((await panel.posted()).filter((m) => m.type === 'history/older'), [{ type: 'history/older', chatId: CHAT_ID, before: 100, count: 40 }]);
    await page.mouse.wheel(0, 1000);
    await page.mouse.wheel(0, -3000);
    await settle(page);
    assert.equal((await panel.posted()).filter((m) => m.type === 'history/older').length, 1, 'asked again before the reply');
  });

  it('does not ask for older turns just because a short chat shows the button', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, { turns: conversation(1), olderCount: 10 })));
    await panel.page.getByRole('button', { name: /Load earlier messages/ }).waitFor();
    await settle(panel.page);
    assert.equal((await panel.posted()).filter((m) => m.type === 'history/older').length, 0);
  });

  it('shows "Load earlier messages" only when the host says there are earlier messages', async () => {
    panel = await openPanel();
    const button = panel.page.getByRole('button', { name: /Load earlier messages/ });
    await settle(panel.page);
    assert.equal(await button.isVisible(), false, 'shown before the first snapshot');
    await panel.send(snapshot(1, state({}, { turns: conversation(1), olderCount: 0 })));
    await settle(panel.page);
    assert.equal(await button.isVisible(), false, 'shown with nothing to load');
    await panel.send(snapshot(2, state({}, { turns: conversation(1), olderCount: 4 })));
    await button.waitFor();
    assert.match(await button.innerText(), /4 more/);
  });

  it('ignores older turns sent for another chat', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, { turns: conversation(2), olderCount: 10 })));
    await panel.send({ type: 'history/older', chatId: 'another-chat', turns: conversation(2, 50), olderCount: 0 });
    await settle(panel.page);
    assert.equal(await panel.page.getByRole('article').count(), 4);
  });

  it('rebuilds purely from a snapshot when the webview is re-created mid-answer', async () => {
    panel = await openPanel();
    const host = await startStreaming(panel, [userTurn('u1', 'Write a poem')]);
    await panel.send(host.delta('a1', 'Roses are red,\n'));
    await panel.page.getByText('Roses are red').waitFor();
    await panel.close();

    // VS Code destroyed the hidden webview; a new one says ready and gets the host's state.
    panel = await openPanel();
    await panel.send(snapshot(7, state({ streaming: true, composer: { draft: 'next question', draftRevision: 0, attachments: [] } }, {
      turns: [userTurn('u1', 'Write a poem'), answer('a1', 'Roses are red,\n', { status: 'streaming' })],
    })));
    const { page } = panel;
    await page.getByRole('button', { name: 'Stop', exact: true }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Message OpenRouter' }).inputValue(), 'next question');
    const resumed = new HostScript(7);
    await panel.send(resumed.delta('a1', 'violets are blue.'));
    await panel.send(resumed.end(answer('a1', 'Roses are red,\nviolets are blue.'), { meta: meta() }));
    await page.getByRole('list', { name: 'Answer details' }).waitFor();
    assert.match(await page.getByRole('article', { name: 'Answer' }).innerText(), /Roses are red,\sviolets are blue\./);
  });

  it('keeps the scroll position through VS Code state, and restores it', async () => {
    panel = await openPanel({ height: 500 });
    await panel.send(snapshot(1, state({}, { turns: conversation(20) })));
    await panel.page.getByRole('article', { name: 'Answer' }).last().locator('.markdown-settled').getByText('this').waitFor();
    await scrollTranscriptTo(panel, 400);
    await panel.page.waitForFunction(() => {
      const saved = (globalThis as unknown as TestWindow).__savedViewState as { scrollTop?: number; atBottom?: boolean } | undefined;
      return saved?.scrollTop === 400 && saved.atBottom === false;
    });
    await panel.close();

    panel = await openPanel({ height: 500, viewState: { chatId: CHAT_ID, scrollTop: 400, atBottom: false } });
    await panel.send(snapshot(1, state({}, { turns: conversation(20) })));
    await panel.page.waitForFunction(() => (globalThis as unknown as PageGlobal).document.querySelector('.transcript')?.scrollTop === 400);
  });
});
