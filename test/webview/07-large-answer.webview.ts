import * as assert from 'node:assert/strict';
import { answerEndMessage } from '../../src/protocol/messages';
import { answer, meta, snapshot, state, userTurn } from './fixtures';
import { longAnswer } from './markdown-corpus';
import { openPanel, type PanelPage, type TestWindow } from './panel-page';

interface PageTextarea {
  addEventListener(type: string, listener: () => void): void;
}
type PageGlobal = TestWindow & {
  document: { querySelector(selector: string): PageTextarea | null };
  setTimeout(callback: () => void, ms: number): number;
  __inputWhileStreaming?: boolean[];
  __fed?: boolean;
};

describe('a 1 MB answer', function () {
  this.timeout(120000);
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it('streams to the end while the panel keeps handling input', async () => {
    panel = await openPanel();
    const text = longAnswer(1_000_000);
    const sections = (text.match(/^## Section/gm) ?? []).length;
    await panel.send(snapshot(1, state({}, { turns: [userTurn('u1', 'Write a lot')] })));
    const { page } = panel;
    // Watch the composer: record whether each input event was handled while the answer was still streaming.
    await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobal;
      const seen: boolean[] = [];
      w.__inputWhileStreaming = seen;
      w.document.querySelector('textarea')?.addEventListener('input', () => seen.push(w.document.querySelector('.turn-assistant[aria-busy="true"]') !== null));
    });
    // The host side runs in the page, so deltas arrive as fast as a real stream would deliver them.
    await page.evaluate(({ text, turn, end }) => {
      const w = globalThis as unknown as PageGlobal;
      let seq = 1;
      w.postMessage({ type: 'chat/turn', seq: ++seq, turn }, '*');
      let offset = 0;
      const feed = (): void => {
        for (let i = 0; i < 20 && offset < text.length; i++, offset += 200) {
          w.postMessage({ type: 'chat/delta', seq: ++seq, turnId: 'a1', text: text.slice(offset, offset + 200) }, '*');
        }
        if (offset < text.length) w.setTimeout(feed, 0);
        else {
          w.postMessage({ ...end, seq: ++seq }, '*');
          w.__fed = true;
        }
      };
      feed();
    }, { text, turn: answer('a1', '', { status: 'streaming' }), end: { ...answerEndMessage(answer('a1', text)), meta: meta() } });
    await page.getByRole('textbox', { name: 'Message OpenRouter' }).pressSequentially('still here');
    await page.getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 90000 });
    const seen = await page.evaluate(() => (globalThis as unknown as PageGlobal).__inputWhileStreaming ?? []);
    assert.equal(await page.getByRole('textbox', { name: 'Message OpenRouter' }).inputValue(), 'still here');
    assert.ok(seen.some(Boolean), `no keystroke was handled while the answer streamed (${seen.length} handled after it)`);
    const article = page.getByRole('article', { name: 'Answer' });
    await article.getByRole('heading', { name: `Section ${sections - 1}`, exact: true }).waitFor();
    assert.equal(await article.locator('.code-block').count(), sections, 'every code block settled with its toolbar');
    assert.equal(await article.locator('h2').count(), sections);
  });
});
