// Totals over ledger records: by day, month, model and workspace; the session/today/month summary the status bar
// shows; the largest requests and what caching saved. Every cost total is an exact decimal sum (usd.ts), so a
// month of thousands of sub-cent requests adds up to the same figure OpenRouter's own accounting shows.
//
// Days and months are the user's local calendar days, because that is what "today" means to them; records are
// grouped by the local date of `at` (when the request ended).
import type { LedgerRecord } from './record';
import { surfaceOf, type Surface } from './surface';
import { UsdTotal } from '../usd';

/** What a group of requests added up to. */
export interface SpendTally {
  readonly cost: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly requests: number;
}

export interface SpendSummary {
  /** Requests made by this window since it started (see `SpendSummaryOptions.inSession`). */
  readonly session: SpendTally;
  readonly today: SpendTally;
  readonly month: SpendTally;
}

/** A tally with the key it is grouped by: a day, a month, a model id or a workspace name. */
export interface SpendGroup extends SpendTally {
  readonly key: string;
}

export const EMPTY_TALLY: SpendTally = { cost: 0, promptTokens: 0, completionTokens: 0, requests: 0 };

/** The key records without an answering model are grouped under in `totalsByModel`. */
export const NO_MODEL = '(none)';

const pad = (value: number): string => String(value).padStart(2, '0');

/** `YYYY-MM-DD` of the local calendar day of an epoch-millisecond time. */
export function dayKey(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `YYYY-MM` of the local calendar month of an epoch-millisecond time. */
export function monthKey(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
}

/** A tally being built: the cost accumulates exactly, the counts as integers. */
class Accumulator {
  private readonly cost = new UsdTotal();
  private promptTokens = 0;
  private completionTokens = 0;
  private requests = 0;

  add(record: LedgerRecord): void {
    this.cost.add(record.cost);
    this.promptTokens += record.promptTokens;
    this.completionTokens += record.completionTokens;
    this.requests += 1;
  }

  get tally(): SpendTally {
    return { cost: this.cost.usd, promptTokens: this.promptTokens, completionTokens: this.completionTokens, requests: this.requests };
  }
}

/** The tally of every record given. */
export function tally(records: Iterable<LedgerRecord>): SpendTally {
  const total = new Accumulator();
  for (const record of records) total.add(record);
  return total.tally;
}

/** One accumulator per key, fed every record with that key, in the order keys first appear. */
export function accumulateBy<A extends { add(record: LedgerRecord): void }>(
  records: Iterable<LedgerRecord>, keyOf: (record: LedgerRecord) => string, create: () => A,
): Map<string, A> {
  const groups = new Map<string, A>();
  for (const record of records) {
    const key = keyOf(record);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = create()));
    group.add(record);
  }
  return groups;
}

/** The key per-model totals use: the model that answered, `NO_MODEL` when none did. */
export const answeringModel = (record: Pick<LedgerRecord, 'model'>): string => record.model ?? NO_MODEL;

/** Tallies per key, in no particular order; the `totalsBy…` functions sort them for display. */
export function totalsBy(records: Iterable<LedgerRecord>, keyOf: (record: LedgerRecord) => string): SpendGroup[] {
  return [...accumulateBy(records, keyOf, () => new Accumulator())].map(([key, group]) => ({ key, ...group.tally }));
}

const byKey = (a: SpendGroup, b: SpendGroup): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
/** Dearest first; equal costs by key, so the order is stable for tests and screens. */
const byCost = (a: SpendGroup, b: SpendGroup): number => b.cost - a.cost || byKey(a, b);

/** Per local day, oldest first. */
export function totalsByDay(records: Iterable<LedgerRecord>): SpendGroup[] {
  return totalsBy(records, (record) => dayKey(record.at)).sort(byKey);
}

/** Per local month, oldest first. */
export function totalsByMonth(records: Iterable<LedgerRecord>): SpendGroup[] {
  return totalsBy(records, (record) => monthKey(record.at)).sort(byKey);
}

/** Per model that answered (`NO_MODEL` when none did), dearest first. */
export function totalsByModel(records: Iterable<LedgerRecord>): SpendGroup[] {
  return totalsBy(records, answeringModel).sort(byCost);
}

/** Per model asked for, dearest first. With fallback these differ from `totalsByModel`. */
export function totalsByRequestedModel(records: Iterable<LedgerRecord>): SpendGroup[] {
  return totalsBy(records, (record) => record.requestedModel).sort(byCost);
}

/** Per workspace name, dearest first. */
export function totalsByWorkspace(records: Iterable<LedgerRecord>): SpendGroup[] {
  return totalsBy(records, (record) => record.workspace).sort(byCost);
}

export interface SpendSummaryOptions {
  readonly now: number;
  /** Whether a record belongs to this session; without it the session is empty. */
  readonly inSession?: (record: LedgerRecord) => boolean;
}

/** Session, today and this month (local calendar), in one pass. */
export function spendSummary(records: Iterable<LedgerRecord>, options: SpendSummaryOptions): SpendSummary {
  const today = dayKey(options.now);
  const month = monthKey(options.now);
  const session = new Accumulator();
  const day = new Accumulator();
  const inMonth = new Accumulator();
  for (const record of records) {
    if (options.inSession?.(record)) session.add(record);
    // The day key starts with the month key, so one date conversion serves both.
    const key = dayKey(record.at);
    if (key === today) day.add(record);
    if (key.startsWith(month)) inMonth.add(record);
  }
  return { session: session.tally, today: day.tally, month: inMonth.tally };
}

/** The `count` dearest requests, dearest first; equal costs newest first. */
export function largestRequests(records: Iterable<LedgerRecord>, count: number): LedgerRecord[] {
  return [...records].sort((a, b) => b.cost - a.cost || b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, Math.max(0, count));
}

/** What prompt caching saved in all, exactly; records that do not know their saving count as 0. */
export function cacheSavingsTotal(records: Iterable<LedgerRecord>): number {
  const total = new UsdTotal();
  for (const record of records) if (record.cacheSavings !== undefined) total.add(record.cacheSavings);
  return total.usd;
}

export interface LedgerFilter {
  /** Epoch ms, inclusive. */
  readonly from?: number;
  /** Epoch ms, exclusive. */
  readonly to?: number;
  /** Matches the model asked for or the one that answered, exactly. */
  readonly model?: string;
  /** Matches the workspace name exactly. */
  readonly workspace?: string;
  /** Matches where the request was made (a record from before surfaces were kept is the panel's). */
  readonly surface?: Surface;
}

export function matchesFilter(record: LedgerRecord, filter: LedgerFilter): boolean {
  if (filter.from !== undefined && record.at < filter.from) return false;
  if (filter.to !== undefined && record.at >= filter.to) return false;
  if (filter.model !== undefined && record.model !== filter.model && record.requestedModel !== filter.model) return false;
  if (filter.workspace !== undefined && record.workspace !== filter.workspace) return false;
  if (filter.surface !== undefined && surfaceOf(record) !== filter.surface) return false;
  return true;
}

export function filterRecords(records: Iterable<LedgerRecord>, filter: LedgerFilter): LedgerRecord[] {
  return [...records].filter((record) => matchesFilter(record, filter));
}

/** The local-time range [from, to) of the calendar day or month containing `at`, for filters. */
export function periodRange(at: number, period: 'day' | 'month'): { from: number; to: number } {
  const date = new Date(at);
  if (period === 'day') {
    const from = new Date(date.getFullYear(), date.getMonth(), date.getDate());
    return { from: from.getTime(), to: new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime() };
  }
  return { from: new Date(date.getFullYear(), date.getMonth(), 1).getTime(), to: new Date(date.getFullYear(), date.getMonth() + 1, 1).getTime() };
}
