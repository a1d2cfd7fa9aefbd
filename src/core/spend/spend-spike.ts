// A one-time warning (per UTC day) when the key's spend today is well above its recent daily average.
//
// /key gives the key's spend only for today, this week and this month, so "recent daily average" is defined from
// those: the days of this UTC month before today, (month − today) / days elapsed; on the 1st of a month, the days of
// this UTC week before today, (week − today) / days since Monday. On the 1st when it is also a Monday there is no
// history to compare with, and no warning. The ledger's per-day history would give this machine's average only, so
// the key's own figures are used, as the warning is about the key.
import { formatUsd } from '../format';
import type { KeyInfo } from '../openrouter/key-info';
import { utcWindowStart } from './key-spend';

export const DEFAULT_SPIKE_RATIO = 3;
/** Below this, today's spend is too small to be worth a warning, whatever the ratio (a new key's first cents). */
export const SPIKE_MIN_USD = 0.5;

const DAY_MS = 86_400_000;

export interface DailyAverage {
  readonly usd: number;
  /** How many whole UTC days it is the average of. */
  readonly days: number;
  readonly over: 'month' | 'week';
}

/** The key's average spend per UTC day before today (see the file comment); undefined with no such days. */
export function recentDailyAverage(info: KeyInfo, now: number): DailyAverage | undefined {
  const today = info.usageDailyUsd;
  if (today === undefined) return undefined;
  const dayStart = utcWindowStart('day', now);
  const monthDays = Math.round((dayStart - utcWindowStart('month', now)) / DAY_MS);
  if (monthDays > 0 && info.usageMonthlyUsd !== undefined) {
    return { usd: Math.max(0, info.usageMonthlyUsd - today) / monthDays, days: monthDays, over: 'month' };
  }
  const weekDays = Math.round((dayStart - utcWindowStart('week', now)) / DAY_MS);
  if (weekDays > 0 && info.usageWeeklyUsd !== undefined) {
    return { usd: Math.max(0, info.usageWeeklyUsd - today) / weekDays, days: weekDays, over: 'week' };
  }
  return undefined;
}

export interface SpendSpike {
  /** The UTC day it is about, `YYYY-MM-DD`: warn once per day. */
  readonly day: string;
  readonly today: number;
  readonly average: DailyAverage;
  readonly message: string;
}

/**
 * A spike when today's spend is at least `ratio` times the recent daily average (and at least SPIKE_MIN_USD).
 * `ratio` 0 turns the warning off. An average of 0 (no spend before today) is not a spike: there is nothing to be
 * well above. A reading from an earlier UTC day says nothing about today.
 */
export function spendSpike(info: KeyInfo, readAt: number, now: number, ratio: number): SpendSpike | undefined {
  if (!(ratio > 0) || utcWindowStart('day', readAt) !== utcWindowStart('day', now)) return undefined;
  const today = info.usageDailyUsd;
  const average = recentDailyAverage(info, now);
  if (today === undefined || average === undefined || average.usd <= 0 || today < SPIKE_MIN_USD) return undefined;
  if (today < ratio * average.usd) return undefined;
  const times = Math.round((today / average.usd) * 10) / 10;
  const over = average.over === 'month' ? 'this month' : 'this week';
  return {
    day: new Date(now).toISOString().slice(0, 10),
    today,
    average,
    message: `This key has spent ${formatUsd(today)} today (UTC), ${times}× its daily average of ${formatUsd(average.usd)} over the ${average.days} ` +
      `earlier day${average.days === 1 ? '' : 's'} ${over}, counting every app and machine that uses it.`,
  };
}
