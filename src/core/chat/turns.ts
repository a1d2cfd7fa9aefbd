// Pure rules of the chat panel: how turns become the messages of a request, how engine errors become error cards
// with the actions that fix them, and how retries and fallbacks read inline.
import type { ChatEvent, DoneInfo } from '../openrouter/chat';
import { availabilityPhrase, familySearch, suggestedModel } from '../openrouter/availability';
import type { ModelPricing } from '../openrouter/catalogue-schemas';
import type { OpenRouterError } from '../openrouter/errors';
import { formatPerMillion } from '../format';
import type { ChatMessage, ChatRequest } from '../openrouter/http';
import { priceChangeText, type PriceChange } from '../spend/price-ratio';
import { versionOfGeneration } from './answer-versions';
import { ALL_INPUTS, userMessageContent, type ModelInputs } from './content-parts';
import { shownStatus, type AnswerError, type AnswerMeta, type Chat, type ErrorAction, type Turn } from './model';

/**
 * The messages for a request from the turns so far. Failed or stopped answers with no text are left out; a stopped
 * answer with text stays, because the user saw it and may refer to it.
 */
export function requestMessages(turns: readonly Turn[], systemPrompt: string | undefined, inputs: ModelInputs = ALL_INPUTS): ChatMessage[] {
  const messages: ChatMessage[] = systemPrompt ? [{ role: 'system', content: systemPrompt }] : [];
  for (const turn of turns) {
    if (turn.role === 'user') messages.push({ role: 'user', content: userMessageContent(turn, inputs) });
    else if (turn.text.trim()) messages.push({ role: 'assistant', content: turn.text });
  }
  return messages;
}

/** Another model the card offers, with its price; `pricing` is the catalogue's, undefined for unknown models. */
export interface Suggestion {
  model: string;
  price: string;
}

export type PricingOf = (model: string) => ModelPricing | undefined;

/** The model an availability error names as the way out, when the catalogue knows it. */
export function suggestionFor(error: OpenRouterError, pricing: PricingOf): Suggestion | undefined {
  if (!error.availability || error.action !== 'use_model' || !error.model) return undefined;
  const model = suggestedModel(error.availability, error.model, (id) => pricing(id) !== undefined);
  const prices = model ? pricing(model) : undefined;
  if (!model || !prices) return undefined;
  return { model, price: `${formatPerMillion(prices.prompt)}/M in · ${formatPerMillion(prices.completion)}/M out` };
}

/** What the person can do about an error: the buttons of its card. */
export function errorActions(error: OpenRouterError, continueWith: string | undefined, suggestion?: Suggestion): ErrorAction[] {
  const actions: ErrorAction[] = [];
  if (continueWith) actions.push('continue');
  if (suggestion) actions.push('switch_model');
  // A retired model with no successor the catalogue knows: search for its family instead.
  else if (error.action === 'use_model' && error.availability?.code === 'model_deprecated') actions.push('search_models');
  // The request's own data-policy setting is ours to open; the account's is on OpenRouter.
  if (error.action === 'privacy_settings') actions.push(error.privacySetting ? 'routing_settings' : 'privacy_settings');
  if (error.action === 'routing_settings') actions.push('routing_settings');
  if (error.action === 'set_key') actions.push('set_key');
  // Fewer tokens that the balance covers come before topping it up: a click, rather than a payment.
  if (error.affordableMaxTokens !== undefined || error.action === 'lower_max_tokens') actions.push('lower_max_tokens');
  if (error.action === 'wait') actions.push('wait');
  if (error.action === 'top_up') actions.push('top_up');
  // A model OpenRouter says will not come back (retired, unknown, no longer free) would only fail the same way.
  const permanent = error.availability !== undefined && !error.retryable;
  if (error.kind !== 'auth' && error.kind !== 'credits' && error.kind !== 'moderation' && !permanent) actions.push('retry');
  if (error.fallbackMayHelp || error.action === 'pick_model' || error.action === 'lower_max_tokens' || error.kind === 'bad_request') actions.push('pick_model');
  // The usual way out of a conversation grown too long: ask again without it.
  if (error.subtype === 'context_length_exceeded') actions.push('new_chat');
  return actions;
}

export function answerError(error: OpenRouterError, continueWith: string | undefined, pricing: PricingOf = () => undefined): AnswerError {
  const detail = error.providerMessage && error.providerMessage !== error.message ? error.providerMessage.slice(0, 300) : undefined;
  const status = shownStatus(error.status);
  const suggestion = suggestionFor(error, pricing);
  const actions = errorActions(error, continueWith, suggestion);
  return {
    kind: error.kind,
    message: error.message,
    source: error.source,
    ...(detail !== undefined ? { detail } : {}),
    ...(status !== undefined ? { status } : {}),
    actions,
    ...(continueWith ? { continueWith } : {}),
    ...(suggestion ? { suggestedModel: suggestion.model, suggestedPrice: suggestion.price } : {}),
    ...(actions.includes('search_models') && error.model ? { searchQuery: familySearch(error.model) } : {}),
    ...(error.affordableMaxTokens !== undefined ? { affordableMaxTokens: error.affordableMaxTokens } : {}),
  };
}

/** How a failure reads inline, e.g. "was rate limited (429)". */
export function failurePhrase(error: OpenRouterError): string {
  const status = shownStatus(error.status) !== undefined ? ` (${error.status})` : '';
  const unavailable = error.availability && availabilityPhrase(error.availability.code);
  if (unavailable) return `${unavailable}${status}`;
  switch (error.kind) {
    case 'rate_limited':
      return `was rate limited${status}`;
    case 'unavailable':
      return `is unavailable${status}`;
    case 'provider_error':
      return `failed at ${error.source === 'openrouter' ? 'its provider' : error.source}${status}`;
    case 'timeout':
      return error.subtype === 'idle' ? 'stopped sending' : 'did not start answering in time';
    case 'no_provider':
      return `has no provider that can serve this request${status}`;
    case 'network':
      return 'could not be reached';
    case 'bad_request':
      return error.subtype === 'context_length_exceeded' ? 'cannot fit this conversation in its context' : `rejected the request${status}`;
    default:
      return `failed${status}`;
  }
}

export function retryNotice(model: string, delayMs: number, reason: OpenRouterError): string {
  return `${model} ${failurePhrase(reason)}; retrying in ${(delayMs / 1000).toFixed(1)} s`;
}

/** How a fallback reads inline; `price` says when the next model is much dearer per token (see price-ratio.ts). */
export function fallbackNotice(from: string, to: string, reason: OpenRouterError, skipped: readonly string[], price?: PriceChange): string {
  const notes = [
    ...(price ? [priceChangeText(price)] : []),
    ...(skipped.length ? [`skipping ${skipped.join(', ')}, whose context is not larger`] : []),
  ];
  return `${from} ${failurePhrase(reason)} — trying ${to}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

/** The footer facts of a finished answer. */
export function answerMeta(done: DoneInfo): AnswerMeta {
  return {
    requestedModel: done.requestedModel,
    model: done.model,
    ...(done.provider ? { provider: done.provider } : {}),
    ...(done.usage ? { usage: done.usage } : {}),
    ...(done.cost ? { cost: done.cost } : {}),
    ...(done.generationId ? { generationId: done.generationId } : {}),
    ...(done.timeToFirstTokenMs !== undefined ? { timeToFirstTokenMs: done.timeToFirstTokenMs } : {}),
    durationMs: done.durationMs,
    fallbackPath: [...done.fallbackPath],
    ...(done.finishReason ? { finishReason: done.finishReason } : {}),
  };
}

/**
 * The footer facts of an answer that was stopped or failed: the model that was streaming (or the one asked for, when
 * none had started) and the cost the engine worked out for it, the same figure the spend ledger records.
 */
export function failedAnswerMeta(failure: Extract<ChatEvent, { type: 'error' }>, request: ChatRequest): AnswerMeta {
  return {
    requestedModel: request.model,
    model: failure.model || request.model,
    ...(failure.cost ? { cost: failure.cost } : {}),
    ...(failure.generationId ? { generationId: failure.generationId } : {}),
    fallbackPath: [],
  };
}

/**
 * Puts what OpenRouter billed for generation `generationId` (looked up at /generation) in place of the estimate the
 * answer's footer showed, so the footer, the chat list and the export say what the ledger says. False when no
 * answer of `chat`, shown or not, came from that generation.
 */
export function settleAnswerCost(chat: Chat, generationId: string, usd: number): boolean {
  // Every version of an answer was paid for, the ones not shown too.
  for (const turn of chat.turns) {
    const meta = turn.role === 'assistant' ? versionOfGeneration(turn, generationId)?.meta : undefined;
    if (!meta) continue;
    meta.cost = { usd, basis: 'exact', source: 'generation' };
    return true;
  }
  return false;
}
