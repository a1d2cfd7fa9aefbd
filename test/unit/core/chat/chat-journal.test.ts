// Saving a chat as a base plus a bounded tail: what is read back always equals what a whole-file save would give,
// each save of a growing chat writes a bounded part, and crashes, two windows and files of older versions leave a
// chat that loads.
import * as assert from 'node:assert/strict';
import { tailFileName } from '../../../../src/core/chat/chat-journal';
import { INDEX_FILE_NAME, toChatFile } from '../../../../src/core/chat/history-index';
import { HistoryStore } from '../../../../src/core/chat/history-store';
import type { Chat, Turn } from '../../../../src/core/chat/model';
import { Crash, MemoryDisk, MemoryFileStore, seeded } from '../../file-store/memory-fs';
import { makeChat, openWindow, RecordingLog } from '../../history/windows';

const LIMIT = 2_000;

function exchange(n: number, at: number, size = 40): Turn[] {
  return [
    { id: `u${n}`, role: 'user', text: `question ${n} ${'q'.repeat(size)}`, createdAt: at, attachments: [] },
    { id: `a${n}`, role: 'assistant', text: `answer ${n} ${'a'.repeat(size)}`, reasoning: '', status: 'done', createdAt: at, notices: [] },
  ];
}

/** A chat that changes as a person's does: answers added, the last one regenerated, an early message edited, a rename. */
function* randomHistory(seed: number, steps: number): Generator<Chat> {
  const random = seeded(seed);
  let chat: Chat = makeChat('c', 1, 'Start', 0);
  let next = 0;
  for (let step = 1; step <= steps; step++) {
    const roll = random();
    const turns = [...chat.turns];
    if (roll < 0.6 || turns.length < 4) turns.push(...exchange(next++, step, Math.floor(random() * 300)));
    else if (roll < 0.75) turns[turns.length - 1] = { ...(turns.at(-1) as Turn), text: `regenerated at ${step}` };
    else if (roll < 0.85) {
      const cut = 2 * Math.floor(random() * (turns.length / 2));
      turns.splice(cut, turns.length - cut, { id: `e${step}`, role: 'user', text: `edited at ${step}`, createdAt: step, attachments: [] });
    } else chat = { ...chat, title: `Renamed ${step}` };
    chat = { ...chat, updatedAt: step, turns };
    yield chat;
  }
}

describe('chat files as a base and a bounded tail', () => {
  it('reads back, after every save, exactly what a whole-file save gives, over random histories', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const journaled = new MemoryDisk();
      const whole = new MemoryDisk();
      const mine = openWindow(journaled, 'w1', 0, LIMIT);
      const plain = openWindow(whole, 'w1', 0, 0);
      let kinds = new Set<string>();
      for (const chat of randomHistory(seed, 120)) {
        await mine.store.save(chat);
        await plain.store.save(chat);
        const fresh = await openWindow(journaled, 'reader').store.load('c');
        assert.deepEqual(fresh, await openWindow(whole, 'reader').store.load('c'), `seed ${seed}, step ${chat.updatedAt}`);
        assert.deepEqual(fresh, chat);
        kinds = new Set([...kinds, ...journaled.names()]);
      }
      assert.ok(kinds.has(tailFileName('c')), 'tails were written');
      assert.deepEqual(await openWindow(journaled, 'r').store.list(), await openWindow(whole, 'r').store.list(), 'the index is the same');
    }
  });

  it('writes a bounded part per answer of a long chat, and the whole chat only now and then', async () => {
    const disk = new MemoryDisk();
    const writes: { kind: string; bytes: number }[] = [];
    const store = new HistoryStore({ files: new MemoryFileStore(disk, 'w1'), log: new RecordingLog(), now: disk.now, tailLimitBytes: LIMIT, onWrite: (w) => writes.push(w) });
    let chat = makeChat('c', 0, 'Long', 0);
    for (let n = 0; n < 200; n++) {
      chat = { ...chat, updatedAt: n, turns: [...chat.turns, ...exchange(n, n)] };
      await store.save(chat);
    }
    const tails = writes.filter((w) => w.kind === 'tail');
    const bases = writes.filter((w) => w.kind === 'base');
    assert.ok(tails.every((w) => w.bytes <= LIMIT + 500), 'a tail stays near its bound');
    assert.ok(bases.length < writes.length / 5, `the whole chat was written ${bases.length} times of ${writes.length}`);
    const wholeBytes = JSON.stringify(toChatFile(chat)).length;
    assert.ok(tails.at(-1)!.bytes < wholeBytes / 5, 'the 200th answer wrote a fraction of the chat');
    assert.deepEqual(await openWindow(disk, 'r').store.load('c'), chat);
  });

  it('keeps the last whole tail when a tail write is torn, and recovers a tail whose rename a crash cut short', async () => {
    for (const point of ['torn-temp', 'after-delete'] as const) {
      const disk = new MemoryDisk();
      const first = openWindow(disk, 'w1', 0, LIMIT);
      const one = { ...makeChat('c', 1, 'Chat', 1) };
      const two = { ...one, updatedAt: 2, turns: [...one.turns, ...exchange(1, 2)] };
      const three = { ...two, updatedAt: 3, turns: [...two.turns, ...exchange(2, 3)] };
      await first.store.save(one);
      await first.store.save(two);
      assert.ok(disk.files.has(tailFileName('c')), 'the second save wrote a tail');
      first.files.crashNext = { point, match: /\.tail\.json$/ };
      await assert.rejects(first.store.save(three), Crash);
      const loaded = await openWindow(disk, 'w2', 0, LIMIT).store.load('c');
      assert.deepEqual(loaded, point === 'torn-temp' ? two : three, point);
    }
  });

  it('ignores a tail left over from an older base, as after a crash between a new base and removing the tail', async () => {
    const disk = new MemoryDisk();
    const first = openWindow(disk, 'w1', 0, LIMIT);
    const short = makeChat('c', 1, 'Chat', 1);
    const longer = { ...short, updatedAt: 2, turns: [...short.turns, ...exchange(1, 2)] };
    await first.store.save(short);
    await first.store.save(longer);
    const staleTail = disk.files.get(tailFileName('c'));
    assert.ok(staleTail);
    // Another window writes the whole chat as a new base (a regenerate, say); the crash keeps the old tail.
    const rewritten = { ...short, title: 'Rewritten', updatedAt: 3 };
    disk.time += 1000;
    await openWindow(disk, 'w2', 0, 0).store.save(rewritten);
    disk.files.set(tailFileName('c'), staleTail);
    assert.deepEqual(await openWindow(disk, 'w3', 0, LIMIT).store.load('c'), rewritten);
  });

  it('loads a chat file written before tails, and continues it with tails', async () => {
    const disk = new MemoryDisk();
    const old = makeChat('c', 1, 'Old', 3);
    disk.files.set('c.json', { text: JSON.stringify(toChatFile(old)), mtime: disk.time, writer: 'old' });
    const { store } = openWindow(disk, 'w1', 0, LIMIT);
    assert.deepEqual(await store.load('c'), old);
    const grown = { ...old, updatedAt: 2, turns: [...old.turns, ...exchange(9, 2)] };
    await store.save(grown);
    await store.save({ ...grown, updatedAt: 3, turns: [...grown.turns, ...exchange(10, 3)] });
    assert.ok(disk.files.has(tailFileName('c')));
    assert.equal((await openWindow(disk, 'w2').store.load('c'))?.turns.length, 10);
  });

  it('two windows: a base another window rewrote is never continued, and the last writer wins', async () => {
    const disk = new MemoryDisk();
    const a = openWindow(disk, 'a', 0, LIMIT);
    const b = openWindow(disk, 'b', 0, LIMIT);
    const start = makeChat('c', 1, 'Shared', 1);
    await a.store.save(start);
    await b.store.load('c');
    disk.time += 1000;
    const fromB = { ...start, title: 'From B', updatedAt: 2, turns: start.turns.slice(0, 1) };
    await openWindow(disk, 'b-whole', 0, 0).store.save(fromB);
    disk.time += 1000;
    const fromA = { ...start, updatedAt: 3, turns: [...start.turns, ...exchange(5, 3)] };
    await a.store.save(fromA);
    assert.deepEqual(await openWindow(disk, 'r').store.load('c'), fromA, 'A wrote its whole chat, not a tail on B’s base');
  });

  it('removes the tail with the chat, and brings both back on undo, the index right throughout', async () => {
    const disk = new MemoryDisk();
    const { store } = openWindow(disk, 'w1', 0, LIMIT);
    const chat = makeChat('c', 1, 'Gone', 1);
    const grown = { ...chat, updatedAt: 2, turns: [...chat.turns, ...exchange(3, 2)] };
    await store.save(chat);
    await store.save(grown);
    await store.delete('c');
    assert.deepEqual(disk.names(), [INDEX_FILE_NAME]);
    assert.deepEqual(await store.list(), []);
    await store.save(grown);
    assert.deepEqual((await openWindow(disk, 'w2').store.list()).map((s) => [s.id, s.turns]), [['c', 4]]);
    assert.deepEqual(await openWindow(disk, 'w3').store.load('c'), grown);
  });
});
