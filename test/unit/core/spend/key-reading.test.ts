import * as assert from 'node:assert/strict';
import { awaitFreshReading, type KeyReadingSource } from '../../../../src/core/spend/key-reading';

/** A /key that answers only when the test says so. */
function slowKey(fetchedAt: number | undefined): KeyReadingSource & { reads: number; answer(): void } {
  let answer = (): void => undefined;
  const source = {
    fetchedAt,
    reads: 0,
    refresh: () => {
      source.reads += 1;
      return new Promise<void>((resolve) => (answer = resolve));
    },
    answer: () => answer(),
  };
  return source;
}

/** A wait the test ends itself: no clock, no sleep. */
function manualWait(): { waitOver: () => Promise<void>; end(): void } {
  let end = (): void => undefined;
  const over = new Promise<void>((resolve) => (end = resolve));
  return { waitOver: () => over, end: () => end() };
}

describe('reading /key before a whole-key budget check', () => {
  it('does not read again when the last reading is recent enough', async () => {
    const key = slowKey(1_000);
    assert.equal(await awaitFreshReading(key, { now: 31_000, maxAgeMs: 30_000, waitOver: manualWait().waitOver }), 'fresh');
    assert.equal(key.reads, 0);
  });

  it('reads again when the reading is old or missing, and waits for the answer', async () => {
    for (const fetchedAt of [1_000, undefined]) {
      const key = slowKey(fetchedAt);
      const pending = awaitFreshReading(key, { now: 31_001, maxAgeMs: 30_000, waitOver: manualWait().waitOver });
      key.answer();
      assert.equal(await pending, 'read');
      assert.equal(key.reads, 1);
    }
  });

  it('never blocks the send forever: once the wait is over it goes on without the answer', async () => {
    const key = slowKey(undefined);
    const wait = manualWait();
    const pending = awaitFreshReading(key, { now: 0, maxAgeMs: 30_000, waitOver: wait.waitOver });
    wait.end();
    assert.equal(await pending, 'gave-up');
  });

  it('treats a failed reading as done: the caller counts what it has', async () => {
    const key: KeyReadingSource = { fetchedAt: undefined, refresh: () => Promise.reject(new Error('offline')) };
    assert.equal(await awaitFreshReading(key, { now: 0, maxAgeMs: 30_000, waitOver: manualWait().waitOver }), 'read');
  });
});
