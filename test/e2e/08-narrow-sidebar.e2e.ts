/// <reference lib="dom" />
// The chat panel in the real sidebar at its narrowest (170 px, VS Code's minimum) and at a comfortable 400 px, in
// the light and dark themes: a screenshot of each, and what must hold at that width. The page functions below run
// inside the webview, in the browser.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { FALLBACK, PRIMARY, SHOWCASE, useChatPanel } from './chat-panel';
import { artifacts, runCommand } from './workbench';

/** Drags the sash on the sidebar's right edge until the sidebar is `width` pixels wide (or as close as it goes). */
async function resizeSidebar(page: Page, width: number): Promise<number> {
  const sidebar = page.locator('.part.sidebar');
  for (let attempt = 0; attempt < 3; attempt++) {
    const box = await sidebar.boundingBox();
    assert.ok(box, 'the sidebar is open');
    if (Math.round(box.width) === width) return width;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width, y);
    await page.mouse.down();
    await page.mouse.move(box.x + width, y, { steps: 8 });
    await page.mouse.up();
  }
  return Math.round((await sidebar.boundingBox())?.width ?? 0);
}

async function useTheme(page: Page, theme: 'Dark Modern' | 'Light Modern'): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().click();
  await page.locator(`.monaco-workbench.${theme === 'Dark Modern' ? 'vs-dark' : 'vs'}`).waitFor({ timeout: 15000 });
}

describe('the chat panel in a narrow sidebar', function () {
  const chat = useChatPanel();
  const { panel, answers, send } = chat;

  it('reads well at 170 px and 400 px, in the light and dark themes (screenshots)', async () => {
    const { page, fake } = chat.wb;
    await panel().getByRole('button', { name: 'New Chat' }).click();
    // A question; an answer with a notice (a fallback), inline code, a code block with its buttons, and its footer.
    fake.script(PRIMARY, { kind: 'http-error', status: 503 });
    fake.script(FALLBACK, { kind: 'answer', text: `${SHOWCASE}\n\nRun the tests with \`npm run check-types\` after editing \`src/debounce.ts\`.` });
    await send('Write a typed debounce helper in TypeScript.');
    const answer = answers().last();
    await answer.getByRole('list', { name: 'Answer details' }).filter({ hasText: FALLBACK }).waitFor({ timeout: 20000 });
    // The screenshots show the chat, not the log earlier tests left open below the editors.
    const hidePanel = page.locator('.part.panel .action-label[aria-label^="Hide Panel"], .part.panel .action-label[aria-label^="Close Panel"]').first();
    if (await hidePanel.isVisible()) await hidePanel.click();
    const startWidth = Math.round((await page.locator('.part.sidebar').boundingBox())?.width ?? 300);
    try {
      for (const width of [170, 400]) {
        assert.equal(await resizeSidebar(page, width), width, `the sidebar is ${width} px wide`);
        for (const theme of ['Light Modern', 'Dark Modern'] as const) {
          await useTheme(page, theme);
          const dark = theme === 'Dark Modern';
          const html = panel().locator('html');
          await html.evaluate((node, isDark) => new Promise<void>((resolve) => {
            // The webview follows the theme through its body class; two frames later it has been painted so.
            const check = (): void => {
              if (node.ownerDocument.body.classList.contains(isDark ? 'vscode-dark' : 'vscode-light')) requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
              else requestAnimationFrame(check);
            };
            check();
          }), dark);
          const seen = await html.evaluate(() => {
            const log = (document.querySelector('.transcript') as HTMLElement).getBoundingClientRect();
            const footer = Array.from(document.querySelectorAll('.answer-footer')).at(-1)?.getBoundingClientRect();
            const label = document.querySelector('.code-language') as HTMLElement;
            const more = document.querySelector('.overflow-button') as HTMLElement;
            return {
              width: document.documentElement.clientWidth,
              sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
              footerInView: footer !== undefined && footer.bottom <= log.bottom + 1 && footer.top >= log.top,
              labelOneLine: label.getClientRects().length === 1 && label.scrollWidth <= label.clientWidth,
              menuButton: more.getClientRects().length > 0,
            };
          });
          // The sidebar alone: the view as a reader sees it at this width.
          await page.locator('.part.sidebar').screenshot({ path: path.join(artifacts, `sidebar-${width}-${dark ? 'dark' : 'light'}.png`) });
          const where = `${width} px, ${theme}`;
          assert.ok(Math.abs(seen.width - width) <= 2, `${where}: the panel is as wide as the sidebar (${seen.width} px)`);
          assert.equal(seen.sideways, 0, `${where}: nothing scrolls sideways`);
          assert.ok(seen.footerInView, `${where}: the answer's footer is in view`);
          assert.ok(seen.labelOneLine, `${where}: the code block's language shows whole, on one line`);
          assert.equal(seen.menuButton, width < 265, `${where}: the code block's buttons ${width < 265 ? 'are in a "…" menu' : 'are all on its toolbar'}`);
          if (!seen.menuButton) continue;
          // The menu open, as the reader sees it: inside the sidebar, under its button.
          const more = answer.getByRole('button', { name: 'More Actions' });
          await more.click();
          const menu = answer.getByRole('menu', { name: 'More Actions' });
          await menu.getByRole('menuitem', { name: 'Insert at Cursor' }).waitFor();
          const box = await menu.evaluate((node) => node.getBoundingClientRect().toJSON() as { left: number; right: number });
          assert.ok(box.left >= 0 && box.right <= seen.width, `${where}: the menu is inside the sidebar (${JSON.stringify(box)})`);
          await page.locator('.part.sidebar').screenshot({ path: path.join(artifacts, `sidebar-${width}-${dark ? 'dark' : 'light'}-menu.png`) });
          await page.keyboard.press('Escape');
          await menu.waitFor({ state: 'hidden' });
        }
      }
    } finally {
      await resizeSidebar(page, startWidth);
    }
  });
});
