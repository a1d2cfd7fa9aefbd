// How one finished (or failed) request becomes a ledger record. The cost is the one the engine put on the answer's
// end (see answer-cost.ts); an estimate is marked so, to be reconciled against /generation later.
import type { DoneInfo, ChatEvent } from '../../openrouter/chat';
import type { ModelPricing } from '../../openrouter/catalogue-schemas';
import { NOT_CHARGED, type AnswerCost } from '../answer-cost';
import type { LedgerRecord } from './record';
import type { RequestOrigin } from './surface';
import { cacheReadSaving, cacheWriteExtra } from '../cache-facts';
import type { CacheTtl } from '../../openrouter/cache-breakpoints';
import { searchFacts } from '../search-cost';

export interface LedgerEntryInput {
  id: string;
  at: number;
  workspace: string;
  chatId: string | undefined;
  requestedModel: string;
  /** Who asked: the panel, or VS Code chat and the extension behind it. */
  origin: RequestOrigin;
  done?: DoneInfo | undefined;
  failure?: Extract<ChatEvent, { type: 'error' }> | undefined;
  /** Catalogue prices, for what cached tokens saved. */
  pricingOf: (model: string) => ModelPricing | undefined;
  /** How long the request asked its cache writes to last (one hour costs more); 5 minutes when absent. */
  cacheTtl?: CacheTtl | undefined;
}

/** What the cached tokens would have cost at the uncached prompt price, minus what they did cost. */
export function cacheSavings(cachedTokens: number, pricing: ModelPricing | undefined): number | undefined {
  // The answer's footer shows the same figure (cache-facts.ts), so the dashboard's total is the footers' sum.
  return cacheReadSaving(cachedTokens, pricing);
}

export function ledgerRecordOf(input: LedgerEntryInput): LedgerRecord {
  const { origin } = input;
  const base = {
    id: input.id,
    at: input.at,
    workspace: input.workspace,
    ...(input.chatId ? { chatId: input.chatId } : {}),
    requestedModel: input.requestedModel,
    surface: origin.surface,
    ...(origin.initiator ? { initiator: origin.initiator } : {}),
    ...(origin.comparisonId ? { comparisonId: origin.comparisonId } : {}),
  };
  const { done, failure } = input;
  if (done) {
    const usage = done.usage ?? { promptTokens: 0, completionTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
    const pricing = input.pricingOf(done.model);
    const savings = cacheSavings(usage.cachedTokens, pricing);
    const writeExtra = cacheWriteExtra(usage.cacheWriteTokens, pricing, input.cacheTtl ?? '5m');
    const searches = searchFacts(done.webSearches, pricing);
    return {
      ...base,
      model: done.model,
      ...(done.provider ? { provider: done.provider } : {}),
      ...usage,
      ...costFields(done.cost),
      ...(savings !== undefined ? { cacheSavings: savings } : {}),
      ...(writeExtra > 0 ? { cacheWriteExtra: writeExtra } : {}),
      ...(searches ? { webSearches: searches.searches, ...(searches.usd !== undefined ? { webSearchUsd: searches.usd } : {}) } : {}),
      ...(done.generationId ? { generationId: done.generationId } : {}),
      ...(Number.isFinite(done.durationMs) && done.durationMs >= 0 ? { durationMs: Math.round(done.durationMs) } : {}),
      outcome: 'done',
      fallbackPath: [...done.fallbackPath],
    };
  }
  const cancelled = failure?.error.kind === 'cancelled';
  const started = failure?.generationId !== undefined;
  // A started generation may have been billed for its prompt, so its record carries the estimated prompt tokens.
  const model = failure?.model || input.requestedModel;
  return {
    ...base,
    ...(started ? { model } : {}),
    promptTokens: started ? failure.promptTokens ?? 0 : 0,
    completionTokens: failure?.usage?.completionTokens ?? 0,
    cachedTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    // A failure the engine did not see (the request was never sent) was not billed.
    ...costFields(failure ? failure.cost : NOT_CHARGED),
    ...(failure?.generationId ? { generationId: failure.generationId } : {}),
    outcome: cancelled ? 'cancelled' : 'error',
    fallbackPath: [],
  };
}

/**
 * The answer's cost as the ledger keeps it. An unknown cost is recorded as a zero estimate: it adds nothing to the
 * totals now, and /generation settles it when the record has a generation id.
 */
function costFields(cost: AnswerCost | undefined): Pick<LedgerRecord, 'cost' | 'costSource' | 'isByok'> {
  return { cost: cost?.usd ?? 0, costSource: cost?.basis ?? 'estimate', isByok: cost?.upstreamUsd !== undefined };
}
