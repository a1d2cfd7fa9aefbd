// Budgets that count the whole key (`openrouter.budget.scope: wholeKey`): the daily and monthly budgets then hold
// across machines, windows and other apps that use the same key, not only this machine's ledger.
//
// The spend a budget counts is the larger of this machine's ledger and the key's own figure (what /key reported plus
// what this machine spent since the reading, key-spend.ts). The larger, because each can be behind: /key by the few
// seconds it lags, the ledger by everything spent elsewhere. The session budget stays this window's own.
//
// The daily budget's ledger figure is the local day, the key's the UTC day (OpenRouter's); the monthly ones likewise.
// Taking the larger of the two keeps the hard stop: neither figure can be spent past the limit.
import { formatUsd } from '../format';
import type { BudgetName } from './budget';
import type { KeySpendComparison, WindowComparison } from './key-spend';
import type { SpendSummary, SpendTally } from './ledger/totals';

export type BudgetScope = 'thisMachine' | 'wholeKey';

/** The budgets that can count the whole key, with the /key window each one reads. */
const KEY_WIDE: Partial<Record<BudgetName, 'day' | 'month'>> = { daily: 'day', monthly: 'month' };

function atLeast(tally: SpendTally, key: number | undefined): SpendTally {
  return key !== undefined && key > tally.cost ? { ...tally, cost: key } : tally;
}

/**
 * The totals the budget check should count under `scope`. With `wholeKey` and a comparison, today and this month are
 * raised to the key's figure where it is higher; without a comparison (no reading of /key yet, or it failed) they
 * are the ledger's, and the caller says so.
 */
export function scopedSummary(summary: SpendSummary, scope: BudgetScope, comparison: KeySpendComparison | undefined): SpendSummary {
  if (scope !== 'wholeKey' || comparison === undefined) return summary;
  return {
    session: summary.session,
    today: atLeast(summary.today, comparison.windows.day.key),
    month: atLeast(summary.month, comparison.windows.month.key),
  };
}

const PERIOD: Record<'day' | 'month', string> = { day: 'today', month: 'this month' };

/** "$4.10 spent with this key today, $3.20 of it elsewhere." or undefined when the key's figure is unknown. */
export function keyWideSentence(window: WindowComparison & { window: 'day' | 'month' }): string | undefined {
  if (window.key === undefined) return undefined;
  const elsewhere = window.elsewhere ?? 0;
  const part = elsewhere > 0 ? `, ${formatUsd(elsewhere)} of it elsewhere` : ', all of it on this machine';
  return `${formatUsd(window.key)} spent with this key ${PERIOD[window.window]} (UTC)${part}.`;
}

/** The sentence a blocked or clamped request adds for `budget` under the whole-key scope; undefined otherwise. */
export function keyWideNote(budget: string, scope: BudgetScope, comparison: KeySpendComparison | undefined): string | undefined {
  if (scope !== 'wholeKey' || comparison === undefined) return undefined;
  const window = KEY_WIDE[budget as BudgetName];
  if (window === undefined) return undefined;
  return keyWideSentence({ ...comparison.windows[window], window });
}

/** "$1.20 spent elsewhere with this key today." when anything was; undefined when nothing was, or it is unknown. */
export function elsewhereSentence(window: WindowComparison): string | undefined {
  if (window.elsewhere === undefined || window.elsewhere <= 0) return undefined;
  const period = window.window === 'day' ? 'today' : window.window === 'week' ? 'this week' : 'this month';
  return `${formatUsd(window.elsewhere)} spent elsewhere with this key ${period}.`;
}
