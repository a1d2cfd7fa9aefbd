// Running spend totals for the status bar: this session, today and this month. Amounts are the engine's exact
// costs, summed without drift. Days are the user's local calendar days, which is what "today" means to them.
import * as z from 'zod';
import { sumUsd, UsdTotal } from './usd';

export interface SpendEntry {
  at: number;
  cost: number;
  promptTokens: number;
  completionTokens: number;
}

const DayTotalSchema = z.object({ cost: z.number().nonnegative(), promptTokens: z.number().int().nonnegative(), completionTokens: z.number().int().nonnegative(), requests: z.number().int().nonnegative() });
export type DayTotal = z.infer<typeof DayTotalSchema>;
export const SpendDaysSchema = z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), DayTotalSchema);
export type SpendDays = z.infer<typeof SpendDaysSchema>;

/** Days kept: enough for this month and the last. */
const KEPT_DAYS = 62;

export function dayKey(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export interface SpendSummary {
  session: DayTotal;
  today: DayTotal;
  month: DayTotal;
}

const EMPTY: DayTotal = { cost: 0, promptTokens: 0, completionTokens: 0, requests: 0 };

function addTo(total: DayTotal, entry: SpendEntry): DayTotal {
  return {
    cost: new UsdTotal().add(total.cost).add(entry.cost).usd,
    promptTokens: total.promptTokens + entry.promptTokens,
    completionTokens: total.completionTokens + entry.completionTokens,
    requests: total.requests + 1,
  };
}

export class SpendTotals {
  private session: DayTotal = EMPTY;
  private days: SpendDays;

  /** `days` is what was persisted; anything that does not parse is dropped, never trusted. */
  constructor(days: unknown) {
    const parsed = SpendDaysSchema.safeParse(days);
    this.days = parsed.success ? parsed.data : {};
  }

  add(entry: SpendEntry): void {
    this.session = addTo(this.session, entry);
    const key = dayKey(entry.at);
    this.days = { ...this.days, [key]: addTo(this.days[key] ?? EMPTY, entry) };
    const keys = Object.keys(this.days).sort();
    for (const old of keys.slice(0, Math.max(0, keys.length - KEPT_DAYS))) delete this.days[old];
  }

  summary(now: number): SpendSummary {
    const today = dayKey(now);
    const month = today.slice(0, 8);
    const inMonth = Object.entries(this.days).filter(([key]) => key.startsWith(month)).map(([, total]) => total);
    return {
      session: this.session,
      today: this.days[today] ?? EMPTY,
      month: {
        cost: sumUsd(inMonth.map((d) => d.cost)),
        promptTokens: inMonth.reduce((sum, d) => sum + d.promptTokens, 0),
        completionTokens: inMonth.reduce((sum, d) => sum + d.completionTokens, 0),
        requests: inMonth.reduce((sum, d) => sum + d.requests, 0),
      },
    };
  }

  /** What to persist. */
  toJSON(): SpendDays {
    return this.days;
  }
}
