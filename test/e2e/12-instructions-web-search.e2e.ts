import * as assert from 'node:assert/strict';
// The project's instructions and web search, as a person meets them in the real workbench: AGENTS.md reaches the
// model in a trusted workspace and not in an untrusted one; a web search answer shows its sources and counts its
// searches and their cost in the footer and in the status bar.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { formatUsd } from '../../src/core/format';
import { WEB_SEARCH_PRICE, type RecordedRequest } from '../fixtures/fake-openrouter';
import { startCodeServer } from '../harness/code-server.mjs';
import { makeWorkspace } from '../harness/fake.mjs';
import { useSettings } from './chat-panel';
import { chatFrame, ensureKeySet, extRoot, openSidebar, screenshot, shownSessionSpend, workbench, type Workbench } from './workbench';

const MODEL = 'openai/gpt-4o-mini';
const RULE = 'Answer every question about this repository in haiku.';

/** The system messages a chat request carried, as text. */
function systemTexts(request: RecordedRequest): string[] {
  const messages = (request.body as { messages: Array<{ role: string; content: unknown }> }).messages;
  return messages.filter((m) => m.role === 'system').map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
}

async function send(page: Page, text: string): Promise<void> {
  const panel = chatFrame(page);
  await panel.getByRole('textbox', { name: 'Message OpenRouter' }).fill(text);
  await panel.getByRole('button', { name: 'Send', exact: true }).click();
}

describe('project instructions and web search', function () {
  let agentsFile = '';
  before(async () => {
    // Written before the window reloads, so the extension finds it as it starts.
    const wb = await workbench();
    agentsFile = path.join(wb.workspace, 'AGENTS.md');
    fs.writeFileSync(agentsFile, `# Agents\n\n${RULE}\n`);
  });
  const files = useSettings({ 'openrouter.defaultModel': MODEL, 'openrouter.fallbackModels': [] });
  let wb: Workbench;
  const panel = () => chatFrame(wb.page);
  before(() => {
    wb = files.wb;
  });
  after(() => fs.rmSync(agentsFile, { force: true }));

  it('sends AGENTS.md in the system prompt of a trusted workspace, shows its chip, and leaves it out when turned off', async () => {
    wb.fake.reset();
    const chip = panel().getByRole('group', { name: 'Project instructions: AGENTS.md' });
    await chip.waitFor({ timeout: 30000 });
    const tokensShown = async (): Promise<string> => /~[\d.]+k? tokens/.exec(await chip.innerText())?.[0] ?? '';
    const shortFile = await tokensShown();
    assert.match(shortFile, /~\d+ tokens/);
    // An edit is read again: the chip's count follows the file.
    fs.writeFileSync(agentsFile, `# Agents\n\n${RULE}\n\n${'Keep functions small and typed. '.repeat(200)}\n`);
    await chip.filter({ hasText: /~[\d.]+k tokens/ }).waitFor({ timeout: 15000 });
    assert.notEqual(await tokensShown(), shortFile);
    await send(wb.page, 'How are tests run here?');
    const first = await wb.fake.waitForRequest((r) => r.path.endsWith('/chat/completions'), 30000);
    assert.ok(systemTexts(first).some((text) => text.includes(RULE)), 'AGENTS.md is in the system prompt');
    await panel().getByRole('list', { name: 'Answer details' }).first().waitFor({ timeout: 30000 });
    await chip.getByRole('button', { name: 'Leave Out of This Chat' }).click();
    await panel().getByRole('group', { name: 'Project instructions left out: AGENTS.md' }).waitFor();
    wb.fake.reset();
    await send(wb.page, 'And the build?');
    const second = await wb.fake.waitForRequest((r) => r.path.endsWith('/chat/completions'), 30000);
    assert.ok(systemTexts(second).every((text) => !text.includes(RULE)), 'turned off for this chat, it is not sent');
    await panel().getByRole('list', { name: 'Answer details' }).nth(1).waitFor({ timeout: 30000 });
  });

  it('searches the web when the toggle is on: sources as links, searches and their cost in the footer and the status bar', async () => {
    await panel().getByRole('button', { name: 'New Chat' }).click();
    wb.fake.reset();
    const spentBefore = await shownSessionSpend(wb.page);
    const results = [{ url: 'https://www.typescriptlang.org/docs/handbook/release-notes/typescript-5-9.html', title: 'TypeScript 5.9 release notes' }, { url: 'https://devblogs.microsoft.com/typescript/', title: 'TypeScript blog' }];
    wb.fake.script(MODEL, { kind: 'answer', text: 'TypeScript 5.9 is out [1][2].', webSearch: { searches: 2, results } });
    const toggle = panel().getByRole('button', { name: /^Web Search/ });
    await toggle.click();
    await panel().locator('.web-search-toggle[aria-pressed="true"]').waitFor();
    await send(wb.page, 'What is new in TypeScript?');
    const request = await wb.fake.waitForRequest((r) => r.path.endsWith('/chat/completions'), 30000);
    assert.deepEqual((request.body as { tools?: unknown }).tools, [{ type: 'openrouter:web_search', parameters: { max_results: 5, max_uses: 3 } }]);
    const answer = panel().getByRole('article', { name: 'Answer' }).filter({ hasText: 'TypeScript 5.9 is out' });
    const sources = answer.getByRole('list', { name: 'Web sources' });
    await sources.waitFor({ timeout: 30000 });
    assert.deepEqual(await sources.getByRole('listitem').allTextContents(), [
      '[1]TypeScript 5.9 release notestypescriptlang.org', '[2]TypeScript blogdevblogs.microsoft.com',
    ]);
    assert.equal(await sources.getByRole('link', { name: 'TypeScript 5.9 release notes' }).getAttribute('href'), results[0]!.url);
    const footer = await answer.getByRole('list', { name: 'Answer details' }).innerText();
    const searchUsd = 2 * Number(WEB_SEARCH_PRICE);
    assert.match(footer, new RegExp(`2 web searches ≈ ${formatUsd(searchUsd).replace(/[$.]/g, '\\$&')}`), footer);
    await screenshot(wb.page, 'chat-web-search');
    // The status bar's session total grew by the answer's cost, which holds the searches.
    await wb.page.waitForFunction(
      ({ before, least }) => {
        const item = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('.statusbar-item[aria-label^="OpenRouter spend"]');
        const shown = /\$(\d+\.\d+)/.exec(item?.textContent ?? '');
        return shown !== null && Number(shown[1]) - before >= least;
      },
      { before: spentBefore, least: searchUsd - 0.0001 },
      { timeout: 30000 },
    );
  });

  it('reads no instructions in an untrusted workspace, and says why', async function () {
    // A second code-server starts for this test alone.
    this.timeout(240000);
    // Workspace trust is off in the shared workbench; this one keeps it on, so its folder opens untrusted.
    const { workspace, remove } = makeWorkspace(wb.fake);
    fs.writeFileSync(path.join(workspace, 'AGENTS.md'), `# Agents\n\n${RULE}\n`);
    const server = await startCodeServer({
      extRoot, workspace, workspaceTrust: true,
      userSettings: {
        'openrouter.baseUrl': wb.fake.baseUrl, 'openrouter.defaultModel': MODEL, 'openrouter.fallbackModels': [],
        'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'workbench.colorTheme': 'Default Dark Modern',
      },
    });
    const page = await wb.page.context().newPage();
    try {
      await page.goto(server.url());
      await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
      const untrusted: Workbench = { page, fake: wb.fake, userData: server.userData, workspace, stop: async () => undefined };
      await ensureKeySet(untrusted);
      await openSidebar(page);
      const frame = chatFrame(page);
      await frame.getByText('Project instructions not read: this workspace is not trusted').waitFor({ timeout: 30000 });
      wb.fake.reset();
      await send(page, 'How are tests run here?');
      const request = await wb.fake.waitForRequest((r) => r.path.endsWith('/chat/completions'), 30000);
      assert.ok(systemTexts(request).every((text) => !text.includes(RULE)), 'nothing of AGENTS.md is sent');
      await frame.getByRole('list', { name: 'Answer details' }).first().waitFor({ timeout: 30000 });
      await screenshot(page, 'chat-untrusted-instructions');
    } finally {
      await page.close();
      await server.stop();
      remove();
    }
  });
});
