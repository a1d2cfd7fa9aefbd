import * as assert from 'node:assert/strict';
import { EFFORT_REASONING_TOKENS } from '../../fixtures/fake-openrouter/reasoning-request';
import { chunks, postChat, streamChat, useFakeOpenRouter, type Chunk, type SseItem } from './helpers';

const THINKER = 'anthropic/claude-sonnet-4';

function usageOf(items: SseItem[]): NonNullable<Chunk['usage']> {
  const usage = chunks(items).at(-1)?.usage;
  assert.ok(usage, 'the last chunk carries usage');
  return usage;
}

function reasoningOf(items: SseItem[]): string {
  return chunks(items).map((chunk) => chunk.choices[0]?.delta.reasoning ?? '').join('');
}

describe('fake OpenRouter: the reasoning object', () => {
  const holder = useFakeOpenRouter();

  it('thinks more at a higher effort, and reports the reasoning tokens in usage', async () => {
    const low = await streamChat(holder.fake, { model: THINKER, reasoning: { effort: 'low' } });
    const high = await streamChat(holder.fake, { model: THINKER, reasoning: { effort: 'high' } });
    assert.equal(usageOf(low.items).completion_tokens_details.reasoning_tokens, EFFORT_REASONING_TOKENS['low']);
    assert.equal(usageOf(high.items).completion_tokens_details.reasoning_tokens, EFFORT_REASONING_TOKENS['high']);
    assert.ok(usageOf(high.items).cost > usageOf(low.items).cost, 'more reasoning costs more');
    assert.match(reasoningOf(high.items), /thought16/);
  });

  it('does not reason without an effort or a budget, unless the script says so', async () => {
    const plain = await streamChat(holder.fake, { model: THINKER });
    assert.equal(usageOf(plain.items).completion_tokens_details.reasoning_tokens, 0);
  });

  it('keeps excluded reasoning out of the answer, but counts and bills it', async () => {
    const shown = await streamChat(holder.fake, { model: THINKER, reasoning: { effort: 'medium' } });
    const excluded = await streamChat(holder.fake, { model: THINKER, reasoning: { effort: 'medium', exclude: true } });
    assert.equal(reasoningOf(excluded.items), '');
    assert.equal(usageOf(excluded.items).completion_tokens_details.reasoning_tokens, EFFORT_REASONING_TOKENS['medium']);
    assert.equal(usageOf(excluded.items).cost, usageOf(shown.items).cost);
  });

  it('refuses an effort the model does not list', async () => {
    const response = await postChat(holder.fake, { model: THINKER, reasoning: { effort: 'extreme' } });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /reasoning\.effort must be one of low, medium, high/);
  });

  it('ignores reasoning for a model that cannot reason', async () => {
    const plain = await streamChat(holder.fake, { model: 'openai/gpt-4o-mini', reasoning: { effort: 'high' } });
    assert.equal(usageOf(plain.items).completion_tokens_details.reasoning_tokens, 0);
  });
});
