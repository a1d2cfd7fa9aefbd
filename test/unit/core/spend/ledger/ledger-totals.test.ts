import * as assert from 'node:assert/strict';
import { completionCost } from '../../../../../src/core/spend/cost';
import type { LedgerRecord } from '../../../../../src/core/spend/ledger/record';
import {
  cacheSavingsTotal,
  dayKey,
  filterRecords,
  largestRequests,
  monthKey,
  NO_MODEL,
  periodRange,
  spendSummary,
  tally,
  totalsByDay,
  totalsByModel,
  totalsByMonth,
  totalsByRequestedModel,
  totalsByWorkspace,
} from '../../../../../src/core/spend/ledger/totals';
import { BASE_TIME, makeRecord } from '../../../ledger-race/records';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();

/**
 * The golden ledger: a fallback, cached tokens, a cancelled stream priced as an estimate, a bring-your-own-key
 * request, a failed request, and a thousand tiny requests. The costs come from cost.ts, as the engine makes them.
 */
function goldenLedger(): LedgerRecord[] {
  const fallback = completionCost({ prompt_tokens: 900, completion_tokens: 250, cost: 0.004175 }, undefined);
  const cached = completionCost(
    { prompt_tokens: 10_000, completion_tokens: 500, prompt_tokens_details: { cached_tokens: 6_000 } },
    { prompt: 0.000003, completion: 0.000015, inputCacheRead: 0.0000003 },
  );
  const cancelled = completionCost({ prompt_tokens: 2_000, completion_tokens: 137 }, { prompt: 0.00000015, completion: 0.0000006 });
  const byok = completionCost({ prompt_tokens: 3_000, completion_tokens: 400, cost: 0.0000125, is_byok: true, cost_details: { upstream_inference_cost: 0.00025 } }, undefined);
  assert.deepEqual([fallback.totalUsd, cached.totalUsd, cancelled.totalUsd, byok.totalUsd], [0.004175, 0.0213, 0.0003822, 0.0002625]);
  return [
    makeRecord('fallback', {
      at: at(2026, 11, 24),
      requestedModel: 'anthropic/claude-sonnet-4',
      model: 'openai/gpt-4o',
      fallbackPath: ['anthropic/claude-sonnet-4', 'openai/gpt-4o'],
      promptTokens: 900,
      completionTokens: 250,
      cost: fallback.totalUsd,
    }),
    makeRecord('cached', {
      at: at(2026, 11, 25, 9),
      requestedModel: 'anthropic/claude-sonnet-4',
      model: 'anthropic/claude-sonnet-4',
      promptTokens: 10_000,
      completionTokens: 500,
      cachedTokens: 6_000,
      cost: cached.totalUsd,
      costSource: 'estimate',
      cacheSavings: 0.0162,
      workspace: 'api, "server"',
    }),
    makeRecord('cancelled', { at: at(2026, 11, 25, 10), promptTokens: 2_000, completionTokens: 137, cost: cancelled.totalUsd, costSource: 'estimate', outcome: 'cancelled' }),
    makeRecord('byok', { at: at(2026, 11, 25, 11), promptTokens: 3_000, completionTokens: 400, cost: byok.totalUsd, isByok: true, requestedModel: 'mistralai/mistral-large', model: 'mistralai/mistral-large' }),
    makeRecord('failed', { at: at(2026, 11, 25, 11), model: undefined, promptTokens: 0, completionTokens: 0, cost: 0, outcome: 'error', fallbackPath: [] }),
    ...[0.1, 0.2, 0.3].map((cost, i) => makeRecord(`tenth-${i}`, { at: at(2026, 10, 31), cost, promptTokens: 10, completionTokens: 1, workspace: 'old' })),
    ...Array.from({ length: 1000 }, (_, i) => makeRecord(`tiny-${i}`, { at: at(2026, 11, 25, 8), cost: 1e-7, promptTokens: 1, completionTokens: 1 })),
  ];
}

describe('ledger totals', () => {
  it('golden: the total is the exact decimal sum of a fallback, cached, cancelled, BYOK, failed and tiny requests', () => {
    const records = goldenLedger();
    const expected = 0.6262197; // 0.004175 + 0.0213 + 0.0003822 + 0.0002625 + 0 + 0.6 + 1000 × 0.0000001
    const total = tally(records);
    assert.ok(Math.abs(total.cost - expected) <= 1e-9);
    assert.equal(total.cost, expected, 'exactly, not merely within 1e-9');
    assert.equal(total.requests, 1008);
    assert.equal(total.promptTokens, 900 + 10_000 + 2_000 + 3_000 + 30 + 1000);
  });

  it('does not drift where a float sum does', () => {
    const records = Array.from({ length: 10_000 }, (_, i) => makeRecord(`r${i}`, { cost: 0.1 }));
    let naive = 0;
    for (const record of records) naive += record.cost;
    assert.notEqual(naive, 1000, 'a float sum drifts here');
    assert.equal(tally(records).cost, 1000);
    assert.equal(totalsByDay(records)[0]?.cost, 1000);
  });

  it('groups by local day and month, oldest first', () => {
    const records = goldenLedger();
    assert.deepEqual(totalsByDay(records).map((g) => [g.key, g.cost, g.requests]), [
      ['2026-10-31', 0.6, 3],
      ['2026-11-24', 0.004175, 1],
      ['2026-11-25', 0.0220447, 1004],
    ]);
    assert.deepEqual(totalsByMonth(records).map((g) => [g.key, g.cost]), [['2026-10', 0.6], ['2026-11', 0.0262197]]);
    assert.equal(dayKey(new Date(2026, 0, 5, 23, 59, 59).getTime()), '2026-01-05', 'local, not UTC');
    assert.equal(monthKey(new Date(2026, 11, 31, 23, 59).getTime()), '2026-12');
  });

  it('groups by the model asked for and the model that answered', () => {
    const records = goldenLedger();
    const used = totalsByModel(records);
    const requested = totalsByRequestedModel(records);
    assert.equal(used.find((g) => g.key === 'openai/gpt-4o')?.cost, 0.004175, 'the fallback counts for the model that answered');
    assert.equal(requested.find((g) => g.key === 'anthropic/claude-sonnet-4')?.cost, 0.025475, 'and for the one asked for');
    assert.equal(used.find((g) => g.key === NO_MODEL)?.requests, 1, 'a failed request with no model');
    assert.equal(used[0]?.key, 'openai/gpt-4o-mini', 'dearest first');
    assert.equal(tally(used.map((g) => makeRecord(g.key, { cost: g.cost }))).cost, tally(records).cost, 'groups add up to the total');
  });

  it('groups by workspace, with names containing commas and quotes', () => {
    const groups = totalsByWorkspace(goldenLedger());
    assert.deepEqual(groups.map((g) => g.key), ['old', 'api, "server"', 'project']);
    assert.equal(groups[1]?.cost, 0.0213);
  });

  it('summarises session, today and this month', () => {
    const records = goldenLedger();
    const session = new Set(['cancelled', 'byok']);
    const summary = spendSummary(records, { now: at(2026, 11, 25, 18), inSession: (r) => session.has(r.id) });
    assert.deepEqual(summary.session, { cost: 0.0006447, promptTokens: 5_000, completionTokens: 537, requests: 2 });
    assert.equal(summary.today.cost, 0.0220447);
    assert.equal(summary.today.requests, 1004);
    assert.equal(summary.month.cost, 0.0262197);
    assert.deepEqual(spendSummary(records, { now: at(2026, 12, 1) }), {
      session: { cost: 0, promptTokens: 0, completionTokens: 0, requests: 0 },
      today: { cost: 0, promptTokens: 0, completionTokens: 0, requests: 0 },
      month: { cost: 0, promptTokens: 0, completionTokens: 0, requests: 0 },
    });
  });

  it('lists the largest requests and the cache savings', () => {
    const records = goldenLedger();
    assert.deepEqual(largestRequests(records, 3).map((r) => r.id), ['tenth-2', 'tenth-1', 'tenth-0']);
    assert.deepEqual(largestRequests(records, 0), []);
    assert.equal(cacheSavingsTotal([...records, makeRecord('x', { cacheSavings: 0.1 }), makeRecord('y', { cacheSavings: 0.2 })]), 0.3162);
  });

  it('filters by time range, model and workspace', () => {
    const records = goldenLedger();
    const nov25 = periodRange(at(2026, 11, 25), 'day');
    assert.equal(filterRecords(records, nov25).length, 1004);
    assert.equal(filterRecords(records, { from: nov25.to }).length, 0, 'the end is exclusive');
    assert.equal(filterRecords(records, periodRange(at(2026, 10, 3), 'month')).length, 3);
    assert.deepEqual(filterRecords(records, { model: 'anthropic/claude-sonnet-4' }).map((r) => r.id), ['fallback', 'cached'], 'asked for or answered');
    assert.deepEqual(filterRecords(records, { model: 'openai/gpt-4o', workspace: 'project' }).map((r) => r.id), ['fallback']);
    assert.equal(filterRecords(records, { workspace: 'nowhere' }).length, 0);
    assert.equal(filterRecords([makeRecord('t', { at: BASE_TIME })], { from: BASE_TIME, to: BASE_TIME + 1 }).length, 1);
  });
});
