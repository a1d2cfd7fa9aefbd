import * as assert from 'node:assert/strict';
import { shownStatus } from '../../../../src/core/chat/model';
import { answerError, failurePhrase } from '../../../../src/core/chat/turns';
import { errorFromHttp, errorFromStreamError } from '../../../../src/core/openrouter/errors';
import { sourceName } from '../../../../src/core/format';

describe('answer errors (the card under a failed answer)', () => {
  it('keeps our message and the API\'s own words apart, with the HTTP status', () => {
    const body = JSON.stringify({ error: { code: 402, message: 'This request requires more credits, or fewer max_tokens.' } });
    const error = answerError(errorFromHttp({ status: 402, bodyText: body, retryAfter: null, nowMs: 0 }), undefined);
    assert.match(error.message, /^Your OpenRouter credits do not cover this request\./);
    assert.doesNotMatch(error.message, /requires more credits/, 'the message is ours alone');
    assert.equal(error.detail, 'This request requires more credits, or fewer max_tokens.');
    assert.equal(error.source, 'openrouter');
    assert.equal(error.status, 402);
    assert.deepEqual(error.actions, ['top_up']);
  });

  it('offers a retry with the max_tokens a 402 says the balance covers, before Top Up', () => {
    const body = JSON.stringify({ error: { code: 402, message: 'This request requires more credits, or fewer max_tokens. You requested up to 4096 tokens, but can only afford 1024.' } });
    const error = answerError(errorFromHttp({ status: 402, bodyText: body, retryAfter: null, nowMs: 0 }), undefined);
    assert.deepEqual(error.actions, ['lower_max_tokens', 'top_up']);
    assert.equal(error.affordableMaxTokens, 1024);
  });

  it('shows no status for an error that arrived inside a stream (HTTP 200)', () => {
    const raw = '{"error":{"code":502,"message":"Provider disconnected mid-generation"}}';
    const streamed = errorFromStreamError({ code: 502, message: 'Provider disconnected mid-generation' }, raw, { model: 'openai/gpt-4o-mini' });
    assert.equal(streamed.status, 200);
    const error = answerError(streamed, 'anthropic/claude-3.5-haiku');
    assert.equal(error.status, undefined);
    assert.equal(error.detail, 'Provider disconnected mid-generation');
    assert.equal(error.continueWith, 'anthropic/claude-3.5-haiku');
    assert.equal(error.actions[0], 'continue');
    assert.doesNotMatch(failurePhrase(streamed), /200/);
  });

  it('leaves the detail out when the API said nothing of its own', () => {
    const error = answerError(errorFromHttp({ status: 503, bodyText: 'Service Unavailable', retryAfter: null, nowMs: 0 }, { model: 'x/y' }), undefined);
    assert.equal(error.detail, undefined);
    assert.equal(error.status, 503);
  });

  it('offers a new chat, besides another model, for a conversation too long for the model', () => {
    const body = JSON.stringify({
      error: { code: 400, message: "This endpoint's maximum context length is 8192 tokens.", metadata: { error_type: 'context_length_exceeded' } },
    });
    const error = answerError(errorFromHttp({ status: 400, bodyText: body, retryAfter: null, nowMs: 0 }, { model: 'mistralai/mistral-7b-instruct' }), undefined);
    assert.match(error.message, /does not fit mistralai\/mistral-7b-instruct's context window/);
    assert.deepEqual(error.actions, ['retry', 'pick_model', 'new_chat']);
    const invalid = answerError(errorFromHttp({ status: 400, bodyText: JSON.stringify({ error: { code: 400, message: 'Invalid JSON' } }), retryAfter: null, nowMs: 0 }), undefined);
    assert.equal(invalid.actions.includes('new_chat'), false, 'only a conversation too long gets it');
  });

  it('hints at fewer max tokens for a conversation too long while max_tokens is set, and at waiting when rate limited', () => {
    const body = JSON.stringify({
      error: { code: 400, message: "This endpoint's maximum context length is 8192 tokens.", metadata: { error_type: 'context_length_exceeded' } },
    });
    const context = { model: 'mistralai/mistral-7b-instruct', maxTokensSet: true };
    const tooLong = answerError(errorFromHttp({ status: 400, bodyText: body, retryAfter: null, nowMs: 0 }, context), undefined);
    assert.deepEqual(tooLong.actions, ['lower_max_tokens', 'retry', 'pick_model', 'new_chat']);
    assert.equal(tooLong.affordableMaxTokens, undefined, 'a hint, not a number to resend with');
    const limited = answerError(errorFromHttp({ status: 429, bodyText: '{"error":{"code":429,"message":"Rate limit exceeded"}}', retryAfter: null, nowMs: 0 }), undefined);
    assert.ok(limited.actions.includes('wait'), limited.actions.join(', '));
  });

  it('names the source as a reader knows it', () => {
    assert.equal(sourceName('openrouter'), 'OpenRouter');
    assert.equal(sourceName(undefined), 'OpenRouter');
    assert.equal(sourceName('Anthropic'), 'Anthropic');
  });

  it('shows a real HTTP status, never the 200 of a stream (which chats saved earlier still carry)', () => {
    assert.equal(shownStatus(402), 402);
    assert.equal(shownStatus(200), undefined);
    assert.equal(shownStatus(undefined), undefined);
  });
});

describe('answer errors for a model OpenRouter cannot serve', () => {
  const FREE = 'meta-llama/llama-3.3-70b-instruct:free';
  const PAID = 'meta-llama/llama-3.3-70b-instruct';
  const prices: Record<string, { prompt: number; completion: number }> = { [PAID]: { prompt: 0.13e-6, completion: 0.4e-6 } };
  const pricing = (model: string) => prices[model];
  const failed = (code: string, extra: Record<string, unknown> = {}, status = 404, model = FREE) =>
    errorFromHttp({ status, bodyText: JSON.stringify({ error: { code: status, message: 'm', availability: { code, ...extra } } }), retryAfter: null, nowMs: 0 }, { model });

  it('offers to switch to the paid sibling of an ended free variant, with its price, and no pointless retry', () => {
    const error = answerError(failed('free_variant_ended', { fallback_models: [PAID] }), undefined, pricing);
    assert.equal(error.message, `The free variant of ${FREE} has ended.`);
    assert.deepEqual(error.actions, ['switch_model', 'pick_model']);
    assert.equal(error.suggestedModel, PAID);
    assert.equal(error.suggestedPrice, '$0.13/M in · $0.40/M out');
  });

  it('offers no switch to a model the catalogue does not know', () => {
    const error = answerError(failed('free_variant_ended'), undefined, () => undefined);
    assert.deepEqual(error.actions, ['pick_model']);
    assert.equal(error.suggestedModel, undefined);
  });

  it('searches for a retired model\'s family when it names no successor the catalogue knows', () => {
    const error = answerError(failed('model_deprecated', {}, 404, 'anthropic/claude-3.5-sonnet'), undefined, pricing);
    assert.deepEqual(error.actions, ['search_models', 'pick_model']);
    assert.equal(error.searchQuery, 'claude');
    assert.match(error.message, /has been retired/);
  });

  it('opens the account\'s privacy settings, or ours when the request\'s own setting excluded every provider', () => {
    assert.deepEqual(answerError(failed('privacy_restricted'), undefined).actions, ['privacy_settings', 'pick_model']);
    const ours = errorFromHttp({ status: 404, bodyText: JSON.stringify({ error: { code: 404, message: 'm', availability: { code: 'privacy_restricted' } } }), retryAfter: null, nowMs: 0 }, { model: FREE, privacySetting: 'zdr' });
    assert.deepEqual(answerError(ours, undefined).actions, ['routing_settings', 'pick_model']);
    assert.deepEqual(answerError(failed('constraint_filtered', { constraint: { field: 'max_price', detail: '$1/M' } }), undefined).actions, ['routing_settings', 'pick_model']);
  });

  it('says to wait at capacity and keeps Retry, and reads inline by its code', () => {
    const capacity = failed('capacity_exhausted', { retry_after: 30 }, 429);
    assert.deepEqual(answerError(capacity, undefined).actions, ['wait', 'retry', 'pick_model']);
    assert.match(capacity.message, /at capacity\. Try again in 30 s/);
    assert.equal(failurePhrase(capacity), 'is at capacity (429)');
    assert.equal(failurePhrase(failed('free_variant_ended')), 'is no longer free (404)');
  });
});
