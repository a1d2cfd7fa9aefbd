// Deleting with Undo on the chat history store: a deleted chat waits in a trash file until it is restored or purged,
// and neither a closed window nor a crash loses it or brings it back unasked.
import * as assert from 'node:assert/strict';
import { INDEX_FILE_NAME } from '../../../../src/core/chat/history-index';
import { Crash, MemoryDisk } from '../../file-store/memory-fs';
import { indexOnDisk, makeChat, openWindow } from '../../history/windows';

const SECOND = 1000;

describe('chat history trash', () => {
  it('moves a chat out of the list, brings it back whole, or removes it for good', async () => {
    const disk = new MemoryDisk();
    const { store } = openWindow(disk, 'w1');
    const chat = makeChat('c', 100, 'Ferry times', 3);
    await store.save(chat);
    await store.save(makeChat('other', 50));
    await store.trash('c');
    assert.deepEqual((await store.list()).map((s) => s.id), ['other']);
    assert.equal(await store.load('c'), undefined);
    assert.deepEqual(indexOnDisk(disk), ['other']);
    assert.deepEqual(disk.names(), ['c.deleted.json', INDEX_FILE_NAME, 'other.json']);

    assert.deepEqual(await store.restore('c'), chat);
    assert.deepEqual(await store.load('c'), chat);
    assert.deepEqual((await openWindow(disk, 'w2').store.list()).map((s) => s.id), ['c', 'other']);
    assert.deepEqual(disk.names(), ['c.json', INDEX_FILE_NAME, 'other.json'], 'the trash file went with the undo');

    await store.trash('c');
    await store.purge('c');
    assert.deepEqual(disk.names(), [INDEX_FILE_NAME, 'other.json']);
    assert.equal(await store.restore('c'), undefined, 'nothing to bring back once purged');
    assert.deepEqual((await store.list()).map((s) => s.id), ['other']);
  });

  it('keeps a deletion whose window closed during the undo time, and a later listing removes the trash file', async () => {
    const disk = new MemoryDisk();
    await openWindow(disk, 'w1').store.save(makeChat('c', 100));
    await openWindow(disk, 'w1').store.trash('c');
    // The window closes before its undo time ends: nobody purges, nobody restores.
    disk.time += 10 * SECOND;
    const next = openWindow(disk, 'w2');
    assert.deepEqual(await next.store.list(), [], 'the deleted chat does not come back');
    assert.equal(disk.files.has('c.deleted.json'), true, 'a young trash file may still be undone in its own window');
    disk.time += 2 * 60 * SECOND;
    assert.deepEqual(await openWindow(disk, 'w3').store.list(), []);
    assert.deepEqual(disk.names(), [INDEX_FILE_NAME]);
    assert.deepEqual([...next.log.warnings, ...next.log.errors], []);
  });

  it('keeps the chat when the window dies while undoing, and tidies the trash file later', async () => {
    const disk = new MemoryDisk();
    const first = openWindow(disk, 'w1');
    const chat = makeChat('c', 100, 'Kept', 2);
    await first.store.save(chat);
    await first.store.trash('c');
    first.files.crashNext = { point: 'after-delete', match: /^c\.json$/ };
    await assert.rejects(first.store.restore('c'), Crash);
    const next = openWindow(disk, 'w2');
    assert.deepEqual((await next.store.list()).map((s) => s.title), ['Kept']);
    assert.deepEqual(await next.store.load('c'), chat);
    disk.time += 2 * 60 * SECOND;
    await openWindow(disk, 'w3').store.list();
    assert.deepEqual(disk.names(), ['c.json', INDEX_FILE_NAME]);
  });

  it('deletes a damaged chat outright, there being nothing whole to keep', async () => {
    const disk = new MemoryDisk();
    const { store } = openWindow(disk, 'w1');
    await store.save(makeChat('c', 100));
    disk.files.set('c.json', { text: '{garbage', mtime: disk.time, writer: 'test' });
    await store.trash('c');
    assert.deepEqual(disk.names(), [INDEX_FILE_NAME]);
    assert.equal(await store.restore('c'), undefined);
  });
});
