// The panel in a narrow sidebar (170 to 200 px): what a reader sees at the end of a long answer, code blocks'
// buttons, and inline code.
import * as assert from 'node:assert/strict';
import { answer, HostScript, meta, snapshot, startStreaming, state, userTurn } from './fixtures';
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
      for (const paragraph of Array.from(document.querySelectorAll('.turn-assistant .markdown p'))) {
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

  it('gives a code block\'s language one line: at 170 px all buttons but Copy go into a "…" menu, at 400 px none', async () => {
    panel = await openPanel({ width: 170 });
    await panel.send(snapshot(1, state({}, { turns: [answer('a1', '```powershell\nGet-ChildItem\n```', { meta: meta() })] })));
    const { page } = panel;
    const toolbar = page.locator('.code-block .code-toolbar').first();
    const copy = toolbar.getByRole('button', { name: 'Copy', exact: true });
    await copy.waitFor();
    const shown = async (name: string): Promise<boolean> => toolbar.getByRole('button', { name, exact: true }).isVisible();
    for (const [width, collapsed] of [[170, true], [400, false]] as const) {
      await page.setViewportSize({ width, height: 700 });
      await settle(page);
      const label = toolbar.locator('.code-language');
      const [labelBox, copyBox] = [await label.boundingBox(), await copy.boundingBox()];
      assert.ok(labelBox && copyBox, 'both are shown');
      assert.ok(labelBox.height <= copyBox.height, `${width} px: one line of text, not a column of letters (${labelBox.height} px)`);
      assert.equal(await label.evaluate((node) => node.scrollWidth <= node.clientWidth), true, `${width} px: the whole name shows`);
      for (const name of ['Insert at Cursor', 'Insert into New File', 'Apply', 'Insert into Terminal']) {
        assert.equal(await shown(name), !collapsed, `${width} px: ${name} is ${collapsed ? 'in the menu' : 'on the toolbar'}`);
      }
      assert.equal(await shown('More Actions'), collapsed, `${width} px: the "…" button`);
    }
  });

  it('opens the "…" menu from the keyboard, moves with the arrows, and closes with Escape back on its button', async () => {
    panel = await openPanel({ width: 170 });
    // Still streaming: Escape in the menu must close the menu, not stop the answer.
    const host = await startStreaming(panel, [userTurn('u1', 'List the files')], 10);
    await panel.send(host.delta('a1', '```bash\nls -la\n```\n\nThat lists them.'));
    const { page } = panel;
    const more = page.getByRole('button', { name: 'More Actions' });
    await more.waitFor();
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    const menu = page.getByRole('menu', { name: 'More Actions' });
    const focused = (): Promise<string> => page.evaluate(() => document.activeElement?.textContent ?? '');
    await more.focus();
    await page.keyboard.press('Enter');
    await menu.waitFor();
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    assert.deepEqual(await menu.getByRole('menuitem').allInnerTexts(), ['Insert at Cursor', 'Insert into New File', 'Apply', 'Insert into Terminal']);
    assert.equal(await focused(), 'Insert at Cursor', 'the first item takes the focus');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'Insert into New File');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'Insert into Terminal', 'Up from the first item wraps to the last');
    await page.keyboard.press('Home');
    assert.equal(await focused(), 'Insert at Cursor');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'More Actions', 'the focus is back on the button');
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    assert.ok(!(await panel.posted()).some((m) => m.type === 'chat/stop'), 'Escape in the menu did not stop the answer');
    // Space opens it too, and an item runs with Enter and closes the menu.
    await page.keyboard.press('Space');
    await menu.waitFor();
    await page.keyboard.press('End');
    assert.equal(await focused(), 'Insert into Terminal');
    await page.keyboard.press('Enter');
    assert.deepEqual(await panel.waitForPosted('code/terminal'), { type: 'code/terminal', code: 'ls -la' });
    await menu.waitFor({ state: 'hidden' });
  });

  it('closes the "…" menu on a click outside it, and runs an item clicked in it', async () => {
    panel = await openPanel({ width: 170, theme: 'light' });
    await panel.send(snapshot(1, state({}, { turns: [answer('a1', '```ts\nconst x = 1;\n```\n\nDone.', { meta: meta() })] })));
    const { page } = panel;
    const more = page.getByRole('button', { name: 'More Actions' });
    const menu = page.getByRole('menu', { name: 'More Actions' });
    await more.click();
    await menu.waitFor();
    const [menuBox, buttonBox] = [await menu.boundingBox(), await more.boundingBox()];
    assert.ok(menuBox && buttonBox && menuBox.y >= buttonBox.y + buttonBox.height, 'the menu opens under its button');
    assert.ok(menuBox.x >= 0 && menuBox.x + menuBox.width <= 170, 'inside the sidebar');
    await page.getByRole('textbox', { name: 'Message OpenRouter' }).click();
    await menu.waitFor({ state: 'hidden' });
    await more.click();
    await menu.getByRole('menuitem', { name: 'Apply' }).click();
    assert.deepEqual(await panel.waitForPosted('code/apply'), { type: 'code/apply', code: 'const x = 1;' });
    await menu.waitFor({ state: 'hidden' });
  });

  it('wraps inline code between words, in tables too; only a name longer than the line breaks', async () => {
    panel = await openPanel({ width: 190 });
    const text = [
      '| setting | sent as |',
      '|---|---|',
      '| `openrouter.maxTokens` | the `max_tokens` field |',
      '',
      'Call `getConfiguration` and `debounce(fn, ms)` from `src/webview/transcript/transcript-view.ts` here.',
    ].join('\n');
    await panel.send(snapshot(1, state({}, { turns: [answer('a1', text, { meta: meta() })] })));
    const { page } = panel;
    await page.locator('.markdown td code').first().waitFor();
    await settle(page);
    const lines = await page.evaluate(() => Object.fromEntries(Array.from(document.querySelectorAll('.markdown :not(pre) > code'))
      .map((code) => [code.textContent ?? '', code.getClientRects().length])));
    for (const name of ['openrouter.maxTokens', 'max_tokens', 'getConfiguration']) assert.equal(lines[name], 1, `${name} is on one line: ${JSON.stringify(lines)}`);
    assert.ok((lines['debounce(fn, ms)'] ?? 0) <= 2, 'two words at most split between them');
    assert.ok((lines['src/webview/transcript/transcript-view.ts'] ?? 0) >= 2, 'a path longer than the line still wraps');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'the panel does not scroll sideways (a wide table scrolls in its own box)');
  });
});
