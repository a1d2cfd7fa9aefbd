import * as assert from 'node:assert/strict';
import { answer, meta, snapshot, state, userTurn } from './fixtures';
import { openPanel, type PanelPage, type TestWindow } from './panel-page';

interface SourceElement {
  tagName: string;
  textContent: string | null;
  getAttributeNames(): string[];
  getAttribute(name: string): string | null;
}
type PageGlobal = TestWindow & { document: { querySelectorAll(selector: string): Iterable<SourceElement> } };

const composer = (extra: Record<string, unknown>) => ({ draft: '', draftRevision: 0, attachments: [], ...extra });

describe('web search and project instructions in the panel', function () {
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it('toggles web search for the chat, from the mouse and the keyboard, and says what it may cost', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({ composer: composer({ webSearch: { on: false, maxSearches: 3, maxUsd: 0.03 } }) })));
    const { page } = panel;
    const toggle = page.getByRole('button', { name: /^Web Search/ });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.match((await toggle.getAttribute('title')) ?? '', /off for this chat \(up to 3 searches an answer, at most \$0\.03/);
    await toggle.click();
    assert.deepEqual(await panel.waitForPosted('chat/option'), { type: 'chat/option', option: 'webSearch', on: true });
    await panel.send(snapshot(2, state({ composer: composer({ webSearch: { on: true, maxSearches: 3, maxUsd: 0.03 } }) })));
    await page.locator('.web-search-toggle[aria-pressed="true"]').waitFor();
    await toggle.focus();
    await page.keyboard.press('Enter');
    await panel.waitForPosted('chat/option', { on: false });
  });

  it('shows the sources of an answer as numbered links with their domains', async () => {
    panel = await openPanel();
    const citations = [{ url: 'https://www.example.com/news/1', title: 'Example news' }, { url: 'https://docs.example.org/guide' }];
    const turns = [userTurn('u1', 'What is new?'), answer('a1', 'Two things [1][2].', { meta: meta({ citations, webSearch: { searches: 2, usd: 0.02 } }) })];
    await panel.send(snapshot(1, state({}, { turns })));
    const { page } = panel;
    const sources = page.getByRole('list', { name: 'Web sources' });
    await sources.waitFor();
    const items = await sources.getByRole('listitem').allTextContents();
    assert.deepEqual(items, ['[1]Example newsexample.com', '[2]docs.example.orgdocs.example.org']);
    assert.equal(await sources.getByRole('link', { name: 'Example news' }).getAttribute('href'), 'https://www.example.com/news/1');
    assert.equal(await sources.getByRole('link', { name: 'Example news' }).getAttribute('title'), 'https://www.example.com/news/1');
    const footer = page.getByRole('list', { name: 'Answer details' });
    assert.match(await footer.textContent() ?? '', /2 web searches ≈ \$0\.02/);
  });

  it('sets hostile titles as text and keeps no link that is not http(s)', async () => {
    panel = await openPanel();
    const citations = [
      { url: 'javascript:alert(1)', title: '<img src=x onerror=alert(1)>' },
      { url: 'https://evil.example/"><script>alert(1)</script>', title: '<a href="javascript:alert(2)">click</a>' },
    ];
    await panel.send(snapshot(1, state({}, { turns: [userTurn('u1', 'q'), answer('a1', 'x', { meta: meta({ citations }) })] })));
    const { page } = panel;
    await page.getByRole('list', { name: 'Web sources' }).waitFor();
    const found = await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobal;
      const inside = [...w.document.querySelectorAll('.answer-sources *')];
      return {
        tags: [...new Set(inside.map((e) => e.tagName.toLowerCase()))].sort(),
        handlers: inside.flatMap((e) => e.getAttributeNames().filter((n) => n.startsWith('on'))),
        hrefs: inside.map((e) => e.getAttribute('href')).filter((h): h is string => h !== null),
        texts: [...w.document.querySelectorAll('.source-link')].map((e) => e.textContent),
      };
    });
    assert.deepEqual(found.tags, ['a', 'li', 'span']);
    assert.deepEqual(found.handlers, []);
    // The javascript: source keeps its title but loses its target; the https one keeps its own, as an attribute value.
    assert.deepEqual(found.hrefs, ['https://evil.example/"><script>alert(1)</script>']);
    assert.deepEqual(found.texts, ['<img src=x onerror=alert(1)>', '<a href="javascript:alert(2)">click</a>']);
  });

  it('shows the project instructions chip with its tokens, and turns them off for the chat', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({ composer: composer({ instructions: { on: true, files: ['AGENTS.md', '.github/copilot-instructions.md'], tokens: 1234 } }) })));
    const { page } = panel;
    const chip = page.getByRole('group', { name: 'Project instructions: AGENTS.md, .github/copilot-instructions.md' });
    await chip.waitFor();
    assert.match(await chip.textContent() ?? '', /~1\.2k tokens/);
    await chip.getByRole('button', { name: 'Leave Out of This Chat' }).click();
    assert.deepEqual(await panel.waitForPosted('chat/option'), { type: 'chat/option', option: 'instructions', on: false });
  });

  it('says the instructions were not read in an untrusted workspace, with nothing to turn on', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({ composer: composer({ instructions: { untrusted: true, on: false, files: [], tokens: 0 } }) })));
    const { page } = panel;
    await page.getByText('Project instructions not read: this workspace is not trusted').waitFor();
    assert.equal(await page.locator('.instructions-chip button').count(), 0);
    // Not struck through as if this chat had turned them off.
    assert.equal(await page.locator('.instructions-chip.is-off').count(), 0);
  });
});
