// The budget check of a comparison. Its columns run at once, so what could be spent is the sum of every column's
// worst case, and that sum is checked against the budgets and the key's limit by the one rule of budget.ts. When it
// does not fit, there are two ways out the user can choose from: a lower max_tokens for every column, or fewer
// columns (the dearest dropped first).
import { checkRequest, type RequestDecision } from '../spend/budget';
import type { BudgetRoom, PricedModel } from '../spend/budget-fit';
import { worstCaseCost } from '../spend/cost';
import { sumUsd } from '../spend/usd';
import { MIN_COMPARED_MODELS } from './comparison';

export interface PlannedColumn {
  readonly model: string;
  /** The model's catalogue entry; without it its worst case is unknown and counts as nothing. */
  readonly facts: PricedModel | undefined;
}

export interface PlannedComparison {
  readonly columns: readonly PlannedColumn[];
  /** The same prompt goes to every column. */
  readonly promptTokens: number;
  readonly maxTokens: number | undefined;
}

export type ComparisonDecision =
  | { readonly kind: 'allow' }
  | {
      readonly kind: 'over';
      readonly reason: string;
      /** A max_tokens, for every column, under which the sum fits; absent when none worth asking for does. */
      readonly maxTokens?: number;
      /** The models that fit as asked when the dearest are dropped; absent when fewer than two would be left. */
      readonly keep?: readonly string[];
    };

function worstCaseSum(columns: readonly PlannedColumn[], promptTokens: number, maxTokens: number): number {
  return sumUsd(columns.map((column) => (column.facts ? worstCaseCost({ model: column.facts, promptTokens, maxTokens }).usd : 0)));
}

function decide(room: BudgetRoom, planned: PlannedComparison, columns: readonly PlannedColumn[]): RequestDecision {
  return checkRequest({ ...room, worstCase: (tokens) => worstCaseSum(columns, planned.promptTokens, tokens), maxTokens: planned.maxTokens });
}

/** Whether every column may go out as asked; when not, what would fit. */
export function checkComparison(room: BudgetRoom, planned: PlannedComparison): ComparisonDecision {
  const whole = decide(room, planned, planned.columns);
  if (whole.kind === 'allow') return { kind: 'allow' };
  const keep = columnsThatFit(room, planned);
  const reason = `The worst case of all ${planned.columns.length} answers together does not fit: ${whole.reason.replace(/^Not sent: /, '')}`;
  return {
    kind: 'over',
    reason,
    ...(whole.kind === 'clamp' ? { maxTokens: whole.maxTokens } : {}),
    ...(keep ? { keep } : {}),
  };
}

/** The most columns, in their order, that fit as asked once the dearest are dropped; undefined below two. */
function columnsThatFit(room: BudgetRoom, planned: PlannedComparison): string[] | undefined {
  const bound = planned.maxTokens ?? Number.MAX_SAFE_INTEGER;
  const byCost = [...planned.columns].sort((a, b) => worstCaseSum([a], planned.promptTokens, bound) - worstCaseSum([b], planned.promptTokens, bound));
  for (let size = byCost.length - 1; size >= MIN_COMPARED_MODELS; size--) {
    const kept = new Set(byCost.slice(0, size));
    const columns = planned.columns.filter((column) => kept.has(column));
    if (decide(room, planned, columns).kind === 'allow') return columns.map((column) => column.model);
  }
  return undefined;
}
