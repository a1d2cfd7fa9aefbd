// The panel in a narrow sidebar (170 to 200 px): what a reader sees at the end of a long answer, code blocks'
// buttons, and inline code.
import * as assert from 'node:assert/strict';
import { answer, HostScript, meta, startStreaming, userTurn } from './fixtures';
import { openPanel, settle, type PanelPage } from './panel-page';

/** A long answer streamed line by line into a chat of one question; returns the host script and the whole text. */
async function streamLongAnswer(panel: PanelPage, lines: number): Promise<{ host: HostScript; text: string }> {
  const host = await startStreaming(panel, [userTurn('u1', 'Tell me')], 10);
  let text = '';
  for (let i = 0; i < lines; i++) {
    const line = `Line ${i} of a long answer.\n\n`;
    text += line;
    await panel.send(host.delta('a1', line));
  }
  await panel.page.locator('.markdown', { hasText: `Line ${lines - 1} of` }).waitFor();
  await settle(panel.page);
  return { host, text };
}

const FULL_META = meta({
  provider: 'OpenAI',
  usage: { promptTokens: 1234, completionTokens: 810, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
  cost: { usd: 0.000123, basis: 'exact', source: 'usage' },
  timeToFirstTokenMs: 420,
  durationMs: 3100,
});

describe('a narrow sidebar', function () {
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it('follows a streaming answer to the end of its footer, even as the composer below grows', async () => {
    panel = await openPanel({ width: 190, height: 500 });
    const { host, text } = await streamLongAnswer(panel, 30);
    const { page } = panel;
    await panel.send(host.end(answer('a1', text), { meta: FULL_META }));
    await page.getByRole('list', { name: 'Answer details' }).waitFor();
    // As an answer ends, the host sends the next message's estimate: two lines at this width, so the log shrinks.
    await panel.send({ type: 'composer/state', composer: { draft: '', draftRevision: 0, attachments: [], estimate: { promptTokens: 1234, worstCaseUsd: 0.0123, contextTokens: 128000 } } });
    await page.locator('.composer-estimate', { hasText: 'at most' }).waitFor();
    await settle(page);
    const geometry = await page.evaluate(() => {
      const log = document.querySelector('.transcript') as HTMLElement;
      const footer = document.querySelector('.answer-footer') as HTMLElement;
      return { logBottom: log.getBoundingClientRect().bottom, footerBottom: footer.getBoundingClientRect().bottom };
    });
    assert.ok(geometry.footerBottom <= geometry.logBottom, `the whole footer is in view: ${JSON.stringify(geometry)}`);
    assert.equal(await page.getByRole('button', { name: 'Jump to Latest' }).isVisible(), false);
  });

  it('keeps Jump to Latest off the text the reader is looking at', async () => {
    panel = await openPanel({ width: 190, height: 500 });
    await streamLongAnswer(panel, 40);
    const { page } = panel;
    await page.evaluate(() => {
      (document.querySelector('.transcript') as HTMLElement).scrollTop = 200;
    });
    const jump = page.getByRole('button', { name: 'Jump to Latest' });
    await jump.waitFor();
    await settle(page);
    // Every line of text still (partly) inside the log's view must be clear of the button.
    const covered = await page.evaluate(() => {
      const log = (document.querySelector('.transcript') as HTMLElement).getBoundingClientRect();
      const button = (document.querySelector('.jump-to-latest') as HTMLElement).getBoundingClientRect();
      const lines: string[] = [];
      for (const paragraph of document.querySelectorAll('.turn-assistant .markdown p')) {
        // The part of the paragraph the log shows: the rest is scrolled out of sight.
        const box = paragraph.getBoundingClientRect();
        const top = Math.max(box.top, log.top);
        const bottom = Math.min(box.bottom, log.bottom);
        const overlaps = bottom > button.top && top < button.bottom && box.right > button.left && box.left < button.right;
        if (bottom > top && overlaps) lines.push(paragraph.textContent ?? '');
      }
      return lines;
    });
    assert.deepEqual(covered, [], 'no text in view lies under the button');
    await jump.click();
    await jump.waitFor({ state: 'hidden' });
    const fromEnd = await page.evaluate(() => {
      const t = document.querySelector('.transcript') as HTMLElement;
      return t.scrollHeight - t.scrollTop - t.clientHeight;
    });
    assert.ok(fromEnd <= 1, `back at the end (${fromEnd} px from it)`);
  });
});
