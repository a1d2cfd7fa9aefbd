// Two windows' chat history stores on one folder, their operations interleaved at random (seeded, so a failure can
// be replayed): each index update may overwrite the other window's, and listing reconciles the index with the folder.
import * as assert from 'node:assert/strict';
import { MemoryDisk, seeded } from '../../file-store/memory-fs';
import { indexOnDisk, makeChat, openWindow, tempFilesOnDisk } from '../../history/windows';

const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);

describe('chat history in two windows', () => {
  it('lists the chats both windows saved, and the index ends up listing them all', async () => {
    for (const seed of SEEDS) {
      const disk = new MemoryDisk(seeded(seed));
      const a = openWindow(disk, 'a', 3);
      const b = openWindow(disk, 'b', 3);
      await Promise.all([
        ...[1, 2, 3].map((n) => a.store.save(makeChat(`a${n}`, 100 + n))),
        ...[1, 2, 3].map((n) => b.store.save(makeChat(`b${n}`, 200 + n))),
      ]);
      const everyChat = ['b3', 'b2', 'b1', 'a3', 'a2', 'a1'];
      assert.deepEqual((await a.store.list()).map((s) => s.id), everyChat, `seed ${seed}`);
      assert.deepEqual(indexOnDisk(disk), everyChat, `seed ${seed}: the index as written back`);
      assert.deepEqual((await b.store.list()).map((s) => s.id), everyChat, `seed ${seed}`);
      for (const id of everyChat) assert.equal((await b.store.load(id))?.id, id, `seed ${seed}`);
      assert.deepEqual(tempFilesOnDisk(disk), [], `seed ${seed}`);
    }
  });

  it('lets the newest save of a chat saved in both windows win, in the file and in the list', async () => {
    const disk = new MemoryDisk(seeded(7));
    const a = openWindow(disk, 'a', 2);
    const b = openWindow(disk, 'b', 2);
    await a.store.save(makeChat('shared', 100, 'from a'));
    await b.store.save(makeChat('shared', 200, 'from b', 2));
    assert.equal((await a.store.load('shared'))?.title, 'from b');
    assert.deepEqual(await a.store.list(), [{ id: 'shared', title: 'from b', updatedAt: 200, turns: 4, cost: 0 }]);
    await a.store.save(makeChat('shared', 300, 'a again'));
    assert.equal((await b.store.load('shared'))?.title, 'a again');
    assert.deepEqual((await b.store.list()).map((s) => s.title), ['a again']);
  });

  it('leaves one whole version of a chat both windows save at the same moment', async () => {
    for (const seed of SEEDS) {
      const disk = new MemoryDisk(seeded(seed));
      const a = openWindow(disk, 'a', 3);
      const b = openWindow(disk, 'b', 3);
      const fromA = makeChat('shared', 100, 'from a');
      const fromB = makeChat('shared', 200, 'from b', 3);
      await Promise.all([a.store.save(fromA), b.store.save(fromB)]);
      const loaded = await openWindow(disk, 'reader').store.load('shared');
      assert.ok(loaded, `seed ${seed}`);
      assert.deepEqual(loaded, loaded.title === 'from a' ? fromA : fromB, `seed ${seed}: never a mix of the two`);
      assert.deepEqual((await a.store.list()).map((s) => s.id), ['shared'], `seed ${seed}: listed once`);
      assert.deepEqual(tempFilesOnDisk(disk), [], `seed ${seed}`);
    }
  });

  it('agrees between list and load when one window deletes a chat the other is saving', async () => {
    let kept = 0;
    for (const seed of SEEDS) {
      const disk = new MemoryDisk(seeded(seed));
      const a = openWindow(disk, 'a', 3);
      const b = openWindow(disk, 'b', 3);
      await a.store.save(makeChat('c', 50));
      // The delete may remove a temp file of a save in flight, whose rename then fails: that save rejects.
      await Promise.allSettled([...[1, 2, 3].map((n) => a.store.save(makeChat('c', 100 + n))), b.store.delete('c')]);
      const reader = openWindow(disk, 'reader').store;
      const listed = (await reader.list()).some((s) => s.id === 'c');
      const loaded = await reader.load('c');
      assert.equal(listed, loaded !== undefined, `seed ${seed}: listed ${listed}, loaded ${loaded !== undefined}`);
      if (loaded) {
        kept += 1;
        assert.ok(loaded.updatedAt > 100, `seed ${seed}: what survives the delete is one of the new saves`);
      }
    }
    assert.ok(kept < SEEDS.length, 'some interleavings end with the chat deleted');
  });
});
