// The footer's web search facts of a finished answer: how many searches ran, what they cost, and their sources.
import type { DoneInfo } from '../openrouter/chat';
import type { ModelPricing } from '../openrouter/catalogue-schemas';
import { searchFacts } from '../spend/search-cost';
import type { AnswerMeta } from './model';

export function webSearchMeta(done: Pick<DoneInfo, 'webSearches' | 'citations'>, pricing: ModelPricing | undefined): Pick<AnswerMeta, 'webSearch' | 'citations'> {
  const facts = searchFacts(done.webSearches, pricing);
  const citations = done.citations ?? [];
  return {
    ...(facts ? { webSearch: facts } : {}),
    ...(citations.length > 0 ? { citations: [...citations] } : {}),
  };
}
