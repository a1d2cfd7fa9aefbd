// Spending budgets: how close the session, today and this month are to their limits, and whether a request may be
// sent, sent with a smaller max_tokens, or not sent at all.
//
// The promise: a budget is never overshot by more than one request's pre-send worst case. A request is only sent
// when its worst case (cost.ts `worstCaseCost`: every prompt token uncached plus max_tokens at the dearest output
// price) fits the smallest headroom left, counting the requests already in flight; if it does not fit, max_tokens
// is lowered until it does. So the budget can only be passed when the worst case itself was wrong (the prompt
// estimate is rough), and then by less than that request's cost. Once a budget is spent, every request is blocked.
//
// Amounts are compared in exact decimal units (usd.ts), so "exactly at the limit" means exactly.
import { formatUsd } from '../format';
import type { SpendSummary } from './ledger/totals';
import { fromUnits, toUnits } from './usd';

export type BudgetName = 'session' | 'daily' | 'monthly';
export type BudgetLevel = 'ok' | 'warning' | 'exceeded';
/** What can stop a request: a budget, or the API key's own credit limit. */
export type LimitName = BudgetName | 'key';

export interface BudgetSettings {
  /** USD per window session; null or undefined: no budget. */
  readonly session?: number | null | undefined;
  /** USD per local calendar day. */
  readonly daily?: number | null | undefined;
  /** USD per local calendar month. */
  readonly monthly?: number | null | undefined;
  /** Warn when this share of a budget is spent. Default 80. */
  readonly warnAtPercent?: number | null | undefined;
}

export const DEFAULT_WARN_AT_PERCENT = 80;
/** A clamp below this many tokens is a block: an answer cut that short is rarely worth its prompt. */
export const DEFAULT_MIN_USEFUL_TOKENS = 256;
/** The max_tokens tried when a request sets none; worstCaseCost bounds it by the model's own limits. */
export const UNBOUNDED_MAX_TOKENS = 2 ** 31 - 1;

export const BUDGET_NAMES: readonly BudgetName[] = ['session', 'daily', 'monthly'];

const LABEL: Record<LimitName, string> = { session: 'session budget', daily: 'daily budget', monthly: 'monthly budget', key: "API key's credit limit" };

/** How a limit is named in sentences: "session budget", "API key's credit limit". */
export function limitLabel(limit: LimitName): string {
  return LABEL[limit];
}

export interface BudgetStatus {
  readonly budget: BudgetName;
  readonly limit: number;
  readonly spent: number;
  /** limit - spent, exactly; never below 0. */
  readonly remaining: number;
  /** spent / limit × 100 (Infinity for a 0 budget with spend); for display. */
  readonly percent: number;
  readonly level: BudgetLevel;
}

export interface BudgetState {
  /** The worst level of any budget. */
  readonly level: BudgetLevel;
  /** The budget that sets the level (the most used of those at it); undefined when no budget is set. */
  readonly budget: BudgetStatus | undefined;
  /** Every budget that is set, in the order session, daily, monthly. */
  readonly budgets: readonly BudgetStatus[];
}

/** Levels in order of severity. */
export const LEVEL_RANK: Readonly<Record<BudgetLevel, number>> = { ok: 0, warning: 1, exceeded: 2 };

/** A usable budget limit in units, or undefined for "none" (null, undefined, negative, not finite). */
function limitUnits(value: number | null | undefined): bigint | undefined {
  if (value === null || value === undefined || !Number.isFinite(value) || value < 0) return undefined;
  return toUnits(value);
}

/** Whether any budget is set to a usable limit (the same rule the checks apply). */
export function hasBudget(settings: BudgetSettings): boolean {
  return BUDGET_NAMES.some((budget) => limitUnits(settingOf(settings, budget)) !== undefined);
}

function warnAt(settings: BudgetSettings): number {
  const value = settings.warnAtPercent;
  if (value === null || value === undefined || !Number.isFinite(value)) return DEFAULT_WARN_AT_PERCENT;
  return Math.min(100, Math.max(0, value));
}

function spentOn(summary: SpendSummary, budget: BudgetName): number {
  return budget === 'session' ? summary.session.cost : budget === 'daily' ? summary.today.cost : summary.month.cost;
}

function settingOf(settings: BudgetSettings, budget: BudgetName): number | null | undefined {
  return settings[budget];
}

/** The state of each budget that is set, and the worst of them. */
export function budgetState(summary: SpendSummary, settings: BudgetSettings): BudgetState {
  const warnUnits = toUnits(warnAt(settings)) ?? 0n;
  const budgets: BudgetStatus[] = [];
  for (const budget of BUDGET_NAMES) {
    const limit = limitUnits(settingOf(settings, budget));
    if (limit === undefined) continue;
    const spentUsd = spentOn(summary, budget);
    const spent = toUnits(spentUsd) ?? 0n;
    // spent ≥ limit × warnAt / 100, compared without division: both sides scaled by 100 × 10^20.
    const level: BudgetLevel = spent >= limit ? 'exceeded' : spent * 100n * 10n ** 20n >= limit * warnUnits ? 'warning' : 'ok';
    const limitUsd = fromUnits(limit);
    budgets.push({
      budget,
      limit: limitUsd,
      spent: spentUsd,
      remaining: fromUnits(limit > spent ? limit - spent : 0n),
      percent: limit === 0n ? (spent > 0n ? Infinity : 100) : (spentUsd / limitUsd) * 100,
      level,
    });
  }
  let worst: BudgetStatus | undefined;
  for (const status of budgets) {
    if (worst === undefined || LEVEL_RANK[status.level] > LEVEL_RANK[worst.level] || (LEVEL_RANK[status.level] === LEVEL_RANK[worst.level] && status.percent > worst.percent)) worst = status;
  }
  return { level: worst?.level ?? 'ok', budget: worst, budgets };
}

export interface RequestCheck {
  readonly summary: SpendSummary;
  readonly budgets: BudgetSettings;
  /** GET /key `limit_remaining`: USD left under the key's own limit; null or undefined when it has none. */
  readonly keyLimitRemaining?: number | null | undefined;
  /** USD already committed to requests in flight (the sum of their worst cases); they count against every limit. */
  readonly inFlight?: number | undefined;
  /** The request's worst-case USD for a given max_tokens; must not decrease as max_tokens grows. */
  readonly worstCase: (maxTokens: number) => number;
  /** The request's max_tokens; undefined when it sets none (then only the model's own limits bound the answer). */
  readonly maxTokens?: number | undefined;
  /** The smallest max_tokens worth sending. Default 256; never more than `maxTokens`. */
  readonly minUsefulTokens?: number | undefined;
}

export type RequestDecision =
  | { readonly kind: 'allow' }
  /** Send with this max_tokens: the largest whose worst case fits. */
  | { readonly kind: 'clamp'; readonly maxTokens: number; readonly reason: string; readonly budget: LimitName; readonly headroom: number }
  | { readonly kind: 'block'; readonly reason: string; readonly budget: LimitName; readonly headroom: number };

/** The tightest limit: the smallest headroom (limit − spent − in flight), in units. Ties go to the first listed. */
function tightestLimit(input: RequestCheck): { budget: LimitName; headroom: bigint; limit: bigint } | undefined {
  const inFlight = toUnits(Math.max(0, input.inFlight ?? 0)) ?? 0n;
  let tightest: { budget: LimitName; headroom: bigint; limit: bigint } | undefined;
  const consider = (budget: LimitName, limit: bigint, spent: bigint): void => {
    const headroom = limit - spent - inFlight;
    if (tightest === undefined || headroom < tightest.headroom) tightest = { budget, headroom, limit };
  };
  for (const budget of BUDGET_NAMES) {
    const limit = limitUnits(settingOf(input.budgets, budget));
    if (limit !== undefined) consider(budget, limit, toUnits(spentOn(input.summary, budget)) ?? 0n);
  }
  const key = input.keyLimitRemaining;
  // The key's figure is already "what is left", so it is a limit with nothing spent against it.
  if (key !== null && key !== undefined && Number.isFinite(key)) consider('key', toUnits(Math.max(0, key)) ?? 0n, 0n);
  return tightest;
}

function fits(worstCase: (maxTokens: number) => number, maxTokens: number, headroom: bigint): boolean {
  const usd = worstCase(maxTokens);
  const units = Number.isFinite(usd) ? toUnits(Math.max(0, usd)) : undefined;
  return units !== undefined && units <= headroom;
}

/** Whether a request may go out as asked, with a lower max_tokens, or not at all. */
export function checkRequest(input: RequestCheck): RequestDecision {
  const tightest = tightestLimit(input);
  if (tightest === undefined) return { kind: 'allow' };
  const { budget, headroom } = tightest;
  const label = LABEL[budget];
  const left = fromUnits(headroom > 0n ? headroom : 0n);
  if (headroom <= 0n) {
    const why = budget === 'key' ? `the ${label} is used up` : `the ${label} of ${formatUsd(fromUnits(tightest.limit))} is spent`;
    return { kind: 'block', budget, headroom: left, reason: `Not sent: ${why}${input.inFlight ? ' (counting requests still running)' : ''}.` };
  }

  const requested = input.maxTokens === undefined ? UNBOUNDED_MAX_TOKENS : Math.max(0, Math.floor(input.maxTokens));
  if (fits(input.worstCase, requested, headroom)) return { kind: 'allow' };
  if (!fits(input.worstCase, 0, headroom)) {
    return { kind: 'block', budget, headroom: left, reason: `Not sent: the prompt alone could cost more than the ${formatUsd(left)} left of the ${label}.` };
  }
  // The largest max_tokens that fits: fits(low) holds, fits(high) does not.
  let low = 0;
  let high = requested;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (fits(input.worstCase, middle, headroom)) low = middle;
    else high = middle;
  }
  const minimum = Math.min(Math.max(1, Math.floor(input.minUsefulTokens ?? DEFAULT_MIN_USEFUL_TOKENS)), requested);
  if (low < minimum) {
    return {
      kind: 'block',
      budget,
      headroom: left,
      reason: `Not sent: the ${formatUsd(left)} left of the ${label} covers at most ${low} answer tokens, fewer than the ${minimum} worth asking for.`,
    };
  }
  const from = input.maxTokens === undefined ? 'the model’s limit' : String(requested);
  return { kind: 'clamp', maxTokens: low, budget, headroom: left, reason: `max_tokens lowered from ${from} to ${low} to stay within the ${formatUsd(left)} left of the ${label}.` };
}
