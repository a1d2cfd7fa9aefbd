// Golden cost cases end to end: prices from the fake's /models, usage from its chat endpoint, and the figures the
// fake itself charges (expectedCost) as the reference.
import assert from 'node:assert/strict';
import { ManualClock } from '../../../../src/core/clock';
import { ModelCatalogue } from '../../../../src/core/openrouter/catalogue';
import type { ModelInfo } from '../../../../src/core/openrouter/catalogue-schemas';
import { completionCost, type CompletionUsage, worstCaseCost } from '../../../../src/core/spend/cost';
import { estimatePromptTokens } from '../../../../src/core/spend/token-estimate';
import { sumUsd } from '../../../../src/core/spend/usd';
import {
  expectedCost,
  FAKE_API_KEY,
  type FakeOpenRouter,
  startFakeOpenRouter,
  type UsageOverride,
  type UsageReport,
} from '../../../fixtures/fake-openrouter';

describe('cost against the fake OpenRouter', () => {
  let fake: FakeOpenRouter;
  let catalogue: ModelCatalogue;

  before(async () => {
    fake = await startFakeOpenRouter();
    catalogue = new ModelCatalogue({ baseUrl: fake.baseUrl, fetch: (url, init) => fetch(url, init), clock: new ManualClock(), getKey: async () => undefined });
    const view = await catalogue.get();
    assert.equal(view.error, undefined);
  });
  after(async () => {
    await fake.close();
  });

  function model(id: string): ModelInfo {
    const found = catalogue.find(id);
    assert.ok(found, id);
    return found;
  }

  async function chat(id: string, options: { usage?: UsageOverride; reasoning?: string; maxTokens?: number; text?: string } = {}): Promise<UsageReport> {
    fake.script(id, { kind: 'answer', ...(options.usage ? { usage: options.usage } : {}), ...(options.reasoning ? { reasoning: options.reasoning } : {}), ...(options.text ? { text: options.text } : {}) });
    const response = await fetch(`${fake.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${FAKE_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: id, stream: false, max_tokens: options.maxTokens, messages: [{ role: 'user', content: 'Tell me what this costs, please.' }] }),
    });
    assert.equal(response.status, 200);
    return ((await response.json()) as { usage: UsageReport }).usage;
  }

  /** The usage as a client would see it from a stream cut before the usage frame: no `cost`. */
  function withoutCost(usage: UsageReport): CompletionUsage {
    const { cost: _cost, ...rest } = usage;
    return rest;
  }

  it('estimates cached reads and cache writes exactly as OpenRouter charges them (claude-sonnet-4)', async () => {
    const tokens = { promptTokens: 10_000, cachedTokens: 6_000, cacheWriteTokens: 2_000, completionTokens: 500 };
    const usage = await chat('anthropic/claude-sonnet-4', { usage: tokens });
    const estimate = completionCost(withoutCost(usage), model('anthropic/claude-sonnet-4').pricing);
    assert.equal(estimate.basis, 'estimate');
    assert.equal(estimate.totalUsd, 0.0228);
    assert.equal(estimate.totalUsd, expectedCost('anthropic/claude-sonnet-4', tokens));
    const exact = completionCost(usage, model('anthropic/claude-sonnet-4').pricing);
    assert.equal(exact.basis, 'exact');
    assert.equal(exact.totalUsd, usage.cost);
  });

  it('prices reasoning tokens inside the completion tokens (deepseek-r1)', async () => {
    const usage = await chat('deepseek/deepseek-r1:nitro', { reasoning: 'Let me think about the bill step by step.' });
    assert.ok(usage.completion_tokens_details.reasoning_tokens > 0);
    const estimate = completionCost(withoutCost(usage), model('deepseek/deepseek-r1:nitro').pricing);
    assert.ok(Math.abs(estimate.totalUsd - usage.cost) <= 1e-12, `${estimate.totalUsd} vs ${usage.cost}`);
    const reasoningUsd = estimate.breakdown?.reasoning ?? Number.NaN;
    assert.ok(Math.abs(reasoningUsd - usage.completion_tokens_details.reasoning_tokens * 0.000002) <= 1e-15);
  });

  it('counts a BYOK completion as the fee plus the upstream charge', async () => {
    const usage = await chat('openai/gpt-4o-mini', { usage: { isByok: true, promptTokens: 2_000, completionTokens: 1_000 } });
    const cost = completionCost(usage, model('openai/gpt-4o-mini').pricing);
    const upstream = expectedCost('openai/gpt-4o-mini', { promptTokens: 2_000, completionTokens: 1_000 });
    assert.equal(cost.basis, 'exact');
    assert.equal(cost.isByok, true);
    assert.equal(cost.upstreamUsd, upstream);
    assert.equal(cost.openRouterUsd, usage.cost);
    assert.equal(cost.totalUsd, sumUsd([usage.cost, upstream]));
  });

  it('keeps a ledger of many exact costs within 1e-9 of the exact sum', async () => {
    const costs: number[] = [];
    for (let i = 0; i < 20; i += 1) costs.push((await chat('google/gemini-2.5-flash', { usage: { promptTokens: 1_234 + i, completionTokens: 77 } })).cost);
    const exactMicroPicos = costs.reduce((sum, cost) => sum + BigInt(Math.round(cost * 1e12)), 0n);
    assert.ok(Math.abs(sumUsd(costs) - Number(exactMicroPicos) / 1e12) < 1e-9);
  });

  it('never lets a served completion cost more than the pre-send worst case', async () => {
    const messages = [{ content: 'Tell me what this costs, please.' }];
    for (const id of ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4', 'mistralai/mistral-7b-instruct']) {
      const info = model(id);
      const worst = worstCaseCost({ model: info, promptTokens: estimatePromptTokens(messages), maxTokens: 64 });
      assert.equal(worst.completionTokens, 64);
      const usage = await chat(id, { text: 'A short answer that stays well under the limit.' });
      assert.ok(usage.cost <= worst.usd, `${id}: ${usage.cost} > ${worst.usd}`);
    }
    const gemini = worstCaseCost({ model: model('google/gemini-2.5-flash'), promptTokens: 1000 });
    assert.equal(gemini.completionTokens, 65_535, 'max completion tokens bound the output when max_tokens is absent');
    assert.equal(gemini.usd, 0.1641375, '1000 × $0.30/M + 65,535 × $2.50/M');
  });
});
