// The usage dashboard's view model, computed from the ledger, the filters and the last /key read. Pure: the host
// calls it on every ledger change and filter change and posts the result whole; the webview only draws it.
//
// Every cost here is an exact decimal sum (ledger/totals.ts, usd.ts), so the range total is what OpenRouter's
// accounting shows for the same requests, and each day's bar is that day's exact total.
import { formatTokens, formatUsd, groupDigits } from '../../format';
import type { KeyInfoState } from '../../openrouter/key-info';
import { niceAxis, fractionOf, percentLabel } from './axis';
import {
  dayCount, dayLabel, daysBetween, ledgerFilterOf, MAX_DAY_BARS, monthLabel, monthsBetween, rangeBounds, spanLabel, startOfMonth, tickLabel, timeLabel,
} from './dates';
import { keyCard } from './key';
import { modelsSection, modelTallies, savingsSection } from './models';
import { cacheMoneyByDay } from './savings-rows';
import { comparedRecords, comparisonsSection } from './comparisons';
import {
  RANGE_LABELS, type DashboardFilter, type DashboardState, type LargeRequest, type SpendChart, type TimeBar, type Totals, type WorkspaceRow,
} from '../../../protocol/dashboard-state';
import type { LedgerRecord } from '../ledger/record';
import {
  answeringModel, cacheSavingsTotal, dayKey, filterRecords, largestRequests, monthKey, tally, totalsBy, totalsByWorkspace, type SpendGroup, type SpendTally,
} from '../ledger/totals';
import { sumUsd } from '../usd';

/** How many of the dearest requests the dashboard lists. */
export const LARGEST_REQUESTS = 10;
/** The most bars a by-month chart draws. */
export const MAX_MONTH_BARS = 240;

export interface DashboardInput {
  /** Every record of the ledger (`SpendLedger.all()`); the filter is applied here. */
  readonly records: readonly LedgerRecord[];
  readonly filter: DashboardFilter;
  readonly now: number;
  /** The KeyInfoMonitor's latest state; undefined before the first read. */
  readonly key?: KeyInfoState | undefined;
}

/** The days (or months) the time chart spans: the range's own, or from the first matching request for "all". */
export interface Span {
  readonly first: number;
  readonly last: number;
  readonly bucket: 'day' | 'month';
  readonly days: number;
}

function spanOf(filter: DashboardFilter, from: number | undefined, records: readonly LedgerRecord[], now: number): Span {
  let first = from ?? now;
  let last = now;
  if (from === undefined) {
    for (const record of records) {
      if (record.at < first) first = record.at;
      if (record.at > last) last = record.at;
    }
  }
  return spanBetween(filter, first, last);
}

/** The span from `first` to `last` (the range's start or the first request, and now or the last request). */
export function spanBetween(filter: DashboardFilter, first: number, last: number): Span {
  // A stray ancient timestamp must not make a chart of thousands of months: show the last MAX_MONTH_BARS.
  first = Math.max(first, startOfMonth(last, -(MAX_MONTH_BARS - 1)));
  const days = dayCount(first, last);
  return { first, last, days, bucket: filter.range === 'all' && days > MAX_DAY_BARS ? 'month' : 'day' };
}

const requestsText = (count: number): string => `${groupDigits(count)} request${count === 1 ? '' : 's'}`;

export function spendChart(records: readonly LedgerRecord[], span: Span, now: number): SpendChart {
  const month = span.bucket === 'month';
  return spendChartOf(new Map(totalsBy(records, (record) => (month ? monthKey(record.at) : dayKey(record.at))).map((g) => [g.key, g])), span, now);
}

/** The chart from the cost and request count of each day (`YYYY-MM-DD`) or month (`YYYY-MM`) with spend. */
export function spendChartOf(groups: ReadonlyMap<string, { readonly cost: number; readonly requests: number }>, span: Span, now: number): SpendChart {
  const month = span.bucket === 'month';
  const buckets = month ? monthsBetween(span.first, span.last) : daysBetween(span.first, span.last);
  const current = month ? monthKey(now) : dayKey(now);
  const axis = niceAxis(Math.max(0, ...[...groups.values()].map((g) => g.cost)));
  const bars: TimeBar[] = buckets.map(({ start, key }) => {
    const group = groups.get(key);
    const cost = group?.cost ?? 0;
    const requests = group?.requests ?? 0;
    const label = month ? monthLabel(start) : dayLabel(start);
    return {
      key, label, tick: tickLabel(start, span.bucket), cost, costLabel: formatUsd(cost), requests,
      fraction: fractionOf(cost, axis.max), current: key === current,
      title: requests === 0 ? `${label}: no requests` : `${label}: ${formatUsd(cost)}, ${requestsText(requests)}`,
    };
  });
  const unit = month ? 'month' : 'day';
  const spanText = `${bars[0]?.label ?? ''} to ${bars.at(-1)?.label ?? ''}`;
  const total = sumUsd(bars.map((bar) => bar.cost));
  const withSpend = bars.filter((bar) => bar.cost > 0).length;
  // The first of equally dear bars.
  const peak = bars.reduce<number | undefined>((best, bar, index) => (bar.cost > (best === undefined ? 0 : bars[best]?.cost ?? 0) ? index : best), undefined);
  const peakBar = peak === undefined ? undefined : bars[peak];
  const summary = peakBar === undefined
    ? `Spend per ${unit}, ${spanText}: nothing spent in ${bars.length} ${unit}${bars.length === 1 ? '' : 's'}.`
    : `Spend per ${unit}, ${spanText}: ${formatUsd(total)} in total over ${bars.length} ${unit}${bars.length === 1 ? '' : 's'}, ` +
      `${withSpend} with spend; highest ${peakBar.costLabel} on ${peakBar.label}.`;
  return { bucket: span.bucket, bars, axis, ...(peak !== undefined ? { peak } : {}), summary };
}

/** The figures of a range that the totals card shows. */
export interface RangeFigures {
  readonly all: SpendTally;
  readonly cachedTokens: number;
  readonly estimatedRequests: number;
  readonly estimatedCost: number;
  readonly failedRequests: number;
  readonly saved: number;
}

function totalsOf(records: readonly LedgerRecord[], all: SpendTally, saved: number, days: number): Totals {
  const estimated = records.filter((record) => record.costSource === 'estimate');
  return totalsFrom({
    all, saved,
    estimatedRequests: estimated.length,
    estimatedCost: sumUsd(estimated.map((record) => record.cost)),
    cachedTokens: records.reduce((sum, record) => sum + Math.min(record.cachedTokens, record.promptTokens), 0),
    failedRequests: records.filter((record) => record.outcome !== 'done').length,
  }, days);
}

export function totalsFrom(figures: RangeFigures, days: number): Totals {
  const { all, saved, cachedTokens, estimatedRequests, estimatedCost, failedRequests } = figures;
  return {
    cost: all.cost,
    costLabel: formatUsd(all.cost),
    requests: all.requests,
    promptTokens: all.promptTokens,
    completionTokens: all.completionTokens,
    cachedTokens,
    promptTokensLabel: formatTokens(all.promptTokens),
    completionTokensLabel: formatTokens(all.completionTokens),
    estimatedRequests,
    estimatedCost,
    estimatedCostLabel: formatUsd(estimatedCost),
    failedRequests,
    cacheSavings: saved,
    cacheSavingsLabel: formatUsd(saved),
    perDayLabel: formatUsd(days > 0 ? all.cost / days : 0),
    perRequestLabel: formatUsd(all.requests > 0 ? all.cost / all.requests : 0),
  };
}

/** What the largest-requests list shows of a record. */
export type LargeRequestSource = Pick<
  LedgerRecord, 'id' | 'at' | 'model' | 'requestedModel' | 'workspace' | 'promptTokens' | 'completionTokens' | 'cost' | 'costSource' | 'outcome'
>;

function largestOf(records: readonly LedgerRecord[]): LargeRequest[] {
  return largeRequestRows(largestRequests(records, LARGEST_REQUESTS));
}

export function largeRequestRows(records: readonly LargeRequestSource[]): LargeRequest[] {
  return records.map((record) => {
    const model = answeringModel(record);
    return {
      id: record.id,
      at: record.at,
      timeLabel: timeLabel(record.at),
      model,
      ...(record.requestedModel !== model && record.requestedModel !== '' ? { requestedModel: record.requestedModel } : {}),
      workspace: record.workspace,
      promptTokens: record.promptTokens,
      completionTokens: record.completionTokens,
      tokensLabel: `${groupDigits(record.promptTokens)} in, ${groupDigits(record.completionTokens)} out`,
      cost: record.cost,
      costLabel: formatUsd(record.cost),
      costSource: record.costSource,
      outcome: record.outcome,
    };
  });
}

function workspaceRows(records: readonly LedgerRecord[], total: number): WorkspaceRow[] {
  return workspaceRowsOf(totalsByWorkspace(records), total);
}

/** Rows from per-workspace groups, dearest first. */
export function workspaceRowsOf(groups: readonly SpendGroup[], total: number): WorkspaceRow[] {
  return groups.map((group) => ({
    workspace: group.key,
    requests: group.requests,
    cost: group.cost,
    costLabel: formatUsd(group.cost),
    tokensLabel: `${formatTokens(group.promptTokens)} in, ${formatTokens(group.completionTokens)} out`,
    shareLabel: percentLabel(fractionOf(group.cost, total)),
  }));
}

export function sortedChoices(values: Iterable<string>, selected: string | undefined): string[] {
  const set = new Set(values);
  if (selected !== undefined) set.add(selected);
  return [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The records the dashboard shows (and exports) for `filter` at `now`, oldest first. */
export function dashboardRecords(records: Iterable<LedgerRecord>, filter: DashboardFilter, now: number): LedgerRecord[] {
  return filterRecords(records, ledgerFilterOf(rangeBounds(filter.range, now), filter))
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `openrouter-usage-2026-11-25.csv`: the save dialog's suggestion, with the local date of `now`. */
export function csvFileName(now: number): string {
  return `openrouter-usage-${dayKey(now)}.csv`;
}

/** `Last 30 days · Oct 27 – Nov 25, 2026`. */
export function rangeLabelOf(filter: DashboardFilter, span: Span, empty: boolean): string {
  const spanText = empty && filter.range === 'all'
    ? 'no requests yet'
    : span.bucket === 'month' ? `${monthLabel(span.first)} – ${monthLabel(span.last)}` : spanLabel(span.first, span.last);
  return `${RANGE_LABELS[filter.range]} · ${spanText}`;
}

/** The whole dashboard for `filter` at `now`, from every record (see from-aggregates.ts for the way the host uses). */
export function buildDashboard(input: DashboardInput): DashboardState {
  const { records, filter, now } = input;
  const bounds = rangeBounds(filter.range, now);
  const matching = dashboardRecords(records, filter, now);
  const span = spanOf(filter, bounds.from, matching, now);
  const all = tally(matching);
  const saved = cacheSavingsTotal(matching);
  const tallies = modelTallies(matching);
  return {
    filter,
    rangeLabel: rangeLabelOf(filter, span, matching.length === 0),
    modelChoices: sortedChoices(records.flatMap((record) => [record.requestedModel, ...(record.model !== undefined ? [record.model] : [])]).filter((m) => m !== ''), filter.model),
    workspaceChoices: sortedChoices(records.map((record) => record.workspace), filter.workspace),
    ledgerEmpty: records.length === 0,
    rangeEmpty: matching.length === 0,
    totals: totalsOf(matching, all, saved, span.days),
    spend: spendChart(matching, span, now),
    models: modelsSection(tallies, all.cost),
    savings: savingsSection(tallies, matching.some((record) => record.cacheSavings !== undefined), all.cost, saved, cacheMoneyByDay(matching)),
    largest: largestOf(matching),
    byWorkspace: workspaceRows(matching, all.cost),
    comparisons: comparisonsSection(comparedRecords(matching)),
    key: keyCard(input.key),
    generatedAt: now,
    generatedLabel: `Updated ${timeLabel(now)}`,
  };
}
