// The aggregate keeper on an in-memory disk shared by several windows: it merges other windows' segments as they
// appear without re-reading what it covers, and a crash while it rebuilds or saves leaves nothing half done.
import * as assert from 'node:assert/strict';
import { AGGREGATES_FILE } from '../../../../../src/core/spend/ledger/aggregate-file';
import { AggregateKeeper } from '../../../../../src/core/spend/ledger/aggregate-keeper';
import { mergeLedgers } from '../../../../../src/core/spend/ledger/ledger';
import type { LedgerRecord } from '../../../../../src/core/spend/ledger/record';
import { LedgerStore } from '../../../../../src/core/spend/ledger/store';
import { spendSummary } from '../../../../../src/core/spend/ledger/totals';
import { Crash, MemoryDisk, MemoryFileStore, seeded } from '../../../file-store/memory-fs';
import { randomVersions } from './random-ledger';

const NOW = new Date(2026, 5, 15, 12).getTime();

/** Counts the reads of each name, to prove what was (not) read. */
class CountingStore extends MemoryFileStore {
  readonly reads = new Map<string, number>();
  /** Throw a crash on the read after this many reads. */
  crashAfterReads: number | undefined;

  override async read(name: string): Promise<string | undefined> {
    if (this.crashAfterReads !== undefined && this.crashAfterReads-- <= 0) {
      // The window dies here: nothing it does afterwards reaches the disk.
      this.crashed = true;
      throw new Crash('after-temp');
    }
    this.reads.set(name, (this.reads.get(name) ?? 0) + 1);
    return super.read(name);
  }
}

function keeperOn(disk: MemoryDisk, writerId: string): { keeper: AggregateKeeper; fs: CountingStore } {
  const fs = new CountingStore(disk, writerId);
  return { fs, keeper: new AggregateKeeper({ fs, ownWriterId: writerId, now: disk.now, persistDelayMs: 60_000 }) };
}

async function write(disk: MemoryDisk, writerId: string, records: readonly LedgerRecord[], segmentRecords = 50): Promise<LedgerStore> {
  const store = new LedgerStore({ fs: new MemoryFileStore(disk, writerId), writerId, now: disk.now, segmentRecords, compactAtFiles: 0 });
  for (const record of records) await store.put(record);
  return store;
}

function assertEqualTotals(keeper: AggregateKeeper, records: readonly LedgerRecord[], message: string): void {
  const aggregates = keeper.current;
  assert.ok(aggregates, `${message}: loaded`);
  const merged = mergeLedgers([records]);
  assert.equal(aggregates.size, merged.length, `${message}: every record once`);
  for (const day of [1, 60, 120, 200, 300]) {
    const now = new Date(2026, 0, day, 12).getTime();
    assert.deepEqual(aggregates.summary(now, 'session-a'), spendSummary(merged, { now, inSession: (r) => r.session === 'session-a' }), `${message}, day ${day}`);
  }
}

describe('aggregate keeper', () => {
  it('rebuilds once from every ledger file, then starts from its snapshot and reads only what is new', async () => {
    const disk = new MemoryDisk();
    const history = randomVersions(seeded(1), 400, 'old');
    const store = await write(disk, 'w1', history);
    await store.compact();
    const first = keeperOn(disk, 'reader1');
    await first.keeper.ready();
    assert.equal(first.keeper.report?.fromSnapshot, false);
    assertEqualTotals(first.keeper, history, 'rebuilt');
    assert.ok(disk.files.has(AGGREGATES_FILE), 'the snapshot is saved after the rebuild');

    const more = randomVersions(seeded(2), 30, 'new');
    await write(disk, 'w2', more);
    const second = keeperOn(disk, 'reader2');
    await second.keeper.ready();
    assert.equal(second.keeper.report?.fromSnapshot, true);
    const compacted = [...disk.files.keys()].filter((name) => name.startsWith('compacted-'));
    assert.equal(compacted.length, 1);
    assert.equal(second.fs.reads.get(compacted[0] as string), undefined, 'the compacted history is not read again');
    assert.equal(second.fs.reads.get('segment-w2-1.jsonl'), 1, 'the new segment is read');
    assertEqualTotals(second.keeper, [...history, ...more], 'snapshot plus the new segment');
  });

  it('rebuilds from the ledger when the snapshot is of an older version, which lacks figures this one keeps', async () => {
    const disk = new MemoryDisk();
    const history = randomVersions(seeded(4), 120, 'old');
    await write(disk, 'w1', history);
    const first = keeperOn(disk, 'reader1');
    await first.keeper.ready();
    await first.keeper.flush();
    const saved = disk.files.get(AGGREGATES_FILE);
    assert.ok(saved, 'a snapshot was saved');
    const newline = saved.text.indexOf('\n');
    const header = JSON.parse(saved.text.slice(0, newline)) as Record<string, unknown>;
    assert.equal(header['version'], 3);
    disk.files.set(AGGREGATES_FILE, { ...saved, text: `${JSON.stringify({ ...header, version: 2 })}${saved.text.slice(newline)}` });
    const second = keeperOn(disk, 'reader2');
    await second.keeper.ready();
    assert.equal(second.keeper.report?.fromSnapshot, false, 'the old snapshot is not trusted');
    assertEqualTotals(second.keeper, history, 'rebuilt over the old snapshot');
  });

  it("merges another window's segment as it grows, and its settled estimates, reading only that segment", async () => {
    const disk = new MemoryDisk();
    const mine = keeperOn(disk, 'me');
    const otherStore = new LedgerStore({ fs: new MemoryFileStore(disk, 'other'), writerId: 'other', now: disk.now, segmentRecords: 20, compactAtFiles: 0 });
    const versions = randomVersions(seeded(3), 60, 'o');
    const seen: LedgerRecord[] = [];
    await mine.keeper.ready();
    for (const [i, record] of versions.entries()) {
      await otherStore.put(record);
      seen.push(record);
      if (i % 7 === 0) {
        await mine.keeper.sync();
        assertEqualTotals(mine.keeper, seen, `after ${i + 1} of the other window's writes`);
      }
    }
    await mine.keeper.sync();
    assertEqualTotals(mine.keeper, versions, "all of the other window's records");
    for (const [name, count] of mine.fs.reads) {
      if (!name.startsWith('segment-other-')) continue;
      const n = Number(/-(\d+)\.jsonl$/.exec(name)?.[1]);
      const last = Math.max(...[...disk.files.keys()].filter((f) => f.startsWith('segment-other-')).map((f) => Number(/-(\d+)\.jsonl$/.exec(f)?.[1])));
      // A closed segment is read until it is seen closed, then never again.
      if (n < last) assert.ok(count <= 10, `${name} read ${count} times`);
    }
    const before = new Map(mine.fs.reads);
    await mine.keeper.sync();
    const reread = [...mine.fs.reads].filter(([name, count]) => count !== before.get(name)).map(([name]) => name);
    assert.ok(reread.every((name) => name === 'segment-other-3.jsonl'), `only the open segment is read again, not ${reread.join(', ')}`);
  });

  it("counts this window's own records as they are put, and covers its own compaction without reading it", async () => {
    const disk = new MemoryDisk();
    const fs = new CountingStore(disk, 'me');
    const keeper = new AggregateKeeper({ fs, ownWriterId: 'me', now: disk.now, persistDelayMs: 60_000 });
    const store = new LedgerStore({ fs, writerId: 'me', now: disk.now, segmentRecords: 10, compactAtFiles: 0, onCompacted: (file, sources) => keeper.compacted(file, sources) });
    await keeper.ready();
    const records = randomVersions(seeded(4), 35, 'mine');
    for (const record of records) {
      await store.put(record);
      keeper.put(record);
    }
    await keeper.sync();
    await store.compact();
    fs.reads.clear();
    await keeper.sync();
    assert.deepEqual([...fs.reads.keys()].filter((name) => name.startsWith('compacted-')), [], 'its own compaction is not read');
    assertEqualTotals(keeper, records, 'own records');
  });

  it('survives a crash in the middle of a rebuild: nothing is saved, and the next start rebuilds in full', async () => {
    const disk = new MemoryDisk();
    const records = randomVersions(seeded(5), 300, 'c');
    await write(disk, 'w1', records, 40);
    const crashing = keeperOn(disk, 'r1');
    crashing.fs.crashAfterReads = 3;
    await crashing.keeper.ready().catch(() => undefined);
    assert.ok(crashing.fs.crashed);
    assert.equal(disk.files.has(AGGREGATES_FILE), false, 'no half-built snapshot');
    const next = keeperOn(disk, 'r2');
    await next.keeper.ready();
    assert.equal(next.keeper.report?.fromSnapshot, false);
    assertEqualTotals(next.keeper, records, 'after the crash');
  });

  for (const point of ['torn-temp', 'after-temp', 'after-delete'] as const) {
    it(`survives a crash while saving the snapshot (${point}) and loads correct totals next time`, async () => {
      const disk = new MemoryDisk();
      const records = randomVersions(seeded(6), 200, 's');
      await write(disk, 'w1', records, 40);
      const first = keeperOn(disk, 'r1');
      first.fs.crashNext = { point, match: /^aggregates/ };
      await first.keeper.ready();
      assert.ok(first.fs.crashed, 'the save crashed');
      const next = keeperOn(disk, 'r2');
      await next.keeper.ready();
      assertEqualTotals(next.keeper, records, `after a crash at ${point}`);
      // The snapshot the next start saves is whole, and a third start uses it.
      await next.keeper.flush();
      const third = keeperOn(disk, 'r3');
      await third.keeper.ready();
      assert.equal(third.keeper.report?.fromSnapshot, true);
      assertEqualTotals(third.keeper, records, 'from the snapshot saved after the crash');
    });
  }

  it('rebuilds when the snapshot is damaged, and counts nothing when the ledger folder was emptied', async () => {
    const disk = new MemoryDisk();
    const records = randomVersions(seeded(7), 50, 'd');
    await write(disk, 'w1', records);
    await keeperOn(disk, 'r1').keeper.ready();
    const file = disk.files.get(AGGREGATES_FILE);
    assert.ok(file);
    file.text = file.text.slice(0, file.text.length - 10);
    const damaged = keeperOn(disk, 'r2');
    await damaged.keeper.ready();
    assert.equal(damaged.keeper.report?.fromSnapshot, false, 'a torn snapshot is not trusted');
    assertEqualTotals(damaged.keeper, records, 'rebuilt after damage');

    for (const name of [...disk.files.keys()]) if (name.endsWith('.jsonl')) disk.files.delete(name);
    const emptied = keeperOn(disk, 'r3');
    await emptied.keeper.ready();
    assert.equal(emptied.keeper.current?.size, 0);
    assert.equal(emptied.keeper.current?.summary(NOW, undefined).month.requests, 0);
  });
});
