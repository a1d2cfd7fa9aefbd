import * as assert from 'node:assert/strict';
import { countPromptTokens, expectedCost } from '../../fixtures/fake-openrouter/index';
import { postChat, useFakeOpenRouter } from './helpers';

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  cost: number;
  prompt_tokens_details: { cached_tokens: number; cache_write_tokens: number };
}

const long = 'The service keeps one queue per tenant. '.repeat(100);
const first = [{ role: 'system', content: long }, { role: 'user', content: 'Summarise it.' }];
const second = [...first, { role: 'assistant', content: 'One queue per tenant.' }, { role: 'user', content: 'Any risks?' }];

describe('fake OpenRouter: prompt cache', () => {
  const holder = useFakeOpenRouter();

  async function usageOf(body: Record<string, unknown>): Promise<Usage> {
    return ((await (await postChat(holder.fake, body)).json()) as { usage: Usage }).usage;
  }

  it('a top-level mark writes the whole prompt; the next turn in the session reads it and writes only what is new', async () => {
    const mark = { cache_control: { type: 'ephemeral' }, session_id: 's1', model: 'anthropic/claude-sonnet-4' };
    const one = await usageOf({ ...mark, messages: first });
    assert.deepEqual(one.prompt_tokens_details, { cached_tokens: 0, cache_write_tokens: countPromptTokens(first) });
    const two = await usageOf({ ...mark, messages: second });
    assert.equal(two.prompt_tokens_details.cached_tokens, countPromptTokens(first));
    assert.equal(two.prompt_tokens_details.cache_write_tokens, countPromptTokens(second) - countPromptTokens(first));
    // Priced as the catalogue says: reads at $0.30/M, writes at $3.75/M (1.25× the $3/M prompt price).
    assert.equal(two.cost, expectedCost('anthropic/claude-sonnet-4', {
      promptTokens: two.prompt_tokens, completionTokens: two.completion_tokens, cachedTokens: two.prompt_tokens_details.cached_tokens, cacheWriteTokens: two.prompt_tokens_details.cache_write_tokens,
    }));
  });

  it('a block mark caches the messages up to the last marked one, and another session reads nothing', async () => {
    const marked = [{ role: 'system', content: [{ type: 'text', text: long, cache_control: { type: 'ephemeral' } }] }, { role: 'user', content: 'Summarise it.' }];
    const one = await usageOf({ model: 'google/gemini-2.5-flash', session_id: 'g1', messages: marked });
    assert.equal(one.prompt_tokens_details.cache_write_tokens, countPromptTokens(marked.slice(0, 1)));
    const other = await usageOf({ model: 'google/gemini-2.5-flash', session_id: 'g2', messages: marked });
    assert.equal(other.prompt_tokens_details.cached_tokens, 0);
    const again = await usageOf({ model: 'google/gemini-2.5-flash', session_id: 'g1', messages: marked });
    assert.equal(again.prompt_tokens_details.cached_tokens, countPromptTokens(marked.slice(0, 1)));
  });

  it('one-hour writes cost twice the prompt price instead of 1.25×', async () => {
    const fiveMinutes = await usageOf({ model: 'anthropic/claude-sonnet-4', session_id: 't5', cache_control: { type: 'ephemeral' }, messages: first });
    const oneHour = await usageOf({ model: 'anthropic/claude-sonnet-4', session_id: 't1', cache_control: { type: 'ephemeral', ttl: '1h' }, messages: first });
    const written = oneHour.prompt_tokens_details.cache_write_tokens;
    assert.equal(written, fiveMinutes.prompt_tokens_details.cache_write_tokens);
    // The difference is the writes' price: (2 × $3/M − $3.75/M) per token.
    assert.ok(Math.abs(oneHour.cost - fiveMinutes.cost - written * 0.00000225) < 1e-12, `${oneHour.cost} vs ${fiveMinutes.cost}`);
  });

  it('no mark, or a model without cache-write prices: nothing read or written', async () => {
    const plain = await usageOf({ model: 'anthropic/claude-sonnet-4', session_id: 'n1', messages: first });
    assert.deepEqual(plain.prompt_tokens_details, { cached_tokens: 0, cache_write_tokens: 0 });
    const openai = await usageOf({ model: 'openai/gpt-4o-mini', session_id: 'n2', cache_control: { type: 'ephemeral' }, messages: first });
    assert.deepEqual(openai.prompt_tokens_details, { cached_tokens: 0, cache_write_tokens: 0 });
  });
});
