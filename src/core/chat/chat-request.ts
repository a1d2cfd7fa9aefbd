// The request for the next answer: the conversation's messages under the settings and the active preset. Pure, so
// the panel, the commands and the pre-send estimate all build the same request the budget check then sees.
import type { ProviderRouting, Settings } from '../config/settings';
import type { ChatMessage, ChatRequest } from '../openrouter/http';
import { placeCacheBreakpoints } from '../openrouter/cache-breakpoints';
import { chainReasoning, type ReasoningFacts } from './chain-reasoning';
import type { ReasoningPreferences } from './reasoning-choice';
import { webSearchTool, type WebSearchOptions } from './web-search';
import { withInstructions } from './project-instructions';

export interface RequestOptions {
  /** Overrides the default model (a preset's model, a model picked for one answer). */
  model?: string | undefined;
  maxTokens?: number | undefined;
  temperature?: number | undefined;
  /** Groups a conversation's requests for OpenRouter's prompt caching and sticky routing. */
  sessionId?: string | undefined;
  /** The `reasoning` object for this model (effort, token budget, exclude), as reasoning-choice.ts builds it. */
  reasoning?: Record<string, unknown> | undefined;
  /** What each fallback accepts and the efforts picked per model, so each gets a `reasoning` it takes. */
  chainReasoning?: { preferences: ReasoningPreferences | undefined; factsOf: ReasoningFacts } | undefined;
  /** The project's instructions (AGENTS.md and the like), added to the system prompt after the settings' own. */
  instructions?: string | undefined;
  /** Web search for this answer: OpenRouter's `openrouter:web_search` server tool with these options. */
  webSearch?: WebSearchOptions | undefined;
  /** OpenRouter plugins for this request (the file-parser for attached PDFs). */
  plugins?: readonly unknown[] | undefined;
}

export type RequestSettings = Pick<Settings, 'defaultModel' | 'fallbackModels' | 'systemPrompt' | 'maxTokens' | 'temperature' | 'provider' | 'user'> &
  Partial<Pick<Settings, 'fallbackMaxPriceRatio' | 'promptCache.ttl'>>;

/** The chat request for these messages; the settings' system prompt goes first unless the messages bring one. */
export function buildChatRequest(settings: RequestSettings, messages: readonly ChatMessage[], options: RequestOptions = {}): ChatRequest {
  const system: ChatMessage[] = settings.systemPrompt ? [{ role: 'system', content: settings.systemPrompt }] : [];
  const hasSystem = messages.some((m) => m.role === 'system');
  const model = options.model ?? settings.defaultModel;
  const prompted = withInstructions(hasSystem ? messages : [...system, ...messages], options.instructions);
  // Breakpoints suit the model asked for; a fallback of another family ignores marks it does not use.
  const cache = placeCacheBreakpoints(model, prompted, settings['promptCache.ttl'] ?? '5m');
  // The model itself is never its own fallback: a chain "X, then X" only retries X under another name.
  const fallbacks = settings.fallbackModels.filter((fallback) => fallback !== model);
  const fitted = options.chainReasoning;
  const reasoningByModel = fitted ? chainReasoning(model, fallbacks, options.reasoning, fitted.preferences, fitted.factsOf) : undefined;
  return {
    model,
    fallbacks,
    messages: cache.messages === messages ? [...messages] : cache.messages,
    max_tokens: options.maxTokens ?? settings.maxTokens ?? undefined,
    temperature: options.temperature ?? settings.temperature ?? undefined,
    provider: providerBody(settings.provider),
    user: settings.user || undefined,
    session_id: options.sessionId,
    reasoning: options.reasoning,
    ...(reasoningByModel ? { reasoningByModel } : {}),
    ...(options.webSearch ? { tools: [webSearchTool(options.webSearch)] } : {}),
    plugins: options.plugins,
    maxFallbackPriceRatio: settings.fallbackMaxPriceRatio || undefined,
    ...(cache.cacheControl ? { extra: { cache_control: cache.cacheControl } } : {}),
  };
}

/** Our camelCase routing settings in the API's snake_case. */
function providerBody(p: ProviderRouting): Record<string, unknown> | undefined {
  const body: Record<string, unknown> = {};
  if (p.order) body['order'] = p.order;
  if (p.allowFallbacks !== undefined) body['allow_fallbacks'] = p.allowFallbacks;
  if (p.sort) body['sort'] = p.sort;
  if (p.dataCollection) body['data_collection'] = p.dataCollection;
  if (p.zdr !== undefined) body['zdr'] = p.zdr;
  if (p.maxPrice) body['max_price'] = p.maxPrice;
  if (p.only) body['only'] = p.only;
  if (p.ignore) body['ignore'] = p.ignore;
  return Object.keys(body).length > 0 ? body : undefined;
}
