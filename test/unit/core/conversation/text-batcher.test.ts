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
    batcher.push(reasoning('!'));
    batcher.push(text('An'));
    batcher.push(text('swer'));
    batcher.push(text('s'));
    batcher.push(text('other', 'a2'));
    timers.tick();
    assert.deepEqual(sent, [reasoning('think'), reasoning('ing!'), text('An'), text('swers'), text('other', 'a2')]);
  });

  it('merges the chunks of answers streaming side by side into one message per answer, each in its order', () => {
    const { sent, batcher, timers } = setUp();
    batcher.push(text('a', 'a1'));
    batcher.push(text('b', 'a2'));
    for (const turnId of ['a1', 'a2', 'a1', 'a2']) batcher.push(text(turnId === 'a1' ? '1' : '2', turnId));
    batcher.push(reasoning('r', 'a2'));
    batcher.push(text('3', 'a2'));
    timers.tick();
    assert.deepEqual(sent, [text('a', 'a1'), text('b', 'a2'), text('11', 'a1'), text('22', 'a2'), reasoning('r', 'a2'), text('3', 'a2')]);
  });

  it("sends an answer's first words at once in the middle of an interval, after what waited before them", () => {
    const { sent, batcher, timers } = setUp();
    batcher.push(reasoning('think'));
    batcher.push(reasoning('ing'));
    assert.deepEqual(sent, [reasoning('think')], 'later reasoning waits for the interval');
    batcher.push(text('An'));
    assert.deepEqual(sent, [reasoning('think'), reasoning('ing'), text('An')], 'the first text goes at once, in order');
    batcher.push(text('swer'));
    assert.equal(sent.length, 3, 'the text after it is batched again');
    timers.tick();
    assert.deepEqual(sent.at(-1), text('swer'));
  });

  it('sends the first words of a new answer, or of the same answer asked again, at once', () => {
    const { sent, batcher } = setUp();
    batcher.push(text('one'));
    batcher.push(text('more'));
    batcher.push(text('two', 'a2'));
    assert.deepEqual(sent.map((chunk) => chunk.text), ['one', 'more', 'two'], "another answer's first words do not wait");
    batcher.ended('a1');
    batcher.push(text('again'));
    assert.deepEqual(sent.map((chunk) => chunk.text), ['one', 'more', 'two', 'again'], 'an ended answer asked again starts at once');
    batcher.push(text('later'));
    assert.equal(sent.length, 4);
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
