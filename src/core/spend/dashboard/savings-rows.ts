// The dashboard's cache figures per model and per day: what cached reads saved, what cache writes cost beyond the
// prompt price, and the difference. A model or day whose writes cost more than its reads saved is listed like the
// others, marked, so a cache that did not pay shows rather than vanishes into the total.
import type { SavingsRow } from '../../../protocol/dashboard-state';
import { formatUsd } from '../../format';
import type { LedgerRecord } from '../ledger/record';
import { dayKey } from '../ledger/totals';
import { fromUnits, toUnits } from '../usd';
import { dayYearLabel } from './dates';

/** Money in exact units (usd.ts), so a sum over records equals a sum over the aggregates' tallies to the last digit. */
export interface CacheMoney {
  savedUnits: bigint;
  writeExtraUnits: bigint;
}

/** Days of savings rows the dashboard lists, newest first. */
export const SAVINGS_DAY_ROWS = 400;

/** What caching saved and cost per local day of `records`. */
export function cacheMoneyByDay(records: Iterable<LedgerRecord>): Map<string, CacheMoney> {
  const days = new Map<string, CacheMoney>();
  for (const record of records) {
    if (record.cacheSavings === undefined && record.cacheWriteExtra === undefined) continue;
    const day = dayKey(record.at);
    let money = days.get(day);
    if (money === undefined) days.set(day, (money = { savedUnits: 0n, writeExtraUnits: 0n }));
    money.savedUnits += toUnits(record.cacheSavings ?? 0) ?? 0n;
    money.writeExtraUnits += toUnits(record.cacheWriteExtra ?? 0) ?? 0n;
  }
  return days;
}

/** One row; undefined when caching neither saved nor cost anything. */
export function savingsRow(key: string, label: string, money: CacheMoney): SavingsRow | undefined {
  if (money.savedUnits === 0n && money.writeExtraUnits === 0n) return undefined;
  const saved = fromUnits(money.savedUnits);
  const writeExtra = fromUnits(money.writeExtraUnits);
  const net = fromUnits(money.savedUnits - money.writeExtraUnits);
  return {
    key, label, saved, savedLabel: formatUsd(saved), writeExtra, writeExtraLabel: formatUsd(writeExtra), net,
    netLabel: net < 0 ? `−${formatUsd(-net)}` : formatUsd(net), costlier: net < 0,
  };
}

/** Per day, newest first, at most SAVINGS_DAY_ROWS. */
export function daySavingsRows(days: ReadonlyMap<string, CacheMoney>): SavingsRow[] {
  const rows: SavingsRow[] = [];
  for (const day of [...days.keys()].sort().reverse()) {
    const row = savingsRow(day, dayYearLabel(dayStart(day)), days.get(day) as CacheMoney);
    if (row) rows.push(row);
    if (rows.length === SAVINGS_DAY_ROWS) break;
  }
  return rows;
}

function dayStart(day: string): number {
  return new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))).getTime();
}
