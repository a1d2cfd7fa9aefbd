// Budget notifications that fire once per threshold crossing per period, not after every request.
//
// Each budget remembers the highest level it has announced in its current period (the spend session, by its id; the
// local day for the daily budget; the local month for the monthly one). A level above it is announced and remembered; a new
// period starts from "ok" again. When the level drops within a period (the user raised the budget), the memory
// drops with it, so crossing the threshold again is a new crossing and is announced again.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema';
import { LEVEL_RANK, type BudgetLevel, type BudgetName, type BudgetState, type BudgetStatus } from './budget';
import { dayKey, monthKey } from './ledger/totals';

export interface BudgetAlert {
  readonly budget: BudgetName;
  readonly level: 'warning' | 'exceeded';
  readonly status: BudgetStatus;
}

const LevelSchema = lazySchema(() => z.enum(['ok', 'warning', 'exceeded']));
const MemorySchema = lazySchema(() => z.record(z.enum(['session', 'daily', 'monthly']), z.object({ period: z.string().max(100), level: LevelSchema }).optional()));
/** What the tracker remembers; persist it (for example in globalState) to keep a reload from repeating alerts. */
export type BudgetWarningMemory = Partial<Record<BudgetName, { readonly period: string; readonly level: BudgetLevel }>>;

/** The period a budget's spend counts in at `now`, in spend session `session` (see session.ts). */
export function budgetPeriod(budget: BudgetName, now: number, session: string): string {
  return budget === 'session' ? session : budget === 'daily' ? dayKey(now) : monthKey(now);
}

export class BudgetWarnings {
  private memory: BudgetWarningMemory;

  /**
   * `restored`: what `snapshot()` returned earlier; anything that does not parse is ignored. `session`: the spend
   * session's id, when it outlives this tracker (a reload); without it the session ends with the tracker.
   */
  constructor(restored?: unknown, private readonly session?: string) {
    const parsed = MemorySchema.safeParse(restored);
    this.memory = parsed.success ? this.kept(parsed.data as BudgetWarningMemory) : {};
  }

  /** The alerts to show for this state: each budget that has just risen to warning or exceeded in its period. */
  update(state: BudgetState, now: number): BudgetAlert[] {
    const alerts: BudgetAlert[] = [];
    const next: BudgetWarningMemory = {};
    for (const status of state.budgets) {
      const period = budgetPeriod(status.budget, now, this.session ?? 'session');
      const previous = this.memory[status.budget];
      const announced = previous !== undefined && previous.period === period ? previous.level : 'ok';
      if (LEVEL_RANK[status.level] > LEVEL_RANK[announced] && status.level !== 'ok') alerts.push({ budget: status.budget, level: status.level, status });
      next[status.budget] = { period, level: status.level };
    }
    // A budget that was unset forgets its alerts, so setting it again can warn again.
    this.memory = next;
    return alerts;
  }

  /** The memory to persist. The session budget's only with a session id: else the next tracker is a new session. */
  snapshot(): BudgetWarningMemory {
    return this.kept(this.memory);
  }

  private kept(memory: BudgetWarningMemory): BudgetWarningMemory {
    if (this.session !== undefined) return memory;
    const { session: _session, ...rest } = memory;
    return rest;
  }
}
