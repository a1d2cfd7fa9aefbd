// What the pre-send budget check would do with a request before it is made, for everyone who needs to know: the
// check itself, the composer (which warns before sending), and a blocked answer's card (which names a model that
// fits). There is one rule, budget.ts `checkRequest`; this only feeds it a request's worst case.
import { checkRequest, type LimitName, type RequestCheck, type RequestDecision } from './budget';
import { worstCaseCost, type WorstCaseInput } from './cost';

/**
 * What is left to spend, before this request: the totals, the budgets and the key's own limit. `keyWide`: when the
 * budgets count the whole key, the sentence naming the key's spend for each budget that counts it (key-budget.ts).
 */
export type BudgetRoom = Pick<RequestCheck, 'summary' | 'budgets' | 'keyLimitRemaining' | 'inFlight'> & {
  readonly keyWide?: Partial<Record<LimitName, string>> | undefined;
};

/** The prices and limits of a model, as the worst case reads them. */
export type PricedModel = WorstCaseInput['model'];

export interface PlannedRequest {
  /** The model's catalogue entry; without it the worst case is unknown, and only a spent limit can stop it. */
  readonly model: PricedModel | undefined;
  readonly promptTokens: number;
  readonly maxTokens: number | undefined;
  /** The most web searches it may make. */
  readonly webSearches?: number | undefined;
}

/** The budget check's decision on a planned request: allow, clamp its max_tokens, or block it. */
export function checkPlanned(room: BudgetRoom, { model, promptTokens, maxTokens, webSearches }: PlannedRequest): RequestDecision {
  return checkRequest({
    ...room,
    worstCase: (tokens) => (model ? worstCaseCost({ model, promptTokens, maxTokens: tokens, webSearches }).usd : 0),
    maxTokens,
  });
}

export interface FittingModelQuery {
  readonly room: BudgetRoom;
  /** The models to choose from, in order of preference; the first of equally cheap ones wins. */
  readonly candidates: readonly string[];
  /** The model that was blocked; never suggested. */
  readonly blocked: string;
  readonly promptTokens: number;
  readonly maxTokens: number | undefined;
  readonly facts: (model: string) => PricedModel | undefined;
}

/**
 * The model to suggest when a request was blocked: of the candidates whose prices are known and whose request the
 * check would send (as asked or with a lower max_tokens), the one whose worst case as asked is cheapest. A model
 * without prices is never suggested: "fits" would be a guess.
 */
export function cheapestFittingModel(query: FittingModelQuery): string | undefined {
  let best: { model: string; usd: number } | undefined;
  for (const model of new Set(query.candidates)) {
    const facts = query.facts(model);
    if (model === query.blocked || !facts) continue;
    const planned = { model: facts, promptTokens: query.promptTokens, maxTokens: query.maxTokens };
    if (checkPlanned(query.room, planned).kind === 'block') continue;
    // Compared as asked, not as a clamp would send it: a dear model cut short is not the cheaper choice.
    const usd = worstCaseCost(planned).usd;
    if (best === undefined || usd < best.usd) best = { model, usd };
  }
  return best?.model;
}
