// OpenRouter's web search as this extension asks for it: the `openrouter:web_search` server tool (the `:online`
// suffix and the `web` plugin are deprecated), shaped by the settings, and how many searches a request may make,
// which bounds what it can cost before it is sent.
import type { ChatRequest } from '../openrouter/http';

export const WEB_SEARCH_TOOL = 'openrouter:web_search';

/** The engines OpenRouter's web search offers; `auto` lets OpenRouter pick (native where the provider has one). */
export const WEB_SEARCH_ENGINES = ['auto', 'native', 'exa', 'firecrawl', 'parallel', 'perplexity'] as const;
export type WebSearchEngine = (typeof WEB_SEARCH_ENGINES)[number];

/** The documented bound on results per search. */
export const MAX_RESULTS_LIMIT = 25;
/** Ours: more searches per answer than this is a runaway, not research. */
export const MAX_SEARCHES_LIMIT = 10;

export interface WebSearchOptions {
  engine: WebSearchEngine;
  /** Results per search. */
  maxResults: number;
  /** Searches one answer may make. */
  maxSearches: number;
}

export const DEFAULT_WEB_SEARCH: WebSearchOptions = { engine: 'auto', maxResults: 5, maxSearches: 3 };

/** The server tool for the request's `tools`. */
export function webSearchTool(options: WebSearchOptions): Record<string, unknown> {
  return {
    type: WEB_SEARCH_TOOL,
    parameters: {
      // `auto` is OpenRouter's own default; leaving it out keeps the request as small as asked.
      ...(options.engine === 'auto' ? {} : { engine: options.engine }),
      max_results: options.maxResults,
      max_uses: options.maxSearches,
    },
  };
}

/** The most searches `request` may make: the web search tool's `max_uses`; 0 when it has no web search. */
export function plannedSearches(request: Pick<ChatRequest, 'tools'>): number {
  for (const tool of request.tools ?? []) {
    if (!isRecord(tool) || tool['type'] !== WEB_SEARCH_TOOL) continue;
    const uses = isRecord(tool['parameters']) ? tool['parameters']['max_uses'] : undefined;
    // Without a bound of ours the count is OpenRouter's; the largest we would ask for stands in for it.
    return typeof uses === 'number' && Number.isInteger(uses) && uses > 0 ? uses : MAX_SEARCHES_LIMIT;
  }
  return 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
