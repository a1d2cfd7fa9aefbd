import * as assert from 'node:assert/strict';
import {
  BYOK_FEE_RATE,
  FAKE_MODELS,
  countPromptTokens,
  defaultAnswerText,
  expectedCost,
  expectedUsage,
  findModel,
  tokenize,
} from '../../fixtures/fake-openrouter/index';

describe('fake OpenRouter: tokenizer and cost rules', () => {
  it('tokenizes into words with their following whitespace, losslessly', () => {
    assert.deepEqual(tokenize('Hello, big  world\n'), ['Hello, ', 'big  ', 'world\n']);
    assert.deepEqual(tokenize('  leading space'), ['  leading ', 'space']);
    assert.deepEqual(tokenize(''), []);
    assert.deepEqual(tokenize('   '), ['   ']);
    const text = 'héllo wörld — 你好 🎉';
    assert.equal(tokenize(text).join(''), text);
    assert.equal(tokenize(text).length, 5);
  });

  it('counts prompt tokens as ceil(characters / 4) over string and text-part content', () => {
    assert.equal(countPromptTokens([{ role: 'user', content: 'abcd' }]), 1);
    assert.equal(countPromptTokens([{ role: 'user', content: 'abcde' }]), 2);
    const messages = [
      { role: 'system', content: 'abc' },
      { role: 'user', content: [{ type: 'text', text: 'defgh' }, { type: 'image_url', image_url: { url: 'data:...' } }] },
    ];
    assert.equal(countPromptTokens(messages), 2); // 8 characters
    assert.equal(countPromptTokens('not an array'), 0);
  });

  it('prices tokens from the catalogue, with cache reads and writes at their own prices', () => {
    // gpt-4o-mini: $0.15 / $0.60 per million.
    assert.equal(expectedCost('openai/gpt-4o-mini', { promptTokens: 1_000_000, completionTokens: 0 }), 0.15);
    assert.equal(expectedCost('openai/gpt-4o-mini', { promptTokens: 5, completionTokens: 3 }), 0.00000255);
    // claude-sonnet-4: $3 prompt, $0.30 cache read, $3.75 cache write, $15 completion per million.
    const cost = expectedCost('anthropic/claude-sonnet-4', { promptTokens: 1000, cachedTokens: 800, cacheWriteTokens: 100, completionTokens: 2 });
    assert.ok(Math.abs(cost - (100 * 3e-6 + 800 * 3e-7 + 100 * 3.75e-6 + 2 * 15e-6)) < 1e-12, `cost ${cost}`);
    // No cache price: cached tokens cost the prompt price.
    const llama = expectedCost('meta-llama/llama-3.3-70b-instruct', { promptTokens: 100, cachedTokens: 50, completionTokens: 0 });
    assert.equal(llama, expectedCost('meta-llama/llama-3.3-70b-instruct', { promptTokens: 100, completionTokens: 0 }));
    assert.equal(expectedCost('meta-llama/llama-3.3-70b-instruct:free', { promptTokens: 1000, completionTokens: 1000 }), 0);
    assert.throws(() => expectedCost('nobody/nothing', { promptTokens: 1, completionTokens: 1 }), /not in the fake catalogue/);
  });

  it('derives usage with reasoning counted inside completion tokens, and BYOK as a fee on the upstream cost', () => {
    const usage = expectedUsage({ model: 'deepseek/deepseek-r1', messages: [{ role: 'user', content: '12345678' }], text: 'a b c', reasoning: 'x y' });
    assert.equal(usage.prompt_tokens, 2);
    assert.equal(usage.completion_tokens, 5);
    assert.equal(usage.completion_tokens_details.reasoning_tokens, 2);
    assert.equal(usage.total_tokens, 7);
    assert.equal(usage.cost_details.upstream_inference_cost, null);

    const byok = expectedUsage({ model: 'openai/gpt-4o', messages: [], text: 'one two', usage: { isByok: true, promptTokens: 1000 } });
    const upstream = expectedCost('openai/gpt-4o', { promptTokens: 1000, completionTokens: 2 });
    assert.equal(byok.is_byok, true);
    assert.equal(byok.cost_details.upstream_inference_cost, upstream);
    assert.ok(Math.abs(byok.cost - upstream * BYOK_FEE_RATE) < 1e-12);
  });

  it('lists prices as per-token decimal strings and knows routing suffixes', () => {
    for (const model of FAKE_MODELS) {
      for (const [field, value] of Object.entries(model.pricing)) {
        assert.equal(typeof value, 'string', `${model.id} ${field}`);
        assert.match(value as string, /^\d+(\.\d+)?$/, `${model.id} ${field} = ${String(value)}`);
      }
    }
    assert.equal(findModel('openai/gpt-4o:nitro')?.id, 'openai/gpt-4o');
    assert.equal(findModel('openai/gpt-4o:free'), undefined);
    assert.match(defaultAnswerText('x/y', 'utf8-split'), /你好/);
    assert.match(defaultAnswerText('x/y'), /x\/y/);
  });
});
