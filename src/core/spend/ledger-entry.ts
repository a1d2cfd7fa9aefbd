// How one finished (or failed) request becomes a ledger record. OpenRouter's own cost wins; without it the cost is
// estimated from catalogue prices and marked so, to be reconciled against /generation later.
import type { DoneInfo, ChatEvent } from '../openrouter/chat';
import type { ModelPricing } from '../openrouter/catalogue-schemas';
import { completionCost } from './cost';
import type { LedgerRecord } from './ledger-record';
import { fromUnits, multiplyUnits, toUnits } from './usd';

export interface LedgerEntryInput {
  id: string;
  at: number;
  workspace: string;
  chatId: string | undefined;
  requestedModel: string;
  /** Estimated prompt tokens, for failures that carry no usage; asked only then (it reads the whole conversation). */
  promptTokensEstimate: () => number;
  done?: DoneInfo | undefined;
  failure?: Extract<ChatEvent, { type: 'error' }> | undefined;
  pricingOf: (model: string) => ModelPricing | undefined;
}

/** What the cached tokens would have cost at the uncached prompt price, minus what they did cost. */
export function cacheSavings(cachedTokens: number, pricing: ModelPricing | undefined): number | undefined {
  if (!pricing || cachedTokens <= 0 || pricing.prompt === undefined || pricing.inputCacheRead === undefined) return undefined;
  const full = toUnits(pricing.prompt) ?? 0n;
  const cached = toUnits(pricing.inputCacheRead) ?? 0n;
  return fromUnits(multiplyUnits(cachedTokens, full - cached));
}

export function ledgerRecordOf(input: LedgerEntryInput): LedgerRecord {
  const base = { id: input.id, at: input.at, workspace: input.workspace, ...(input.chatId ? { chatId: input.chatId } : {}), requestedModel: input.requestedModel };
  const { done, failure } = input;
  if (done) {
    const usage = done.usage ?? { promptTokens: 0, completionTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
    const pricing = input.pricingOf(done.model);
    const cost = completionCost({
      prompt_tokens: usage.promptTokens,
      completion_tokens: usage.completionTokens,
      prompt_tokens_details: { cached_tokens: usage.cachedTokens, cache_write_tokens: usage.cacheWriteTokens },
      completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
      cost: done.cost?.total ?? null,
      is_byok: done.cost?.isByok ?? false,
      cost_details: { upstream_inference_cost: done.cost?.upstreamInferenceCost ?? null },
    }, pricing, { finishReason: done.finishReason ?? null });
    const savings = cacheSavings(usage.cachedTokens, pricing);
    return {
      ...base,
      model: done.model,
      ...(done.provider ? { provider: done.provider } : {}),
      ...usage,
      cost: cost.totalUsd,
      costSource: cost.basis,
      ...(savings !== undefined ? { cacheSavings: savings } : {}),
      isByok: cost.isByok,
      ...(done.generationId ? { generationId: done.generationId } : {}),
      outcome: 'done',
      fallbackPath: [...done.fallbackPath],
    };
  }
  const cancelled = failure?.error.kind === 'cancelled';
  const completionTokens = failure?.usage?.completionTokens ?? 0;
  const started = failure?.generationId !== undefined;
  // Failed requests are not charged; a started answer that was stopped is, for the tokens it produced. Either way a
  // started generation is recorded as an estimate, so /generation can settle what was really billed.
  const model = failure?.model || input.requestedModel;
  const promptTokens = started ? input.promptTokensEstimate() : 0;
  const estimate = cancelled && started
    ? completionCost({ prompt_tokens: promptTokens, completion_tokens: completionTokens }, input.pricingOf(model)).totalUsd
    : 0;
  return {
    ...base,
    ...(started ? { model } : {}),
    promptTokens,
    completionTokens,
    cachedTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    cost: estimate,
    costSource: started ? 'estimate' : 'exact',
    isByok: false,
    ...(failure?.generationId ? { generationId: failure.generationId } : {}),
    outcome: cancelled ? 'cancelled' : 'error',
    fallbackPath: [],
  };
}
