import assert from 'node:assert/strict';
import {
  ERROR_KINDS,
  errorFromHttp,
  errorFromStreamError,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  type OpenRouterError,
} from '../../../../src/core/openrouter/errors';
import { httpErrorAnswer, streamError, type HttpErrorScenario } from '../../../fixtures/fake-openrouter/error-bodies';

const NOW = Date.UTC(2025, 10, 25, 12, 0, 0);
const fakeContext = {
  model: 'acme/model-a',
  providerName: 'FakeProvider',
  promptTokens: 12,
  maxTokens: undefined,
  contextLength: 8192,
  lastUserText: 'hello there',
};

/** The error the client builds from the fake's real answer for this scenario. */
function fromFake(scenario: Omit<HttpErrorScenario, 'kind'>, maxTokens?: number): OpenRouterError {
  const answer = httpErrorAnswer({ kind: 'http-error', ...scenario }, { ...fakeContext, maxTokens });
  const retryAfter = Object.entries(answer.headers).find(([name]) => name.toLowerCase() === 'retry-after')?.[1] ?? null;
  return errorFromHttp(
    { status: answer.status, bodyText: JSON.stringify(answer.body), retryAfter, nowMs: NOW },
    { model: 'acme/model-a', maxTokensSet: maxTokens !== undefined },
  );
}

describe('error taxonomy from real bodies', () => {
  const table: Array<[string, Omit<HttpErrorScenario, 'kind'>, Partial<OpenRouterError>]> = [
    ['401', { status: 401 }, { kind: 'auth', retryable: false, fallbackMayHelp: false, action: 'set_key', source: 'openrouter' }],
    ['402 credits', { status: 402 }, { kind: 'credits', subtype: 'credits', retryable: false, fallbackMayHelp: false, action: 'top_up' }],
    ['402 key limit', { status: 402, variant: 'openrouter_key_limit' }, { kind: 'credits', subtype: 'key_limit', action: 'top_up' }],
    [
      '402 in-flight',
      { status: 402, variant: 'openrouter_in_flight_budget' },
      { kind: 'credits', subtype: 'in_flight_budget', retryable: true, fallbackMayHelp: false, action: 'wait', retryAfterMs: 1000 },
    ],
    ['403', { status: 403 }, { kind: 'moderation', retryable: false, fallbackMayHelp: false, source: 'FakeProvider' }],
    ['404', { status: 404 }, { kind: 'no_provider', retryable: false, fallbackMayHelp: true, action: 'pick_model' }],
    ['408', { status: 408 }, { kind: 'timeout', subtype: undefined, retryable: true, fallbackMayHelp: true }],
    ['429', { status: 429 }, { kind: 'rate_limited', retryable: true, fallbackMayHelp: true, action: 'wait', retryAfterMs: 1000, source: 'FakeProvider' }],
    ['502', { status: 502 }, { kind: 'provider_error', retryable: true, fallbackMayHelp: true, source: 'FakeProvider', errorType: 'provider_unavailable' }],
    ['503', { status: 503 }, { kind: 'unavailable', retryable: true, fallbackMayHelp: true }],
    ['400', { status: 400 }, { kind: 'bad_request', subtype: undefined, retryable: false, fallbackMayHelp: false }],
    [
      '400 context length',
      { status: 400, variant: 'context_length_exceeded' },
      { kind: 'bad_request', subtype: 'context_length_exceeded', fallbackMayHelp: true, action: 'pick_model' },
    ],
  ];
  for (const [name, scenario, expected] of table) {
    it(`classifies ${name}`, () => {
      const error = fromFake(scenario);
      for (const [field, value] of Object.entries(expected)) {
        assert.deepEqual((error as unknown as Record<string, unknown>)[field], value, `${name}: ${field}`);
      }
      assert.equal(error.status, scenario.status);
      assert.ok(error.message.length > 10, 'a sentence for a person');
      assert.ok(error.rawExcerpt !== undefined && error.rawExcerpt.length <= 200);
      assert.ok(error.providerMessage, 'the API message is kept as detail');
    });
  }

  it('serialises to a plain object with its message', () => {
    const plain = JSON.parse(JSON.stringify(fromFake({ status: 429 }))) as Record<string, unknown>;
    assert.equal(plain['kind'], 'rate_limited');
    assert.equal(plain['retryAfterMs'], 1000);
    assert.equal(typeof plain['message'], 'string');
    assert.ok((plain['message'] as string).length > 0);
  });

  it('keeps moderation reasons and the flagged input', () => {
    const error = fromFake({ status: 403 });
    assert.deepEqual(error.moderationReasons, ['harassment']);
    assert.equal(error.flaggedInput, 'hello there');
    assert.match(error.message, /harassment/);
  });

  it('suggests lowering max_tokens for a context-length error when the request set it', () => {
    assert.equal(fromFake({ status: 400, variant: 'context_length_exceeded' }, 4096).action, 'lower_max_tokens');
  });

  it('reads the max_tokens a 402 says the balance covers, only from a 402 on the balance', () => {
    const error = fromFake({ status: 402 }, 4096);
    assert.equal(error.affordableMaxTokens, 1024);
    assert.equal(error.kind, 'credits', 'still a credits error, with its Top Up');
    assert.equal(fromFake({ status: 402 }).affordableMaxTokens, undefined, 'no number, no offer');
    assert.equal(fromFake({ status: 402, variant: 'openrouter_key_limit', message: 'Key limit; can only afford 10' }).affordableMaxTokens, undefined);
    assert.equal(fromFake({ status: 402, message: 'You requested up to 4,096 tokens, but can only afford 1,500.' }).affordableMaxTokens, 1500);
    assert.equal(fromFake({ status: 402, message: 'You requested up to 4096 tokens, but can only afford 0.' }).affordableMaxTokens, undefined);
    const streamed = errorFromStreamError(
      { code: 402, message: 'This request requires more credits, or fewer max_tokens. You requested up to 800 tokens, but can only afford 200.' }, '{}');
    assert.equal(streamed.affordableMaxTokens, 200);
  });

  it('never classifies from message text', () => {
    // A 400 whose message talks about context length, without the structured marker, is a plain bad request…
    const error = fromFake({ status: 400, message: "This endpoint's maximum context length is 8192 tokens." });
    assert.equal(error.subtype, undefined);
    // …and a 429 worded like an auth failure is still a rate limit.
    assert.equal(fromFake({ status: 429, message: 'Invalid API key' }).kind, 'rate_limited');
  });

  it('uses an OpenAI-style string code for context length', () => {
    const body = JSON.stringify({ error: { code: 'context_length_exceeded', message: 'too long' } });
    assert.equal(errorFromHttp({ status: 400, bodyText: body, retryAfter: null, nowMs: NOW }).subtype, 'context_length_exceeded');
  });

  it('builds an error from the status alone when the body is not JSON or not the expected shape', () => {
    const html = `<html>${'x'.repeat(500)}</html>`;
    const fromHtml = errorFromHttp({ status: 503, bodyText: html, retryAfter: '7', nowMs: NOW });
    assert.equal(fromHtml.kind, 'unavailable');
    assert.equal(fromHtml.retryAfterMs, 7000);
    assert.ok(fromHtml.rawExcerpt !== undefined && fromHtml.rawExcerpt.length <= 200 && fromHtml.rawExcerpt.startsWith('<html>'));
    const odd = errorFromHttp({ status: 402, bodyText: '{"error":{"code":402,"metadata":"nope"}}', retryAfter: null, nowMs: NOW });
    assert.equal(odd.kind, 'credits');
    assert.equal(odd.subtype, 'credits');
  });

  it('maps other statuses to the nearest family', () => {
    assert.equal(errorFromHttp({ status: 500, bodyText: '', retryAfter: null, nowMs: NOW }).kind, 'provider_error');
    assert.equal(errorFromHttp({ status: 413, bodyText: '', retryAfter: null, nowMs: NOW }).kind, 'bad_request');
  });
});

describe('errors inside a stream', () => {
  it('classifies by error_type, then by code, defaulting to provider_error', () => {
    const raw = '{}';
    assert.equal(errorFromStreamError(streamError({}), raw).kind, 'provider_error');
    const rate = errorFromStreamError(streamError({ errorType: 'rate_limit_exceeded', code: 429 }), raw);
    assert.equal(rate.kind, 'rate_limited');
    const context = errorFromStreamError(streamError({ errorType: 'context_length_exceeded', code: 400 }), raw);
    assert.equal(context.subtype, 'context_length_exceeded');
    assert.equal(errorFromStreamError({ code: 401, message: 'x' }, raw).kind, 'auth');
    assert.equal(errorFromStreamError({ code: 'weird' }, raw).kind, 'provider_error');
  });

  it('keeps the provider code and reports HTTP 200', () => {
    const error = errorFromStreamError(streamError({ providerCode: 529 }), '{"error":{}}');
    assert.equal(error.providerCode, 529);
    assert.equal(error.status, 200);
    assert.equal(error.errorType, 'provider_unavailable');
  });
});

describe('Retry-After', () => {
  it('reads delta-seconds, including fractions', () => {
    assert.equal(parseRetryAfter('3', NOW), 3000);
    assert.equal(parseRetryAfter(' 0.5 ', NOW), 500);
    assert.equal(parseRetryAfter('0', NOW), 0);
  });

  it('reads an HTTP date relative to the injected clock', () => {
    assert.equal(parseRetryAfter(new Date(NOW + 12_000).toUTCString(), NOW), 12_000);
    assert.equal(parseRetryAfter('Tue, 25 Nov 2025 12:00:30 GMT', NOW), 30_000);
  });

  it('treats dates in the past as now, and caps far futures', () => {
    assert.equal(parseRetryAfter(new Date(NOW - 60_000).toUTCString(), NOW), 0);
    assert.equal(parseRetryAfter('86400', NOW), MAX_RETRY_AFTER_MS);
  });

  it('ignores what it cannot read', () => {
    for (const value of [null, undefined, '', 'soon', '-5', '1e3', 'NaN']) assert.equal(parseRetryAfter(value, NOW), undefined, String(value));
  });
});

describe('error kinds', () => {
  it('is a closed set of twelve', () => {
    assert.deepEqual([...ERROR_KINDS].sort(), [
      'auth',
      'bad_request',
      'cancelled',
      'credits',
      'invalid_response',
      'moderation',
      'network',
      'no_provider',
      'provider_error',
      'rate_limited',
      'timeout',
      'unavailable',
    ]);
  });
});
