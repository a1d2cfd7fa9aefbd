import * as assert from 'node:assert/strict';
import { compareKeySpend, machineSpendByWindow, utcWindowStart, type SpendColumns } from '../../../../src/core/spend/key-spend';
import { keyWideNote, scopedSummary } from '../../../../src/core/spend/key-budget';
import { checkRequest } from '../../../../src/core/spend/budget';
import { keyInfo } from './key-info-fixture';
import { EMPTY_TALLY, type SpendSummary } from '../../../../src/core/spend/ledger/totals';

/** Wednesday 2026-12-09, 10:00 UTC: the week began Monday the 7th, the month on the 1st. */
const NOW = Date.UTC(2026, 11, 9, 10, 0, 0);
const HOUR = 3_600_000;

function columns(records: readonly { at: number; cost: number }[]): SpendColumns {
  return { size: records.length, atOf: (slot) => records[slot]?.at ?? 0, costAt: (slot) => records[slot]?.cost ?? 0 };
}

const summary = (today: number, month: number, session = 0): SpendSummary => ({
  session: { ...EMPTY_TALLY, cost: session }, today: { ...EMPTY_TALLY, cost: today }, month: { ...EMPTY_TALLY, cost: month },
});

describe('spend across machines: the key beside this machine', () => {
  it('starts the windows at midnight UTC: the day, the Monday of the week and the 1st of the month', () => {
    assert.equal(utcWindowStart('day', NOW), Date.UTC(2026, 11, 9));
    assert.equal(utcWindowStart('week', NOW), Date.UTC(2026, 11, 7));
    assert.equal(utcWindowStart('month', NOW), Date.UTC(2026, 11, 1));
    // A Sunday belongs to the week that began six days before; a Monday starts its own.
    assert.equal(utcWindowStart('week', Date.UTC(2026, 11, 13, 23, 59)), Date.UTC(2026, 11, 7));
    assert.equal(utcWindowStart('week', Date.UTC(2026, 11, 14, 0, 0)), Date.UTC(2026, 11, 14));
    // Whatever the local zone: one minute before midnight UTC is still the previous UTC day.
    assert.equal(utcWindowStart('day', Date.UTC(2026, 11, 9, 0, 0) - 60_000), Date.UTC(2026, 11, 8));
  });

  it('sums this machine over the UTC windows exactly, split at the reading of /key', () => {
    const readAt = NOW - HOUR;
    const machine = machineSpendByWindow(columns([
      { at: Date.UTC(2026, 10, 30, 23, 0), cost: 5 }, // last month: in no window
      { at: Date.UTC(2026, 11, 3), cost: 0.3 }, // this month, last week
      { at: Date.UTC(2026, 11, 8, 23, 30), cost: 0.2 }, // yesterday (UTC), this week
      { at: Date.UTC(2026, 11, 9, 1), cost: 0.1 }, // today, before the reading
      { at: Date.UTC(2026, 11, 9, 1, 30), cost: 0.2 },
      { at: NOW - HOUR / 2, cost: 0.05 }, // today, after the reading
    ]), NOW, readAt);
    assert.deepEqual(machine.day, { beforeRead: 0.3, sinceRead: 0.05 });
    assert.deepEqual(machine.week, { beforeRead: 0.5, sinceRead: 0.05 });
    assert.deepEqual(machine.month, { beforeRead: 0.8, sinceRead: 0.05 });
  });

  it('names what was spent elsewhere and counts the whole key as /key plus what this machine spent since', () => {
    const machine = { day: { beforeRead: 0.9, sinceRead: 0.1 }, week: { beforeRead: 2, sinceRead: 0.1 }, month: { beforeRead: 3, sinceRead: 0.1 } };
    const info = keyInfo({ usageDailyUsd: 4, usageWeeklyUsd: 6, usageMonthlyUsd: 10, byokUsageDailyUsd: 0.1 });
    const { windows } = compareKeySpend(info, NOW - HOUR, NOW, machine);
    // BYOK counts on both sides: /key's usage plus its byok_usage, against the ledger's cost of each request.
    assert.deepEqual(windows.day, { window: 'day', machine: 1, key: 4.2, elsewhere: 3.2 });
    assert.deepEqual(windows.week, { window: 'week', machine: 2.1, key: 6.1, elsewhere: 4 });
    assert.deepEqual(windows.month, { window: 'month', machine: 3.1, key: 10.1, elsewhere: 7 });
  });

  it('never shows a negative "elsewhere" when /key lags behind this machine', () => {
    const machine = { day: { beforeRead: 1.5, sinceRead: 0.2 }, week: { beforeRead: 1.5, sinceRead: 0.2 }, month: { beforeRead: 1.5, sinceRead: 0.2 } };
    const { windows } = compareKeySpend(keyInfo({ usageDailyUsd: 1.2, usageWeeklyUsd: 1.2, usageMonthlyUsd: 1.2 }), NOW - HOUR, NOW, machine);
    assert.deepEqual(windows.day, { window: 'day', machine: 1.7, key: 1.7, elsewhere: 0 });
  });

  it('does not carry a reading from before midnight UTC into the new day', () => {
    const machine = { day: { beforeRead: 0, sinceRead: 0.4 }, week: { beforeRead: 1, sinceRead: 0.4 }, month: { beforeRead: 1, sinceRead: 0.4 } };
    const readYesterday = Date.UTC(2026, 11, 8, 23, 59);
    const { windows } = compareKeySpend(keyInfo({ usageDailyUsd: 9, usageWeeklyUsd: 9, usageMonthlyUsd: 9 }), readYesterday, NOW, machine);
    assert.deepEqual(windows.day, { window: 'day', machine: 0.4, key: undefined, elsewhere: undefined });
    assert.equal(windows.week.key, 9.4, 'the week is the same one');
  });
});

describe('key-wide budgets', () => {
  const machine = { day: { beforeRead: 0.9, sinceRead: 0.1 }, week: { beforeRead: 0.9, sinceRead: 0.1 }, month: { beforeRead: 2, sinceRead: 0.1 } };
  const comparison = compareKeySpend(keyInfo({ usageDailyUsd: 4, usageWeeklyUsd: 4, usageMonthlyUsd: 5 }), NOW - HOUR, NOW, machine);

  it('counts the larger of the ledger and the whole key for today and the month, and the session as is', () => {
    const scoped = scopedSummary(summary(1, 2.1, 0.7), 'wholeKey', comparison);
    assert.equal(scoped.today.cost, 4.1);
    assert.equal(scoped.month.cost, 5.1);
    assert.equal(scoped.session.cost, 0.7);
    // The ledger's local day can hold more than the key's UTC day (a request before midnight UTC): it is kept.
    assert.equal(scopedSummary(summary(6, 6), 'wholeKey', comparison).today.cost, 6);
  });

  it('leaves the ledger alone for this machine, and without a reading of /key', () => {
    assert.deepEqual(scopedSummary(summary(1, 2), 'thisMachine', comparison), summary(1, 2));
    assert.deepEqual(scopedSummary(summary(1, 2), 'wholeKey', undefined), summary(1, 2));
  });

  it('blocks under wholeKey what this machine alone would send, and names the key-wide figure', () => {
    const budgets = { daily: 3 };
    const check = (scope: 'thisMachine' | 'wholeKey') =>
      checkRequest({ summary: scopedSummary(summary(1, 2.1), scope, comparison), budgets, worstCase: () => 0.01, maxTokens: 1000 });
    assert.equal(check('thisMachine').kind, 'allow');
    const blocked = check('wholeKey');
    assert.equal(blocked.kind, 'block');
    assert.equal(keyWideNote('daily', 'wholeKey', comparison), '$4.10 spent with this key today (UTC), $3.10 of it elsewhere.');
    assert.equal(keyWideNote('monthly', 'wholeKey', comparison), '$5.10 spent with this key this month (UTC), $3.00 of it elsewhere.');
    assert.equal(keyWideNote('session', 'wholeKey', comparison), undefined, 'the session budget is this window\'s own');
    assert.equal(keyWideNote('daily', 'thisMachine', comparison), undefined);
  });
});
