import * as assert from 'node:assert/strict';
import { buildDashboard, csvFileName, dashboardRecords, LARGEST_REQUESTS } from '../../../../../src/core/spend/dashboard/model';
import { MODEL_CHART_ROWS } from '../../../../../src/core/spend/dashboard/models';
import type { DashboardFilter } from '../../../../../src/protocol/dashboard-state';
import type { LedgerRecord } from '../../../../../src/core/spend/ledger/record';
import { sumUsd } from '../../../../../src/core/spend/usd';
import { HostToDashboard } from '../../../../../src/protocol/dashboard';
import { makeRecord } from '../../../ledger-race/records';

const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const NOW = at(2026, 11, 25, 15, 30);

function build(records: readonly LedgerRecord[], filter: Partial<DashboardFilter> = {}, now = NOW) {
  return buildDashboard({ records, filter: { range: '30d', ...filter }, now });
}

/** A month of usage: three models, a fallback, cached tokens with known savings, an estimate, a failure. */
function ledger(): LedgerRecord[] {
  return [
    makeRecord('old', { at: at(2026, 9, 1), cost: 5, model: 'openai/gpt-4o', requestedModel: 'openai/gpt-4o' }),
    makeRecord('a', { at: at(2026, 10, 27, 9), cost: 0.0123, promptTokens: 1000, completionTokens: 200 }),
    makeRecord('b', {
      at: at(2026, 11, 3, 10), cost: 0.0213, promptTokens: 10_000, cachedTokens: 6_000, completionTokens: 500, cacheSavings: 0.0162,
      model: 'anthropic/claude-sonnet-4', requestedModel: 'anthropic/claude-sonnet-4', workspace: 'api',
    }),
    makeRecord('c', {
      at: at(2026, 11, 3, 11), cost: 0.004175, model: 'openai/gpt-4o', requestedModel: 'anthropic/claude-sonnet-4',
      fallbackPath: ['anthropic/claude-sonnet-4', 'openai/gpt-4o'],
    }),
    makeRecord('d', { at: at(2026, 11, 25, 8), cost: 0.0003822, costSource: 'estimate', outcome: 'cancelled' }),
    makeRecord('e', { at: at(2026, 11, 25, 9), cost: 0, model: undefined, outcome: 'error', promptTokens: 0, completionTokens: 0 }),
  ];
}

describe('usage dashboard view model', () => {
  it('has one bar per day of the range, oldest first, today last, empty days included', () => {
    const state = build(ledger());
    const bars = state.spend.bars;
    assert.equal(state.spend.bucket, 'day');
    assert.equal(bars.length, 30);
    assert.equal(bars[0]?.key, '2026-10-27');
    assert.equal(bars.at(-1)?.key, '2026-11-25');
    assert.deepEqual(bars.filter((bar) => bar.current).map((bar) => bar.key), ['2026-11-25']);
    assert.equal(new Set(bars.map((bar) => bar.key)).size, 30, 'no day twice');
    const empty = bars.find((bar) => bar.key === '2026-11-10');
    assert.deepEqual([empty?.cost, empty?.requests, empty?.fraction, empty?.title], [0, 0, 0, 'Nov 10: no requests']);
    const nov3 = bars.find((bar) => bar.key === '2026-11-03');
    assert.equal(nov3?.cost, 0.025475);
    assert.equal(nov3?.title, 'Nov 3: $0.0255, 2 requests');
    assert.equal(bars[state.spend.peak ?? -1]?.key, '2026-11-03', 'the dearest day is the peak');
    assert.equal(nov3?.fraction, 0.025475 / state.spend.axis.max);
    assert.deepEqual(bars.slice(4, 7).map((bar) => bar.tick), ['31', 'Nov', '2'], 'the 1st of a month shows the month name');
    assert.match(state.spend.summary, /^Spend per day, Oct 27 to Nov 25: \$0\.0382 in total over 30 days, 3 with spend; highest \$0\.0255 on Nov 3\.$/);
  });

  it('spans 7 and 90 days, this month up to today, and all time by day or by month', () => {
    const records = ledger();
    assert.equal(build(records, { range: '7d' }).spend.bars.length, 7);
    assert.equal(build(records, { range: '90d' }).spend.bars.length, 90);
    const month = build(records, { range: 'month' });
    assert.deepEqual([month.spend.bars[0]?.key, month.spend.bars.length], ['2026-11-01', 25]);
    assert.equal(month.totals.cost, sumUsd([0.0213, 0.004175, 0.0003822, 0]));
    const all = build(records, { range: 'all' });
    assert.equal(all.spend.bucket, 'day', 'Sep 1 to Nov 25 is 86 days');
    assert.equal(all.spend.bars.length, 86);
    assert.equal(all.spend.bars[0]?.key, '2026-09-01');
    const long = build([...records, makeRecord('ancient', { at: at(2025, 2, 14), cost: 1 })], { range: 'all' });
    assert.equal(long.spend.bucket, 'month');
    assert.deepEqual([long.spend.bars[0]?.key, long.spend.bars.at(-1)?.key, long.spend.bars.length], ['2025-02', '2026-11', 22]);
    assert.equal(long.spend.bars[0]?.label, 'Feb 2025');
    assert.equal(long.rangeLabel, 'All time · Feb 2025 – Nov 2026');
    assert.equal(build([], { range: 'all' }).spend.bars.length, 1, 'an empty ledger still shows today');
  });

  it('keeps whole local days across a daylight-saving change', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      // US daylight saving ends on 2026-11-01: that day has 25 hours.
      const now = new Date(2026, 10, 5, 12).getTime();
      const state = buildDashboard({ records: [makeRecord('x', { at: new Date(2026, 10, 1, 23, 30).getTime() })], filter: { range: '7d' }, now });
      assert.deepEqual(state.spend.bars.map((bar) => bar.key), ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']);
      assert.equal(state.spend.bars[2]?.requests, 1, 'a late-evening request stays on its own day');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('totals are exact decimal sums, where a float sum drifts', () => {
    const records = Array.from({ length: 1000 }, (_, i) => makeRecord(`r${i}`, { at: at(2026, 11, 20 + (i % 5)), cost: 0.1 }));
    let naive = 0;
    for (const record of records) naive += record.cost;
    assert.notEqual(naive, 100);
    const state = build(records);
    assert.equal(state.totals.cost, 100);
    assert.equal(state.totals.cost, sumUsd(records.map((record) => record.cost)));
    assert.equal(sumUsd(state.spend.bars.map((bar) => bar.cost)), 100, 'the days add up to the total');
    assert.equal(state.totals.costLabel, '$100.00');
    assert.equal(state.models.table[0]?.cost, 100);
    assert.equal(state.totals.perDayLabel, '$3.33');
  });

  it('totals the range: requests, tokens, estimates, failures, savings', () => {
    const totals = build(ledger()).totals;
    assert.equal(totals.cost, sumUsd([0.0123, 0.0213, 0.004175, 0.0003822, 0]));
    assert.equal(totals.requests, 5);
    assert.equal(totals.promptTokens, 1000 + 10_000 + 1200 + 1200 + 0);
    assert.equal(totals.cachedTokens, 6000);
    assert.deepEqual([totals.estimatedRequests, totals.estimatedCost, totals.estimatedCostLabel], [1, 0.0003822, '$0.000382']);
    assert.equal(totals.failedRequests, 2, 'the error and the cancelled request');
    assert.equal(totals.cacheSavings, 0.0162);
  });

  it('per model: dearest first, shares, bar fractions and token segments', () => {
    const { models } = build(ledger());
    assert.deepEqual(models.table.map((row) => row.model), ['anthropic/claude-sonnet-4', 'openai/gpt-4o-mini', 'openai/gpt-4o', '(none)']);
    const [sonnet, mini] = models.table;
    assert.equal(sonnet?.costFraction, 1);
    assert.equal(mini?.costFraction, (0.0123 + 0.0003822) / 0.0213);
    assert.equal(mini?.cost, 0.0126822);
    assert.equal(sonnet?.shareLabel, '56%');
    assert.deepEqual([sonnet?.uncachedFraction, sonnet?.cachedFraction, sonnet?.completionFraction], [4000 / 10_500, 6000 / 10_500, 500 / 10_500]);
    assert.equal(sonnet?.tokensLabel, '11k');
    assert.equal(sonnet?.title, 'anthropic/claude-sonnet-4: $0.0213 (56% of spend), 1 request, 11k tokens (10k in, 6.0k cached, 500 out)');
    assert.equal(models.chart.length, 4, 'few models: the chart shows them all');
    assert.match(models.costSummary, /^Spend by model: anthropic\/claude-sonnet-4 \$0\.0213 \(56%\); openai\/gpt-4o-mini \$0\.0127 \(33%\); openai\/gpt-4o \$0\.00417 \(11%\); and 1 more model\.$/);
  });

  it('folds the cheapest models into one row when there are too many for a chart', () => {
    const records = Array.from({ length: 12 }, (_, i) => makeRecord(`m${i}`, { at: at(2026, 11, 24), model: `vendor/model-${String(i).padStart(2, '0')}`, cost: (12 - i) / 1000 }));
    const { models } = build(records);
    assert.equal(models.table.length, 12);
    assert.equal(models.chart.length, MODEL_CHART_ROWS);
    const other = models.chart.at(-1);
    assert.deepEqual([other?.other, other?.model, other?.requests], [true, '5 other models', 5]);
    assert.equal(other?.cost, sumUsd([0.005, 0.004, 0.003, 0.002, 0.001]));
    assert.deepEqual(models.chart.map((row) => row.costFraction).slice(0, 2), [0.012 / other!.cost, 0.011 / other!.cost], 'bars are relative to the longest row');
    assert.equal(other?.costFraction, 1, 'here the folded row is the longest');
  });

  it('savings by model and by day: what reads saved, what writes cost beyond the prompt price, and a cache that did not pay', () => {
    const records = [
      makeRecord('w1', { at: at(2026, 11, 20, 9), model: 'anthropic/claude-sonnet-4', cacheWriteExtra: 0.003, cacheWriteTokens: 4000 }),
      makeRecord('r1', { at: at(2026, 11, 21, 9), model: 'anthropic/claude-sonnet-4', cachedTokens: 800, cacheSavings: 0.0072 }),
      makeRecord('w2', { at: at(2026, 11, 22, 9), model: 'google/gemini-2.5-flash', cacheWriteExtra: 0.0005, cacheWriteTokens: 1000 }),
    ];
    const { savings } = build(records);
    assert.equal(savings.writeExtra, 0.0035);
    assert.deepEqual(savings.byDay.map((row) => [row.key, row.saved, row.writeExtra, row.net, row.costlier]), [
      ['2026-11-22', 0, 0.0005, -0.0005, true],
      ['2026-11-21', 0.0072, 0, 0.0072, false],
      ['2026-11-20', 0, 0.003, -0.003, true],
    ]);
    assert.equal(savings.byDay[0]?.label, 'Nov 22, 2026');
    assert.deepEqual(savings.modelTable.map((row) => [row.key, row.saved, row.writeExtra, row.netLabel, row.costlier]), [
      ['anthropic/claude-sonnet-4', 0.0072, 0.003, '$0.0042', false],
      ['google/gemini-2.5-flash', 0, 0.0005, '−$0.0005', true],
    ]);
    assert.match(savings.summary, /Cache writes cost \$0\.0035 beyond the prompt price, which the reads more than paid back\.$/);
    const unpaid = build(records.filter((record) => record.id !== 'r1')).savings;
    assert.match(unpaid.summary, /Cache writes cost \$0\.0035 beyond the prompt price: \$0\.0035 more than cached reads saved\.$/);
    assert.ok(HostToDashboard.safeParse({ type: 'dashboard/state', state: build(records) }).success, 'the state still parses at the boundary');
  });

  it('savings from cached tokens: what the requests would have cost, and the share saved', () => {
    const { savings } = build(ledger());
    assert.equal(savings.known, true);
    assert.equal(savings.spent, sumUsd([0.0123, 0.0213, 0.004175, 0.0003822]));
    assert.equal(savings.withoutCache, sumUsd([savings.spent, 0.0162]));
    assert.equal(savings.savedFraction, 0.0162 / savings.withoutCache);
    assert.deepEqual(savings.byModel.map((row) => [row.model, row.cacheSavings, row.savingsFraction]), [['anthropic/claude-sonnet-4', 0.0162, 1]]);
    assert.match(savings.summary, /^Caching saved \$0\.0162: these requests cost \$0\.0382 instead of \$0\.0544 \(30% less\)\. 6,000 of 13,400 input tokens \(45%\) were read from a cache\.$/);

    const unknown = build([makeRecord('x', { at: at(2026, 11, 24), cachedTokens: 500 })]).savings;
    assert.deepEqual([unknown.known, unknown.total, unknown.savedFraction], [false, 0, 0]);
    assert.match(unknown.summary, /^No request in this range recorded what caching saved\. 500 of 1,200 input tokens/);
    const dearer = build([makeRecord('w', { at: at(2026, 11, 24), cacheSavings: -0.002 })]).savings;
    assert.equal(dearer.savedFraction, 0);
    assert.match(dearer.summary, /^Writing to the cache cost \$0\.002 more than cached reads saved\./);
  });

  it('lists the largest requests: dearest first, with the model asked for and the cost source', () => {
    const records = [...ledger(), ...Array.from({ length: 15 }, (_, i) => makeRecord(`s${i}`, { at: at(2026, 11, 20, 10, i), cost: 0.00001 * (i + 1) }))];
    const { largest } = build(records);
    assert.equal(largest.length, LARGEST_REQUESTS);
    assert.deepEqual(largest.slice(0, 3).map((r) => r.id), ['b', 'a', 'c']);
    const fallback = largest[2];
    assert.deepEqual([fallback?.model, fallback?.requestedModel, fallback?.timeLabel, fallback?.costLabel], ['openai/gpt-4o', 'anthropic/claude-sonnet-4', 'Nov 3, 11:00', '$0.00417']);
    assert.equal(largest[0]?.requestedModel, undefined, 'no "asked for" when the same model answered');
    assert.equal(largest[0]?.tokensLabel, '10,000 in, 500 out');
    const estimate = build(ledger()).largest.find((r) => r.id === 'd');
    assert.deepEqual([estimate?.costSource, estimate?.outcome], ['estimate', 'cancelled']);
  });

  it('filters by model (asked for or answered) and by workspace, and offers every choice', () => {
    const records = ledger();
    const sonnet = build(records, { model: 'anthropic/claude-sonnet-4' });
    assert.deepEqual(sonnet.largest.map((r) => r.id).sort(), ['b', 'c'], 'the fallback request was asked of sonnet');
    assert.equal(sonnet.totals.cost, sumUsd([0.0213, 0.004175]));
    const api = build(records, { workspace: 'api' });
    assert.deepEqual([api.totals.requests, api.totals.cost], [1, 0.0213]);
    assert.deepEqual(api.byWorkspace.map((row) => [row.workspace, row.shareLabel]), [['api', '100%']]);
    assert.deepEqual(build(records).modelChoices, ['anthropic/claude-sonnet-4', 'openai/gpt-4o', 'openai/gpt-4o-mini']);
    assert.deepEqual(build(records).workspaceChoices, ['api', 'project']);
    const gone = build(records, { model: 'x/removed' });
    assert.ok(gone.modelChoices.includes('x/removed'), 'the picked model stays a choice');
    assert.deepEqual([gone.rangeEmpty, gone.ledgerEmpty, gone.totals.requests, gone.spend.peak], [true, false, 0, undefined]);
    assert.match(gone.spend.summary, /nothing spent in 30 days/);
    assert.equal(build([]).ledgerEmpty, true);
  });

  it('filters by surface: the panel (older records included) or VS Code chat, with the other filters', () => {
    const records = [
      ...ledger(),
      makeRecord('chat-1', { at: at(2026, 11, 24, 10), cost: 0.002, surface: 'vscode-chat', initiator: 'github.copilot-chat' }),
      makeRecord('chat-2', { at: at(2026, 11, 24, 11), cost: 0.003, surface: 'vscode-chat', workspace: 'api' }),
      makeRecord('panel-1', { at: at(2026, 11, 24, 12), cost: 0.001, surface: 'panel' }),
    ];
    const chat = build(records, { surface: 'vscode-chat' });
    assert.deepEqual([chat.totals.requests, chat.totals.cost], [2, 0.005]);
    assert.deepEqual(chat.filter, { range: '30d', surface: 'vscode-chat' });
    const panel = build(records, { surface: 'panel' });
    assert.deepEqual(panel.largest.map((r) => r.id).sort(), ['a', 'b', 'c', 'd', 'e', 'panel-1']);
    assert.deepEqual(build(records, { surface: 'vscode-chat', workspace: 'api' }).largest.map((r) => r.id), ['chat-2']);
    assert.equal(build(records).totals.requests, 8);
    assert.deepEqual(dashboardRecords(records, { range: 'all', surface: 'vscode-chat' }, NOW).map((r) => r.id), ['chat-1', 'chat-2'], 'the export follows the filter');
    assert.ok(HostToDashboard.safeParse({ type: 'dashboard/state', state: chat }).success);
  });

  it('selects and orders the records to export, and names the file by the local date', () => {
    const records = ledger().reverse();
    assert.deepEqual(dashboardRecords(records, { range: '30d' }, NOW).map((r) => r.id), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(dashboardRecords(records, { range: 'all', workspace: 'api' }, NOW).map((r) => r.id), ['b']);
    assert.equal(csvFileName(at(2026, 1, 5, 0, 5)), 'openrouter-usage-2026-01-05.csv');
  });

  it('labels the range', () => {
    assert.equal(build(ledger()).rangeLabel, 'Last 30 days · Oct 27 – Nov 25, 2026');
    assert.equal(build(ledger(), { range: '7d' }, at(2027, 1, 3)).rangeLabel, 'Last 7 days · Dec 28, 2026 – Jan 3, 2027');
    assert.equal(build([], { range: 'all' }).rangeLabel, 'All time · no requests yet');
    assert.equal(build(ledger()).generatedLabel, 'Updated Nov 25, 15:30');
  });

  it('posts as a valid dashboard/state message, and the catalogue refuses what it does not know', () => {
    const many = [...ledger(), ...Array.from({ length: 40 }, (_, i) => makeRecord(`x${i}`, { at: at(2026, 11, 1 + (i % 25)), model: `v/m${i}`, cacheSavings: 0.0001 }))];
    for (const range of ['7d', '30d', '90d', 'month', 'all'] as const) {
      const parsed = HostToDashboard.safeParse({ type: 'dashboard/state', state: build(many, { range }) });
      assert.ok(parsed.success, `${range}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues[0])}`);
    }
    assert.equal(HostToDashboard.safeParse({ type: 'dashboard/state', state: { ...build([]), totals: null } }).success, false);
    assert.equal(HostToDashboard.safeParse({ type: 'dashboard/delta' }).success, false);
  });
});
