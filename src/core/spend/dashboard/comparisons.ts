// The dashboard's Comparisons card: the ledger's requests that were columns of a comparison, grouped by comparison
// and by model. The same filters as every other card select the requests, so the card's money is part of the
// range's total; a failed or stopped request counts as the ledger counts it (a request, its cost, one failure).
//
// The ledger holds no prompt text, so a comparison is named by its models and its time.
import { formatDuration, formatTokens, formatUsd, groupDigits } from '../../format';
import type { LedgerAggregates } from '../ledger/aggregates';
import type { LedgerRecord } from '../ledger/record';
import { NO_MODEL } from '../ledger/totals';
import { fromUnits, toUnits } from '../usd';
import { timeLabel } from './dates';
import type { ComparedModel, ComparisonRow, ComparisonsSection } from '../../../protocol/dashboard-comparisons';

/** Comparisons the card lists, newest first; the count and total cover them all. */
export const COMPARISON_ROWS = 100;
/** Models a comparison lists (reruns with other models add some), and the longest label, as the protocol allows. */
const MAX_MODELS = 50;
const MAX_LABEL = 1000;

/** A label cut to what the protocol allows, so a comparison of many long model ids cannot make the state invalid. */
const clip = (text: string): string => (text.length <= MAX_LABEL ? text : `${text.slice(0, MAX_LABEL - 1)}…`);

/** What the card needs of one compared request, from a ledger record or from the aggregates. */
export interface ComparedRequest {
  readonly id: string;
  readonly comparisonId: string;
  readonly at: number;
  readonly requestedModel: string;
  readonly model: string | undefined;
  readonly cost: number;
  /** The cost in exact units, for sums that match the ledger's totals to the last digit. */
  readonly costUnits: bigint;
  readonly costSource: LedgerRecord['costSource'];
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly durationMs: number | undefined;
  readonly outcome: LedgerRecord['outcome'];
}

/**
 * The compared requests of a range, by position. Grouping and the card's totals read a few figures of every one; the
 * whole request is built only for the comparisons listed, so a long history of comparisons costs no object apiece.
 */
export interface ComparedSet {
  readonly size: number;
  comparisonOf(position: number): string;
  atOf(position: number): number;
  costUnitsOf(position: number): bigint;
  request(position: number): ComparedRequest;
}

/** The compared requests among `records` (already filtered). */
export function comparedRecords(records: readonly LedgerRecord[]): ComparedSet {
  const list = records.filter((record) => record.comparisonId !== undefined);
  const at = (position: number): LedgerRecord => list[position] as LedgerRecord;
  return {
    size: list.length,
    comparisonOf: (position) => at(position).comparisonId ?? '',
    atOf: (position) => at(position).at,
    costUnitsOf: (position) => toUnits(at(position).cost) ?? 0n,
    request: (position) => {
      const record = at(position);
      return {
        id: record.id, comparisonId: record.comparisonId ?? '', at: record.at, requestedModel: record.requestedModel, model: record.model, cost: record.cost,
        costUnits: toUnits(record.cost) ?? 0n, costSource: record.costSource, promptTokens: record.promptTokens, completionTokens: record.completionTokens,
        durationMs: record.durationMs, outcome: record.outcome,
      };
    },
  };
}

/** The compared requests of the cells `selected` marks: a walk over the aggregates' few compared records only. */
export function comparedInCells(aggregates: LedgerAggregates, selected: Uint8Array): ComparedSet {
  const columns = aggregates.columns;
  const cells = aggregates.cells;
  const index = aggregates.comparisons;
  const positions: number[] = [];
  for (let position = 0; position < index.size; position++) {
    if (selected[columns.cellOf(index.slotAt(position))] === 1) positions.push(position);
  }
  const entry = (position: number): number => positions[position] ?? -1;
  return {
    size: positions.length,
    comparisonOf: (position) => index.comparisonAt(entry(position)),
    atOf: (position) => columns.atOf(index.slotAt(entry(position))),
    costUnitsOf: (position) => index.costUnitsAt(entry(position)),
    request: (position) => {
      const row = columns.row(index.slotAt(entry(position)));
      const cell = cells[row.cell];
      return {
        id: row.id, comparisonId: index.comparisonAt(entry(position)), at: row.at, requestedModel: cell?.requestedModel ?? '', model: cell?.model, cost: row.cost,
        costUnits: index.costUnitsAt(entry(position)), costSource: row.costSource, promptTokens: row.promptTokens, completionTokens: row.completionTokens,
        durationMs: index.durationAt(entry(position)), outcome: row.outcome,
      };
    },
  };
}

const byTimeThenId = (a: ComparedRequest, b: ComparedRequest): number => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const plural = (count: number, noun: string): string => `${groupDigits(count)} ${noun}${count === 1 ? '' : 's'}`;
const tokensText = (prompt: number, completion: number): string => `${formatTokens(prompt)} in, ${formatTokens(completion)} out`;
const costText = (usd: number, estimated: boolean): string => `${estimated ? '≈' : ''}${formatUsd(usd)}`;

/** One model's requests in a comparison (oldest first): summed, with the latest one's outcome and time. */
function comparedModel(model: string, requests: readonly ComparedRequest[]): ComparedModel {
  let units = 0n;
  let promptTokens = 0;
  let completionTokens = 0;
  let failedRequests = 0;
  let estimated = false;
  for (const request of requests) {
    units += request.costUnits;
    promptTokens += request.promptTokens;
    completionTokens += request.completionTokens;
    if (request.outcome !== 'done') failedRequests += 1;
    if (request.costSource === 'estimate') estimated = true;
  }
  const cost = fromUnits(units);
  const latest = requests.at(-1);
  const answered = latest?.model;
  const durationMs = latest?.outcome === 'done' ? latest.durationMs : undefined;
  return {
    model,
    ...(answered !== undefined && answered !== model ? { answeredBy: answered } : {}),
    requests: requests.length, failedRequests, cost, costLabel: costText(cost, estimated),
    promptTokens, completionTokens, tokensLabel: tokensText(promptTokens, completionTokens),
    ...(durationMs !== undefined ? { durationMs } : {}),
    durationLabel: durationMs !== undefined ? formatDuration(durationMs) : '—',
    outcome: latest?.outcome ?? 'done',
  };
}

function modelPart(model: ComparedModel): string {
  const ended = model.outcome === 'done' ? model.durationLabel : model.outcome === 'error' ? 'failed' : 'stopped';
  return `${model.model} ${model.costLabel}, ${model.tokensLabel}, ${ended}`;
}

function comparisonRow(id: string, requests: readonly ComparedRequest[]): ComparisonRow {
  const byModel = new Map<string, ComparedRequest[]>();
  for (const request of requests) {
    const key = request.requestedModel || request.model || NO_MODEL;
    let list = byModel.get(key);
    if (list === undefined) byModel.set(key, (list = []));
    list.push(request);
  }
  const models = [...byModel].map(([model, list]) => comparedModel(model, list))
    .sort((a, b) => b.cost - a.cost || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0))
    .slice(0, MAX_MODELS);
  let units = 0n;
  for (const request of requests) units += request.costUnits;
  const cost = fromUnits(units);
  const estimated = requests.some((request) => request.costSource === 'estimate');
  const failedRequests = requests.filter((request) => request.outcome !== 'done').length;
  const at = requests[0]?.at ?? 0;
  const whenLabel = timeLabel(at);
  const title = clip(models.map((model) => model.model).join(' vs '));
  const costLabel = costText(cost, estimated);
  return {
    id, at, whenLabel, title,
    models,
    requests: requests.length, failedRequests, cost, costLabel,
    tokensLabel: tokensText(requests.reduce((sum, r) => sum + r.promptTokens, 0), requests.reduce((sum, r) => sum + r.completionTokens, 0)),
    summary: clip(`${whenLabel}: ${models.map(modelPart).join('; ')}. Total ${costLabel}.`),
  };
}

interface Group {
  readonly id: string;
  readonly members: number[];
  first: number;
}

/** The card from the compared requests of the range. Only the listed comparisons are built and sorted inside. */
export function comparisonsSection(set: ComparedSet): ComparisonsSection {
  const groups = new Map<string, Group>();
  let units = 0n;
  for (let position = 0; position < set.size; position++) {
    units += set.costUnitsOf(position);
    const id = set.comparisonOf(position);
    const at = set.atOf(position);
    const group = groups.get(id);
    if (group === undefined) groups.set(id, { id, members: [position], first: at });
    else {
      group.members.push(position);
      if (at < group.first) group.first = at;
    }
  }
  const newestFirst = [...groups.values()].sort((a, b) => b.first - a.first || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const count = newestFirst.length;
  const cost = fromUnits(units);
  const listed = Math.min(count, COMPARISON_ROWS);
  const summary = count === 0
    ? 'No comparisons in this range.'
    : `${plural(count, 'comparison')} in this range, ${formatUsd(cost)} in total${count > listed ? `; the newest ${listed} are listed` : ''}.`;
  return {
    rows: newestFirst.slice(0, COMPARISON_ROWS).map((group) => comparisonRow(group.id, group.members.map((m) => set.request(m)).sort(byTimeThenId))),
    count, cost, costLabel: formatUsd(cost), summary,
  };
}
