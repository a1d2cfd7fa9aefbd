// The dashboard's Comparisons card, from the records and from the aggregates (which must agree figure for figure),
// and the aggregates' record of which requests were compared, through their persisted form.
import * as assert from 'node:assert/strict';
import { buildDashboard } from '../../../../../src/core/spend/dashboard/model';
import { buildDashboardFromAggregates } from '../../../../../src/core/spend/dashboard/from-aggregates';
import { COMPARISON_ROWS } from '../../../../../src/core/spend/dashboard/comparisons';
import { LedgerAggregates, type AggregatesData } from '../../../../../src/core/spend/ledger/aggregates';
import { parseSnapshot, serialiseSnapshot } from '../../../../../src/core/spend/ledger/aggregate-file';
import type { LedgerRecord } from '../../../../../src/core/spend/ledger/record';
import type { DashboardFilter, DashboardState } from '../../../../../src/protocol/dashboard-state';
import { HostToDashboard } from '../../../../../src/protocol/dashboard';
import { sumUsd } from '../../../../../src/core/spend/usd';
import { makeRecord } from '../../../ledger-race/records';

const at = (y: number, m: number, d: number, h = 12, min = 0, s = 0) => new Date(y, m - 1, d, h, min, s).getTime();
const NOW = at(2026, 11, 25, 15, 30);
const GPT = 'openai/gpt-4o';
const CLAUDE = 'anthropic/claude-sonnet-4';
const GEMINI = 'google/gemini-2.5-pro';

function column(id: string, comparisonId: string, model: string, fields: Parameters<typeof makeRecord>[1] = {}): LedgerRecord {
  return makeRecord(id, { comparisonId, requestedModel: model, model, fallbackPath: [model], ...fields });
}

/** Both ways of building the dashboard, checked to agree, and the state posted to the page checked to parse. */
function build(records: readonly LedgerRecord[], filter: Partial<DashboardFilter> = {}): DashboardState {
  const full: DashboardFilter = { range: '30d', ...filter };
  const fromRecords = buildDashboard({ records, filter: full, now: NOW });
  const aggregates = new LedgerAggregates();
  for (const record of records) aggregates.put(record);
  const fromAggregates = buildDashboardFromAggregates({ aggregates, filter: full, now: NOW });
  assert.deepEqual(fromAggregates, fromRecords, 'the aggregates agree with a pass over the records');
  assert.ok(HostToDashboard.safeParse({ type: 'dashboard/state', state: fromAggregates }).success, 'the state parses');
  return fromAggregates;
}

/** Three models asked the same prompt on Nov 20, one column failed and was rerun. */
function threeModels(): LedgerRecord[] {
  return [
    column('g1', 'cmp-a', GPT, { at: at(2026, 11, 20, 14, 3, 5), cost: 0.0125, promptTokens: 1000, completionTokens: 400, durationMs: 4200 }),
    column('c1', 'cmp-a', CLAUDE, { at: at(2026, 11, 20, 14, 3, 9), cost: 0.03, promptTokens: 1000, completionTokens: 650, durationMs: 8100 }),
    column('m1', 'cmp-a', GEMINI, { at: at(2026, 11, 20, 14, 3, 2), cost: 0.0004, promptTokens: 1000, completionTokens: 0, outcome: 'error' }),
    column('m2', 'cmp-a', GEMINI, { at: at(2026, 11, 20, 14, 5), cost: 0.002, promptTokens: 1000, completionTokens: 300, durationMs: 2500 }),
  ];
}

describe('the dashboard\'s comparisons', () => {
  it('lists a comparison of three models: each model\'s cost, tokens and time, and the total', () => {
    const state = build([...threeModels(), makeRecord('ordinary', { at: at(2026, 11, 20, 15), cost: 1 })]);
    const { comparisons } = state;
    assert.equal(comparisons.count, 1);
    assert.equal(comparisons.cost, sumUsd([0.0125, 0.03, 0.0004, 0.002]), 'the ordinary request is not part of it');
    const [row] = comparisons.rows;
    assert.ok(row);
    assert.equal(row.id, 'cmp-a');
    assert.equal(row.whenLabel, 'Nov 20, 14:03');
    assert.equal(row.title, `${CLAUDE} vs ${GPT} vs ${GEMINI}`, 'named by its models, dearest first');
    assert.deepEqual(row.models.map((m) => [m.model, m.costLabel, m.tokensLabel, m.durationLabel, m.requests]), [
      [CLAUDE, '$0.0300', '1.0k in, 650 out', '8.1 s', 1],
      [GPT, '$0.0125', '1.0k in, 400 out', '4.2 s', 1],
      [GEMINI, '$0.0024', '2.0k in, 300 out', '2.5 s', 2],
    ]);
    assert.equal(row.costLabel, '$0.0449');
    assert.equal(row.requests, 4);
    assert.equal(row.summary, `Nov 20, 14:03: ${CLAUDE} $0.0300, 1.0k in, 650 out, 8.1 s; ${GPT} $0.0125, 1.0k in, 400 out, 4.2 s; ` +
      `${GEMINI} $0.0024, 2.0k in, 300 out, 2.5 s. Total $0.0449.`);
    assert.equal(comparisons.summary, '1 comparison in this range, $0.0449 in total.');
  });

  it('counts a failed request of a comparison as the ledger counts failures: a request, its cost, one failure', () => {
    const records = threeModels().filter((record) => record.id !== 'm2');
    const state = build(records);
    const [row] = state.comparisons.rows;
    const gemini = row?.models.find((m) => m.model === GEMINI);
    assert.deepEqual([gemini?.outcome, gemini?.failedRequests, gemini?.durationLabel, gemini?.costLabel], ['error', 1, '—', '$0.0004']);
    assert.equal(row?.failedRequests, 1);
    assert.equal(row?.cost, sumUsd([0.0125, 0.03, 0.0004]));
    assert.equal(state.totals.failedRequests, 1, 'the totals card counts the same failure');
    assert.equal(state.totals.cost, row?.cost, 'and the same money');
  });

  it('applies the period filter: comparisons and requests outside the range are left out, newest first', () => {
    const records = [
      ...threeModels(),
      column('old1', 'cmp-old', GPT, { at: at(2026, 10, 1), cost: 0.5 }),
      column('old2', 'cmp-old', CLAUDE, { at: at(2026, 10, 1), cost: 0.25 }),
      column('new1', 'cmp-new', GPT, { at: at(2026, 11, 24, 9), cost: 0.001 }),
      column('new2', 'cmp-new', GEMINI, { at: at(2026, 11, 24, 9), cost: 0.002 }),
    ];
    assert.deepEqual(build(records).comparisons.rows.map((row) => row.id), ['cmp-new', 'cmp-a']);
    assert.deepEqual(build(records, { range: '7d' }).comparisons.rows.map((row) => row.id), ['cmp-new', 'cmp-a']);
    assert.deepEqual(build(records, { range: 'all' }).comparisons.rows.map((row) => row.id), ['cmp-new', 'cmp-a', 'cmp-old']);
    const straddling = [column('s1', 'cmp-s', GPT, { at: at(2026, 10, 26, 23, 59), cost: 0.1 }), column('s2', 'cmp-s', CLAUDE, { at: at(2026, 10, 27, 0, 0, 1), cost: 0.2 })];
    const cut = build(straddling).comparisons.rows[0];
    assert.deepEqual([cut?.title, cut?.cost], [CLAUDE, 0.2], 'only the part of a comparison inside the range counts');
    assert.equal(build(records, { range: 'month' }).comparisons.count, 2);
  });

  it('shows nothing for old records without a comparison id, and no time where the ledger has none', () => {
    const old = [makeRecord('x', { at: at(2026, 11, 20) }), makeRecord('y', { at: at(2026, 11, 21), model: GPT, requestedModel: GPT })];
    const none = build(old).comparisons;
    assert.deepEqual([none.count, none.rows, none.summary], [0, [], 'No comparisons in this range.']);
    const withoutTimes = build([...old, column('a', 'cmp', GPT, { at: at(2026, 11, 22) }), column('b', 'cmp', CLAUDE, { at: at(2026, 11, 22) })]);
    assert.deepEqual(withoutTimes.comparisons.rows[0]?.models.map((m) => [m.durationLabel, 'durationMs' in m]), [['—', false], ['—', false]]);
  });

  it('keeps a comparison of many long model ids within what the page accepts', () => {
    const models = Array.from({ length: 60 }, (_, i) => `vendor-${i}/${'x'.repeat(180)}`);
    const row = build(models.map((model, i) => column(`l${i}`, 'cmp-long', model, { at: at(2026, 11, 24), cost: (i + 1) / 1000 }))).comparisons.rows[0];
    assert.equal(row?.models.length, 50, 'the dearest fifty models');
    assert.equal(row?.title.length, 1000);
    assert.ok(row?.title.endsWith('…'));
    assert.equal(row?.cost, sumUsd(models.map((_, i) => (i + 1) / 1000)), 'the total still counts every request');
  });

  it('lists the newest comparisons only, but counts and totals them all', () => {
    const records = Array.from({ length: COMPARISON_ROWS + 5 }, (_, i) => column(`r${i}`, `cmp-${i}`, GPT, { at: NOW - 60_000 * (i + 1), cost: 0.001 }));
    const { comparisons } = build(records);
    assert.equal(comparisons.rows.length, COMPARISON_ROWS);
    assert.equal(comparisons.count, COMPARISON_ROWS + 5);
    assert.equal(comparisons.rows[0]?.id, 'cmp-0');
    assert.match(comparisons.summary, new RegExp(`^${COMPARISON_ROWS + 5} comparisons in this range, \\$0\\.1050 in total; the newest ${COMPARISON_ROWS} are listed\\.$`));
  });

  it('keep which requests were compared through the persisted snapshot, and refuse a snapshot from before', () => {
    const aggregates = new LedgerAggregates();
    for (const record of threeModels()) aggregates.put(record);
    aggregates.put(makeRecord('plain', { at: at(2026, 11, 20) }));
    const text = serialiseSnapshot({ covered: [], data: aggregates.toData() });
    const snapshot = parseSnapshot(text);
    assert.ok(snapshot);
    const restored = LedgerAggregates.fromData(JSON.parse(JSON.stringify(snapshot.data)) as AggregatesData);
    assert.ok(restored);
    const filter: DashboardFilter = { range: '30d' };
    assert.deepEqual(buildDashboardFromAggregates({ aggregates: restored, filter, now: NOW }).comparisons, buildDashboardFromAggregates({ aggregates, filter, now: NOW }).comparisons);
    assert.equal(restored.comparisons.size, 4);
    // A snapshot written before comparisons were kept is rebuilt from the ledger, so old comparisons show too.
    const header = text.slice(0, text.indexOf('\n'));
    const older = text.replace(header, header.replace(/"version":\d+/, '"version":2'));
    assert.equal(parseSnapshot(older), undefined);
    const data = aggregates.toData();
    assert.equal(LedgerAggregates.fromData({ ...data, comparisons: { ...data.comparisons, slots: data.comparisons.slots.map(() => 10_000) } }), undefined);
  });

  it('forgets a request whose newer version is not compared, and keeps the rest through the snapshot', () => {
    const records = threeModels();
    const aggregates = new LedgerAggregates();
    for (const record of records) aggregates.put({ ...record, costSource: 'estimate' });
    const first = records[0] as LedgerRecord;
    const { comparisonId: _dropped, ...untagged } = first;
    aggregates.put(untagged);
    assert.equal(aggregates.comparisons.size, 3);
    const restored = LedgerAggregates.fromData(JSON.parse(JSON.stringify(aggregates.toData())) as AggregatesData);
    assert.ok(restored);
    for (const kept of [aggregates, restored]) {
      const row = buildDashboardFromAggregates({ aggregates: kept, filter: { range: '30d' }, now: NOW }).comparisons.rows[0];
      assert.equal(row?.title, `${CLAUDE} vs ${GEMINI}`);
      assert.equal(row?.cost, sumUsd([0.03, 0.0004, 0.002]));
    }
  });

  it('follows a settled estimate: the comparison shows the exact cost once /generation answers', () => {
    const estimate = column('e', 'cmp-e', GPT, { at: at(2026, 11, 24), cost: 0.004, costSource: 'estimate', durationMs: 900 });
    assert.equal(build([estimate]).comparisons.rows[0]?.costLabel, '≈$0.004');
    const aggregates = new LedgerAggregates();
    aggregates.put(estimate);
    aggregates.put({ ...estimate, cost: 0.0035, costSource: 'exact' });
    const row = buildDashboardFromAggregates({ aggregates, filter: { range: '30d' }, now: NOW }).comparisons.rows[0];
    assert.deepEqual([row?.costLabel, row?.models[0]?.durationLabel], ['$0.0035', '900 ms']);
  });
});
