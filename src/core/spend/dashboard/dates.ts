// Calendar arithmetic and date labels for the usage dashboard. Days and months are the user's local ones, as in
// ledger/totals.ts; stepping uses `new Date(y, m, d + n)` so days stay whole across daylight-saving changes.
// Labels are built from a fixed English month list (not Intl) so they read the same in every host and test.
import type { LedgerFilter } from '../ledger/totals';
import type { DashboardFilter, DashboardRange } from '../../../protocol/dashboard-state';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A chart with more days than this is drawn by month. */
export const MAX_DAY_BARS = 92;

const pad = (value: number): string => String(value).padStart(2, '0');

function monthName(month: number): string {
  return MONTHS[month] ?? '?';
}

/** Local midnight of the day containing `at`, shifted by `offsetDays`. */
export function startOfDay(at: number, offsetDays = 0): number {
  const date = new Date(at);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + offsetDays).getTime();
}

/** Local midnight of the first day of the month containing `at`, shifted by `offsetMonths`. */
export function startOfMonth(at: number, offsetMonths = 0): number {
  const date = new Date(at);
  return new Date(date.getFullYear(), date.getMonth() + offsetMonths, 1).getTime();
}

/** `Nov 25`. */
export function dayLabel(at: number): string {
  const date = new Date(at);
  return `${monthName(date.getMonth())} ${date.getDate()}`;
}

/** `Nov 25, 2026`. */
export function dayYearLabel(at: number): string {
  return `${dayLabel(at)}, ${new Date(at).getFullYear()}`;
}

/** `Nov 2026`. */
export function monthLabel(at: number): string {
  const date = new Date(at);
  return `${monthName(date.getMonth())} ${date.getFullYear()}`;
}

/** `Nov 25, 14:03` (local, 24-hour). */
export function timeLabel(at: number): string {
  const date = new Date(at);
  return `${dayLabel(at)}, ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** `Oct 27 – Nov 25, 2026`, or with both years when they differ. */
export function spanLabel(from: number, lastDay: number): string {
  const sameYear = new Date(from).getFullYear() === new Date(lastDay).getFullYear();
  if (startOfDay(from) === startOfDay(lastDay)) return dayYearLabel(from);
  return `${sameYear ? dayLabel(from) : dayYearLabel(from)} – ${dayYearLabel(lastDay)}`;
}

/** The time range a dashboard range covers; `from`/`to` as in `LedgerFilter` (inclusive, exclusive). */
export interface RangeBounds {
  readonly from: number | undefined;
  readonly to: number | undefined;
}

/**
 * The bounds of a range relative to `now`: the last N local calendar days including today, this calendar month up
 * to the end of today, or everything.
 */
export function rangeBounds(range: DashboardRange, now: number): RangeBounds {
  const tomorrow = startOfDay(now, 1);
  switch (range) {
    case '7d':
      return { from: startOfDay(now, -6), to: tomorrow };
    case '30d':
      return { from: startOfDay(now, -29), to: tomorrow };
    case '90d':
      return { from: startOfDay(now, -89), to: tomorrow };
    case 'month':
      return { from: startOfMonth(now), to: tomorrow };
    case 'all':
      return { from: undefined, to: undefined };
  }
}

/** The filter for `filterRecords`: the range's bounds and the dashboard's other filters. */
export function ledgerFilterOf(bounds: RangeBounds, filter: Pick<DashboardFilter, 'model' | 'workspace' | 'surface'>): LedgerFilter {
  const { model, workspace, surface } = filter;
  return {
    ...(bounds.from !== undefined ? { from: bounds.from } : {}),
    ...(bounds.to !== undefined ? { to: bounds.to } : {}),
    ...(model !== undefined ? { model } : {}),
    ...(workspace !== undefined ? { workspace } : {}),
    ...(surface !== undefined ? { surface } : {}),
  };
}

/** One bucket of the time chart. */
export interface TimeBucket {
  /** Local midnight at its start. */
  readonly start: number;
  /** `YYYY-MM-DD` or `YYYY-MM`, as `dayKey` / `monthKey` make them. */
  readonly key: string;
}

function bucketKey(start: number, bucket: 'day' | 'month'): string {
  const date = new Date(start);
  const month = `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
  return bucket === 'month' ? month : `${month}-${pad(date.getDate())}`;
}

/** Every local day from the day of `first` to the day of `last`, both included (empty when `last` is earlier). */
export function daysBetween(first: number, last: number): TimeBucket[] {
  const out: TimeBucket[] = [];
  const end = startOfDay(last);
  for (let i = 0, start = startOfDay(first); start <= end; i += 1, start = startOfDay(first, i)) out.push({ start, key: bucketKey(start, 'day') });
  return out;
}

/** Every local month from the month of `first` to the month of `last`, both included. */
export function monthsBetween(first: number, last: number): TimeBucket[] {
  const out: TimeBucket[] = [];
  const end = startOfMonth(last);
  for (let i = 0, start = startOfMonth(first); start <= end; i += 1, start = startOfMonth(first, i)) out.push({ start, key: bucketKey(start, 'month') });
  return out;
}

/** The day count of the span from the day of `first` to the day of `last`, both included. */
export function dayCount(first: number, last: number): number {
  const a = new Date(first);
  const b = new Date(last);
  // UTC dates of the local calendar days: exact whole days, whatever daylight saving does in between.
  const days = (Date.UTC(b.getFullYear(), b.getMonth(), b.getDate()) - Date.UTC(a.getFullYear(), a.getMonth(), a.getDate())) / 86_400_000;
  return Math.max(0, Math.round(days) + 1);
}

/** The text under a bar: the day of the month (the month name on the 1st), or the month name. */
export function tickLabel(start: number, bucket: 'day' | 'month'): string {
  const date = new Date(start);
  if (bucket === 'month') return date.getMonth() === 0 ? String(date.getFullYear()) : monthName(date.getMonth());
  return date.getDate() === 1 ? monthName(date.getMonth()) : String(date.getDate());
}
