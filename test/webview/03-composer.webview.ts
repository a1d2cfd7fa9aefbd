import * as assert from 'node:assert/strict';
import { answer, HostScript, meta, snapshot, startStreaming, state, userTurn } from './fixtures';
import { openPanel, settle, type PanelPage, type TestWindow } from './panel-page';

interface FocusProbe {
  document: { activeElement: { getAttribute(name: string): string | null } | null };
}
const focusedLabel = (): string | null => (globalThis as unknown as FocusProbe).document.activeElement?.getAttribute('aria-label') ?? null;

describe('the composer', function () {
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it('turns Send into Stop while an answer streams, and returns focus to the composer', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1));
    const { page } = panel;
    const composer = page.getByRole('textbox', { name: 'Message OpenRouter' });
    await composer.fill('Explain closures');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    assert.deepEqual(await panel.waitForPosted('chat/send'), { type: 'chat/send', text: 'Explain closures' });
    assert.equal(await composer.inputValue(), '');
    assert.equal(await page.evaluate(focusedLabel), 'Message OpenRouter');
    const host = new HostScript(1);
    await panel.send(host.turn(userTurn('u1', 'Explain closures')));
    await panel.send(host.turn(answer('a1', '', { status: 'streaming' })));
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await panel.waitForPosted('chat/stop');
    await panel.send(host.delta('a1', 'Stopped early'));
    await panel.send(host.end(answer('a1', 'Stopped early', { status: 'stopped' })));
    await page.getByRole('button', { name: 'Send', exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Stop', exact: true }).count(), 0);
  });

  it('takes the cursor when the host asks (Focus Chat Input), so what is typed next lands in it', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1));
    const { page } = panel;
    await page.getByRole('button', { name: 'New Chat' }).focus();
    assert.equal(await page.evaluate(focusedLabel), 'New Chat');
    await panel.send({ type: 'composer/focus' });
    await page.waitForFunction(() => (globalThis as unknown as FocusProbe).document.activeElement?.getAttribute('aria-label') === 'Message OpenRouter');
    await page.keyboard.type('typed next');
    assert.equal(await page.getByRole('textbox', { name: 'Message OpenRouter' }).inputValue(), 'typed next');
  });

  it('sends on Enter, adds a line on Shift+Enter, and does not send while streaming', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1));
    const { page } = panel;
    const composer = page.getByRole('textbox', { name: 'Message OpenRouter' });
    await composer.click();
    await page.keyboard.type('line one');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('line two');
    assert.equal(await composer.inputValue(), 'line one\nline two');
    assert.equal((await panel.posted()).filter((m) => m.type === 'chat/send').length, 0);
    await page.keyboard.press('Enter');
    assert.deepEqual(await panel.waitForPosted('chat/send'), { type: 'chat/send', text: 'line one\nline two' });

    const host = new HostScript(1);
    await panel.send(host.turn(answer('a1', '', { status: 'streaming' })));
    await page.getByRole('button', { name: 'Stop', exact: true }).waitFor();
    await composer.fill('queued question');
    await composer.press('Enter');
    await settle(page);
    assert.equal((await panel.posted()).filter((m) => m.type === 'chat/send').length, 1, 'Enter sent while an answer was streaming');
    assert.equal(await composer.inputValue(), 'queued question');
  });

  it('recalls earlier prompts with Up and returns to the draft with Down', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, {
      turns: [userTurn('u1', 'first prompt'), answer('a1', 'x'), userTurn('u2', 'second\nprompt'), answer('a2', 'y'), userTurn('u3', 'third prompt'), answer('a3', 'z')],
    })));
    const { page } = panel;
    const composer = page.getByRole('textbox', { name: 'Message OpenRouter' });
    await composer.click();
    await page.keyboard.press('ArrowUp');
    assert.equal(await composer.inputValue(), 'third prompt');
    await page.keyboard.press('ArrowUp');
    assert.equal(await composer.inputValue(), 'second\nprompt');
    // The caret sits at the end of a two-line prompt: the first Up moves to line one, the next recalls.
    await page.keyboard.press('ArrowUp');
    assert.equal(await composer.inputValue(), 'second\nprompt');
    await page.keyboard.press('ArrowUp');
    assert.equal(await composer.inputValue(), 'first prompt');
    await page.keyboard.press('ArrowUp');
    assert.equal(await composer.inputValue(), 'first prompt', 'stays at the oldest');
    await page.keyboard.press('ArrowDown');
    assert.equal(await composer.inputValue(), 'second\nprompt');
    // The caret is on the last line of the recalled prompt, so Down goes on at once.
    await page.keyboard.press('ArrowDown');
    assert.equal(await composer.inputValue(), 'third prompt');
    await page.keyboard.press('ArrowDown');
    assert.equal(await composer.inputValue(), '', 'back to the (empty) draft');

    // With text before the caret, Up is an ordinary caret movement.
    await page.keyboard.type('my draft');
    await page.keyboard.press('ArrowUp');
    assert.equal(await composer.inputValue(), 'my draft');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowUp');
    assert.equal(await composer.inputValue(), 'third prompt', 'recalls with the caret at the start');
    await page.keyboard.press('ArrowDown');
    assert.equal(await composer.inputValue(), 'my draft', 'Down brings the draft back');
  });

  it('stops a streaming answer with Escape, from the composer or elsewhere in the panel', async () => {
    panel = await openPanel();
    await startStreaming(panel);
    const { page } = panel;
    await page.getByRole('button', { name: 'Stop', exact: true }).waitFor();
    await page.getByRole('textbox', { name: 'Message OpenRouter' }).press('Escape');
    await panel.waitForPosted('chat/stop');
    await page.getByRole('log', { name: 'Conversation' }).press('Escape');
    await page.waitForFunction(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'chat/stop').length === 2);
  });

  it('posts the draft once typing pauses, and a late echo of it does not undo newer typing', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1));
    const { page } = panel;
    const composer = page.getByRole('textbox', { name: 'Message OpenRouter' });
    await composer.click();
    await page.keyboard.type('abc');
    assert.deepEqual(await panel.waitForPosted('composer/draft'), { type: 'composer/draft', text: 'abc' });
    assert.equal((await panel.posted()).filter((m) => m.type === 'composer/draft').length, 1, 'one draft for a burst of typing');
    await page.keyboard.type('def');
    await panel.send({ type: 'composer/state', composer: { draft: 'abc', draftRevision: 0, attachments: [] } });
    await settle(page);
    assert.equal(await composer.inputValue(), 'abcdef');
    await panel.waitForPosted('composer/draft', { text: 'abcdef' });
    // A draft the host sets itself (not an echo: its revision moved) is shown.
    await panel.send({ type: 'composer/state', composer: { draft: 'Explain this selection', draftRevision: 1, attachments: [] } });
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } }).document.querySelector('textarea')?.value === 'Explain this selection');
  });

  it('posts a draft typed a moment ago before the header\'s Compare, which starts from it', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1));
    const { page } = panel;
    await page.getByRole('textbox', { name: 'Message OpenRouter' }).fill('Which model explains this best?');
    await page.getByRole('button', { name: 'Compare Models' }).click();
    await panel.waitForPosted('action/run');
    const posted = (await panel.posted()).filter((m) => m.type === 'composer/draft' || m.type === 'action/run');
    assert.deepEqual(posted, [{ type: 'composer/draft', text: 'Which model explains this best?' }, { type: 'action/run', action: 'compare' }]);
  });

  it('keeps typed text when a snapshot built before the host had it arrives late', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1));
    const { page } = panel;
    const composer = page.getByRole('textbox', { name: 'Message OpenRouter' });
    await composer.fill('Summarise this log');
    await panel.waitForPosted('composer/draft', { text: 'Summarise this log' });
    // A settings change the host announced before the draft reached it: its snapshot still holds the empty draft.
    await panel.send(snapshot(1, state({ model: 'mistralai/mistral-7b-instruct' })));
    await page.getByRole('button', { name: /^Model: mistralai\/mistral-7b-instruct/ }).waitFor();
    assert.equal(await composer.inputValue(), 'Summarise this log');
    await panel.send({ type: 'composer/state', composer: { draft: '', draftRevision: 0, attachments: [] } });
    await settle(page);
    assert.equal(await composer.inputValue(), 'Summarise this log', 'nor does a late composer state');
  });

  it('loses no keystroke typed fast after Ctrl+A, in the composer and the edit box, while an answer streams', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, { turns: [userTurn('u1', 'Waht is a monad?'), answer('a1', 'A typo?', { meta: meta() })] })));
    const { page } = panel;
    // The host answers each draft with its composer state (the estimate moves with the draft), a moment later.
    await page.evaluate(() => {
      const w = globalThis as unknown as TestWindow & { setTimeout(callback: () => void, ms: number): number };
      const push = w.__posted.push.bind(w.__posted);
      w.__posted.push = (...messages) => {
        for (const m of messages) {
          if (m.type !== 'composer/draft') continue;
          w.setTimeout(() => w.postMessage({ type: 'composer/state', composer: { draft: m.text, draftRevision: 0, attachments: [] } }, '*'), 0);
        }
        return push(...messages);
      };
    });
    const composer = page.getByRole('textbox', { name: 'Message OpenRouter' });
    await composer.click();
    await page.keyboard.type('an older draft');
    await panel.waitForPosted('composer/draft', { text: 'an older draft' });
    // Edit is offered only between answers: open the box first, then an answer (asked from the editor) streams.
    await page.getByRole('button', { name: 'Edit message' }).click();
    const box = page.getByRole('textbox', { name: 'Edit message' });
    const host = new HostScript(1);
    await panel.send(host.turn(userTurn('u2', 'Explain this selection')));
    await panel.send(host.turn(answer('a2', '', { status: 'streaming' })));
    let streamed = '';
    const typeWhileStreaming = async (text: string, afterFirstKey: () => Promise<void>): Promise<void> => {
      for (const [i, key] of [...text].entries()) {
        await page.keyboard.type(key);
        const piece = `part ${streamed.length} `;
        streamed += piece;
        await panel.send(host.delta('a2', piece));
        if (i === 0) await afterFirstKey();
      }
    };

    await composer.press('Control+A');
    // The echo of the draft posted before Ctrl+A lands just after the first key of the new text.
    await typeWhileStreaming('Replaced while streaming', () => panel.send({ type: 'composer/state', composer: { draft: 'an older draft', draftRevision: 0, attachments: [] } }));
    assert.equal(await composer.inputValue(), 'Replaced while streaming');

    await box.press('Control+A');
    await typeWhileStreaming('What is a monad?', () => panel.send({ type: 'composer/state', composer: { draft: 'Replaced while stream', draftRevision: 0, attachments: [] } }));
    await panel.send(host.end(answer('a2', streamed), { meta: meta() }));
    await page.getByRole('article', { name: 'Answer' }).last().getByRole('list', { name: 'Answer details' }).waitFor();
    assert.equal(await box.inputValue(), 'What is a monad?');
    assert.equal(await composer.inputValue(), 'Replaced while streaming');
    assert.ok((await page.getByRole('article', { name: 'Answer' }).last().innerText()).includes(streamed.trim()), 'the answer streamed whole');
    await panel.waitForPosted('composer/draft', { text: 'Replaced while streaming' });
    await page.getByRole('button', { name: 'Save and Send' }).click();
    assert.deepEqual(await panel.waitForPosted('chat/edit'), { type: 'chat/edit', turnId: 'u1', text: 'What is a monad?' });
  });

  it('shows attached context as chips with token counts, removes them, and shows the estimate', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1));
    const { page } = panel;
    for (const [name, kind] of [['Attach Selection', 'selection'], ['Attach Current File', 'file'], ['Attach Open Editors', 'editors']] as const) {
      await page.getByRole('button', { name, exact: true }).click();
      await panel.waitForPosted('context/attach', { kind });
    }
    await panel.send({
      type: 'composer/state',
      composer: {
        draft: '',
        draftRevision: 0,
        attachments: [{ kind: 'selection', label: 'parser.ts:10-20', tokens: 230 }, { kind: 'file', label: 'src/parser.ts', tokens: 1234 }],
        estimate: { promptTokens: 2345, worstCaseUsd: 0.0123, contextTokens: 128_000 },
      },
    });
    const chips = page.getByRole('list', { name: 'Attached context' });
    await chips.getByText('src/parser.ts').waitFor();
    assert.equal(await chips.getByRole('listitem').count(), 2);
    assert.match(await chips.getByRole('listitem').nth(0).innerText(), /parser\.ts:10-20\s*~230 tokens/);
    assert.match(await chips.getByRole('listitem').nth(1).innerText(), /~1\.2k tokens/);
    assert.match(await page.locator('.composer-estimate').innerText(), /~2\.3k \/ 128k tokens · at most \$0\.0123/);
    await page.getByRole('button', { name: 'Remove src/parser.ts' }).click();
    await panel.waitForPosted('context/remove', { index: 1 });
  });

  it('names a much cheaper favourite for the prompt, and a click uses it; nothing when there is none', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1));
    const { page } = panel;
    const state = (cheaper?: { model: string; worstCaseUsd: number }) => ({
      type: 'composer/state' as const,
      composer: { draft: '', draftRevision: 0, attachments: [], estimate: { promptTokens: 1000, worstCaseUsd: 0.0645, contextTokens: 128_000, ...(cheaper ? { cheaper } : {}) } },
    });
    await panel.send(state({ model: 'openai/gpt-4o-mini', worstCaseUsd: 0.0026 }));
    const offer = page.getByRole('button', { name: /^Use openai\/gpt-4o-mini: .*would cost at most \$0\.0026 for this prompt instead of \$0\.0645/ });
    await offer.waitFor();
    assert.equal(await offer.innerText(), 'gpt-4o-mini: at most $0.0026 (1/25)');
    await offer.click();
    await panel.waitForPosted('model/pick', { model: 'openai/gpt-4o-mini' });
    await panel.send(state());
    await offer.waitFor({ state: 'hidden' });
  });

  it('warns before sending a prompt larger than the model context, in words and not only in colour', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1));
    const { page } = panel;
    const estimate = page.locator('.composer-estimate');
    const warning = estimate.locator('.codicon-warning');
    const composerState = (promptTokens: number) => ({
      type: 'composer/state' as const, composer: { draft: '', draftRevision: 0, attachments: [], estimate: { promptTokens, worstCaseUsd: 0.42, contextTokens: 128_000 } },
    });
    const status = page.locator('[role="status"][aria-live="polite"]');
    await panel.send(composerState(140_200));
    await estimate.getByText('over the 128k context').waitFor();
    assert.equal((await status.textContent())?.trim(), 'The message is too long for the model: about 140k tokens, over its 128k context.');
    // Announced as it crosses the limit, not again with every keystroke after.
    await status.evaluate((node) => { node.textContent = ''; });
    await panel.send(composerState(140_300));
    await page.locator('.composer-estimate[title*="140,300"]').waitFor();
    assert.equal(await status.textContent(), '');
    assert.equal(await estimate.innerText(), '~140k tokens, over the 128k context · at most $0.4200');
    assert.match(await estimate.getAttribute('title') ?? '', /Start a new chat, remove attachments or pick a model with a longer context/);
    assert.equal(await warning.isVisible(), true);
    const colour = (): Promise<string | undefined> => estimate.evaluate((node) => node.ownerDocument.defaultView?.getComputedStyle(node).color);
    assert.equal(await colour(), 'rgb(204, 167, 0)', "the theme's warning colour (#cca700 in the test theme)");
    // The composer's description is the estimate, so a screen reader hears the warning with the textbox.
    assert.equal(await page.getByRole('textbox', { name: 'Message OpenRouter' }).getAttribute('aria-describedby'), 'composer-estimate');
    await panel.send(composerState(1200));
    await estimate.getByText('/ 128k tokens').waitFor();
    assert.equal(await warning.isVisible(), false);
    assert.notEqual(await colour(), 'rgb(204, 167, 0)');
  });

  it('warns before sending when the worst case is over what a budget leaves, in words and colour', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1));
    const { page } = panel;
    const estimate = page.locator('.composer-estimate');
    const composerState = (budget?: { limit: 'session'; left: number; maxTokens?: number }) => ({
      type: 'composer/state' as const,
      composer: { draft: '', draftRevision: 0, attachments: [], estimate: { promptTokens: 900, worstCaseUsd: 0.0648, contextTokens: 128_000, ...(budget ? { budget } : {}) } },
    });
    const status = page.locator('[role="status"][aria-live="polite"]');
    await panel.send(composerState({ limit: 'session', left: 0.021, maxTokens: 1380 }));
    await estimate.getByText('max_tokens would be lowered to 1,380').waitFor();
    assert.equal(await estimate.innerText(), '~900 / 128k tokens · at most $0.0648 · over the $0.0210 your session budget leaves; max_tokens would be lowered to 1,380');
    assert.equal(await estimate.locator('.codicon-warning').isVisible(), true);
    const colour = (): Promise<string | undefined> => estimate.evaluate((node) => node.ownerDocument.defaultView?.getComputedStyle(node).color);
    assert.equal(await colour(), 'rgb(204, 167, 0)', "the theme's warning colour");
    assert.match((await status.textContent()) ?? '', /your session budget leaves: sending lowers max_tokens to 1,380/);
    await panel.send(composerState({ limit: 'session', left: 0.0001 }));
    await estimate.getByText('it would be blocked').waitFor();
    await panel.send(composerState());
    await estimate.getByText('at most $0.0648', { exact: false }).filter({ hasNotText: 'budget' }).waitFor();
    assert.notEqual(await colour(), 'rgb(204, 167, 0)');
  });

  it('edits and resends an earlier message', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, { turns: [userTurn('u1', 'Waht is a monad?'), answer('a1', 'A typo?', { meta: meta() })] })));
    const { page } = panel;
    await page.getByRole('button', { name: 'Edit message' }).click();
    const box = page.getByRole('textbox', { name: 'Edit message' });
    assert.equal(await box.inputValue(), 'Waht is a monad?');
    await box.fill('What is a monad?');
    await page.getByRole('button', { name: 'Save and Send' }).click();
    assert.deepEqual(await panel.waitForPosted('chat/edit'), { type: 'chat/edit', turnId: 'u1', text: 'What is a monad?' });
    assert.equal(await page.evaluate(focusedLabel), 'Message OpenRouter');
    // Escape leaves the editor without sending.
    await page.getByRole('button', { name: 'Edit message' }).click();
    await page.getByRole('textbox', { name: 'Edit message' }).press('Escape');
    assert.equal(await page.getByRole('textbox', { name: 'Edit message' }).count(), 0);
    assert.equal((await panel.posted()).filter((m) => m.type === 'chat/edit').length, 1);
  });

  it('offers Regenerate (with the same or another model) on the last answer only, and not while streaming', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, { turns: [userTurn('u1', 'a'), answer('a1', 'one'), userTurn('u2', 'b'), answer('a2', 'two')] })));
    const { page } = panel;
    const regenerate = page.getByRole('button', { name: 'Regenerate', exact: true });
    const regenerateWith = page.getByRole('button', { name: 'Regenerate with Another Model' });
    assert.equal(await regenerate.count(), 1);
    assert.equal(await regenerateWith.count(), 1);
    await regenerateWith.click();
    await panel.waitForPosted('chat/regenerateWith', { turnId: 'a2' });
    await regenerate.click();
    await panel.waitForPosted('chat/regenerate', { turnId: 'a2' });
    const host = new HostScript(1);
    await panel.send(host.turn(userTurn('u3', 'c')));
    await panel.send(host.turn(answer('a3', '', { status: 'streaming' })));
    await regenerate.waitFor({ state: 'detached' });
    assert.equal(await regenerateWith.count(), 0);
    await panel.send(host.delta('a3', 'three'));
    await panel.send(host.end(answer('a3', 'three'), { meta: meta() }));
    await regenerate.waitFor();
    await regenerate.click();
    await panel.waitForPosted('chat/regenerate', { turnId: 'a3' });
  });

  it('offers Copy Answer on every answer that ended with text, and not while it streams', async () => {
    panel = await openPanel();
    const failed = answer('a2', '', { status: 'error', error: { kind: 'network', message: 'Could not reach OpenRouter.', actions: ['retry'] } });
    await panel.send(snapshot(1, state({}, { turns: [userTurn('u1', 'a'), answer('a1', 'one'), userTurn('u2', 'b'), failed] })));
    const { page } = panel;
    const copies = page.getByRole('button', { name: 'Copy Answer' });
    // The failed answer has no text to copy.
    assert.equal(await copies.count(), 1);
    await copies.click();
    await panel.waitForPosted('chat/copy', { turnId: 'a1' });
    await page.locator('.turn-assistant .turn-header .codicon-check').waitFor();
    const host = new HostScript(1);
    await panel.send(host.turn(userTurn('u3', 'c')));
    await panel.send(host.turn(answer('a3', '', { status: 'streaming' })));
    await panel.send(host.delta('a3', 'three so far'));
    await page.getByText('three so far').waitFor();
    const third = page.getByRole('article', { name: 'Answer' }).last();
    assert.equal(await third.getByRole('button', { name: 'Copy Answer' }).count(), 0);
    await panel.send(host.delta('a3', ', and done'));
    await panel.send(host.end(answer('a3', 'three so far, and done'), { meta: meta() }));
    await third.getByRole('button', { name: 'Copy Answer' }).click();
    await panel.waitForPosted('chat/copy', { turnId: 'a3' });
  });

  it('never navigates the webview when a link in an answer is clicked', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, { turns: [answer('a1', 'See [the docs](https://example.com/docs).')] })));
    const url = panel.page.url();
    await panel.page.getByRole('link', { name: 'the docs' }).click();
    await settle(panel.page);
    assert.equal(panel.page.url(), url);
    assert.equal(await panel.page.getByRole('link', { name: 'the docs' }).getAttribute('href'), 'https://example.com/docs');
    assert.ok(!panel.requests.some((r) => r.startsWith('https://example.com')), 'the link was followed');
  });
});
