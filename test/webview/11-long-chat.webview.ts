import * as assert from 'node:assert/strict';
import type { Turn } from '../../src/core/chat/model';
import { answer, CHAT_ID, HostScript, meta, snapshot, state, userTurn } from './fixtures';
import { openPanel, settle, settleRedraw, type PanelPage } from './panel-page';

/** `pairs` question/answer pairs; ids count from `from` so older pages do not clash with newer ones. */
function conversation(pairs: number, from = 0): Turn[] {
  const turns: Turn[] = [];
  for (let i = from; i < from + pairs; i++) {
    turns.push(userTurn(`u${i}`, `Question ${i}: how do I do thing ${i}?`));
    turns.push(answer(`a${i}`, `Answer ${i}: use **this**.\n\n\`\`\`js\nconst value${i} = compute(${i});\n\`\`\`\n\n- point one\n- point two`, { meta: meta() }));
  }
  return turns;
}

async function scrollTo(panel: PanelPage, top: number): Promise<void> {
  await panel.page.evaluate((value) => {
    const transcript = document.querySelector<HTMLElement>('.transcript');
    if (transcript) transcript.scrollTop = value;
  }, top);
}

/** Where a turn is on screen (its element's top, in the viewport), or undefined while it is out of the DOM. */
function topOf(panel: PanelPage, text: string): Promise<number | undefined> {
  return panel.page.evaluate((wanted) => {
    const turn = Array.from(document.querySelectorAll('.turn')).find((t) => t.textContent?.includes(wanted));
    return turn?.getBoundingClientRect().top;
  }, text);
}

function olderRequests(panel: PanelPage): Promise<unknown[]> {
  return panel.posted().then((posted) => posted.filter((m) => m.type === 'history/older'));
}

describe('long chats', function () {
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it('keeps a bounded number of turns in the DOM as a chat grows past hundreds of answers', async () => {
    panel = await openPanel({ height: 600 });
    await panel.send(snapshot(1, state({}, { turns: conversation(300) })));
    const { page } = panel;
    await page.getByRole('article', { name: 'Answer' }).last().locator('.markdown-settled strong').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.turn-placeholder').length > 400);
    const counts = await page.evaluate(() => ({ turns: document.querySelectorAll('.turn').length, elements: document.querySelectorAll('*').length }));
    assert.ok(counts.turns < 120, `${counts.turns} of 600 turns in the DOM`);
    // A new question and its answer still arrive at the end, and the end is followed.
    const host = new HostScript(1);
    await panel.send(host.turn(userTurn('u-new', 'One more question')));
    await panel.send(host.turn(answer('a-new', '', { status: 'streaming' })));
    await panel.send(host.delta('a-new', 'One more answer.'));
    await panel.send(host.end(answer('a-new', 'One more answer.'), { meta: meta() }));
    await page.getByRole('article', { name: 'Answer' }).last().getByRole('list', { name: 'Answer details' }).waitFor();
    await settle(page);
    assert.ok(await page.evaluate(() => {
      const t = document.querySelector('.transcript')!;
      return t.scrollHeight - t.scrollTop - t.clientHeight < 48;
    }), 'the end is in view');
    const after = await page.evaluate(() => document.querySelectorAll('*').length);
    assert.ok(after < counts.elements + 200, `${after} elements after one more answer, ${counts.elements} before`);
  });

  it('brings parked turns back as the reader scrolls to them, without moving what they read', async () => {
    panel = await openPanel({ height: 600 });
    await panel.send(snapshot(1, state({}, { turns: conversation(150) })));
    const { page } = panel;
    await page.getByRole('article', { name: 'Answer' }).last().locator('.markdown-settled strong').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.turn-placeholder').length > 100);
    assert.equal(await topOf(panel, 'Question 10:'), undefined, 'an early turn is parked');
    // Scroll up until Question 10 is back, then check it stays put as the turns around it come and go.
    const height = await page.evaluate(() => document.querySelector('.transcript')!.scrollHeight);
    for (let top = height; (await topOf(panel, 'Question 10:')) === undefined; top -= 500) {
      await scrollTo(panel, Math.max(0, top));
      await settle(page);
    }
    await page.evaluate(() => {
      const turn = Array.from(document.querySelectorAll('.turn')).find((t) => t.textContent?.includes('Question 10:'));
      turn?.scrollIntoView({ block: 'start' });
    });
    // The turns brought back draw their Markdown within a redraw interval; what is measured is after that.
    await settleRedraw(page);
    const before = await topOf(panel, 'Question 10:');
    const scrollHeight = await page.evaluate(() => document.querySelector('.transcript')!.scrollHeight);
    await settle(page);
    await settle(page);
    assert.equal(await topOf(panel, 'Question 10:'), before, 'the turn read stays where it was');
    assert.equal(await page.evaluate(() => document.querySelector('.transcript')!.scrollHeight), scrollHeight);
    // The turns at the end, now far away, were parked in their turn.
    await page.waitForFunction(() => !Array.from(document.querySelectorAll('.turn')).some((t) => t.textContent?.includes('Question 149:')));
  });

  it('keeps a parked answer\'s versions when it comes back, and redraws it in place when told to', async () => {
    panel = await openPanel({ height: 600 });
    const turns = conversation(150);
    await panel.send(snapshot(1, state({}, { turns })));
    const { page } = panel;
    await page.waitForFunction(() => document.querySelectorAll('.turn-placeholder').length > 100);
    // The host redraws answer 5 (another version shown): it comes back in its place, with the new text.
    const host = new HostScript(1);
    await panel.send(host.turn(answer('a5', 'Answer 5, second version.', { meta: meta() })));
    await scrollTo(panel, 0);
    await page.getByRole('article', { name: 'Answer' }).filter({ hasText: 'Answer 5, second version.' }).waitFor();
    const order = await page.evaluate(() => Array.from(document.querySelectorAll('.turn')).slice(9, 12).map((t) => t.textContent?.match(/(Question|Answer) \d+/)?.[0]));
    assert.deepEqual(order, ['Answer 4', 'Question 5', 'Answer 5']);
  });

  it('asks for larger pages while the reader keeps scrolling up', async () => {
    panel = await openPanel({ height: 500 });
    // However slowly this machine scrolls, the requests come "fast": the wall clock stands still.
    await panel.page.clock.setFixedTime(Date.now());
    await panel.send(snapshot(1, state({}, { turns: conversation(20, 980), olderCount: 1960 })));
    const { page } = panel;
    await page.getByRole('log', { name: 'Conversation' }).hover();
    const sizes: number[] = [];
    let olderCount = 1960;
    for (let page_ = 0; page_ < 4; page_++) {
      while ((await olderRequests(panel)).length === page_) {
        await page.mouse.wheel(0, -5000);
        await settle(page);
      }
      const request = (await olderRequests(panel))[page_] as { before: number; count: number };
      assert.equal(request.before, olderCount);
      sizes.push(request.count);
      const pairs = request.count / 2;
      olderCount -= request.count;
      await panel.send({ type: 'history/older', chatId: CHAT_ID, turns: conversation(pairs, olderCount / 2), olderCount });
    }
    assert.deepEqual(sizes, [40, 80, 160, 320]);
    await page.getByRole('button', { name: /Load earlier messages \(1,360 more\)/ }).waitFor({ state: 'attached' });
  });

  it('keeps loading older turns while the scrollbar, taken before a page arrived, is dragged to the top', async () => {
    panel = await openPanel({ height: 500 });
    // Every request comes "fast" (pages double), however slowly this machine runs: the wall clock stands still.
    await panel.page.clock.setFixedTime(Date.now());
    await panel.send(snapshot(1, state({}, { turns: conversation(20, 980), olderCount: 1960 })));
    const { page } = panel;
    await page.getByRole('log', { name: 'Conversation' }).hover();
    while ((await olderRequests(panel)).length === 0) await page.mouse.wheel(0, -5000);
    // The reader takes the scrollbar (its pointerdown) and keeps it: from here on only scrolling, no gesture.
    await page.evaluate(() => document.querySelector('.transcript')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true })));
    let olderCount = 1960;
    for (let answered = 1; answered <= 2; answered++) {
      const request = (await olderRequests(panel))[answered - 1] as { before: number; count: number };
      olderCount -= request.count;
      await panel.send({ type: 'history/older', chatId: CHAT_ID, turns: conversation(request.count / 2, olderCount / 2), olderCount });
      // The page is in (the place read is held: the button is above the view now); then the drag reaches the top.
      await page.getByRole('button', { name: `Load earlier messages (${olderCount.toLocaleString('en-US')} more)` }).waitFor({ state: 'attached' });
      await settle(page);
      await scrollTo(panel, 0);
      await page.waitForFunction((count) => (globalThis as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'history/older').length === count, answered + 1);
      // The turns at the top render as they come into view: the reader stays at the top rather than being taken
      // back to the turn read before the page came in.
      await page.getByRole('article', { name: 'Answer' }).filter({ hasText: `Answer ${olderCount / 2}:` }).locator('.markdown-settled strong').waitFor();
      await settle(page);
      await settle(page);
      assert.ok(await page.evaluate(() => document.querySelector('.transcript')!.scrollTop) < 48, 'the reader is still at the top');
    }
  });

  it('drops a page that no longer fits after a snapshot rebuilt the chat, and asks again', async () => {
    panel = await openPanel({ height: 500 });
    await panel.send(snapshot(1, state({}, { turns: conversation(20, 980), olderCount: 1960 })));
    const { page } = panel;
    await page.getByRole('log', { name: 'Conversation' }).hover();
    while ((await olderRequests(panel)).length === 0) await page.mouse.wheel(0, -5000);
    // A snapshot (a cost settled, a resync) comes before the reply: the chat is back to its newest turns.
    await panel.send(snapshot(2, state({}, { turns: conversation(20, 980), olderCount: 1960 })));
    await panel.send({ type: 'history/older', chatId: CHAT_ID, turns: conversation(20, 940), olderCount: 1880 });
    await settle(page);
    assert.equal(await page.getByRole('article').filter({ hasText: 'Question 940:' }).count(), 0, 'a stale page would leave a gap above Question 980');
    assert.match(await page.getByRole('button', { name: /Load earlier messages/ }).innerText(), /1,960 more/);
  });
});
