// The chat history store over an in-memory disk that behaves like VS Code's file service (atomic write = temp file,
// then delete-then-rename): torn writes, garbage, crashes between the chat file and the index, files removed behind
// its back, and the order of saves and deletes within one window.
import * as assert from 'node:assert/strict';
import { INDEX_FILE_NAME } from '../../../../src/core/chat/history-index';
import { InvalidChatIdError } from '../../../../src/core/chat/history-store';
import { Crash, MemoryDisk } from '../../file-store/memory-fs';
import { indexOnDisk, makeChat, openWindow, tempFilesOnDisk, writesOf } from '../../history/windows';

const MINUTE = 60_000;
/** Every save writes the whole chat file (no tail), for the tests of that write. */
const WHOLE_FILE = 0;

describe('chat history store', () => {
  it('saves, lists newest first and loads back in a new window, leaving no temp files', async () => {
    const disk = new MemoryDisk();
    const { store } = openWindow(disk, 'w1');
    assert.deepEqual(await store.list(), []);
    assert.equal(disk.folderExists, false, 'listing an empty history writes nothing');
    await store.save(makeChat('old', 100));
    await store.save(makeChat('new', 300, 'Newer', 2));
    const other = openWindow(disk, 'w2').store;
    assert.deepEqual(await other.list(), [
      { id: 'new', title: 'Newer', updatedAt: 300, turns: 4, cost: 0 },
      { id: 'old', title: 'Chat old', updatedAt: 100, turns: 2, cost: 0 },
    ]);
    assert.deepEqual(await other.load('new'), makeChat('new', 300, 'Newer', 2));
    assert.deepEqual(disk.names(), [INDEX_FILE_NAME, 'new.json', 'old.json']);
  });

  it('refuses ids that could leave the folder, writing nothing', async () => {
    const disk = new MemoryDisk();
    const { store, log } = openWindow(disk, 'w1');
    await assert.rejects(store.save(makeChat('../x', 1)), InvalidChatIdError);
    await assert.rejects(store.save(makeChat('index', 1)), InvalidChatIdError);
    await assert.rejects(store.delete('a/b'), InvalidChatIdError);
    assert.equal(await store.load('../x'), undefined);
    assert.equal(log.warnings.length, 1);
    assert.equal(disk.files.size, 0);
  });

  describe('torn writes and garbage', () => {
    it('keeps the whole earlier save when a save is cut short mid-write, and tidies the torn temp file once it is old', async () => {
      const disk = new MemoryDisk();
      const first = openWindow(disk, 'w1', 0, WHOLE_FILE);
      await first.store.save(makeChat('c', 100, 'whole'));
      first.files.crashNext = { point: 'torn-temp', match: /^c\.json$/ };
      await assert.rejects(first.store.save(makeChat('c', 200, 'torn')), Crash);
      assert.equal(tempFilesOnDisk(disk).length, 1);

      const next = openWindow(disk, 'w2');
      assert.deepEqual(await next.store.load('c'), makeChat('c', 100, 'whole'));
      assert.deepEqual((await next.store.list()).map((s) => s.title), ['whole']);
      assert.equal(tempFilesOnDisk(disk).length, 1, 'a young temp file may be a write still running elsewhere');
      assert.deepEqual([...next.log.warnings, ...next.log.errors], [], 'nothing written whole was lost, so nothing is reported');

      disk.time += 11 * MINUTE;
      await openWindow(disk, 'w3').store.list();
      assert.deepEqual(tempFilesOnDisk(disk), [], 'an old one is litter');
      assert.equal(disk.files.has('c.json'), true);
    });

    it('recovers the complete temp file when the crash came between delete and rename', async () => {
      const disk = new MemoryDisk();
      const first = openWindow(disk, 'w1', 0, WHOLE_FILE);
      await first.store.save(makeChat('c', 100, 'one'));
      first.files.crashNext = { point: 'after-delete', match: /^c\.json$/ };
      await assert.rejects(first.store.save(makeChat('c', 200, 'two')), Crash);
      assert.equal(disk.files.has('c.json'), false);

      const next = openWindow(disk, 'w2');
      assert.deepEqual(await next.store.load('c'), makeChat('c', 200, 'two'));
      assert.match(next.log.warnings.join('\n'), /chat c was restored from an unfinished write \(c\.json\.tmp-[0-9a-f]+\)/);
      assert.deepEqual(disk.names(), ['c.json', INDEX_FILE_NAME], 'the temp file was put in its place');
      assert.deepEqual((await openWindow(disk, 'w3').store.load('c'))?.title, 'two');
    });

    it('rebuilds an index cut short or full of garbage from the chat files, and writes it back', async () => {
      for (const damage of [(text: string) => text.slice(0, text.length / 2), () => '\u0000\u0007garbage{{', () => JSON.stringify({ version: 1, chats: 'x' })]) {
        const disk = new MemoryDisk();
        const { store } = openWindow(disk, 'w1');
        await store.save(makeChat('a', 100));
        await store.save(makeChat('b', 200));
        const index = disk.files.get(INDEX_FILE_NAME);
        assert.ok(index);
        index.text = damage(index.text);

        const next = openWindow(disk, 'w2');
        assert.deepEqual((await next.store.list()).map((s) => s.id), ['b', 'a']);
        assert.deepEqual(indexOnDisk(disk), ['b', 'a']);
        assert.match(next.log.warnings.join('\n'), /rebuilding the chat index/);
        assert.deepEqual(next.log.errors, []);
      }
    });

    it('skips a chat file with garbage, says so once, and still lists and loads every chat written whole', async () => {
      const disk = new MemoryDisk();
      const { store } = openWindow(disk, 'w1');
      for (const [id, at] of [['good', 100], ['bad', 200], ['fine', 300]] as const) await store.save(makeChat(id, at));
      const bad = disk.files.get('bad.json');
      assert.ok(bad);
      bad.text = bad.text.slice(0, 40);
      disk.files.set('worse.json', { text: JSON.stringify({ version: 1, chat: { ...makeChat('worse', 400), turns: [{ role: 'robot' }] } }), mtime: disk.time, writer: 'other' });
      disk.files.set('notes.txt', { text: 'not a chat', mtime: disk.time, writer: 'other' });
      disk.files.delete(INDEX_FILE_NAME);

      const next = openWindow(disk, 'w2');
      assert.deepEqual((await next.store.list()).map((s) => s.id), ['fine', 'good']);
      assert.equal(await next.store.load('bad'), undefined);
      assert.deepEqual(await next.store.load('good'), makeChat('good', 100));
      assert.deepEqual(await next.store.load('fine'), makeChat('fine', 300));
      const errors = next.log.errors.join('\n');
      assert.match(errors, /chat bad is unusable.*not valid JSON/);
      assert.match(errors, /chat worse is unusable.*unexpected shape/);
      assert.doesNotMatch(errors, /good|fine/, 'nothing written whole is reported lost');

      const logged = next.log.errors.length;
      await next.store.list();
      assert.equal(next.log.errors.length, logged, 'a damaged file is not retried, and logged, on every list');
      await next.store.save(makeChat('bad', 500, 'saved again'));
      assert.deepEqual((await next.store.list()).map((s) => s.id), ['bad', 'fine', 'good'], 'saving over it repairs it');
    });

    it('skips a chat file that holds another chat', async () => {
      const disk = new MemoryDisk();
      const { store } = openWindow(disk, 'w1');
      await store.save(makeChat('a', 100));
      disk.files.set('b.json', { ...(disk.files.get('a.json') ?? assert.fail('a.json was written')) });
      const next = openWindow(disk, 'w2');
      assert.equal(await next.store.load('b'), undefined);
      assert.match(next.log.errors.join('\n'), /b\.json holds chat "a"/);
      assert.deepEqual((await next.store.list()).map((s) => s.id), ['a']);
    });
  });

  describe('the index and the folder', () => {
    it('lists a chat whose window crashed between writing the chat file and the index', async () => {
      const disk = new MemoryDisk();
      const first = openWindow(disk, 'w1');
      await first.store.save(makeChat('first', 100));
      first.files.crashNext = { point: 'after-temp', match: /^index\.json$/ };
      await assert.rejects(first.store.save(makeChat('second', 200)), Crash);
      assert.deepEqual(indexOnDisk(disk), ['first'], 'the crash left the index without the new chat');

      const next = openWindow(disk, 'w2');
      assert.deepEqual((await next.store.list()).map((s) => s.id), ['second', 'first']);
      assert.deepEqual(indexOnDisk(disk), ['second', 'first'], 'the reconciled index is written back');
      assert.deepEqual(await next.store.load('second'), makeChat('second', 200));
    });

    it('drops an index entry whose chat file is gone, quietly, and loads nothing for it', async () => {
      const disk = new MemoryDisk();
      const { store } = openWindow(disk, 'w1');
      await store.save(makeChat('a', 100));
      await store.save(makeChat('b', 200));
      disk.files.delete('b.json');

      const next = openWindow(disk, 'w2');
      assert.equal(await next.store.load('b'), undefined);
      assert.deepEqual((await next.store.list()).map((s) => s.id), ['a']);
      assert.deepEqual(indexOnDisk(disk), ['a']);
      assert.deepEqual([...next.log.warnings, ...next.log.errors], [], 'a missing chat is not a problem');
      await next.store.save(makeChat('c', 300));
      assert.deepEqual(indexOnDisk(disk), ['c', 'a']);
    });
  });

  describe('superseded writes', () => {
    it('writes three quick saves of one chat once, and every caller waits for the last', async () => {
      const disk = new MemoryDisk();
      const { store, files } = openWindow(disk, 'w1');
      const saves = [1, 2, 3].map((n) => store.save(makeChat('c', n * 100, `v${n}`)));
      await saves[0];
      assert.deepEqual((await openWindow(disk, 'w2').store.load('c'))?.title, 'v3', 'the first caller resumes only once the last state is on disk');
      await Promise.all(saves);
      assert.equal(writesOf(files, 'c.json'), 1);
      assert.deepEqual((await store.list()).map((s) => s.title), ['v3']);
    });

    it('writes at most twice when the first save is already being written, and the last wins', async () => {
      const disk = new MemoryDisk();
      const { store, files } = openWindow(disk, 'w1', 0, WHOLE_FILE);
      const held = files.holdNextWrite(/^c\.json$/);
      const first = store.save(makeChat('c', 100, 'v1'));
      await held.reached;
      const later = [2, 3].map((n) => store.save(makeChat('c', n * 100, `v${n}`)));
      held.release();
      await Promise.all([first, ...later]);
      assert.equal(writesOf(files, 'c.json'), 2);
      assert.equal((await store.load('c'))?.title, 'v3');
      assert.deepEqual((await store.list()).map((s) => s.title), ['v3']);
    });

    it('keeps the saved chat when a save is rejected for not matching the schema', async () => {
      const disk = new MemoryDisk();
      const { store } = openWindow(disk, 'w1');
      await store.save(makeChat('c', 100));
      await assert.rejects(store.save({ ...makeChat('c', 200), title: 'x'.repeat(500) }), /chat schema/);
      assert.equal((await store.load('c'))?.updatedAt, 100);
    });
  });

  describe('a delete racing a save', () => {
    it('lets a delete asked for after a save win, and a save after the delete bring the chat back', async () => {
      const disk = new MemoryDisk();
      const { store, files } = openWindow(disk, 'w1');
      await Promise.all([store.save(makeChat('c', 100)), store.delete('c')]);
      assert.equal(writesOf(files, 'c.json'), 0, 'the superseded save wrote nothing');
      assert.equal(await store.load('c'), undefined);
      assert.deepEqual(await store.list(), []);
      await Promise.all([store.delete('c'), store.save(makeChat('c', 200))]);
      assert.equal((await store.load('c'))?.updatedAt, 200);
      assert.deepEqual(indexOnDisk(disk), ['c']);
    });

    it('runs a delete that arrives while the save is being written after it, leaving nothing behind', async () => {
      const disk = new MemoryDisk();
      const { store, files } = openWindow(disk, 'w1');
      await store.save(makeChat('keep', 50));
      const held = files.holdNextWrite(/^c\.json$/);
      const saving = store.save(makeChat('c', 100));
      await held.reached;
      const deleting = store.delete('c');
      held.release();
      await Promise.all([saving, deleting]);
      assert.deepEqual(disk.names(), [INDEX_FILE_NAME, 'keep.json']);
      assert.deepEqual(indexOnDisk(disk), ['keep']);
      assert.deepEqual((await openWindow(disk, 'w2').store.list()).map((s) => s.id), ['keep']);
    });

    it('deletes the temp files a crashed save left, so a rebuild does not bring the chat back', async () => {
      const disk = new MemoryDisk();
      const first = openWindow(disk, 'w1', 0, WHOLE_FILE);
      await first.store.save(makeChat('c', 100));
      first.files.crashNext = { point: 'after-temp', match: /^c\.json$/ };
      await assert.rejects(first.store.save(makeChat('c', 200)), Crash);
      const next = openWindow(disk, 'w2');
      await next.store.delete('c');
      assert.deepEqual(tempFilesOnDisk(disk), []);
      disk.files.delete(INDEX_FILE_NAME);
      assert.deepEqual(await openWindow(disk, 'w3').store.list(), []);
    });
  });
});
