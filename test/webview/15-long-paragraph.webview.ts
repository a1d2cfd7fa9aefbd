import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { answer, chunks, meta, snapshot, startStreaming, state, userTurn, type HostScript } from './fixtures';
import { openPanel, settle, settleRedraw, type PanelPage, type TestWindow } from './panel-page';

/** A page-side view of the DOM, typed loosely: the tests' tsconfig has no DOM library. */
interface PageRect {
  top: number;
  left: number;
  height: number;
}
interface PageText {
  length: number;
  data: string;
}
interface PageElement {
  textContent: string | null;
  isConnected: boolean;
  parentNode: PageElement | null;
  __marked?: boolean;
  getBoundingClientRect(): PageRect;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  after(node: PageElement): void;
  remove(): void;
}
interface PageRange {
  setStart(node: PageText, offset: number): void;
  setEnd(node: PageText, offset: number): void;
  getBoundingClientRect(): PageRect;
}
interface PageDocument {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  createElement(tag: string): PageElement;
  createRange(): PageRange;
  createTreeWalker(root: PageElement, show: number): { nextNode(): PageText | null };
}
type PageGlobal = TestWindow & { document: PageDocument };

/** Plain sentences, as a model writes a long paragraph: words, commas and full stops, no markdown. */
function plainParagraph(chars: number): string {
  const sentences = [
    'The cache keeps the most recent answers close at hand, so a repeated question costs nothing at all.',
    'Each entry remembers when it was written, and older entries give way once the budget is reached.',
    'Reading an entry moves it to the front, which keeps the ones in use from being pushed out, in practice.',
    'Writes are batched, because the disk is slow and most entries are read again within a minute or two.',
  ];
  let text = '';
  for (let i = 0; text.length < chars; i++) text += `${sentences[i % sentences.length] ?? ''} `;
  return text.slice(0, chars);
}

const TAIL_PARAGRAPH = '.turn-assistant .markdown-tail p';

/**
 * The lines of the streaming paragraph, as the reader sees them (each line's text and where it starts), and the
 * lines of a paragraph holding the same text drawn at once beside it.
 */
function linesOfStreamedAndWhole(page: Page): Promise<{ streamed: string[]; whole: string[]; settledBlocks: number }> {
  return page.evaluate((selector) => {
    const { document } = globalThis as unknown as PageGlobal;
    const lines = (element: PageElement): string[] => {
      const origin = element.getBoundingClientRect();
      const walker = document.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
      const range = document.createRange();
      const out: string[] = [];
      let top: number | undefined;
      let line = '';
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        for (let i = 0; i < text.length; i++) {
          range.setStart(text, i);
          range.setEnd(text, i + 1);
          const rect = range.getBoundingClientRect();
          const at = Math.round(rect.top - origin.top);
          if (rect.height > 0 && at !== top) {
            if (top !== undefined) out.push(line.trim());
            line = `${Math.round(rect.left - origin.left)}px `;
            top = at;
          }
          line += text.data.charAt(i);
        }
      }
      out.push(line.trim());
      return out;
    };
    const paragraphs = document.querySelectorAll(selector);
    const streamed = paragraphs[paragraphs.length - 1];
    if (!streamed?.parentNode) return { streamed: [], whole: ['no paragraph'], settledBlocks: 0 };
    const whole = document.createElement('p');
    whole.textContent = streamed.textContent;
    streamed.after(whole);
    const result = { streamed: lines(streamed), whole: lines(whole), settledBlocks: streamed.querySelectorAll('.markdown-lines').length };
    whole.remove();
    return result;
  }, TAIL_PARAGRAPH);
}

/** Streams `text` in small pieces, letting the panel redraw every few pieces as it would at a model's pace. */
async function stream(panel: PanelPage, host: HostScript, text: string): Promise<void> {
  for (const [index, piece] of chunks(text, 60).entries()) {
    await panel.send(host.delta('a1', piece));
    if (index % 4 === 3) await settleRedraw(panel.page);
  }
  await settleRedraw(panel.page);
}

describe('a long paragraph while it streams', function () {
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it('sets its complete lines apart, and they break exactly where the whole paragraph’s lines do', async () => {
    panel = await openPanel();
    const host = await startStreaming(panel, [userTurn('u1', 'Tell me')], 10);
    const text = plainParagraph(3200);
    await stream(panel, host, text);
    const { streamed, whole, settledBlocks } = await linesOfStreamedAndWhole(panel.page);
    assert.ok(settledBlocks > 0, 'complete lines were set apart');
    assert.ok(streamed.length > 20, `the paragraph spans many lines (${streamed.length})`);
    assert.deepEqual(streamed, whole);
    const shown = await panel.page.locator(TAIL_PARAGRAPH).last().textContent();
    assert.equal(shown?.replace(/\s+/g, ' ').trim(), text.replace(/\s+/g, ' ').trim());
  });

  it('joins the lines again when the panel changes width, and sets them apart anew as words keep coming', async () => {
    panel = await openPanel();
    const host = await startStreaming(panel, [userTurn('u1', 'Tell me')], 10);
    const text = plainParagraph(4400);
    await stream(panel, host, text.slice(0, 2600));
    assert.ok((await linesOfStreamedAndWhole(panel.page)).settledBlocks > 0);
    await panel.page.setViewportSize({ width: 330, height: 700 });
    await panel.page.waitForFunction((selector) => (globalThis as unknown as PageGlobal).document.querySelector(`${selector} .markdown-lines`) === null, TAIL_PARAGRAPH);
    await settle(panel.page);
    const joined = await linesOfStreamedAndWhole(panel.page);
    assert.deepEqual(joined.streamed, joined.whole);
    await stream(panel, host, text.slice(2600));
    const again = await linesOfStreamedAndWhole(panel.page);
    assert.ok(again.settledBlocks > 0, 'complete lines were set apart at the new width');
    assert.deepEqual(again.streamed, again.whole);
  });

  it('is left in place while only plain words arrive, and a bare web address still becomes a link', async () => {
    panel = await openPanel();
    const host = await startStreaming(panel, [userTurn('u1', 'Tell me')], 10);
    const text = plainParagraph(2000);
    await stream(panel, host, text.slice(0, 400));
    await panel.page.evaluate((selector) => {
      const paragraph = (globalThis as unknown as PageGlobal).document.querySelector(selector);
      if (paragraph) paragraph.__marked = true;
    }, TAIL_PARAGRAPH);
    // Several tail parse intervals of plain words: nothing a parse would draw differently.
    await stream(panel, host, text.slice(400));
    const kept = await panel.page.evaluate((selector) => (globalThis as unknown as PageGlobal).document.querySelector(selector)?.__marked === true, TAIL_PARAGRAPH);
    assert.ok(kept, 'the paragraph was drawn again from scratch');
    await stream(panel, host, ' See www.example.com for more');
    await panel.page.locator(`${TAIL_PARAGRAPH} a[href="http://www.example.com"]`).waitFor();
  });

  it('ends exactly as the same answer drawn at once', async () => {
    panel = await openPanel();
    const host = await startStreaming(panel, [userTurn('u1', 'Tell me')], 10);
    const text = `${plainParagraph(1500)} Then **bold words**, \`code\` and [a link](https://example.com/a) ${plainParagraph(1800)}\n\n`
      + `A second paragraph, short.\n\n- a list item that goes on: ${plainParagraph(1200)}\n`;
    // The last line break comes on its own: a parse of the tail draws the list item again from its text.
    await stream(panel, host, text.slice(0, -1));
    assert.ok((await panel.page.locator('.turn-assistant .markdown-lines').count()) > 0, 'complete lines were set apart');
    await panel.send(host.delta('a1', '\n'));
    await panel.send(host.end(answer('a1', text), { meta: meta() }));
    await panel.page.getByRole('list', { name: 'Answer details' }).waitFor();
    await settle(panel.page);
    const streamed = await panel.page.locator('.turn-assistant .markdown').innerHTML();
    assert.ok(!streamed.includes('markdown-lines'), 'nothing of the split is left');

    await panel.send(snapshot(100, state({}, { turns: [answer('a2', text, { meta: meta() })] })));
    await panel.page.locator('.turn-assistant .markdown-settled li').waitFor();
    assert.equal(streamed, await panel.page.locator('.turn-assistant .markdown').innerHTML());
  });
});
