import * as assert from 'node:assert/strict';
import { dayKey, SpendTotals } from '../../../src/core/spend/totals';

const noon = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12).getTime();

describe('spend totals', () => {
  it('sums session, today and month exactly', () => {
    const totals = new SpendTotals(undefined);
    const costs = [0.1, 0.2, 0.000_001_5, 0.3];
    for (const cost of costs) totals.add({ at: noon(2026, 11, 25), cost, promptTokens: 10, completionTokens: 5 });
    const summary = totals.summary(noon(2026, 11, 25));
    assert.equal(summary.session.cost, 0.6000015);
    assert.equal(summary.today.cost, 0.6000015);
    assert.equal(summary.month.cost, 0.6000015);
    assert.equal(summary.today.requests, 4);
    assert.equal(summary.session.promptTokens, 40);
  });

  it('separates days and months, and restores persisted days', () => {
    const first = new SpendTotals(undefined);
    first.add({ at: noon(2026, 10, 31), cost: 1, promptTokens: 1, completionTokens: 1 });
    first.add({ at: noon(2026, 11, 1), cost: 2, promptTokens: 1, completionTokens: 1 });
    const restored = new SpendTotals(JSON.parse(JSON.stringify(first)));
    restored.add({ at: noon(2026, 11, 2), cost: 4, promptTokens: 1, completionTokens: 1 });
    const summary = restored.summary(noon(2026, 11, 2));
    assert.equal(summary.session.cost, 4, 'a new session starts at zero');
    assert.equal(summary.today.cost, 4);
    assert.equal(summary.month.cost, 6, 'October is not in November');
  });

  it('drops persisted data that does not parse', () => {
    const totals = new SpendTotals({ 'not-a-day': { cost: 5 }, '2026-11-25': { cost: -1 } });
    assert.equal(totals.summary(noon(2026, 11, 25)).month.cost, 0);
  });

  it('keys days by local date', () => {
    assert.equal(dayKey(new Date(2026, 0, 5, 23, 59).getTime()), '2026-01-05');
  });
});
