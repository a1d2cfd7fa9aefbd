import * as assert from 'node:assert/strict';
import { recentDailyAverage, spendSpike } from '../../../../src/core/spend/spend-spike';
import { keyInfo } from './key-info-fixture';

/** Wednesday 2026-12-09, 10:00 UTC: 8 earlier days this month, 2 this week. */
const NOW = Date.UTC(2026, 11, 9, 10, 0, 0);

describe('the spend-spike warning', () => {
  it('averages the earlier UTC days of the month; on the 1st, of the week; on a Monday the 1st, nothing', () => {
    assert.deepEqual(recentDailyAverage(keyInfo({ usageDailyUsd: 2, usageMonthlyUsd: 10, usageWeeklyUsd: 4 }), NOW), { usd: 1, days: 8, over: 'month' });
    const first = Date.UTC(2027, 0, 1, 12); // a Friday: Monday to Thursday came before it this week
    assert.deepEqual(recentDailyAverage(keyInfo({ usageDailyUsd: 2, usageMonthlyUsd: 2, usageWeeklyUsd: 6 }), first), { usd: 1, days: 4, over: 'week' });
    assert.equal(recentDailyAverage(keyInfo({ usageDailyUsd: 2, usageMonthlyUsd: 2, usageWeeklyUsd: 2 }), Date.UTC(2027, 1, 1, 12)), undefined);
  });

  it('warns at the ratio and above, not below it', () => {
    const at = (today: number) => spendSpike(keyInfo({ usageDailyUsd: today, usageMonthlyUsd: today + 8 }), NOW, NOW, 3);
    assert.equal(at(2.99), undefined);
    const spike = at(3);
    assert.ok(spike);
    assert.equal(spike.day, '2026-12-09');
    assert.match(spike.message, /\$3\.00 today \(UTC\), 3× its daily average of \$1\.00 over the 8 earlier days this month/);
  });

  it('is off at 0, quiet without history or below the floor, and ignores a reading from another UTC day', () => {
    const info = keyInfo({ usageDailyUsd: 5, usageMonthlyUsd: 6 });
    assert.ok(spendSpike(info, NOW, NOW, 3));
    assert.equal(spendSpike(info, NOW, NOW, 0), undefined);
    assert.equal(spendSpike(keyInfo({ usageDailyUsd: 5, usageMonthlyUsd: 5 }), NOW, NOW, 3), undefined, 'no spend before today');
    assert.equal(spendSpike(keyInfo({ usageDailyUsd: 0.4, usageMonthlyUsd: 0.41 }), NOW, NOW, 3), undefined, 'cents are not a spike');
    assert.equal(spendSpike(info, Date.UTC(2026, 11, 8, 23), NOW, 3), undefined);
  });
});
