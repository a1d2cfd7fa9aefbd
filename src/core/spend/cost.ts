// What a completion cost, and what a request could cost at most before it is sent.
//
// OpenRouter reports the exact charge in `usage.cost`; when it is there it wins, and the result is marked `exact`.
// Only when it is missing (older responses, a stream cut before the usage frame) is the cost computed from catalogue
// prices and marked `estimate`.
//
// Bring-your-own-key: `usage.cost` is then only OpenRouter's fee; the provider bills the inference itself
// (`cost_details.upstream_inference_cost`) to the user's own provider account. The ledger counts `totalUsd`, the
// user's real spend = fee + upstream. `openRouterUsd` (what /key usage and credit limits see) is kept beside it so
// the two can be reconciled. For non-BYOK requests `upstream_inference_cost` is what OpenRouter paid the provider; it
// is already inside `usage.cost` and must not be added again.
//
// All arithmetic goes through exact decimal units (usd.ts), so a sum of many costs matches the decimal sum.

import type { ModelInfo, ModelPricing } from '../openrouter/catalogue-schemas';
import { fromUnits, multiplyUnits, toUnits, userSpendUnits } from './usd';

/** The `usage` object of a chat completion in its wire form; every field may be missing. */
export interface CompletionUsage {
  readonly prompt_tokens?: number | null | undefined;
  readonly completion_tokens?: number | null | undefined;
  readonly total_tokens?: number | null | undefined;
  readonly prompt_tokens_details?: {
    readonly cached_tokens?: number | null | undefined;
    readonly cache_write_tokens?: number | null | undefined;
  } | null | undefined;
  readonly completion_tokens_details?: { readonly reasoning_tokens?: number | null | undefined } | null | undefined;
  readonly cost?: number | null | undefined;
  readonly is_byok?: boolean | null | undefined;
  readonly cost_details?: { readonly upstream_inference_cost?: number | null | undefined } | null | undefined;
  readonly server_tool_use?: { readonly web_search_requests?: number | null | undefined } | null | undefined;
}

/** The priced parts of a completion. */
export type PriceComponent = 'prompt' | 'cacheRead' | 'cacheWrite' | 'completion' | 'reasoning' | 'request' | 'webSearch';

/** USD per component; only filled for estimates. */
export type CostBreakdown = Readonly<Record<PriceComponent, number>>;

export interface CompletionCost {
  /** `exact`: OpenRouter's own figure. `estimate`: computed from catalogue prices and token counts. */
  readonly basis: 'exact' | 'estimate';
  /** The user's real spend; the figure a ledger should add up. BYOK: OpenRouter's fee + the provider's charge. */
  readonly totalUsd: number;
  /** The part charged to OpenRouter credits; what GET /key `usage` reflects. */
  readonly openRouterUsd: number;
  /** BYOK only: billed by the provider to the user's own account. 0 otherwise. */
  readonly upstreamUsd: number;
  readonly isByok: boolean;
  /** Estimates: components that had tokens but no known price, counted as 0, so the total is a lower bound. */
  readonly unknownPrices: readonly PriceComponent[];
  readonly breakdown?: CostBreakdown;
}

export interface CostOptions {
  /**
   * The completion's finish reason, when known. OpenRouter does not charge for finish `error`, nor for zero
   * completion tokens with a blank (null or empty) finish reason; estimates follow that rule. `undefined` means
   * "not known" and the rule is not applied.
   */
  readonly finishReason?: string | null;
}

function count(value: number | null | undefined): number {
  return value !== null && value !== undefined && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

function usd(value: number | null | undefined): bigint {
  return value === null || value === undefined ? 0n : (toUnits(value) ?? 0n);
}

/** The cost of a finished completion: exact from `usage.cost`, else an estimate from `pricing`. */
export function completionCost(
  usage: CompletionUsage,
  pricing: ModelPricing | undefined,
  options: CostOptions = {},
): CompletionCost {
  const isByok = usage.is_byok === true;
  if (usage.cost !== null && usage.cost !== undefined && Number.isFinite(usage.cost)) {
    const fee = usd(usage.cost);
    const upstream = isByok ? usd(usage.cost_details?.upstream_inference_cost) : 0n;
    return {
      basis: 'exact',
      totalUsd: fromUnits(userSpendUnits(fee, upstream, isByok)),
      openRouterUsd: fromUnits(fee),
      upstreamUsd: fromUnits(upstream),
      isByok,
      unknownPrices: [],
    };
  }
  return estimateCost(usage, pricing ?? {}, options, isByok);
}

/** A price in units, or undefined when unknown. */
function price(value: number | undefined): bigint | undefined {
  return value === undefined ? undefined : toUnits(value);
}

function estimateCost(usage: CompletionUsage, pricing: ModelPricing, options: CostOptions, isByok: boolean): CompletionCost {
  const promptTokens = count(usage.prompt_tokens);
  const cached = Math.min(count(usage.prompt_tokens_details?.cached_tokens), promptTokens);
  const written = Math.min(count(usage.prompt_tokens_details?.cache_write_tokens), promptTokens - cached);
  const completionTokens = count(usage.completion_tokens);
  // Reasoning tokens are already counted in completion_tokens on OpenRouter; they are split out only to price them.
  const reasoningTokens = Math.min(count(usage.completion_tokens_details?.reasoning_tokens), completionTokens);
  const searches = count(usage.server_tool_use?.web_search_requests);

  const reason = options.finishReason;
  const notCharged = reason === 'error' || (completionTokens === 0 && (reason === null || reason === ''));

  const promptPrice = price(pricing.prompt);
  const completionPrice = price(pricing.completion);
  // Catalogues list internal_reasoning as "0" when reasoning is billed as ordinary output, so only a positive
  // price counts as a separate reasoning rate.
  const reasoningPrice = pricing.internalReasoning !== undefined && pricing.internalReasoning > 0
    ? price(pricing.internalReasoning) : completionPrice;
  // Without a cache price, cache reads and writes are charged like ordinary prompt tokens: never an underestimate
  // for reads, and the usual case for providers that do not price writes separately.
  const cacheReadPrice = price(pricing.inputCacheRead) ?? promptPrice;
  const cacheWritePrice = price(pricing.inputCacheWrite) ?? promptPrice;

  const unknown: PriceComponent[] = [];
  const part = (component: PriceComponent, tokens: number, unitPrice: bigint | undefined): bigint => {
    if (tokens === 0) return 0n;
    if (unitPrice === undefined) {
      unknown.push(component);
      return 0n;
    }
    return multiplyUnits(tokens, unitPrice);
  };
  const parts: Record<PriceComponent, bigint> = {
    prompt: part('prompt', promptTokens - cached - written, promptPrice),
    cacheRead: part('cacheRead', cached, cacheReadPrice),
    cacheWrite: part('cacheWrite', written, cacheWritePrice),
    completion: part('completion', completionTokens - reasoningTokens, completionPrice),
    reasoning: part('reasoning', reasoningTokens, reasoningPrice),
    // A request price applies once per request; "unknown" is not worth flagging when it is simply not listed.
    request: price(pricing.request) ?? 0n,
    webSearch: part('webSearch', searches, price(pricing.webSearch)),
  };
  if (notCharged) for (const key of Object.keys(parts) as PriceComponent[]) parts[key] = 0n;

  const total = Object.values(parts).reduce((sum, value) => sum + value, 0n);
  const breakdown = Object.fromEntries(
    Object.entries(parts).map(([key, value]) => [key, fromUnits(value)]),
  ) as Record<PriceComponent, number>;
  // For BYOK without usage.cost nothing says how the fee and the provider's charge split; the whole estimate is
  // the provider's list price, shown as the user's total.
  return {
    basis: 'estimate',
    totalUsd: fromUnits(total),
    openRouterUsd: isByok ? 0 : fromUnits(total),
    upstreamUsd: isByok ? fromUnits(total) : 0,
    isByok,
    unknownPrices: notCharged ? [] : unknown,
    breakdown,
  };
}

export interface WorstCaseInput {
  readonly model: Pick<ModelInfo, 'pricing' | 'contextLength' | 'maxCompletionTokens'>;
  /** Estimated prompt tokens (see token-estimate.ts). */
  readonly promptTokens: number;
  /** The request's max_tokens, when it sets one. */
  readonly maxTokens?: number | undefined;
  /** The most web searches the request may make (web-search.ts `plannedSearches`); each at the search price. */
  readonly webSearches?: number | undefined;
}

export interface WorstCaseCost {
  readonly usd: number;
  /** The completion tokens assumed; undefined when nothing bounds them (then `usd` covers only the prompt). */
  readonly completionTokens: number | undefined;
  /** Components whose price is unknown, counted as 0. */
  readonly unknownPrices: readonly PriceComponent[];
}

/**
 * The most a request can cost before it is sent: every prompt token at the uncached price, plus the largest
 * completion the request allows at the dearer of the output and reasoning prices, plus the request price, plus
 * every web search the request may make at the search price.
 * The completion bound is the smallest of max_tokens, the model's max completion tokens and the context left after
 * the prompt, because the provider cannot produce more than any of them.
 */
export function worstCaseCost(input: WorstCaseInput): WorstCaseCost {
  const { pricing, contextLength, maxCompletionTokens } = input.model;
  const promptTokens = count(input.promptTokens);
  const bounds: number[] = [];
  if (input.maxTokens !== undefined && input.maxTokens >= 0) bounds.push(Math.round(input.maxTokens));
  if (maxCompletionTokens !== undefined) bounds.push(maxCompletionTokens);
  if (contextLength !== undefined) bounds.push(Math.max(0, contextLength - promptTokens));
  const completionTokens = bounds.length > 0 ? Math.min(...bounds) : undefined;

  const unknown: PriceComponent[] = [];
  let total = 0n;
  const promptPrice = price(pricing.prompt);
  if (promptPrice === undefined) {
    if (promptTokens > 0) unknown.push('prompt');
  } else {
    total += multiplyUnits(promptTokens, promptPrice);
  }
  const completionPrice = price(pricing.completion);
  const reasoningPrice = pricing.internalReasoning !== undefined && pricing.internalReasoning > 0
    ? price(pricing.internalReasoning) : undefined;
  const outputPrice = [completionPrice, reasoningPrice].reduce<bigint | undefined>(
    (max, value) => (value === undefined ? max : max === undefined || value > max ? value : max),
    undefined,
  );
  if (completionTokens !== undefined && completionTokens > 0) {
    if (outputPrice === undefined) unknown.push('completion');
    else total += multiplyUnits(completionTokens, outputPrice);
  }
  total += price(pricing.request) ?? 0n;
  const searches = count(input.webSearches);
  const searchPrice = price(pricing.webSearch);
  if (searches > 0 && searchPrice === undefined) unknown.push('webSearch');
  else if (searches > 0 && searchPrice !== undefined) total += multiplyUnits(searches, searchPrice);
  return { usd: fromUnits(total), completionTokens, unknownPrices: unknown };
}
