import assert from 'node:assert/strict';
import type { ModelPricing } from '../../../../src/core/openrouter/catalogue-schemas';
import { completionCost, worstCaseCost } from '../../../../src/core/spend/cost';
import { estimatePromptTokens, estimateTextTokens, TOKENS_PER_IMAGE, TOKENS_PER_MESSAGE } from '../../../../src/core/spend/token-estimate';

/** Within 1e-12 USD: the golden figures are exact decimals, so anything looser would hide float drift. */
function assertUsd(actual: number, expected: number, label?: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12, `${label ?? 'usd'}: expected ${expected}, got ${actual}`);
}

// Prices of the fake catalogue's anthropic/claude-sonnet-4, as /models publishes them (per token).
const SONNET: ModelPricing = { prompt: 0.000003, completion: 0.000015, request: 0, inputCacheRead: 0.0000003, inputCacheWrite: 0.00000375, internalReasoning: 0 };
const R1: ModelPricing = { prompt: 0.0000004, completion: 0.000002, request: 0, internalReasoning: 0 };

describe('completion cost', () => {
  it('uses usage.cost as the exact figure when present, ignoring catalogue prices', () => {
    const cost = completionCost({ prompt_tokens: 1000, completion_tokens: 100, cost: 0.0042 }, SONNET);
    assert.equal(cost.basis, 'exact');
    assert.equal(cost.totalUsd, 0.0042);
    assert.equal(cost.openRouterUsd, 0.0042);
    assert.equal(cost.upstreamUsd, 0);
    assert.equal(cost.breakdown, undefined);
  });

  it('adds the upstream provider charge for BYOK: the user pays the fee plus the provider', () => {
    const cost = completionCost({ cost: 0.00025, is_byok: true, cost_details: { upstream_inference_cost: 0.005 } }, SONNET);
    assert.equal(cost.basis, 'exact');
    assert.equal(cost.isByok, true);
    assert.equal(cost.openRouterUsd, 0.00025);
    assert.equal(cost.upstreamUsd, 0.005);
    assert.equal(cost.totalUsd, 0.00525);
  });

  it('does not add upstream_inference_cost again for non-BYOK requests (it is inside usage.cost)', () => {
    const cost = completionCost({ cost: 0.01, is_byok: false, cost_details: { upstream_inference_cost: 0.009 } }, SONNET);
    assert.equal(cost.totalUsd, 0.01);
    assert.equal(cost.upstreamUsd, 0);
  });

  it('estimates cached reads and cache writes at their own prices (golden case)', () => {
    const cost = completionCost(
      { prompt_tokens: 10_000, completion_tokens: 500, prompt_tokens_details: { cached_tokens: 6_000, cache_write_tokens: 2_000 } },
      SONNET,
    );
    assert.equal(cost.basis, 'estimate');
    assertUsd(cost.breakdown!.prompt, 0.006, 'uncached 2000 × $3/M');
    assertUsd(cost.breakdown!.cacheRead, 0.0018, 'cached 6000 × $0.30/M');
    assertUsd(cost.breakdown!.cacheWrite, 0.0075, 'written 2000 × $3.75/M');
    assertUsd(cost.breakdown!.completion, 0.0075, '500 × $15/M');
    assert.equal(cost.totalUsd, 0.0228);
    assert.deepEqual(cost.unknownPrices, []);
  });

  it('charges cached tokens at the prompt price when the model has no cache price', () => {
    const cost = completionCost({ prompt_tokens: 1000, completion_tokens: 0, prompt_tokens_details: { cached_tokens: 400 } }, R1);
    assert.equal(cost.totalUsd, 0.0004);
  });

  it('prices reasoning tokens as completion tokens unless internal_reasoning has its own price', () => {
    const usage = { prompt_tokens: 1000, completion_tokens: 3000, completion_tokens_details: { reasoning_tokens: 2000 } };
    assert.equal(completionCost(usage, R1).totalUsd, 0.0064);
    const separate = completionCost(usage, { ...R1, internalReasoning: 0.000005 });
    assertUsd(separate.breakdown!.reasoning, 0.01);
    assertUsd(separate.breakdown!.completion, 0.002);
    assert.equal(separate.totalUsd, 0.0124);
  });

  it('adds the per-request price once and web searches per search', () => {
    const cost = completionCost(
      { prompt_tokens: 100, completion_tokens: 10, server_tool_use: { web_search_requests: 2 } },
      { prompt: 0.000001, completion: 0.000002, request: 0.005, webSearch: 0.004 },
    );
    assert.equal(cost.totalUsd, 0.000100 + 0.000020 + 0.005 + 0.008);
    assert.equal(cost.breakdown!.request, 0.005);
  });

  it('flags unknown prices instead of treating them as free', () => {
    const cost = completionCost({ prompt_tokens: 100, completion_tokens: 10 }, undefined);
    assert.equal(cost.basis, 'estimate');
    assert.equal(cost.totalUsd, 0);
    assert.deepEqual([...cost.unknownPrices].sort(), ['completion', 'prompt']);
  });

  it('follows the no-charge rule for finish "error" and for empty output with a blank finish reason', () => {
    const usage = { prompt_tokens: 1000, completion_tokens: 0 };
    assert.equal(completionCost(usage, SONNET, { finishReason: 'error' }).totalUsd, 0);
    assert.equal(completionCost(usage, SONNET, { finishReason: null }).totalUsd, 0);
    assert.equal(completionCost(usage, SONNET, { finishReason: 'length' }).totalUsd, 0.003);
    assert.equal(completionCost(usage, SONNET).totalUsd, 0.003, 'an unknown finish reason does not waive the charge');
  });

  it('reports a BYOK estimate as the provider charge', () => {
    const cost = completionCost({ prompt_tokens: 1000, completion_tokens: 0, is_byok: true }, SONNET);
    assert.equal(cost.upstreamUsd, 0.003);
    assert.equal(cost.openRouterUsd, 0);
    assert.equal(cost.totalUsd, 0.003);
  });
});

describe('worst-case cost before sending', () => {
  const mini = { pricing: { prompt: 0.00000015, completion: 0.0000006, request: 0 }, contextLength: 128_000, maxCompletionTokens: 16_384 };

  it('charges the prompt plus max_tokens of output plus the request price', () => {
    const worst = worstCaseCost({ model: { ...mini, pricing: { ...mini.pricing, request: 0.001 } }, promptTokens: 1000, maxTokens: 500 });
    assert.equal(worst.completionTokens, 500);
    assert.equal(worst.usd, 0.00015 + 0.0003 + 0.001);
  });

  it('uses the model max completion tokens when max_tokens is absent', () => {
    const worst = worstCaseCost({ model: mini, promptTokens: 1000 });
    assert.equal(worst.completionTokens, 16_384);
    assert.equal(worst.usd, 0.0099804);
  });

  it('falls back to the context left after the prompt, and never exceeds it', () => {
    const small = { pricing: mini.pricing, contextLength: 8_192 };
    assert.equal(worstCaseCost({ model: small, promptTokens: 1000 }).completionTokens, 7_192);
    assert.equal(worstCaseCost({ model: small, promptTokens: 1000, maxTokens: 100_000 }).completionTokens, 7_192);
    assert.equal(worstCaseCost({ model: small, promptTokens: 9000 }).completionTokens, 0);
  });

  it('uses the dearer of completion and reasoning prices and reports unknown bounds and prices', () => {
    const reasoning = worstCaseCost({ model: { pricing: { prompt: 0, completion: 0.000002, internalReasoning: 0.000005 } }, promptTokens: 0, maxTokens: 1000 });
    assert.equal(reasoning.usd, 0.005);
    const unbounded = worstCaseCost({ model: { pricing: { prompt: 0.000001 } }, promptTokens: 1000 });
    assert.equal(unbounded.completionTokens, undefined);
    assert.equal(unbounded.usd, 0.001);
    const unpriced = worstCaseCost({ model: { pricing: {}, contextLength: 100 }, promptTokens: 10 });
    assert.deepEqual(unpriced.unknownPrices, ['prompt', 'completion']);
  });
});

describe('token estimate', () => {
  it('counts about four characters per token for Latin text', () => {
    assert.equal(estimateTextTokens(''), 0);
    assert.equal(estimateTextTokens('abcd'.repeat(10)), 10);
    assert.equal(estimateTextTokens('abcde'), 2);
  });

  it('counts dense scripts and emoji one token per character', () => {
    assert.equal(estimateTextTokens('你好世界'), 4);
    assert.equal(estimateTextTokens('こんにちは abcd'), 5 + 2);
    assert.equal(estimateTextTokens('🎉🎉'), 2);
  });

  it('adds per-message overhead, text parts, images and tool-call arguments', () => {
    const tokens = estimatePromptTokens([
      { content: 'abcd'.repeat(4) },
      { content: [{ type: 'text', text: 'abcdabcd' }, { type: 'image_url' }] },
      { content: null, tool_calls: [{ function: { name: 'read', arguments: '{"path":"a"}' } }] },
    ]);
    assert.equal(tokens, 3 * TOKENS_PER_MESSAGE + 4 + 2 + TOKENS_PER_IMAGE + 1 + 3);
  });
});
