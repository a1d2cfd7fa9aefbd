// This machine's spend beside the whole key's, over the same windows.
//
// GET /key reports the key's usage for the current UTC day, the UTC week (from Monday) and the UTC month, across
// every app and machine that uses the key; OpenRouter resets these windows at midnight UTC. The ledger knows only
// this machine, and its own days are local. To compare like with like, this machine's figure here is summed from the
// ledger's records over the same UTC window, not taken from its local-day totals.
//
// BYOK: the ledger counts what a request cost the user, which for a bring-your-own-key request includes what the
// provider billed to the user's own key (usd.ts `userSpendUnits`). /key reports that part apart (`byok_usage_*`),
// so the key's figure here is `usage_*` plus `byok_usage_*` when both are reported.
import type { KeyInfo } from '../openrouter/key-info';
import { fromUnits, toUnits } from './usd';

export type KeyWindow = 'day' | 'week' | 'month';
export const KEY_WINDOWS: readonly KeyWindow[] = ['day', 'week', 'month'];

const DAY_MS = 86_400_000;

/** When the UTC window holding `at` began: midnight UTC of its day, of its week's Monday, or of its month's 1st. */
export function utcWindowStart(window: KeyWindow, at: number): number {
  const date = new Date(at);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  if (window === 'day') return midnight;
  if (window === 'month') return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return midnight - sinceMonday * DAY_MS;
}

/** The ledger's records as columns (ledger/record-columns.ts has this shape): a scan reads only times and costs. */
export interface SpendColumns {
  readonly size: number;
  atOf(slot: number): number;
  costAt(slot: number): number;
}

/** This machine's spend in one UTC window, split at the moment /key was read. */
export interface MachineWindowSpend {
  /** Ended in the window, at or before the reading: what /key should already count. */
  readonly beforeRead: number;
  /** Ended after the reading: not in /key's figures yet. */
  readonly sinceRead: number;
}

/** One pass over the records: this machine's spend in each UTC window that holds `now`, exactly (usd.ts). */
export function machineSpendByWindow(columns: SpendColumns, now: number, readAt: number): Record<KeyWindow, MachineWindowSpend> {
  const starts = KEY_WINDOWS.map((window) => utcWindowStart(window, now));
  const before = starts.map(() => 0n);
  const since = starts.map(() => 0n);
  // The week can begin in the month before: the earliest start bounds the scan, before any cost is converted.
  const earliest = Math.min(...starts);
  for (let slot = 0; slot < columns.size; slot++) {
    const at = columns.atOf(slot);
    if (at > now || at < earliest) continue;
    const units = toUnits(columns.costAt(slot)) ?? 0n;
    starts.forEach((start, i) => {
      if (at < start) return;
      if (at <= readAt) before[i] = (before[i] ?? 0n) + units;
      else since[i] = (since[i] ?? 0n) + units;
    });
  }
  const spend = (i: number): MachineWindowSpend => ({ beforeRead: fromUnits(before[i] ?? 0n), sinceRead: fromUnits(since[i] ?? 0n) });
  return { day: spend(0), week: spend(1), month: spend(2) };
}

export interface WindowComparison {
  readonly window: KeyWindow;
  /** This machine, from the window's start to now. */
  readonly machine: number;
  /** The whole key now: what /key reported plus what this machine spent since; undefined when it is not known. */
  readonly key: number | undefined;
  /** `key - machine`, never below 0; undefined when the key's figure is not known. */
  readonly elsewhere: number | undefined;
}

export interface KeySpendComparison {
  readonly readAt: number;
  readonly windows: Readonly<Record<KeyWindow, WindowComparison>>;
}

function keyUsage(info: KeyInfo, window: KeyWindow): number | undefined {
  const [usage, byok] = window === 'day' ? [info.usageDailyUsd, info.byokUsageDailyUsd]
    : window === 'week' ? [info.usageWeeklyUsd, info.byokUsageWeeklyUsd]
    : [info.usageMonthlyUsd, info.byokUsageMonthlyUsd];
  if (usage === undefined) return undefined;
  return fromUnits((toUnits(usage) ?? 0n) + (toUnits(byok ?? 0) ?? 0n));
}

/**
 * The key's spend beside this machine's in each window. `readAt` is when `info` was read; a reading from an earlier
 * window (read before midnight UTC, looked at after) says nothing about the current one, so that window's key figure
 * is unknown until the next read.
 */
export function compareKeySpend(info: KeyInfo, readAt: number, now: number, machine: Record<KeyWindow, MachineWindowSpend>): KeySpendComparison {
  const compare = (window: KeyWindow): WindowComparison => {
    const mine = machine[window];
    const machineUnits = (toUnits(mine.beforeRead) ?? 0n) + (toUnits(mine.sinceRead) ?? 0n);
    const reported = utcWindowStart(window, readAt) === utcWindowStart(window, now) ? keyUsage(info, window) : undefined;
    if (reported === undefined) return { window, machine: fromUnits(machineUnits), key: undefined, elsewhere: undefined };
    // /key lags the ledger by a few seconds: a request this machine finished just before the reading may not be in
    // it yet, which would make "elsewhere" negative. Nothing was spent elsewhere then, so it is clamped to 0, and the
    // whole key is never shown below this machine's own spend.
    const elsewhere = (toUnits(reported) ?? 0n) - (toUnits(mine.beforeRead) ?? 0n);
    const clamped = elsewhere > 0n ? elsewhere : 0n;
    return { window, machine: fromUnits(machineUnits), key: fromUnits(machineUnits + clamped), elsewhere: fromUnits(clamped) };
  };
  return { readAt, windows: { day: compare('day'), week: compare('week'), month: compare('month') } };
}
