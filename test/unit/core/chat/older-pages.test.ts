import * as assert from 'node:assert/strict';
import { continuesShownTurns, FAST_SCROLL_MS, FIRST_OLDER_PAGE, MAX_OLDER_PAGE, nextOlderPageSize, olderPageSize } from '../../../../src/core/chat/older-pages';

describe('pages of older turns', () => {
  it('starts at the first page size, and comes back to it after a pause', () => {
    assert.equal(nextOlderPageSize(undefined, undefined), FIRST_OLDER_PAGE);
    assert.equal(nextOlderPageSize(320, FAST_SCROLL_MS + 1), FIRST_OLDER_PAGE);
  });

  it('doubles while the reader keeps scrolling up, up to the largest page', () => {
    const sizes: number[] = [];
    let size: number | undefined;
    for (let i = 0; i < 8; i++) sizes.push(size = nextOlderPageSize(size, size === undefined ? undefined : 200));
    assert.deepEqual(sizes, [40, 80, 160, 320, 640, 640, 640, 640]);
    assert.ok(sizes.every((s) => s <= MAX_OLDER_PAGE));
  });

  it('reaches the top of 2,000 messages in a handful of round trips when scrolling fast', () => {
    let remaining = 2000 - 40;
    let size: number | undefined;
    let trips = 0;
    while (remaining > 0) {
      size = nextOlderPageSize(size, size === undefined ? undefined : 100);
      remaining -= size;
      trips++;
    }
    assert.equal(trips, 7, 'was 49 at 40 turns a page');
  });

  it('the host bounds what a panel asks for, and gives an older panel the first page', () => {
    assert.equal(olderPageSize(undefined), FIRST_OLDER_PAGE);
    assert.equal(olderPageSize(5), 5);
    assert.equal(olderPageSize(9999), MAX_OLDER_PAGE);
    assert.equal(olderPageSize(Number.NaN), FIRST_OLDER_PAGE);
  });

  it('accepts only a reply that ends where the shown turns begin', () => {
    assert.ok(continuesShownTurns(160, { olderCount: 120, turnCount: 40 }));
    // A reply to a request sent before a snapshot rebuilt the panel: it would leave a gap of 40 turns.
    assert.ok(!continuesShownTurns(1960, { olderCount: 1840, turnCount: 40 }));
    // The same page twice would repeat turns.
    assert.ok(!continuesShownTurns(120, { olderCount: 120, turnCount: 40 }));
    assert.ok(!continuesShownTurns(40, { olderCount: 40, turnCount: 0 }));
  });
});
