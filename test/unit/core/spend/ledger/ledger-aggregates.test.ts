// The aggregates against a full recomputation: every total the status bar, the budgets and the dashboard show must
// be what the old pass over every merged record gives, to the last digit, in any time zone.
import * as assert from 'node:assert/strict';
import { LedgerAggregates, type AggregatesData } from '../../../../../src/core/spend/ledger/aggregates';
import { mergeLedgers } from '../../../../../src/core/spend/ledger/ledger';
import type { LedgerRecord } from '../../../../../src/core/spend/ledger/record';
import { spendSummary } from '../../../../../src/core/spend/ledger/totals';
import { buildDashboard } from '../../../../../src/core/spend/dashboard/model';
import { buildDashboardFromAggregates } from '../../../../../src/core/spend/dashboard/from-aggregates';
import { DASHBOARD_RANGES, type DashboardFilter } from '../../../../../src/protocol/dashboard-state';
import { seeded } from '../../../file-store/memory-fs';
import { randomVersions, shuffled } from './random-ledger';

const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Pacific/Auckland', 'Asia/Kolkata'];

function inZone<T>(zone: string, run: () => T): T {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

function aggregatesOf(records: readonly LedgerRecord[]): LedgerAggregates {
  const aggregates = new LedgerAggregates();
  for (const record of records) aggregates.put(record);
  return aggregates;
}

/** Noon and the minutes around midnight of a few days of the year, daylight-saving days included. */
function moments(): number[] {
  const out: number[] = [];
  for (const [month, day] of [[0, 1], [2, 8], [2, 29], [3, 1], [5, 30], [9, 25], [10, 1], [11, 31]] as const) {
    out.push(new Date(2026, month, day, 12).getTime(), new Date(2026, month, day, 0, 0, 30).getTime(), new Date(2026, month, day, 23, 59, 30).getTime());
  }
  return out;
}

function filtersFor(records: readonly LedgerRecord[]): DashboardFilter[] {
  const filters: DashboardFilter[] = DASHBOARD_RANGES.map((range) => ({ range }));
  const someModel = records.find((record) => record.model !== undefined && record.model !== record.requestedModel);
  filters.push(
    { range: 'all', model: someModel?.model ?? 'openai/gpt-4o' },
    { range: 'all', model: someModel?.requestedModel ?? 'openai/gpt-4o' },
    { range: '90d', workspace: 'api' },
    { range: 'all', surface: 'panel' },
    { range: '30d', surface: 'vscode-chat', model: 'openai/gpt-4o-mini' },
    { range: 'all', model: 'nobody/asked-for-this' },
  );
  return filters;
}

function assertSameTotals(aggregates: LedgerAggregates, merged: readonly LedgerRecord[], now: number, message: string): void {
  for (const session of ['session-a', 'session-b', 'session-none']) {
    const expected = spendSummary(merged, { now, inSession: (record) => record.session === session });
    assert.deepEqual(aggregates.summary(now, session), expected, `${message}, ${session}, now ${new Date(now).toString()}`);
  }
}

function assertSameDashboard(aggregates: LedgerAggregates, merged: readonly LedgerRecord[], now: number, message: string): void {
  for (const filter of filtersFor(merged)) {
    const expected = buildDashboard({ records: merged, filter, now });
    const actual = buildDashboardFromAggregates({ aggregates, filter, now });
    assert.deepEqual(actual, expected, `${message}, filter ${JSON.stringify(filter)}, now ${new Date(now).toString()}`);
  }
}

describe('ledger aggregates', () => {
  it('equal a full recomputation over random ledgers, read in any order, in several time zones', () => {
    for (const zone of ZONES) {
      inZone(zone, () => {
        for (const seed of [1, 2, 3]) {
          const random = seeded(seed * 7919 + zone.length);
          const versions = randomVersions(random, 300);
          const merged = mergeLedgers([versions]);
          const aggregates = aggregatesOf(shuffled(random, versions));
          assert.equal(aggregates.size, merged.length);
          for (const now of moments()) assertSameTotals(aggregates, merged, now, `${zone} seed ${seed}`);
          for (const now of moments().filter((_, i) => i % 6 === 0)) assertSameDashboard(aggregates, merged, now, `${zone} seed ${seed}`);
        }
      });
    }
  });

  it('puts each request on its local day: 23:59 and 00:00 are different days, whatever the zone', () => {
    for (const zone of ZONES) {
      inZone(zone, () => {
        const before = new Date(2026, 2, 29, 23, 59, 59, 999).getTime();
        const after = before + 1;
        const aggregates = aggregatesOf(randomVersions(seeded(5), 0).concat([
          { ...base('late'), at: before, cost: 1 },
          { ...base('early'), at: after, cost: 2 },
        ]));
        assert.equal(aggregates.summary(before, undefined).today.cost, 1, zone);
        assert.equal(aggregates.summary(after, undefined).today.cost, 2, zone);
        assert.equal(aggregates.summary(after, undefined).month.cost, 3, `${zone}: both days are in March`);
        const april = new Date(2026, 2, 31, 23, 59, 59, 999).getTime() + 1;
        assert.equal(aggregates.summary(april, undefined).month.cost, 0, `${zone}: April starts at local midnight`);
      });
    }
  });

  it('keys every day again when the time zone changes, and then agrees with a recomputation in the new zone', () => {
    const random = seeded(42);
    const versions = randomVersions(random, 400);
    const merged = mergeLedgers([versions]);
    const aggregates = inZone('Pacific/Auckland', () => aggregatesOf(versions));
    inZone('America/Los_Angeles', () => {
      for (const now of moments()) assertSameTotals(aggregates, merged, now, 'after moving from Auckland to Los Angeles');
      assertSameDashboard(aggregates, merged, new Date(2026, 11, 31, 12).getTime(), 'after moving');
    });
  });

  it('takes a replaced version out of the totals: an estimate settled to the exact cost, a model filled in', () => {
    const aggregates = new LedgerAggregates();
    const estimate = { ...base('x'), cost: 0.5, costSource: 'estimate' as const, model: undefined, outcome: 'cancelled' as const };
    assert.equal(aggregates.put(estimate), 'added');
    const exact = { ...estimate, cost: 0.25, costSource: 'exact' as const, model: 'openai/gpt-4o' };
    assert.equal(aggregates.put(exact), 'replaced');
    assert.equal(aggregates.put(estimate), 'kept', 'a stale estimate never undoes the settlement');
    const now = estimate.at;
    assert.deepEqual(aggregates.summary(now, undefined).today, { cost: 0.25, promptTokens: exact.promptTokens, completionTokens: exact.completionTokens, requests: 1 });
    const state = buildDashboardFromAggregates({ aggregates, filter: { range: 'all' }, now });
    assert.deepEqual(state.models.table.map((row) => [row.model, row.requests]), [['openai/gpt-4o', 1]]);
    assert.equal(state.totals.estimatedRequests, 0);
  });

  it('survive a round trip through their persisted form unchanged', () => {
    const random = seeded(9);
    const versions = randomVersions(random, 200);
    const merged = mergeLedgers([versions]);
    const aggregates = aggregatesOf(versions);
    const data = JSON.parse(JSON.stringify(aggregates.toData())) as AggregatesData;
    const restored = LedgerAggregates.fromData(data);
    assert.ok(restored);
    for (const now of moments()) assertSameTotals(restored, merged, now, 'restored');
    assertSameDashboard(restored, merged, new Date(2026, 6, 1).getTime(), 'restored');
    restored.put({ ...base('after-restore'), at: new Date(2026, 6, 1, 9).getTime(), cost: 0.125, session: 'session-a' });
    assertSameTotals(restored, mergeLedgers([merged, [{ ...base('after-restore'), at: new Date(2026, 6, 1, 9).getTime(), cost: 0.125, session: 'session-a' }]]), new Date(2026, 6, 1).getTime(), 'restored, then appended');
  });

  it('refuse persisted data whose columns disagree', () => {
    const data = aggregatesOf(randomVersions(seeded(3), 20)).toData();
    assert.equal(LedgerAggregates.fromData({ ...data, records: { ...data.records, at: data.records.at.slice(1) } }), undefined);
    assert.equal(LedgerAggregates.fromData({ ...data, records: { ...data.records, cell: data.records.cell.map(() => 10_000) } }), undefined);
  });
});

function base(id: string): LedgerRecord {
  return randomVersions(seeded(id.length), 1, id)[0] as LedgerRecord;
}
