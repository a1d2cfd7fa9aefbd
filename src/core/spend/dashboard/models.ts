// Per-model rows of the usage dashboard: spend, tokens (uncached input, cached input, output) and what caching
// saved, with bar fractions for the charts and the "what caching saved" section built from the same rows.
import { formatTokens, formatUsd, groupDigits } from '../../format';
import { fractionOf, percentLabel } from './axis';
import type { ModelRow, ModelsSection, SavingsSection } from '../../../protocol/dashboard-state';
import { daySavingsRows, savingsRow, type CacheMoney } from './savings-rows';
import type { LedgerRecord } from '../ledger/record';
import { accumulateBy, answeringModel } from '../ledger/totals';
import { fromUnits, sumUsd, toUnits, UsdTotal } from '../usd';

/** Rows a model chart shows; with more models the last row folds the rest together. */
export const MODEL_CHART_ROWS = 8;
/** Names a summary sentence spells out before "and N more". */
const SUMMARY_NAMES = 3;

/** What one model's requests added up to, with the token and caching detail the dashboard shows. */
export interface ModelTally {
  readonly model: string;
  readonly other: boolean;
  readonly requests: number;
  readonly cost: number;
  readonly promptTokens: number;
  readonly cachedTokens: number;
  readonly completionTokens: number;
  readonly cacheSavings: number;
  /** What cache writes cost beyond the prompt price. */
  readonly cacheWriteExtra: number;
}

class ModelAccumulator {
  requests = 0;
  promptTokens = 0;
  cachedTokens = 0;
  completionTokens = 0;
  private readonly cost = new UsdTotal();
  private readonly savings = new UsdTotal();
  private readonly writeExtra = new UsdTotal();

  add(record: LedgerRecord): void {
    this.requests += 1;
    this.promptTokens += record.promptTokens;
    this.cachedTokens += Math.min(record.cachedTokens, record.promptTokens);
    this.completionTokens += record.completionTokens;
    this.cost.add(record.cost);
    if (record.cacheSavings !== undefined) this.savings.add(record.cacheSavings);
    if (record.cacheWriteExtra !== undefined) this.writeExtra.add(record.cacheWriteExtra);
  }

  tally(model: string): ModelTally {
    return {
      model, other: false, requests: this.requests, cost: this.cost.usd, promptTokens: this.promptTokens,
      cachedTokens: this.cachedTokens, completionTokens: this.completionTokens, cacheSavings: this.savings.usd,
      cacheWriteExtra: this.writeExtra.usd,
    };
  }
}

export const dearestFirst = (a: ModelTally, b: ModelTally): number => b.cost - a.cost || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0);

/** Per model that answered (`NO_MODEL` when none did), dearest first; equal costs by name. */
export function modelTallies(records: Iterable<LedgerRecord>): ModelTally[] {
  const groups = accumulateBy(records, answeringModel, () => new ModelAccumulator());
  return [...groups].map(([model, group]) => group.tally(model)).sort(dearestFirst);
}

/** The first `rows - 1` tallies and one "N other models" tally of the rest, when there are more than `rows`. */
export function foldTallies(tallies: readonly ModelTally[], rows = MODEL_CHART_ROWS): ModelTally[] {
  if (tallies.length <= rows) return [...tallies];
  const kept = tallies.slice(0, rows - 1);
  const rest = tallies.slice(rows - 1);
  const sum = (pick: (t: ModelTally) => number): number => rest.reduce((total, t) => total + pick(t), 0);
  return [...kept, {
    model: `${rest.length} other models`,
    other: true,
    requests: sum((t) => t.requests),
    cost: sumUsd(rest.map((t) => t.cost)),
    promptTokens: sum((t) => t.promptTokens),
    cachedTokens: sum((t) => t.cachedTokens),
    completionTokens: sum((t) => t.completionTokens),
    cacheSavings: sumUsd(rest.map((t) => t.cacheSavings)),
    cacheWriteExtra: sumUsd(rest.map((t) => t.cacheWriteExtra)),
  }];
}

export function tokensDetail(t: Pick<ModelTally, 'promptTokens' | 'cachedTokens' | 'completionTokens'>): string {
  const cached = t.cachedTokens > 0 ? `, ${formatTokens(t.cachedTokens)} cached` : '';
  return `${formatTokens(t.promptTokens)} in${cached}, ${formatTokens(t.completionTokens)} out`;
}

/** Rows with fractions relative to the largest value among `tallies`; `totalCost` gives each row's share. */
export function modelRows(tallies: readonly ModelTally[], totalCost: number): ModelRow[] {
  const maxCost = Math.max(0, ...tallies.map((t) => t.cost));
  const maxTokens = Math.max(0, ...tallies.map((t) => t.promptTokens + t.completionTokens));
  const maxSavings = Math.max(0, ...tallies.map((t) => t.cacheSavings));
  return tallies.map((t) => {
    const share = fractionOf(t.cost, totalCost);
    const tokens = t.promptTokens + t.completionTokens;
    const requests = `${groupDigits(t.requests)} request${t.requests === 1 ? '' : 's'}`;
    return {
      model: t.model,
      other: t.other,
      requests: t.requests,
      cost: t.cost,
      costLabel: formatUsd(t.cost),
      share,
      shareLabel: percentLabel(share),
      costFraction: fractionOf(t.cost, maxCost),
      promptTokens: t.promptTokens,
      cachedTokens: t.cachedTokens,
      completionTokens: t.completionTokens,
      tokensLabel: formatTokens(tokens),
      uncachedFraction: fractionOf(t.promptTokens - t.cachedTokens, maxTokens),
      cachedFraction: fractionOf(t.cachedTokens, maxTokens),
      completionFraction: fractionOf(t.completionTokens, maxTokens),
      cacheSavings: t.cacheSavings,
      cacheSavingsLabel: formatUsd(t.cacheSavings),
      savingsFraction: fractionOf(t.cacheSavings, maxSavings),
      title: `${t.model}: ${formatUsd(t.cost)} (${percentLabel(share)} of spend), ${requests}, ${formatTokens(tokens)} tokens (${tokensDetail(t)})`,
    };
  });
}

function listSentence(parts: readonly string[], total: number, noun: string): string {
  const more = total - parts.length;
  if (more <= 0) return parts.join('; ');
  return `${parts.join('; ')}; and ${more} more ${noun}${more === 1 ? '' : 's'}`;
}

export function modelsSection(tallies: readonly ModelTally[], totalCost: number): ModelsSection {
  const table = modelRows(tallies, totalCost);
  const chart = modelRows(foldTallies(tallies), totalCost);
  const named = table.slice(0, SUMMARY_NAMES);
  return {
    chart,
    table,
    costSummary: table.length === 0
      ? 'Spend by model: no requests in this range.'
      : `Spend by model: ${listSentence(named.map((r) => `${r.model} ${r.costLabel} (${r.shareLabel})`), table.length, 'model')}.`,
    tokenSummary: table.length === 0
      ? 'Tokens by model: no requests in this range.'
      : `Tokens by model: ${listSentence(named.map((r) => `${r.model} ${r.tokensLabel} (${tokensDetail(r)})`), table.length, 'model')}.`,
  };
}

/**
 * `known`: whether any request of the range knows what caching saved it; `byDay`: what caching saved and cost on
 * each local day of the range.
 */
export function savingsSection(tallies: readonly ModelTally[], known: boolean, spent: number, saved: number, byDay: ReadonlyMap<string, CacheMoney>): SavingsSection {
  const promptTokens = tallies.reduce((sum, t) => sum + t.promptTokens, 0);
  const cachedTokens = tallies.reduce((sum, t) => sum + t.cachedTokens, 0);
  const withoutCache = saved > 0 ? sumUsd([spent, saved]) : spent;
  const savedFraction = saved > 0 ? fractionOf(saved, withoutCache) : 0;
  const cachedShare = fractionOf(cachedTokens, promptTokens);
  const savers = tallies.filter((t) => t.cacheSavings > 0).sort((a, b) => b.cacheSavings - a.cacheSavings || (a.model < b.model ? -1 : 1));
  const byModel = modelRows(foldTallies(savers), spent);
  const tokenSentence = cachedTokens > 0
    ? `${groupDigits(cachedTokens)} of ${groupDigits(promptTokens)} input tokens (${percentLabel(cachedShare)}) were read from a cache.`
    : 'No input tokens were read from a cache.';
  const writeExtra = sumUsd(tallies.map((t) => t.cacheWriteExtra));
  const money = (t: ModelTally): CacheMoney => ({ savedUnits: toUnits(t.cacheSavings) ?? 0n, writeExtraUnits: toUnits(t.cacheWriteExtra) ?? 0n });
  const modelTable = tallies
    .flatMap((t) => savingsRow(t.model, t.model, money(t)) ?? [])
    .sort((a, b) => b.saved - a.saved || a.net - b.net || (a.key < b.key ? -1 : 1));
  let summary: string;
  if (!known) summary = `No request in this range recorded what caching saved. ${tokenSentence}`;
  else if (saved > 0) summary = `Caching saved ${formatUsd(saved)}: these requests cost ${formatUsd(spent)} instead of ${formatUsd(withoutCache)} (${percentLabel(savedFraction)} less). ${tokenSentence}`;
  else if (saved < 0) summary = `Writing to the cache cost ${formatUsd(-saved)} more than cached reads saved. ${tokenSentence}`;
  else summary = `Caching saved nothing in this range. ${tokenSentence}`;
  if (writeExtra > 0) {
    const net = fromUnits((toUnits(saved) ?? 0n) - (toUnits(writeExtra) ?? 0n));
    summary += net < 0
      ? ` Cache writes cost ${formatUsd(writeExtra)} beyond the prompt price: ${formatUsd(-net)} more than cached reads saved.`
      : ` Cache writes cost ${formatUsd(writeExtra)} beyond the prompt price, which the reads more than paid back.`;
  }
  return {
    known,
    total: saved,
    totalLabel: formatUsd(saved),
    spent,
    spentLabel: formatUsd(spent),
    withoutCache,
    withoutCacheLabel: formatUsd(withoutCache),
    savedFraction,
    savedShareLabel: percentLabel(savedFraction),
    cachedTokens,
    promptTokens,
    cachedShareLabel: percentLabel(cachedShare),
    byModel,
    writeExtra,
    writeExtraLabel: formatUsd(writeExtra),
    modelTable: modelTable.slice(0, 500),
    byDay: daySavingsRows(byDay),
    summary,
  };
}
