// The usage dashboard computed from the ledger's aggregates instead of from every record: the same view model as
// `buildDashboard` (model.ts), figure for figure, in time that grows with the number of cells (days × models ×
// workspaces in use), not with the number of requests.
//
// Every range the dashboard offers starts and ends at local midnight, so a range selects whole days, and with the
// model, workspace and surface filters it selects whole cells. Only the largest requests look at single records: a
// scan of the compact record columns, which keeps the ten dearest of the matching cells.
import { AggregateTally } from '../ledger/aggregate-tally';
import type { AggregateCell, LedgerAggregates } from '../ledger/aggregates';
import { dayKey, NO_MODEL, type SpendGroup } from '../ledger/totals';
import { fromUnits } from '../usd';
import { rangeBounds } from './dates';
import { keyCard } from './key';
import {
  largeRequestRows, LARGEST_REQUESTS, rangeLabelOf, sortedChoices, spanBetween, spendChartOf, totalsFrom, workspaceRowsOf, type LargeRequestSource,
} from './model';
import { dearestFirst, modelsSection, savingsSection, type ModelTally } from './models';
import type { KeyInfoState } from '../../openrouter/key-info';
import { compareKeySpend, machineSpendByWindow, type KeySpendComparison } from '../key-spend';
import type { DashboardFilter, DashboardState } from '../../../protocol/dashboard-state';
import { timeLabel } from './dates';
import { comparedInCells, comparisonsSection } from './comparisons';

export interface AggregateDashboardInput {
  readonly aggregates: LedgerAggregates;
  readonly filter: DashboardFilter;
  readonly now: number;
  readonly key?: KeyInfoState | undefined;
}

/** Local midnight of a `YYYY-MM-DD` day key. */
function dayStart(day: string): number {
  return new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))).getTime();
}

function matcher(filter: DashboardFilter, now: number): (cell: AggregateCell) => boolean {
  const bounds = rangeBounds(filter.range, now);
  const fromDay = bounds.from === undefined ? undefined : dayKey(bounds.from);
  const toDay = bounds.to === undefined ? undefined : dayKey(bounds.to);
  const { model, workspace, surface } = filter;
  return (cell) =>
    cell.tally.requests > 0 &&
    (fromDay === undefined || cell.day >= fromDay) &&
    (toDay === undefined || cell.day < toDay) &&
    (model === undefined || cell.model === model || cell.requestedModel === model) &&
    (workspace === undefined || cell.workspace === workspace) &&
    (surface === undefined || cell.surface === surface);
}

function tallyIn<K>(map: Map<K, AggregateTally>, key: K): AggregateTally {
  let tally = map.get(key);
  if (tally === undefined) map.set(key, (tally = new AggregateTally()));
  return tally;
}

function modelTally(model: string, t: AggregateTally): ModelTally {
  return {
    model, other: false, requests: t.requests, cost: fromUnits(t.costUnits), promptTokens: t.promptTokens, cachedTokens: t.cachedTokens,
    completionTokens: t.completionTokens, cacheSavings: fromUnits(t.savingsUnits), cacheWriteExtra: fromUnits(t.writeExtraUnits),
  };
}

const byCostThenKey = (a: SpendGroup, b: SpendGroup): number => b.cost - a.cost || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Dearest first; equal costs newest first, then by id (as `largestRequests` orders them). */
function dearer(aCost: number, aAt: number, aId: string, bCost: number, bAt: number, bId: string): boolean {
  return aCost !== bCost ? aCost > bCost : aAt !== bAt ? aAt > bAt : aId < bId;
}

/** The `count` dearest records of the cells `selected` marks, by one pass over the record columns. */
export function largestInCells(aggregates: LedgerAggregates, selected: Uint8Array, count: number): LargeRequestSource[] {
  const columns = aggregates.columns;
  const best: number[] = [];
  for (let slot = 0; slot < columns.size; slot++) {
    if (selected[columns.cellOf(slot)] !== 1) continue;
    const cost = columns.costAt(slot);
    const last = best[best.length - 1];
    if (best.length >= count && last !== undefined && !dearer(cost, columns.atOf(slot), columns.idOf(slot), columns.costAt(last), columns.atOf(last), columns.idOf(last))) continue;
    let at = best.length;
    while (at > 0) {
      const before = best[at - 1] as number;
      if (!dearer(cost, columns.atOf(slot), columns.idOf(slot), columns.costAt(before), columns.atOf(before), columns.idOf(before))) break;
      at -= 1;
    }
    best.splice(at, 0, slot);
    if (best.length > count) best.pop();
  }
  const cells = aggregates.cells;
  return best.map((slot) => {
    const row = columns.row(slot);
    const cell = cells[row.cell];
    return {
      id: row.id, at: row.at, requestedModel: cell?.requestedModel ?? '', workspace: cell?.workspace ?? '', promptTokens: row.promptTokens,
      completionTokens: row.completionTokens, cost: row.cost, costSource: row.costSource, outcome: row.outcome,
      ...(cell?.model !== undefined ? { model: cell.model } : {}),
    };
  });
}

/** The whole dashboard for `filter` at `now`, from the aggregates. */
export function buildDashboardFromAggregates(input: AggregateDashboardInput): DashboardState {
  const { aggregates, filter, now } = input;
  const cells = aggregates.cells;
  const matches = matcher(filter, now);
  const selected = new Uint8Array(cells.length);
  const all = new AggregateTally();
  const models = new Set<string>();
  const workspaces = new Set<string>();
  const byDay = new Map<string, AggregateTally>();
  const byModel = new Map<string, AggregateTally>();
  const byWorkspace = new Map<string, AggregateTally>();
  let firstDay: string | undefined;
  let lastDay: string | undefined;
  cells.forEach((cell, index) => {
    if (cell.tally.requests <= 0) return;
    if (cell.requestedModel !== '') models.add(cell.requestedModel);
    if (cell.model !== undefined && cell.model !== '') models.add(cell.model);
    workspaces.add(cell.workspace);
    if (!matches(cell)) return;
    selected[index] = 1;
    all.merge(cell.tally);
    tallyIn(byDay, cell.day).merge(cell.tally);
    tallyIn(byModel, cell.model ?? NO_MODEL).merge(cell.tally);
    tallyIn(byWorkspace, cell.workspace).merge(cell.tally);
    if (firstDay === undefined || cell.day < firstDay) firstDay = cell.day;
    if (lastDay === undefined || cell.day > lastDay) lastDay = cell.day;
  });

  const bounds = rangeBounds(filter.range, now);
  const today = dayKey(now);
  // Only the day of the first and last request matters to the span; a day before (or after) today stands for it.
  let first = bounds.from ?? now;
  let last = now;
  if (bounds.from === undefined) {
    if (firstDay !== undefined && firstDay < today) first = dayStart(firstDay);
    if (lastDay !== undefined && lastDay > today) last = dayStart(lastDay);
  }
  const span = spanBetween(filter, first, last);
  const groups = new Map<string, { cost: number; requests: number }>();
  const byBucket = new Map<string, AggregateTally>();
  for (const [day, tally] of byDay) tallyIn(byBucket, span.bucket === 'month' ? day.slice(0, 7) : day).merge(tally);
  for (const [key, tally] of byBucket) groups.set(key, { cost: fromUnits(tally.costUnits), requests: tally.requests });

  const spend = all.spend;
  const saved = fromUnits(all.savingsUnits);
  const tallies = [...byModel].map(([model, tally]) => modelTally(model, tally)).sort(dearestFirst);
  const workspaceGroups = [...byWorkspace].map(([key, tally]): SpendGroup => ({ key, ...tally.spend })).sort(byCostThenKey);
  const empty = all.requests === 0;
  return {
    filter,
    rangeLabel: rangeLabelOf(filter, span, empty),
    modelChoices: sortedChoices(models, filter.model),
    workspaceChoices: sortedChoices(workspaces, filter.workspace),
    ledgerEmpty: aggregates.size === 0,
    rangeEmpty: empty,
    totals: totalsFrom({
      all: spend, saved, cachedTokens: all.cachedTokens, estimatedRequests: all.estimatedRequests,
      estimatedCost: fromUnits(all.estimatedUnits), failedRequests: all.failedRequests,
    }, span.days),
    spend: spendChartOf(groups, span, now),
    models: modelsSection(tallies, spend.cost),
    savings: savingsSection(tallies, all.savingsKnown > 0, spend.cost, saved, new Map([...byDay].map(([day, t]) => [day, { savedUnits: t.savingsUnits, writeExtraUnits: t.writeExtraUnits }]))),
    largest: largeRequestRows(largestInCells(aggregates, selected, LARGEST_REQUESTS)),
    byWorkspace: workspaceRowsOf(workspaceGroups, spend.cost),
    comparisons: comparisonsSection(comparedInCells(aggregates, selected)),
    key: keyCard(input.key, keyComparison(aggregates, input.key, now)),
    generatedAt: now,
    generatedLabel: `Updated ${timeLabel(now)}`,
  };
}

/** The key's spend beside this machine's, once /key was read. */
function keyComparison(aggregates: LedgerAggregates, key: KeyInfoState | undefined, now: number): KeySpendComparison | undefined {
  if (key?.info === undefined || key.fetchedAt === undefined) return undefined;
  return compareKeySpend(key.info, key.fetchedAt, now, machineSpendByWindow(aggregates.columns, now, key.fetchedAt));
}

/** Which cells a dashboard filter selects at `now`, one flag per cell (for the scans over record columns). */
export function selectedCells(aggregates: LedgerAggregates, filter: DashboardFilter, now: number): Uint8Array {
  const cells = aggregates.cells;
  const matches = matcher(filter, now);
  const selected = new Uint8Array(cells.length);
  cells.forEach((cell, index) => {
    if (matches(cell)) selected[index] = 1;
  });
  return selected;
}
