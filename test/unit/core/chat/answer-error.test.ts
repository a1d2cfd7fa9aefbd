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
