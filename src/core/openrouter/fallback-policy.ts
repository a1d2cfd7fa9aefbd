// Which model to try next when one fails. The chain is the primary model followed by the person's fallbacks, in
// order. The error decides whether moving on can help at all (errors.ts `fallbackMayHelp`): a bad key, an empty
// account, flagged content or an invalid request fail the same way on every model, so the chain stops and says so
// instead of burning through every fallback.

import type { OpenRouterError } from './errors';

/** Context window of a model from the catalogue, in tokens; undefined when the catalogue does not know it. */
export type ContextLengthLookup = (modelId: string) => number | undefined;

/** Why a chain ended on an error rather than moving to another model. */
export type ChainStop =
  | 'same_for_every_model' // the failure is about the key, account, content or request
  | 'no_larger_context' // context too long and no later model is known to be larger
  | 'chain_exhausted' // no model left to try
  | 'tokens_streamed' // the answer had started; it is never silently replaced
  | 'cancelled';

export type FallbackDecision =
  | { readonly next: true; readonly index: number; readonly model: string; readonly skipped: readonly string[] }
  | { readonly next: false; readonly stop: ChainStop };

/**
 * The model after `chain[index]` worth trying for this error. A context-length failure only moves to a model whose
 * catalogue context is larger than the failed one's; models in between are skipped, and unknown sizes count as not
 * larger, because sending the same oversized prompt to a model of unknown size would most likely fail the same way.
 */
export function decideFallback(
  chain: readonly string[],
  index: number,
  error: OpenRouterError,
  contextLengthOf?: ContextLengthLookup,
): FallbackDecision {
  if (error.kind === 'cancelled') return { next: false, stop: 'cancelled' };
  if (!error.fallbackMayHelp) return { next: false, stop: 'same_for_every_model' };
  if (index + 1 >= chain.length) return { next: false, stop: 'chain_exhausted' };
  if (error.subtype === 'context_length_exceeded') {
    const failed = chain[index];
    const failedContext = failed === undefined ? undefined : contextLengthOf?.(failed);
    const skipped: string[] = [];
    for (let candidate = index + 1; candidate < chain.length; candidate++) {
      const model = chain[candidate];
      if (model === undefined) continue;
      const size = contextLengthOf?.(model);
      if (failedContext !== undefined && size !== undefined && size > failedContext) {
        return { next: true, index: candidate, model, skipped };
      }
      skipped.push(model);
    }
    return { next: false, stop: 'no_larger_context' };
  }
  const model = chain[index + 1];
  if (model === undefined) return { next: false, stop: 'chain_exhausted' };
  return { next: true, index: index + 1, model, skipped: [] };
}

/** The chain without repeats, primary first; a fallback equal to an earlier entry would only repeat its failure. */
export function buildChain(primary: string, fallbacks: readonly string[] = []): string[] {
  const chain: string[] = [];
  for (const model of [primary, ...fallbacks]) {
    const trimmed = model.trim();
    if (trimmed !== '' && !chain.includes(trimmed)) chain.push(trimmed);
  }
  return chain;
}
