// What an answer's web searches cost. OpenRouter folds the search charge into `usage.cost` and counts the searches
// in `usage.server_tool_use.web_search_requests`; the part of the cost they make is that count at the model's
// catalogue search price. The footer and the ledger show it beside the total, which already contains it.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema';
import type { ModelPricing } from '../openrouter/catalogue-schemas';
import { fromUnits, multiplyUnits, toUnits } from './usd';

export const SearchFactsSchema = lazySchema(() => z.object({
  searches: z.number().int().nonnegative(),
  /** The searches' share of the answer's cost; absent when the catalogue has no search price for the model. */
  usd: z.number().nonnegative().optional(),
}));
export type SearchFacts = z.infer<typeof SearchFactsSchema>;

/** The facts for `searches` searches at the model's prices; undefined when there were none. */
export function searchFacts(searches: number | undefined, pricing: Pick<ModelPricing, 'webSearch'> | undefined): SearchFacts | undefined {
  if (searches === undefined || !Number.isInteger(searches) || searches <= 0) return undefined;
  const usd = searchUsd(searches, pricing?.webSearch);
  return { searches, ...(usd !== undefined ? { usd } : {}) };
}

/** `searches` at `price` USD each, in exact decimal units; undefined when the price is unknown. */
export function searchUsd(searches: number, price: number | undefined): number | undefined {
  const unit = price === undefined ? undefined : toUnits(price);
  return unit === undefined ? undefined : fromUnits(multiplyUnits(searches, unit));
}

/** "2 web searches ≈ $0.02", as the footer words it. */
export function searchFactText(facts: SearchFacts, formatUsd: (usd: number) => string): string {
  const what = `${facts.searches} web search${facts.searches === 1 ? '' : 'es'}`;
  return facts.usd === undefined ? what : `${what} ≈ ${formatUsd(facts.usd)}`;
}
