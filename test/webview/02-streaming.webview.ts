import * as assert from 'node:assert/strict';
import { answer, HostScript, meta, snapshot, startStreaming, state, userTurn } from './fixtures';
import { MARKDOWN_CORPUS } from './markdown-corpus';
import { openPanel, settle, settleRedraw, type PanelPage, type TestWindow } from './panel-page';

/** A page-side view of the DOM, typed loosely: the tests' tsconfig has no DOM library. */
interface PageNode {
  textContent: string | null;
  innerHTML: string;
  isConnected: boolean;
  querySelector(selector: string): PageNode | null;
  getAttribute(name: string): string | null;
  __marked?: boolean;
}
interface PageDocument {
  querySelector(selector: string): PageNode | null;
}
interface PageScroller {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}
type ScrollGlobal = TestWindow & {
  document: { querySelector(selector: string): PageScroller | null };
  getComputedStyle(element: PageScroller): { overflowAnchor: string };
};
type PageGlobal = TestWindow & { document: PageDocument; addEventListener(type: string, listener: () => void): void; __seenInDom?: boolean[] };

async function answerText(panel: PanelPage): Promise<string> {
  return panel.page.getByRole('article', { name: 'Answer' }).last().locator('.markdown').innerText();
}

const streamAnswer = (panel: PanelPage): Promise<HostScript> => startStreaming(panel, [userTurn('u1', 'Tell me')], 10);

describe('streaming answers', function () {
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it('renders each delta as it arrives, keeping settled blocks untouched', async () => {
    panel = await openPanel();
    const host = await streamAnswer(panel);
    const { page } = panel;
    assert.equal(await page.locator('.send-button').getAttribute('aria-label'), 'Stop');
    const states: string[] = [];
    await panel.send(host.delta('a1', 'First paragraph is '));
    await page.locator('.markdown', { hasText: 'First paragraph is' }).waitFor();
    states.push(await answerText(panel));
    // The first paragraph is settled once the next block has a complete line: only then is its end certain.
    await panel.send(host.delta('a1', 'complete.\n\nSecond paragraph\n'));
    await page.locator('.markdown-settled p', { hasText: 'First paragraph is complete.' }).waitFor();
    states.push(await answerText(panel));
    // Mark the settled paragraph's node; later updates must leave this very node in place.
    await page.evaluate(() => {
      const p = (globalThis as unknown as PageGlobal).document.querySelector('.markdown-settled p');
      if (p) p.__marked = true;
    });
    await panel.send(host.delta('a1', 'still going'));
    await page.locator('.markdown-tail', { hasText: 'Second paragraph still going' }).waitFor();
    states.push(await answerText(panel));
    await panel.send(host.delta('a1', '. Done.'));
    await panel.send(host.end(answer('a1', 'First paragraph is complete.\n\nSecond paragraph\nstill going. Done.'), { meta: meta() }));
    await page.getByRole('list', { name: 'Answer details' }).waitFor();
    assert.equal(new Set(states).size, 3, 'three distinct intermediate states');
    assert.ok(states.every((s) => !s.includes('Done.')), 'intermediate states come before the end');
    assert.match(await answerText(panel), /Second paragraph\sstill going\. Done\./);
    const kept = await page.evaluate(() => (globalThis as unknown as PageGlobal).document.querySelector('.markdown-settled p')?.__marked === true);
    assert.ok(kept, 'the settled paragraph was re-rendered');
    assert.equal(await page.locator('.send-button').getAttribute('aria-label'), 'Send');
  });

  it('updates the DOM in animation frames, not once per message', async () => {
    panel = await openPanel();
    const host = await streamAnswer(panel);
    const deltas = Array.from({ length: 40 }, (_, i) => host.delta('a1', `w${i} `));
    // A listener added after the panel's runs right after it for each message: the text must not be there yet.
    await panel.page.evaluate((messages) => {
      const w = globalThis as unknown as PageGlobal;
      const seen: boolean[] = [];
      w.__seenInDom = seen;
      w.addEventListener('message', () => seen.push((w.document.querySelector('.turn-assistant .markdown')?.textContent ?? '').includes('w39')));
      for (const m of messages) w.postMessage(m, '*');
    }, deltas);
    await panel.page.locator('.markdown', { hasText: 'w39' }).waitFor();
    const seen = await panel.page.evaluate(() => (globalThis as unknown as PageGlobal).__seenInDom ?? []);
    assert.equal(seen.length, 40);
    assert.equal(seen.filter(Boolean).length, 0, 'the DOM changed synchronously with a message');
  });

  it("draws an answer's first words in the very next frame, even right after drawing the empty answer", async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, { turns: [userTurn('u1', 'Tell me')] })));
    const host = new HostScript(1);
    const messages = [host.turn(answer('a1', '', { status: 'streaming' })), host.delta('a1', 'Hello')];
    const shown = await panel.page.evaluate((messages) => new Promise<boolean>((resolve) => {
      const w = globalThis as unknown as PageGlobal & { requestAnimationFrame(callback: () => void): void };
      const [start, first] = messages;
      // Added after the panel's own listener, this runs after it: the panel has asked for its frame by then, and a
      // frame callback asked for now runs after the panel's, in that same frame.
      let step = 0;
      w.addEventListener('message', () => w.requestAnimationFrame(() => {
        step += 1;
        // The empty answer was drawn in this very frame: text that is not its first waits out a redraw interval.
        if (step === 1) w.postMessage(first, '*');
        else resolve((w.document.querySelector('.turn-assistant .markdown')?.textContent ?? '').includes('Hello'));
      }));
      w.postMessage(start, '*');
    }), messages);
    assert.ok(shown, 'the first words were not in the DOM in the frame after they arrived');
    await panel.send(host.delta('a1', ' there'));
    await panel.page.locator('.markdown', { hasText: 'Hello there' }).waitFor();
  });

  it('asks for a snapshot on a gap in seq, ignores deltas until it arrives, then continues', async () => {
    panel = await openPanel();
    const host = await streamAnswer(panel);
    await panel.send(host.delta('a1', 'one '));
    await panel.page.locator('.markdown', { hasText: 'one' }).waitFor();
    host.skip();
    await panel.send(host.delta('a1', 'three '));
    await panel.waitForPosted('webview/resync');
    await panel.send(host.delta('a1', 'four '));
    await settleRedraw(panel.page);
    assert.equal((await panel.posted()).filter((m) => m.type === 'webview/resync').length, 1, 'one resync per gap');
    assert.doesNotMatch(await answerText(panel), /three|four/);
    // The host answers with the whole state, then numbers on from it.
    await panel.send(snapshot(20, state({ streaming: true }, { turns: [userTurn('u1', 'Tell me'), answer('a1', 'one two three four ', { status: 'streaming' })] })));
    const after = new HostScript(20);
    await panel.send(after.delta('a1', 'five'));
    await panel.page.locator('.markdown', { hasText: 'one two three four five' }).waitFor();
  });

  it('replaces a turn the host sends again instead of adding a second one', async () => {
    panel = await openPanel();
    const host = await streamAnswer(panel);
    await panel.send(host.turn(userTurn('u1', 'Tell me, again')));
    await panel.send(host.turn(answer('a1', 'Restarted', { status: 'streaming' })));
    await panel.page.locator('.markdown', { hasText: 'Restarted' }).waitFor();
    assert.equal(await panel.page.getByRole('article').count(), 2);
    const composer = panel.page.getByRole('textbox', { name: 'Message OpenRouter' });
    await composer.click();
    await panel.page.keyboard.press('ArrowUp');
    assert.equal(await composer.inputValue(), 'Tell me, again');
    await panel.page.keyboard.press('ArrowUp');
    assert.equal(await composer.inputValue(), 'Tell me, again', 'the replaced prompt is not recalled twice');
  });

  it('drops stale and duplicate deltas', async () => {
    panel = await openPanel();
    const host = await streamAnswer(panel);
    const first = host.delta('a1', 'alpha ');
    await panel.send(first);
    await panel.send(first);
    await panel.send({ type: 'chat/delta', seq: 3, turnId: 'a1', text: 'stale ' });
    await panel.send(host.delta('a1', 'beta'));
    await panel.page.locator('.markdown', { hasText: 'beta' }).waitFor();
    assert.equal((await answerText(panel)).trim(), 'alpha beta');
    assert.equal((await panel.posted()).filter((m) => m.type === 'webview/resync').length, 0);
  });

  it('drops and logs malformed messages, and keeps working', async () => {
    panel = await openPanel();
    const host = await streamAnswer(panel);
    const bad: unknown[] = [
      null, 'chat/delta', 42, { type: 'no/such' }, { type: 'chat/delta', seq: 'x', turnId: 'a1', text: 'bad' },
      { type: 'chat/delta', seq: 12, turnId: '', text: 'bad' }, { type: 'state/snapshot', seq: 1, state: { hasKey: 'yes' } },
    ];
    for (const message of bad) await panel.sendRaw(message);
    await panel.send(host.delta('a1', 'still fine'));
    await panel.page.locator('.markdown', { hasText: 'still fine' }).waitFor();
    assert.equal(panel.warnings.filter((w) => w.includes('malformed')).length, bad.length);
    assert.doesNotMatch(await answerText(panel), /bad/);
  });

  it('asks for a snapshot when a delta names an answer it does not have', async () => {
    panel = await openPanel();
    const host = await streamAnswer(panel);
    await panel.send(host.delta('no-such-answer', 'x'));
    await panel.waitForPosted('webview/resync');
  });

  it('asks for a snapshot when a delta continues an answer that has ended here, and leaves its text alone', async () => {
    panel = await openPanel();
    await panel.send(snapshot(1, state({}, { turns: [userTurn('u1', 'Count'), answer('a1', 'one two', { meta: meta() })] })));
    await panel.page.locator('.markdown', { hasText: 'one two' }).waitFor();
    await panel.send(new HostScript(1).delta('a1', ' three'));
    await panel.waitForPosted('webview/resync');
    await settleRedraw(panel.page);
    assert.equal(await answerText(panel), 'one two');
  });

  it('asks for a snapshot when an answer ends with more text than reached it, and shows all of it from there', async () => {
    panel = await openPanel();
    const host = await streamAnswer(panel);
    await panel.send(host.delta('a1', 'one two '));
    await panel.page.locator('.markdown', { hasText: 'one two' }).waitFor();
    // The end says the answer is longer than what arrived: the webview does not end it short.
    await panel.send(host.end(answer('a1', 'one two three'), { meta: meta() }));
    await panel.waitForPosted('webview/resync');
    await settleRedraw(panel.page);
    assert.equal(await panel.page.getByRole('list', { name: 'Answer details' }).count(), 0);
    assert.equal(await panel.page.getByRole('button', { name: 'Stop', exact: true }).count(), 1, 'still streaming until the snapshot');
    await panel.send(snapshot(30, state({}, { turns: [userTurn('u1', 'Tell me'), answer('a1', 'one two three', { meta: meta() })] })));
    await panel.page.getByRole('list', { name: 'Answer details' }).waitFor();
    await panel.page.locator('.markdown', { hasText: 'one two three' }).waitFor();
  });

  it('ends an answer that a snapshot caught mid-stream, reasoning and all, without asking again', async () => {
    panel = await openPanel();
    const caught = answer('a1', 'Half of the ', { status: 'streaming', reasoning: 'Thinking it over. ' });
    await panel.send(snapshot(10, state({ streaming: true }, { turns: [userTurn('u1', 'Tell me'), caught] })));
    const host = new HostScript(10);
    await panel.send(host.reasoning('a1', 'Done thinking.'));
    await panel.send(host.delta('a1', 'answer.'));
    await panel.send(host.end(answer('a1', 'Half of the answer.', { reasoning: 'Thinking it over. Done thinking.' }), { meta: meta() }));
    await panel.page.getByRole('list', { name: 'Answer details' }).waitFor();
    assert.equal(await answerText(panel), 'Half of the answer.');
    assert.equal((await panel.posted()).filter((m) => m.type === 'webview/resync').length, 0);
  });

  it('shows "Waiting for provider" while the host says so', async () => {
    panel = await openPanel();
    const host = await streamAnswer(panel);
    const indicator = panel.page.getByText('Waiting for provider…');
    assert.equal(await indicator.isVisible(), false);
    await panel.send(host.waiting(true));
    await indicator.waitFor();
    await panel.send(host.waiting(false));
    await indicator.waitFor({ state: 'hidden' });
  });

  it('streams reasoning into a collapsed section and notices above the answer', async () => {
    panel = await openPanel();
    const host = await streamAnswer(panel);
    await panel.send(host.notice('a1', { kind: 'retry', text: 'Retrying after a timeout (attempt 2 of 3)' }));
    await panel.send(host.reasoning('a1', 'Let me think'));
    await panel.send(host.reasoning('a1', ' about this.'));
    await panel.send(host.delta('a1', 'Answer text'));
    const article = panel.page.getByRole('article', { name: 'Answer' });
    await article.getByText('Retrying after a timeout (attempt 2 of 3)').waitFor();
    const details = article.locator('details.reasoning');
    // Both pieces may land in one redraw or in two.
    await details.locator('.reasoning-text', { hasText: 'Let me think about this.' }).waitFor({ state: 'attached' });
    assert.equal(await details.getAttribute('open'), null);
    assert.equal(await details.locator('.reasoning-text').textContent(), 'Let me think about this.');
  });

  it('announces the end of an answer once, not its tokens', async () => {
    panel = await openPanel();
    const host = await streamAnswer(panel);
    const status = panel.page.locator('[role="status"][aria-live="polite"]');
    for (const piece of ['Some ', 'streamed ', 'text']) await panel.send(host.delta('a1', piece));
    await panel.page.locator('.markdown', { hasText: 'streamed text' }).waitFor();
    assert.equal(await status.textContent(), '');
    await panel.send(host.end(answer('a1', 'Some streamed text'), { meta: meta({ model: 'openai/gpt-4o-mini' }) }));
    await panel.page.waitForFunction(() => ((globalThis as unknown as PageGlobal).document.querySelector('[role="status"][aria-live="polite"]')?.textContent ?? '').includes('finished'));
    assert.equal((await status.textContent())?.trim(), 'Answer from openai/gpt-4o-mini finished.');
  });

  it('keeps a stopped answer and says it was stopped', async () => {
    panel = await openPanel();
    const host = await streamAnswer(panel);
    await panel.send(host.delta('a1', 'Half an'));
    await panel.send(host.end(answer('a1', 'Half an', { status: 'stopped' })));
    await panel.page.getByText('Stopped.', { exact: true }).waitFor();
    assert.match(await answerText(panel), /Half an/);
    assert.equal((await panel.page.locator('[role="status"][aria-live="polite"]').textContent())?.trim(), 'Answer stopped.');
  });

  it('continues an answer that failed mid-stream, keeping its text in the same paragraph', async () => {
    panel = await openPanel();
    const failed = answer('a1', 'one two three', {
      status: 'error', error: { kind: 'provider', message: 'The stream broke', actions: ['continue'], continueWith: 'openai/gpt-4o-mini' },
    });
    const turns = [userTurn('u1', 'Count'), failed];
    await panel.send(snapshot(1, state({}, { turns })));
    const { page } = panel;
    await page.getByRole('button', { name: 'Continue with openai/gpt-4o-mini' }).click();
    await panel.waitForPosted('chat/continue', { turnId: 'a1', model: 'openai/gpt-4o-mini' });
    // The host marks the answer as streaming again (its error gone), sends a snapshot, then streams into it.
    const resumed = answer('a1', 'one two three', { status: 'streaming' });
    await panel.send(snapshot(5, state({ streaming: true }, { turns: [userTurn('u1', 'Count'), resumed] })));
    const host = new HostScript(5);
    await panel.send(host.delta('a1', ' four five'));
    await page.getByRole('button', { name: 'Stop', exact: true }).waitFor();
    await page.locator('.markdown', { hasText: 'one two three four five' }).waitFor();
    assert.equal(await page.getByRole('group', { name: 'Error' }).count(), 0, 'the error card went away');
    await panel.send(host.end(answer('a1', 'one two three four five'), { meta: meta() }));
    await page.getByRole('list', { name: 'Answer details' }).waitFor();
    assert.equal(await page.locator('.turn-assistant .markdown p').count(), 1);
    assert.equal(await page.locator('.turn-assistant .markdown p').innerText(), 'one two three four five');
  });

  it('keeps the end in view while an answer streams, and leaves a reader who scrolled up where they are', async () => {
    panel = await openPanel({ height: 400 });
    const host = await streamAnswer(panel);
    const { page } = panel;
    // The browser's scroll anchoring is off while the panel follows the end itself, and on for a reader who scrolled up.
    const geometry = (): Promise<{ top: number; fromEnd: number; anchoring: string }> => page.evaluate(() => {
      const g = globalThis as unknown as ScrollGlobal;
      const t = g.document.querySelector('.transcript');
      return {
        top: t?.scrollTop ?? -1,
        fromEnd: t ? t.scrollHeight - t.scrollTop - t.clientHeight : -1,
        anchoring: t ? g.getComputedStyle(t).overflowAnchor : '',
      };
    });
    const streamLines = async (from: number, to: number): Promise<void> => {
      for (let i = from; i < to; i++) await panel.send(host.delta('a1', `Line ${i} of a long answer.\n\n`));
      await page.locator('.markdown', { hasText: `Line ${to - 1} of` }).waitFor();
      await settle(page);
    };
    await streamLines(0, 40);
    const followed = await geometry();
    assert.ok(followed.top > 0 && followed.fromEnd <= 1, `the end is in view: ${JSON.stringify(followed)}`);
    assert.equal(followed.anchoring, 'none', 'no scroll anchoring while the end is followed');
    // The reader scrolls up: new text must not pull them back down.
    await page.evaluate(() => {
      const t = (globalThis as unknown as ScrollGlobal).document.querySelector('.transcript');
      if (t) t.scrollTop = 100;
    });
    await settle(page);
    await streamLines(40, 80);
    const reading = await geometry();
    assert.equal(reading.top, 100, 'the reader stays where they scrolled to');
    assert.ok(reading.fromEnd > 400, 'the new text is below the view');
    assert.equal(reading.anchoring, 'auto', 'scroll anchoring keeps the reader\'s place');
    // Back at the end, it follows again.
    await page.evaluate(() => {
      const t = (globalThis as unknown as ScrollGlobal).document.querySelector('.transcript');
      if (t) t.scrollTop = t.scrollHeight;
    });
    await settle(page);
    await streamLines(80, 100);
    const again = await geometry();
    assert.ok(again.fromEnd <= 1, 'following again once back at the end');
    assert.equal(again.anchoring, 'none');
  });

  it('offers Jump to Latest while the reader is away from the end, and follows the end again from it', async () => {
    panel = await openPanel({ height: 400 });
    const host = await streamAnswer(panel);
    const { page } = panel;
    const jump = page.getByRole('button', { name: 'Jump to Latest' });
    const fromEnd = (): Promise<number> => page.evaluate(() => {
      const t = (globalThis as unknown as ScrollGlobal).document.querySelector('.transcript');
      return t ? t.scrollHeight - t.scrollTop - t.clientHeight : -1;
    });
    const streamLines = async (from: number, to: number): Promise<void> => {
      for (let i = from; i < to; i++) await panel.send(host.delta('a1', `Line ${i} of a long answer.\n\n`));
      await page.locator('.markdown', { hasText: `Line ${to - 1} of` }).waitFor();
      await settle(page);
    };
    await streamLines(0, 40);
    assert.equal(await jump.isVisible(), false, 'not while the end is in view');
    await page.evaluate(() => {
      const t = (globalThis as unknown as ScrollGlobal).document.querySelector('.transcript');
      if (t) t.scrollTop = 100;
    });
    await jump.waitFor();
    await streamLines(40, 60);
    assert.ok(await fromEnd() > 400, 'the reader was left where they were');
    await jump.click();
    await jump.waitFor({ state: 'hidden' });
    assert.ok(await fromEnd() <= 1, 'the end is in view');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'log', 'the focus stays in the conversation');
    await streamLines(60, 80);
    assert.ok(await fromEnd() <= 1, 'and new text is followed again');
    assert.equal(await jump.isVisible(), false);
  });

  for (const seed of [1, 7, 42]) {
    it(`renders a streamed answer exactly as a finished one (chunking seed ${seed})`, async () => {
      panel = await openPanel();
      const host = await streamAnswer(panel);
      let random = seed;
      const next = (): number => (random = (random * 1103515245 + 12345) % 2147483648);
      const pieces: string[] = [];
      for (let i = 0; i < MARKDOWN_CORPUS.length;) {
        const size = 1 + (next() % 24);
        pieces.push(MARKDOWN_CORPUS.slice(i, i + size));
        i += size;
      }
      // One message per round trip: several land in most frames, and the tail is re-rendered between them.
      for (const piece of pieces) await panel.send(host.delta('a1', piece));
      await panel.send(host.end(answer('a1', MARKDOWN_CORPUS), { meta: meta() }));
      await panel.page.getByRole('list', { name: 'Answer details' }).waitFor();
      await settle(panel.page);
      const streamed = await panel.page.locator('.turn-assistant .markdown-settled').innerHTML();

      await panel.send(snapshot(100, state({}, { turns: [answer('a2', MARKDOWN_CORPUS, { meta: meta() })] })));
      await panel.page.locator('.turn-assistant .markdown-settled h1').waitFor();
      const whole = await panel.page.locator('.turn-assistant .markdown-settled').innerHTML();
      assert.equal(streamed, whole);
    });
  }
});
