import * as assert from 'node:assert/strict';
import { TextBatcher, type Schedule, type TextChunk } from '../../../../src/core/conversation/text-batcher';

/** A clock the test moves by hand: `tick()` fires the pending timer, as the interval ending would. */
function manualTimers(): { schedule: Schedule; tick(): void; pending(): number } {
  let timers: Array<{ callback: () => void; cancelled: boolean }> = [];
  return {
    schedule(callback) {
      const timer = { callback, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
    tick() {
      const due = timers.filter((timer) => !timer.cancelled);
      timers = [];
      for (const timer of due) timer.callback();
    },
    pending: () => timers.filter((timer) => !timer.cancelled).length,
  };
}

const text = (value: string, turnId = 'a1'): TextChunk => ({ type: 'chat/delta', turnId, text: value });
const reasoning = (value: string, turnId = 'a1'): TextChunk => ({ type: 'chat/reasoning', turnId, text: value });

function setUp(): { sent: TextChunk[]; batcher: TextBatcher; timers: ReturnType<typeof manualTimers> } {
  const sent: TextChunk[] = [];
  const timers = manualTimers();
  return { sent, timers, batcher: new TextBatcher((chunk) => sent.push(chunk), 30, timers.schedule) };
}

describe('TextBatcher', () => {
  it('sends the first chunk at once and merges the ones that follow within the interval', () => {
    const { sent, batcher, timers } = setUp();
    batcher.push(text('Hel'));
    assert.deepEqual(sent, [text('Hel')]);
    batcher.push(text('lo'));
    batcher.push(text(', world'));
    assert.equal(sent.length, 1, 'held until the interval ends');
    timers.tick();
    assert.deepEqual(sent, [text('Hel'), text('lo, world')]);
  });

  it('keeps batching while chunks keep coming, and sends at once again after a quiet interval', () => {
    const { sent, batcher, timers } = setUp();
    batcher.push(text('a'));
    batcher.push(text('b'));
    timers.tick();
    batcher.push(text('c'));
    assert.deepEqual(sent.map((chunk) => chunk.text), ['a', 'b'], 'an interval is still running after a send');
    timers.tick();
    assert.deepEqual(sent.map((chunk) => chunk.text), ['a', 'b', 'c']);
    timers.tick();
    assert.equal(timers.pending(), 0, 'a quiet interval stops the timer');
    batcher.push(text('d'));
    assert.deepEqual(sent.map((chunk) => chunk.text), ['a', 'b', 'c', 'd']);
  });

  it('merges only chunks of the same kind and answer, keeping their order', () => {
    const { sent, batcher, timers } = setUp();
    batcher.push(reasoning('think'));
    batcher.push(reasoning('ing'));
    batcher.push(text('An'));
    batcher.push(text('swer'));
    batcher.push(text('other', 'a2'));
    timers.tick();
    assert.deepEqual(sent, [reasoning('think'), reasoning('ing'), text('Answer'), text('other', 'a2')]);
  });

  it('flushes what waits, so a message that follows cannot overtake it', () => {
    const { sent, batcher, timers } = setUp();
    batcher.push(text('a'));
    batcher.push(text('b'));
    batcher.flush();
    assert.deepEqual(sent.map((chunk) => chunk.text), ['a', 'b']);
    timers.tick();
    assert.equal(sent.length, 2, 'nothing is sent twice');
  });

  it('discards what waits when a snapshot carries it, and sends nothing after being disposed', () => {
    const { sent, batcher, timers } = setUp();
    batcher.push(text('a'));
    batcher.push(text('b'));
    batcher.discard();
    timers.tick();
    assert.deepEqual(sent.map((chunk) => chunk.text), ['a']);
    batcher.push(text('c'));
    batcher.push(text('d'));
    batcher.dispose();
    timers.tick();
    assert.deepEqual(sent.map((chunk) => chunk.text), ['a', 'c']);
  });

  it('does not change the chunks it was given', () => {
    const { batcher, timers } = setUp();
    const first = text('a');
    const second = text('b');
    batcher.push(first);
    batcher.push(second);
    batcher.push(text('c'));
    timers.tick();
    assert.deepEqual([first.text, second.text], ['a', 'b']);
  });
});
