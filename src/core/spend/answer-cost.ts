// The one cost of an answer. The engine works it out once, from OpenRouter's usage when the answer ends, and every
// reader takes it from there: the answer's footer, the chat list, the Markdown export, the spend ledger and, through
// the ledger, the status bar. Holding one value keeps them from disagreeing about what an answer cost.
//
// `usd` is what the user pays. For a bring-your-own-key answer that is OpenRouter's fee (`usage.cost`) plus what the
// provider bills the user's own account (`upstream_inference_cost`), which is also kept apart as `upstreamUsd`.
// Without `usage.cost` the cost is estimated from catalogue prices and says so. The ledger later settles an estimate
// against /generation, and the answer's cost is replaced with what it found (source `generation`, see
// settleAnswerCost in chat/turns.ts), so footer and ledger agree again.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema';
import type { ModelPricing } from '../openrouter/catalogue-schemas';
import { completionCost, type CompletionCost, type CompletionUsage } from './cost';

export const AnswerCostSchema = lazySchema(() => z.object({
  /** USD the user pays for the answer; for bring-your-own-key, OpenRouter's fee plus the provider's charge. */
  usd: z.number().nonnegative(),
  /** `exact` from OpenRouter's accounting; `estimate` until /generation says what was really billed. */
  basis: z.enum(['exact', 'estimate']),
  /**
   * Where the figure comes from: `usage` (usage.cost), `usage_and_upstream` (usage.cost plus the upstream cost of a
   * bring-your-own-key answer), `generation` (GET /generation), `catalogue` (catalogue prices times token counts),
   * or `not_charged` (OpenRouter does not bill a request that failed).
   */
  source: z.enum(['usage', 'usage_and_upstream', 'generation', 'catalogue', 'not_charged']),
  /** Bring-your-own-key only: the part the provider bills to the user's own account, already inside `usd`. */
  upstreamUsd: z.number().nonnegative().optional(),
}));
export type AnswerCost = z.infer<typeof AnswerCostSchema>;

/** Catalogue prices of a model, or undefined when the catalogue does not know it. */
export type PricingLookup = (model: string) => ModelPricing | undefined;

/** A request that failed before any generation began: OpenRouter bills nothing, and that is certain. */
export const NOT_CHARGED: AnswerCost = Object.freeze({ usd: 0, basis: 'exact', source: 'not_charged' });

/**
 * The cost of an answer that finished: exact from `usage.cost`, else estimated from `pricing`. Undefined when neither
 * is known, rather than a guess of zero.
 */
export function finishedAnswerCost(
  usage: CompletionUsage | null | undefined,
  pricing: ModelPricing | undefined,
  finishReason: string | null | undefined,
): AnswerCost | undefined {
  const reported = usage?.cost;
  if (reported === null || reported === undefined || !Number.isFinite(reported)) {
    // Without the usage there is nothing to price: a figure of zero would be a guess shown as a fact.
    if (!pricing || !usage) return undefined;
    // An unknown finish reason counts as blank: a finished answer without one and without tokens was not billed.
    return fromCompletionCost(completionCost(usage, pricing, { finishReason: finishReason ?? null }));
  }
  return fromCompletionCost(completionCost(usage ?? {}, pricing));
}

export interface FailedAnswer {
  /** A generation had begun (its id had arrived), so the prompt may have been processed and billed. */
  readonly started: boolean;
  /** Stopped on purpose (the Stop button, an abort), rather than broken by an error. */
  readonly cancelled: boolean;
  /** Completion tokens so far: reported by OpenRouter, or counted from the streamed text. */
  readonly completionTokens: number;
  /** Prompt tokens: reported by OpenRouter, or estimated from the conversation sent. */
  readonly promptTokens: number;
  readonly pricing: ModelPricing | undefined;
}

/**
 * The cost of an answer that ended in an error. Before a generation began nothing is billed. A stopped answer is
 * billed for what it used, estimated from catalogue prices (undefined when the model's prices are unknown). A broken
 * one is estimated at zero, since OpenRouter does not bill failed generations; /generation settles both later.
 */
export function failedAnswerCost(answer: FailedAnswer): AnswerCost | undefined {
  if (!answer.started) return NOT_CHARGED;
  if (!answer.cancelled) return { usd: 0, basis: 'estimate', source: 'not_charged' };
  if (!answer.pricing) return undefined;
  const usage = { prompt_tokens: answer.promptTokens, completion_tokens: answer.completionTokens };
  return { usd: completionCost(usage, answer.pricing).totalUsd, basis: 'estimate', source: 'catalogue' };
}

function fromCompletionCost(cost: CompletionCost): AnswerCost {
  const exact = cost.basis === 'exact';
  return {
    usd: cost.totalUsd,
    basis: cost.basis,
    source: !exact ? 'catalogue' : cost.isByok ? 'usage_and_upstream' : 'usage',
    ...(cost.isByok ? { upstreamUsd: cost.upstreamUsd } : {}),
  };
}
