import assert from 'node:assert/strict';
import {
  CompletionSchema,
  ErrorBodySchema,
  parseJsonAs,
  StreamChunkSchema,
  UsageSchema,
} from '../../../../src/core/openrouter/schemas';

describe('API schemas', () => {
  it('reads a full usage object, details and cost included', () => {
    const parsed = parseJsonAs(
      UsageSchema,
      JSON.stringify({
        prompt_tokens: 100,
        completion_tokens: 20,
        total_tokens: 120,
        prompt_tokens_details: { cached_tokens: 64, cache_write_tokens: 8, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 5 },
        cost: 0.000123,
        is_byok: true,
        cost_details: { upstream_inference_cost: 0.0011 },
        server_tool_use: { web_search_requests: 1 },
      }),
    );
    assert.ok(parsed.ok);
    assert.equal(parsed.value.prompt_tokens_details?.cached_tokens, 64);
    assert.equal(parsed.value.prompt_tokens_details?.cache_write_tokens, 8);
    assert.equal(parsed.value.completion_tokens_details?.reasoning_tokens, 5);
    assert.equal(parsed.value.cost_details?.upstream_inference_cost, 0.0011);
    assert.equal(parsed.value.is_byok, true);
  });

  it('keeps fields it does not know (loose objects)', () => {
    const parsed = parseJsonAs(StreamChunkSchema, '{"id":"gen-1","choices":[],"brand_new_field":{"a":1}}');
    assert.ok(parsed.ok);
    assert.deepEqual((parsed.value as Record<string, unknown>)['brand_new_field'], { a: 1 });
  });

  it('accepts null wherever the API sends null', () => {
    const chunk = {
      id: 'gen-1',
      model: 'm',
      provider: null,
      choices: [{ index: 0, delta: { role: 'assistant', content: null, reasoning: null, tool_calls: null }, finish_reason: null, native_finish_reason: null }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2, cost: null, is_byok: null, cost_details: null, prompt_tokens_details: null },
    };
    assert.ok(parseJsonAs(StreamChunkSchema, JSON.stringify(chunk)).ok);
  });

  it('reads a non-streamed completion', () => {
    const parsed = parseJsonAs(
      CompletionSchema,
      JSON.stringify({
        id: 'gen-2',
        model: 'acme/b',
        provider: 'P',
        choices: [{ message: { role: 'assistant', content: 'Hi', reasoning: 'r', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2, cost: 0.1 },
      }),
    );
    assert.ok(parsed.ok);
    assert.equal(parsed.value.choices?.[0]?.message?.tool_calls?.[0]?.function?.name, 'f');
  });

  it('reads every documented error metadata field', () => {
    const parsed = parseJsonAs(
      ErrorBodySchema,
      JSON.stringify({
        error: {
          code: 403,
          message: 'flagged',
          metadata: {
            provider_name: 'P',
            raw: { nested: true },
            error_type: 'x',
            provider_code: 'E42',
            reasons: ['violence'],
            flagged_input: 'text',
            model_slug: 'a/b',
            limit_source: 'openrouter_credits',
            reason: 'why',
            remedy_hint: 'how',
          },
        },
      }),
    );
    assert.ok(parsed.ok);
    const metadata = parsed.value.error.metadata;
    assert.deepEqual(metadata?.reasons, ['violence']);
    assert.equal(metadata?.provider_code, 'E42');
    assert.equal(metadata?.remedy_hint, 'how');
    assert.deepEqual(metadata?.raw, { nested: true });
  });

  it('turns misfits into failures with a short excerpt, never an exception', () => {
    const long = JSON.stringify({ choices: 'not an array', padding: 'x'.repeat(1000) });
    const misfit = parseJsonAs(StreamChunkSchema, long);
    assert.equal(misfit.ok, false);
    assert.ok(!misfit.ok && misfit.excerpt.length <= 200 && misfit.reason.includes('choices'));
    const notJson = parseJsonAs(StreamChunkSchema, '{"id":');
    assert.deepEqual(notJson, { ok: false, reason: 'not JSON', excerpt: '{"id":' });
    for (const text of ['null', '[]', '42', '"s"', 'true']) assert.equal(parseJsonAs(StreamChunkSchema, text).ok, false, text);
  });

  it('rejects an error body without an error object', () => {
    assert.equal(parseJsonAs(ErrorBodySchema, '{"message":"x"}').ok, false);
  });
});
