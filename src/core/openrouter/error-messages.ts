// The sentence each error shows a person: what happened and what helps, written from its kind, subtype and the
// context of the request. Never from the API's own wording, which is kept apart as the error's detail.
import { formatWait } from '../format';
import { availabilityMessage } from './availability';
import type { OpenRouterErrorInit } from './errors';

/** The message of an error built from `init`; `source` is `openrouter` or the provider that failed. */
export function describe(init: OpenRouterErrorInit, source: string): string {
  if (init.availability) return availabilityMessage(init.availability, init.model ?? 'the model', init.privacySetting);
  const model = init.model ?? 'The model';
  const by = source === 'openrouter' ? 'OpenRouter' : source;
  switch (init.kind) {
    case 'auth':
      return init.subtype === 'missing_key'
        ? 'No OpenRouter API key is set. Set a key to start chatting.'
        : 'OpenRouter did not accept the API key. Set a valid key and try again; every model uses the same key.';
    case 'credits':
      if (init.subtype === 'key_limit') {
        return 'This API key has reached its spending limit. Raise the limit on OpenRouter or use another key; another model would bill the same key.';
      }
      if (init.subtype === 'in_flight_budget') {
        const wait = init.retryAfterMs !== undefined ? ` about ${formatWait(init.retryAfterMs)}` : '';
        return `Requests already running hold this key's budget. Wait${wait} for them to finish and try again.`;
      }
      return 'Your OpenRouter credits do not cover this request. Add credits, or lower max tokens so its worst case fits your balance; another model would bill the same account.';
    case 'moderation': {
      const reasons = init.moderationReasons?.length ? ` (${init.moderationReasons.join(', ')})` : '';
      return `${by} flagged the request${reasons}. Another model would see the same content, so the chain stops here.`;
    }
    case 'no_provider':
      return `No provider for ${init.model ?? 'this model'} meets the request's routing settings. Loosen the provider settings or pick another model.`;
    case 'timeout':
      if (init.subtype === 'first_byte') {
        return `${model} did not start answering within ${formatWait(init.timeoutMs ?? 0)}.`;
      }
      if (init.subtype === 'idle') return `${model} stopped sending for ${formatWait(init.timeoutMs ?? 0)}.`;
      return `${by} timed out waiting for ${init.model ?? 'the model'}.`;
    case 'rate_limited': {
      const wait = init.retryAfterMs !== undefined ? ` Try again in ${formatWait(init.retryAfterMs)}.` : ' Wait a moment and try again.';
      return `${init.model ?? 'The model'} is rate-limited by ${by}.${wait}`;
    }
    case 'provider_error':
      if (init.subtype === 'truncated') return `The answer from ${init.model ?? 'the model'} ended before it finished.`;
      return `${by} failed while answering with ${init.model ?? 'the model'}.`;
    case 'unavailable':
      return `No provider can serve ${init.model ?? 'the model'} right now.`;
    case 'bad_request':
      if (init.subtype === 'context_length_exceeded') {
        return `The conversation does not fit ${init.model ?? 'the model'}'s context window. Shorten it, lower max tokens, or pick a model with a larger context.`;
      }
      return `OpenRouter rejected the request as invalid; another model would receive the same request.`;
    case 'network':
      if (init.subtype === 'truncated') return 'The connection to OpenRouter dropped before the answer finished.';
      return 'Could not reach OpenRouter. Check the network connection.';
    case 'invalid_response':
      return 'OpenRouter sent a response this extension could not read.';
    case 'cancelled':
      return 'Stopped.';
  }
}
