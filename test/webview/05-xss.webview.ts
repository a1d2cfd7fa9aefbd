import * as assert from 'node:assert/strict';
import { answer, HostScript, meta, snapshot, state, userTurn } from './fixtures';
import { openPanel, type PanelPage, type TestWindow } from './panel-page';
import { XSS_PAYLOADS } from './xss-corpus';

/** The page's DOM, typed loosely: the tests' tsconfig has no DOM library. */
interface PageElement {
  tagName: string;
  getAttributeNames(): string[];
  getAttribute(name: string): string | null;
  closest(selector: string): PageElement | null;
}
type PageGlobal = TestWindow & { document: { querySelectorAll(selector: string): Iterable<PageElement> } };

/** Tags the sanitiser may leave in rendered markdown, plus the code toolbars the panel adds itself. */
const ALLOWED_TAGS = new Set([
  'a', 'abbr', 'b', 'blockquote', 'br', 'code', 'dd', 'del', 'details', 'div', 'dl', 'dt', 'em', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'hr', 'i', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 's', 'samp', 'small', 'span', 'strong', 'sub',
  'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
]);

interface Findings {
  badTags: string[];
  handlers: string[];
  badLinks: string[];
  badAttributes: string[];
  placeholders: number;
}

/** Runs in the page: everything in the DOM that the sanitiser should have removed. */
function inspectDom(allowed: string[]): Findings {
  const w = globalThis as unknown as PageGlobal;
  const allowedTags = new Set(allowed);
  const findings: Findings = { badTags: [], handlers: [], badLinks: [], badAttributes: [], placeholders: 0 };
  for (const element of w.document.querySelectorAll('*')) {
    for (const name of element.getAttributeNames()) if (name.toLowerCase().startsWith('on')) findings.handlers.push(`${element.tagName} ${name}`);
  }
  for (const element of w.document.querySelectorAll('.markdown *')) {
    const tag = element.tagName.toLowerCase();
    const ownControl = element.closest('.code-toolbar') !== null;
    if (!allowedTags.has(tag) && !ownControl) findings.badTags.push(tag);
    for (const name of element.getAttributeNames()) {
      const value = element.getAttribute(name) ?? '';
      if (['style', 'id', 'name', 'target', 'ping', 'src', 'srcset', 'background', 'action', 'formaction', 'xlink:href'].includes(name)) findings.badAttributes.push(`${tag} ${name}`);
      if (name === 'class' && !ownControl && !/^(?:(?:hljs(?:-[\w-]+)?|language-[\w+#.-]+|[\w-]+_|code-block|image-placeholder|markdown-settled|markdown-chunk|markdown-tail)\s*)+$/.test(value)) findings.badAttributes.push(`${tag} class=${value}`);
    }
    if (tag === 'a' && element.getAttribute('href') !== null && !/^(?:https?:|mailto:)/i.test(element.getAttribute('href') ?? '')) findings.badLinks.push(element.getAttribute('href') ?? '');
    if (element.getAttribute('class') === 'image-placeholder') findings.placeholders++;
  }
  return findings;
}

/** Deterministic chunk sizes of 3 to 9 characters, so tags and attributes are split at every kind of place. */
function splitAwkwardly(text: string): string[] {
  const out: string[] = [];
  for (let i = 0, n = 0; i < text.length; n++) {
    const size = 3 + ((n * 7) % 7);
    out.push(text.slice(i, i + size));
    i += size;
  }
  return out;
}

async function streamCorpus(panel: PanelPage): Promise<void> {
  const payloads = XSS_PAYLOADS.map((payload) => payload.replaceAll('ORIGIN', panel.server.origin));
  await panel.send(snapshot(1, state()));
  const host = new HostScript(1);
  // Each payload as its own answer, then all of them in one answer (so they also meet each other).
  const answers = [...payloads, payloads.join('\n\n')];
  for (const [index, text] of answers.entries()) {
    const id = `a${index}`;
    await panel.send(host.turn(userTurn(`u${index}`, 'Show me some HTML')));
    await panel.send(host.turn(answer(id, '', { status: 'streaming' })));
    for (const piece of splitAwkwardly(text)) await panel.send(host.delta(id, piece));
    await panel.send(host.end(answer(id, text), { meta: meta() }));
  }
  await panel.page.getByRole('list', { name: 'Answer details' }).nth(answers.length - 1).waitFor();
  await panel.page.waitForLoadState('networkidle');
}

async function assertNothingGotThrough(panel: PanelPage, url: string): Promise<void> {
  const { page } = panel;
  assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobal).__pwned), undefined, 'a payload ran');
  const findings = await page.evaluate(inspectDom, [...ALLOWED_TAGS]);
  assert.deepEqual(findings.badTags, [], 'elements the sanitiser should have removed');
  assert.deepEqual(findings.handlers, [], 'event handler attributes');
  assert.deepEqual(findings.badLinks, [], 'links with other schemes than http(s) and mailto');
  assert.deepEqual(findings.badAttributes, [], 'attributes the sanitiser should have removed');
  // Markdown images become placeholders (each payload is streamed twice); raw <img> tags are shown as text.
  const markdownImages = XSS_PAYLOADS.filter((payload) => payload.includes('![')).length * 2;
  assert.equal(findings.placeholders, markdownImages, 'markdown images must become text placeholders');
  await page.getByText('<img src="http://', { exact: false }).first().waitFor();
  assert.deepEqual(panel.requests.filter((r) => !r.startsWith(panel.server.origin)), [], 'requests to other origins');
  assert.deepEqual(panel.server.unexpectedRequests(), [], 'requests for resources named by the payloads');
  assert.equal(page.url(), url, 'the page navigated');
  // The code block shows its script as text.
  await page.getByText('<script>window.__pwned=29</script>').first().waitFor();
}

describe('hostile model output', function () {
  this.timeout(120000);
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it(`has at least 20 payloads (${XSS_PAYLOADS.length})`, () => {
    assert.ok(XSS_PAYLOADS.length >= 20);
  });

  it('runs nothing, loads nothing and navigates nowhere under the real CSP', async () => {
    panel = await openPanel();
    const url = panel.page.url();
    await streamCorpus(panel);
    await assertNothingGotThrough(panel, url);
    // Not even an attempt was blocked: the sanitiser removed everything before the CSP had to.
    assert.deepEqual(await panel.page.evaluate(() => (globalThis as unknown as PageGlobal).__violations), []);
  });

  it('runs nothing and loads nothing with no CSP at all (the sanitiser alone)', async () => {
    panel = await openPanel({ csp: false });
    const url = panel.page.url();
    await streamCorpus(panel);
    await assertNothingGotThrough(panel, url);
  });
});
