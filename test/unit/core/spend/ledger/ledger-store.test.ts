// The ledger store over an in-memory disk that behaves like VS Code's file service (atomic write = temp file, then
// delete-then-rename), with operations of several stores interleaved at random and crashes at chosen points.
import * as assert from 'node:assert/strict';
import { parseLedger } from '../../../../../src/core/spend/ledger/ledger';
import type { LedgerRecord } from '../../../../../src/core/spend/ledger/record';
import { LedgerStore, type LedgerStoreOptions } from '../../../../../src/core/spend/ledger/store';
import { tally } from '../../../../../src/core/spend/ledger/totals';
import { Crash, MemoryDisk, MemoryFileStore, seeded } from '../../../file-store/memory-fs';
import { makeRecord, recordSeries } from '../../../ledger-race/records';

const MINUTE = 60_000;

function storeOn(disk: MemoryDisk, writerId: string, options: Partial<LedgerStoreOptions> & { maxYields?: number } = {}): { store: LedgerStore; fs: MemoryFileStore } {
  const { maxYields, ...rest } = options;
  const fs = new MemoryFileStore(disk, writerId, { maxYields: maxYields ?? 0 });
  return { fs, store: new LedgerStore({ fs, writerId, now: disk.now, compactAtFiles: 0, ...rest }) };
}

const ids = (records: readonly LedgerRecord[]) => records.map((r) => r.id).sort();
const expectedIds = (...groups: LedgerRecord[][]) => groups.flat().map((r) => r.id).sort();

/** Every line of every ledger file on the disk, by id, to prove compaction neither lost nor doubled anything. */
function linesById(disk: MemoryDisk): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [name, file] of disk.files) {
    if (name.includes('.tmp-')) continue;
    for (const record of parseLedger(file.text).records) counts.set(record.id, (counts.get(record.id) ?? 0) + 1);
  }
  return counts;
}

describe('ledger store', () => {
  it('appends, rolls segments and reads everything back once', async () => {
    const disk = new MemoryDisk();
    const { store } = storeOn(disk, 'w1', { segmentRecords: 3 });
    const records = recordSeries('r', 8);
    for (const record of records) await store.put(record);
    assert.deepEqual(disk.names(), ['segment-w1-1.jsonl', 'segment-w1-2.jsonl', 'segment-w1-3.jsonl']);
    const read = await storeOn(disk, 'reader').store.read();
    assert.deepEqual(read.records, records, 'in write order');
    assert.equal(read.skipped, 0);
    assert.equal(read.complete, true);
  });

  it('writes a burst of appends in few file replaces, in call order', async () => {
    const disk = new MemoryDisk();
    const { store, fs } = storeOn(disk, 'w1', { segmentRecords: 100, maxYields: 2 });
    const records = recordSeries('burst', 150);
    await Promise.all(records.map((record) => store.put(record)));
    assert.ok(fs.writes < 20, `${fs.writes} writes for 150 records`);
    assert.deepEqual((await store.read()).records, records);
    assert.equal(disk.files.get('segment-w1-1.jsonl')?.text.split('\n').length, 101, 'the first segment is full');
  });

  it('replaces in place in the open segment, and across segments on read; an estimate never replaces an exact cost', async () => {
    const disk = new MemoryDisk();
    const { store } = storeOn(disk, 'w1', { segmentRecords: 2 });
    await store.put(makeRecord('a', { costSource: 'estimate', cost: 0.001 }));
    await store.put(makeRecord('a', { costSource: 'exact', cost: 0.0012 }));
    assert.equal(disk.files.get('segment-w1-1.jsonl')?.text.trim().split('\n').length, 1, 'replaced in place');
    await store.put(makeRecord('a', { costSource: 'estimate', cost: 0.5 }));
    await store.put(makeRecord('b', { costSource: 'estimate', cost: 0.002 }));
    await store.put(makeRecord('c'));
    await store.put(makeRecord('b', { costSource: 'exact', cost: 0.0021 })); // b is in a closed segment now
    const read = await store.read();
    assert.deepEqual(read.records.map((r) => [r.id, r.cost, r.costSource]), [['a', 0.0012, 'exact'], ['b', 0.0021, 'exact'], ['c', 0.00036, 'exact']]);
  });

  it('rejects records that break the schema, and records nothing for them', async () => {
    const disk = new MemoryDisk();
    const { store } = storeOn(disk, 'w1');
    await assert.rejects(store.put({ ...makeRecord('bad'), cost: -1 }), /Not a ledger record/);
    await store.put(makeRecord('good'));
    assert.deepEqual(ids((await store.read()).records), ['good']);
  });

  it('a failed write rejects its records and the next write does not resurrect them', async () => {
    const disk = new MemoryDisk();
    const { store, fs } = storeOn(disk, 'w1');
    await store.put(makeRecord('before'));
    fs.failNext = /segment/;
    await assert.rejects(store.put(makeRecord('lost')), /disk full/);
    await store.put(makeRecord('after'));
    assert.deepEqual(ids((await store.read()).records), ['after', 'before']);
    assert.deepEqual(disk.names(), ['segment-w1-1.jsonl'], 'no temp file left');
  });

  for (const point of ['torn-temp', 'after-temp', 'after-delete'] as const) {
    it(`a crash mid-write (${point}) keeps every earlier record`, async () => {
      const disk = new MemoryDisk();
      const { store, fs } = storeOn(disk, 'w1', { segmentRecords: 4 });
      const earlier = recordSeries('early', 6); // segment 1 full, segment 2 holds two
      for (const record of earlier) await store.put(record);
      fs.crashNext = { point };
      await assert.rejects(store.put(makeRecord('in-flight')), Crash);
      assert.ok(disk.names().some((name) => name.includes('.tmp-')), 'the crash left a temp file');
      const read = await storeOn(disk, 'next_session').store.read();
      const readIds = ids(read.records);
      for (const record of earlier) assert.ok(readIds.includes(record.id), `${record.id} survived`);
      // Only the record being written may be lost; after a crash between delete and rename it is recovered.
      assert.ok(readIds.length === 6 || (readIds.length === 7 && readIds.includes('in-flight')));
      if (point === 'after-delete') assert.ok(readIds.includes('in-flight'), 'recovered from the complete temp file');
      if (point === 'torn-temp') assert.equal(read.skipped, 0, 'a torn temp file next to its target is never read');
    });
  }

  it('a torn first write of a segment (no target yet) costs only the torn line', async () => {
    const disk = new MemoryDisk();
    const { store, fs } = storeOn(disk, 'w1', { segmentRecords: 2 });
    await store.put(makeRecord('a-0'));
    // a-1 fills segment 1; the two records queued behind it open segment 2 together, and that write is torn.
    fs.crashNext = { point: 'torn-temp', match: /segment-w1-2/ };
    const burst = [makeRecord('a-1'), makeRecord('long-1', { workspace: 'x'.repeat(150) }), makeRecord('long-2', { workspace: 'y'.repeat(150) })];
    const results = await Promise.allSettled(burst.map((r) => store.put(r)));
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'rejected']);
    assert.ok(disk.names().includes('segment-w1-1.jsonl') && !disk.names().includes('segment-w1-2.jsonl'));
    const read = await storeOn(disk, 'reader').store.read();
    assert.deepEqual(ids(read.records), ['a-0', 'a-1', 'long-1']);
    assert.equal(read.skipped, 1, 'the torn line');
  });

  it('a segment line truncated on disk is skipped and every other record kept', async () => {
    const disk = new MemoryDisk();
    const { store } = storeOn(disk, 'w1');
    await store.put(makeRecord('a'));
    await store.put(makeRecord('b'));
    const file = disk.files.get('segment-w1-1.jsonl');
    assert.ok(file);
    file.text = `${file.text}{"id":"c","at":17`;
    const read = await store.read();
    assert.deepEqual(ids(read.records), ['a', 'b']);
    assert.equal(read.skipped, 1);
  });

  it('two writers racing lose nothing, and never write the same file', async () => {
    for (const seed of [1, 2, 3]) {
      const disk = new MemoryDisk(seeded(seed));
      const a = storeOn(disk, 'a', { segmentRecords: 17, maxYields: 3 });
      const b = storeOn(disk, 'b', { segmentRecords: 23, maxYields: 3 });
      const ra = recordSeries('a', 200);
      const rb = recordSeries('b', 200);
      await Promise.all(ra.flatMap((record, i) => [a.store.put(record), b.store.put(rb[i] as LedgerRecord)]));
      const read = await storeOn(disk, 'reader').store.read();
      assert.deepEqual(ids(read.records), expectedIds(ra, rb), `seed ${seed}`);
      for (const [name, writers] of disk.writtenBy) assert.equal(writers.size, 1, `${name} written by ${[...writers].join(', ')}`);
    }
  });

  it('compaction while others append and read loses nothing and duplicates nothing', async () => {
    for (const seed of [11, 12, 13, 14]) {
      const disk = new MemoryDisk(seeded(seed));
      const a = storeOn(disk, 'a', { segmentRecords: 5, maxYields: 4 });
      const b = storeOn(disk, 'b', { segmentRecords: 7, maxYields: 4 });
      const reader = storeOn(disk, 'reader', { maxYields: 4 });
      const ra = recordSeries('a', 120);
      const rb = recordSeries('b', 120);
      const seen: number[] = [];
      let compactions = 0;
      // One record per write, so the writers roll many segments while the compactions and reads run.
      const appendAll = async (store: LedgerStore, records: LedgerRecord[]) => {
        for (const record of records) await store.put(record);
      };
      const writing = Promise.all([appendAll(a.store, ra), appendAll(b.store, rb)]);
      let done = false;
      void writing.finally(() => (done = true));
      // Both writers compact, and a third store reads, over and over while the appends run.
      const churn = (async () => {
        while (!done) {
          const [ca, cb, read] = await Promise.all([a.store.compact(), b.store.compact(), reader.store.read()]);
          compactions += [ca, cb].filter((c) => c.status === 'compacted').length;
          seen.push(read.records.length);
        }
      })();
      await writing;
      await churn;
      assert.ok(compactions > 5 && seen.length > 5, `seed ${seed}: ${compactions} compactions, ${seen.length} reads`);
      // No read ever went backwards: a file compacted away mid-read was found again in its compacted file.
      for (let i = 1; i < seen.length; i++) assert.ok((seen[i] ?? 0) >= (seen[i - 1] ?? 0), `seed ${seed}: reads ${seen.join(',')}`);
      assert.deepEqual(ids((await reader.store.read()).records), expectedIds(ra, rb), `seed ${seed}`);
      // Writers' open segments stay; once both are done, one more compaction leaves each record on disk once.
      disk.time += 16 * MINUTE;
      await storeOn(disk, 'final').store.compact();
      const counts = linesById(disk);
      assert.equal(counts.size, 240);
      assert.ok([...counts.values()].every((count) => count === 1), `seed ${seed}: duplicates after the final compaction`);
      assert.equal(disk.names().filter((name) => name.startsWith('compacted-')).length, 1);
    }
  });

  it('a read that lists files just before a compaction deletes them finds the records in the compacted file', async () => {
    const disk = new MemoryDisk();
    const { store } = storeOn(disk, 'w1', { segmentRecords: 2 });
    const records = recordSeries('r', 7);
    for (const record of records) await store.put(record);
    const reader = storeOn(disk, 'reader');
    let compacted = false;
    reader.fs.afterNextList = async () => {
      compacted = (await storeOn(disk, 'compactor').store.compact()).status === 'compacted';
    };
    const read = await reader.store.read();
    assert.ok(compacted, 'the compaction ran between the listing and the reads');
    assert.deepEqual(read.records, records);
    assert.equal(read.complete, true);
  });

  it('two compactions at once lose nothing; the one that finds its input gone deletes nothing', async () => {
    const disk = new MemoryDisk();
    const { store } = storeOn(disk, 'w1', { segmentRecords: 2 });
    const records = recordSeries('r', 7);
    for (const record of records) await store.put(record);
    const slow = storeOn(disk, 'slow');
    let first: string | undefined;
    slow.fs.afterNextList = async () => {
      first = (await storeOn(disk, 'fast').store.compact()).status;
    };
    const second = await slow.store.compact();
    assert.equal(first, 'compacted');
    assert.equal(second.status, 'raced');
    assert.deepEqual((await slow.store.read()).records, records);
  });

  it('compaction never takes a live writer\'s open segment, but takes a crashed writer\'s once it is stale', async () => {
    const disk = new MemoryDisk();
    const live = storeOn(disk, 'live', { segmentRecords: 2 });
    const crashed = storeOn(disk, 'crashed', { segmentRecords: 2 });
    for (const record of recordSeries('live', 5)) await live.store.put(record); // segments 1, 2 closed; 3 open
    for (const record of recordSeries('crashed', 3)) await crashed.store.put(record); // 1 closed; 2 abandoned
    const compactor = storeOn(disk, 'compactor');
    const first = await compactor.store.compact();
    assert.equal(first.status, 'compacted');
    assert.equal(first.status === 'compacted' && first.inputs, 3);
    assert.ok(disk.files.has('segment-live-3.jsonl') && disk.files.has('segment-crashed-2.jsonl'), 'last segments kept');

    disk.time += 10 * MINUTE + 5 * MINUTE - 1;
    assert.equal((await compactor.store.compact()).status, 'nothing-to-do', 'one compacted file and no closed segment');
    disk.time += 1;
    await live.store.put(makeRecord('live-late')); // too old: the live writer moves to segment 4
    const second = await compactor.store.compact();
    assert.equal(second.status === 'compacted' && second.inputs, 3, 'the old compacted file, live-3 (superseded) and crashed-2 (stale)');
    assert.deepEqual(disk.names().filter((name) => name.startsWith('segment-')), ['segment-live-4.jsonl']);
    assert.equal((await compactor.store.read()).records.length, 9);
  });

  it('compaction recovers a crashed write\'s temp file once it is stale, and tidies stale torn temp files', async () => {
    const disk = new MemoryDisk();
    const { store, fs } = storeOn(disk, 'w1', { segmentRecords: 3 });
    for (const record of recordSeries('r', 4)) await store.put(record);
    fs.crashNext = { point: 'after-delete' };
    await assert.rejects(store.put(makeRecord('in-flight')), Crash); // segment 2 now exists only as a temp file
    const other = storeOn(disk, 'other');
    other.fs.crashNext = { point: 'torn-temp' };
    await assert.rejects(other.store.put(makeRecord('o1')), Crash); // a torn temp file with no target either

    const compactor = storeOn(disk, 'compactor');
    const young = await compactor.store.compact();
    assert.equal(young.status === 'compacted' && young.inputs, 1, 'only the closed segment 1; young temp files may be in flight');
    assert.equal(disk.names().filter((name) => name.includes('.tmp-')).length, 2);
    disk.time += 10 * MINUTE;
    await compactor.store.compact();
    assert.deepEqual(disk.names().filter((name) => name.includes('.tmp-')), []);
    assert.deepEqual(ids((await compactor.store.read()).records), ['in-flight', 'r-0', 'r-1', 'r-2', 'r-3']);
  });

  it('keeps the inputs when the compacted file does not read back as written', async () => {
    const disk = new MemoryDisk();
    const { store } = storeOn(disk, 'w1', { segmentRecords: 1 });
    for (const record of recordSeries('r', 3)) await store.put(record);
    const compactor = storeOn(disk, 'compactor');
    compactor.fs.corruptNext = /compacted/;
    await assert.rejects(compactor.store.compact(), /did not read back/);
    assert.ok(['segment-w1-1.jsonl', 'segment-w1-2.jsonl'].every((name) => disk.files.has(name)));
    assert.deepEqual(ids((await compactor.store.read()).records), ['r-0', 'r-1', 'r-2']);
  });

  it('compacts in the background after a segment fills, and flush waits for it', async () => {
    const disk = new MemoryDisk();
    const { store } = storeOn(disk, 'w1', { segmentRecords: 2, compactAtFiles: 3 });
    const records = recordSeries('r', 9);
    for (const record of records) await store.put(record);
    await store.flush();
    const names = disk.names();
    assert.ok(names.some((name) => name.startsWith('compacted-')), names.join(' '));
    assert.ok(names.length <= 3, names.join(' '));
    assert.deepEqual((await store.read()).records, records);
    assert.deepEqual(tally((await store.read()).records), tally(records));
  });

  it('compacts a folder crowded by many short sessions when a window starts, and leaves a quiet one alone', async () => {
    const disk = new MemoryDisk();
    const written: LedgerRecord[] = [];
    // Fifteen windows, each gone after two requests: fifteen segments that never filled.
    for (let session = 0; session < 15; session++) {
      const records = recordSeries(`s${session}-`, 2);
      const { store } = storeOn(disk, `w${session}`);
      for (const record of records) await store.put(record);
      written.push(...records);
    }
    disk.time += 16 * MINUTE;
    assert.equal(disk.names().length, 15);
    const starting = storeOn(disk, 'next', { compactAtFiles: 12 }).store;
    starting.compactIfCrowded();
    await starting.flush();
    const names = disk.names();
    assert.equal(names.length, 1, names.join(' '));
    assert.match(names[0] ?? '', /^compacted-/);
    assert.deepEqual(ids((await starting.read()).records), expectedIds(written));
    assert.ok([...linesById(disk).values()].every((count) => count === 1), 'every record once');

    const quiet = new MemoryDisk();
    for (let session = 0; session < 3; session++) await storeOn(quiet, `w${session}`).store.put(makeRecord(`q${session}`));
    quiet.time += 16 * MINUTE;
    const another = storeOn(quiet, 'next', { compactAtFiles: 12 }).store;
    another.compactIfCrowded();
    await another.flush();
    assert.deepEqual(quiet.names(), ['segment-w0-1.jsonl', 'segment-w1-1.jsonl', 'segment-w2-1.jsonl']);
  });

  it('a reused writer id continues after its existing segments instead of overwriting them', async () => {
    const disk = new MemoryDisk();
    const first = storeOn(disk, 'same', { segmentRecords: 2 });
    for (const record of recordSeries('first', 3)) await first.store.put(record);
    const second = storeOn(disk, 'same', { segmentRecords: 2 });
    await second.store.put(makeRecord('second'));
    assert.ok(disk.files.has('segment-same-3.jsonl'));
    assert.equal((await second.store.read()).records.length, 4);
  });

  it('refuses writer ids that cannot be part of a file name', () => {
    assert.throws(() => storeOn(new MemoryDisk(), '../x'), /writer id/);
    assert.throws(() => storeOn(new MemoryDisk(), 'a-b'), /writer id/);
    assert.match(new LedgerStore({ fs: new MemoryFileStore(new MemoryDisk(), 'x') }).writerId, /^[0-9a-f]{16}$/);
  });
});
