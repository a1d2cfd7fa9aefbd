// "Cheaper by default": the composer names a model the person already trusts (a favourite or a preset's model)
// that would answer the same prompt for much less. It only says so; switching is the person's click.
import { worstCaseCost, type WorstCaseInput } from './cost';

type Facts = WorstCaseInput['model'];

/** A candidate must cost at most this fraction of the current model's worst case to be worth a word. */
export const CHEAPER_FACTOR = 3;
/** Below this worst case (USD) any saving is too small to interrupt the person with. */
export const CHEAPER_FLOOR_USD = 0.001;

export interface CheaperModel {
  readonly model: string;
  /** The candidate's worst case for the same prompt and max_tokens. */
  readonly worstCaseUsd: number;
}

export interface CheaperQuery {
  readonly current: string;
  /** The current model's worst case for this prompt. */
  readonly currentUsd: number;
  readonly promptTokens: number;
  readonly maxTokens: number | undefined;
  /** The web searches the request may make: each candidate pays for them at its own search price too. */
  readonly webSearches?: number | undefined;
  /** Favourites and the presets' models, in the order the person set them. */
  readonly candidates: readonly string[];
  readonly factsOf: (model: string) => Facts | undefined;
}

/**
 * The cheapest candidate whose worst case is at most 1/CHEAPER_FACTOR of the current model's, and whose context
 * window is known to hold the prompt and the answer asked for; undefined when none is, or the saving is too small.
 * Unknown prices count as no saving: a price we cannot see is no reason to recommend a model.
 */
export function cheaperModel(query: CheaperQuery): CheaperModel | undefined {
  if (query.currentUsd < CHEAPER_FLOOR_USD) return undefined;
  let best: CheaperModel | undefined;
  for (const model of new Set(query.candidates)) {
    if (model === query.current) continue;
    const facts = query.factsOf(model);
    if (!facts?.contextLength || facts.contextLength < query.promptTokens + (query.maxTokens ?? 0)) continue;
    const worst = worstCaseCost({ model: facts, promptTokens: query.promptTokens, maxTokens: query.maxTokens, webSearches: query.webSearches });
    if (worst.unknownPrices.length > 0 || worst.usd * CHEAPER_FACTOR > query.currentUsd) continue;
    if (!best || worst.usd < best.worstCaseUsd) best = { model, worstCaseUsd: worst.usd };
  }
  return best;
}
