import * as assert from 'node:assert/strict';
import { KEEP_ALIVE_COMMENT, countPromptTokens, expectedCost, expectedUsage, tokenize } from '../../fixtures/fake-openrouter/index';
import { USER_MESSAGES, chunks, contentOf, dataEvents, parseSse, postChat, streamChat, useFakeOpenRouter } from './helpers';

interface Completion {
  id: string;
  object: string;
  created: number;
  model: string;
  provider: string;
  choices: Array<{ finish_reason: string; native_finish_reason: string; message: { role: string; content: string; reasoning?: string } }>;
  usage: ReturnType<typeof expectedUsage>;
}

describe('fake OpenRouter: chat answers', () => {
  const holder = useFakeOpenRouter();

  it('answers a non-streamed request with a chat completion and X-Generation-Id', async () => {
    const { fake } = holder;
    const response = await postChat(fake, { model: 'openai/gpt-4o-mini' });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    const body = (await response.json()) as Completion;
    assert.match(body.id, /^gen-\d+-/);
    assert.equal(response.headers.get('x-generation-id'), body.id);
    assert.equal(body.object, 'chat.completion');
    assert.equal(typeof body.created, 'number');
    assert.equal(body.model, 'openai/gpt-4o-mini');
    assert.equal(body.provider, 'FakeProvider');
    const choice = body.choices[0];
    assert.equal(choice?.message.role, 'assistant');
    assert.match(choice?.message.content ?? '', /openai\/gpt-4o-mini/);
    assert.equal(choice?.finish_reason, 'stop');
    assert.equal(choice?.native_finish_reason, 'stop');
    assert.equal(choice?.message.reasoning, undefined);
    assert.deepEqual(body.usage, expectedUsage({ model: 'openai/gpt-4o-mini', messages: USER_MESSAGES, text: choice?.message.content ?? '' }));
  });

  it('returns scripted text, reasoning, provider and finish reason in the JSON answer', async () => {
    const { fake } = holder;
    fake.script('deepseek/deepseek-r1', { kind: 'answer', text: 'It is 4.', reasoning: 'two plus two', provider: 'DeepInfra', finishReason: 'length' });
    const body = (await (await postChat(fake, { model: 'deepseek/deepseek-r1' })).json()) as Completion;
    assert.equal(body.choices[0]?.message.content, 'It is 4.');
    assert.equal(body.choices[0]?.message.reasoning, 'two plus two');
    assert.equal(body.choices[0]?.finish_reason, 'length');
    assert.equal(body.provider, 'DeepInfra');
    assert.equal(body.usage.completion_tokens, 6);
    assert.equal(body.usage.completion_tokens_details.reasoning_tokens, 3);
  });

  it('streams keep-alive, reasoning deltas, content deltas, the finish chunk, the usage chunk and [DONE], in that order', async () => {
    const { fake } = holder;
    fake.script('anthropic/claude-sonnet-4', { kind: 'answer', text: 'one two three', reasoning: 'let me think' });
    const { response, text, items } = await streamChat(fake, { model: 'anthropic/claude-sonnet-4' });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.ok(text.startsWith(`${KEEP_ALIVE_COMMENT}\n\n`), 'the body opens with a keep-alive comment');
    assert.deepEqual(items[0], { type: 'comment', text: 'OPENROUTER PROCESSING' });

    const data = dataEvents(items);
    assert.equal(data.at(-1), '[DONE]');
    const all = chunks(items);
    const generationId = response.headers.get('x-generation-id');
    for (const chunk of all) {
      assert.equal(chunk.id, generationId);
      assert.equal(chunk.object, 'chat.completion.chunk');
      assert.equal(chunk.model, 'anthropic/claude-sonnet-4');
      assert.equal(chunk.provider, 'FakeProvider');
    }
    assert.deepEqual(all.slice(0, 3).map((chunk) => chunk.choices[0]?.delta.reasoning), ['let ', 'me ', 'think']);
    assert.deepEqual(all.slice(3, 6).map((chunk) => chunk.choices[0]?.delta.content), ['one ', 'two ', 'three']);
    assert.deepEqual(all.slice(0, 6).map((chunk) => chunk.choices[0]?.finish_reason), [null, null, null, null, null, 'stop']);
    assert.equal(all.slice(0, 6).some((chunk) => chunk.usage !== undefined), false);

    const usageChunk = all[6];
    assert.equal(all.length, 7);
    assert.deepEqual(usageChunk?.choices, [{ index: 0, delta: { content: '' }, finish_reason: 'stop', native_finish_reason: 'stop' }]);
    assert.deepEqual(usageChunk?.usage, expectedUsage({ model: 'anthropic/claude-sonnet-4', messages: USER_MESSAGES, text: 'one two three', reasoning: 'let me think' }));
  });

  it('sends the scripted number of keep-alive comments before the first token', async () => {
    const { fake } = holder;
    fake.script('openai/gpt-4o', { kind: 'answer', text: 'hi', keepAlives: 3, keepAliveIntervalMs: 1 });
    const { items } = await streamChat(fake, { model: 'openai/gpt-4o' });
    const firstData = items.findIndex((item) => item.type === 'data');
    assert.equal(firstData, 3);
    assert.ok(items.slice(0, 3).every((item) => item.type === 'comment'));
  });

  it('sends one chunk carrying the finish reason when the scripted text is empty', async () => {
    const { fake } = holder;
    fake.script('openai/gpt-4o', { kind: 'answer', text: '', finishReason: 'content_filter' });
    const { items } = await streamChat(fake, { model: 'openai/gpt-4o' });
    const all = chunks(items);
    assert.equal(all.length, 2);
    assert.equal(all[0]?.choices[0]?.finish_reason, 'content_filter');
    assert.equal(all[1]?.choices[0]?.finish_reason, 'content_filter');
    assert.equal(all[1]?.usage?.completion_tokens, 0);
  });

  it('honours firstByteDelayMs and tokensPerSecond (lower bounds only)', async () => {
    const { fake } = holder;
    fake.script('openai/gpt-4o', { kind: 'answer', text: 'a b c d e', firstByteDelayMs: 60, tokensPerSecond: 50 });
    const started = Date.now();
    const response = await postChat(fake, { model: 'openai/gpt-4o', stream: true });
    const headersAfter = Date.now() - started;
    await response.text();
    const totalAfter = Date.now() - started;
    assert.ok(headersAfter >= 55, `headers after ${headersAfter} ms`);
    // Five tokens at 50/s: four 20 ms gaps after the first.
    assert.ok(totalAfter - headersAfter >= 70, `tokens took ${totalAfter - headersAfter} ms`);
  });

  it('derives usage from the prompt and the streamed tokens and prices it at the served model', async () => {
    const { fake } = holder;
    const messages = [{ role: 'user', content: 'x'.repeat(41) }];
    fake.script('openai/gpt-4o-mini', { kind: 'answer', text: 'one two three' });
    const response = await postChat(fake, { model: 'openai/gpt-4o-mini', stream: true, messages });
    const usage = chunks(parseSse(await response.text())).at(-1)?.usage;
    assert.equal(usage?.prompt_tokens, countPromptTokens(messages));
    assert.equal(usage?.prompt_tokens, 11);
    assert.equal(usage?.completion_tokens, tokenize('one two three').length);
    assert.equal(usage?.cost, expectedCost('openai/gpt-4o-mini', { promptTokens: 11, completionTokens: 3 }));
    // By hand: 11 × $0.15/M + 3 × $0.60/M.
    assert.ok(Math.abs((usage?.cost ?? 0) - 0.00000345) < 1e-12, `cost ${usage?.cost}`);
  });

  it('bills cached prompt tokens at the cache read price and cache writes at the write price', async () => {
    const { fake } = holder;
    const override = { promptTokens: 1000, cachedTokens: 800, cacheWriteTokens: 100 };
    fake.script('anthropic/claude-sonnet-4', { kind: 'answer', text: 'a b', usage: override });
    const body = (await (await postChat(fake, { model: 'anthropic/claude-sonnet-4' })).json()) as Completion;
    assert.equal(body.usage.prompt_tokens, 1000);
    assert.deepEqual(body.usage.prompt_tokens_details, { cached_tokens: 800, cache_write_tokens: 100 });
    const uncachedEverything = expectedCost('anthropic/claude-sonnet-4', { promptTokens: 1000, completionTokens: 2 });
    assert.equal(body.usage.cost, expectedCost('anthropic/claude-sonnet-4', { ...override, completionTokens: 2 }));
    assert.ok(body.usage.cost < uncachedEverything, 'caching makes the request cheaper');
    assert.ok(Math.abs(body.usage.cost - 0.000945) < 1e-12, `cost ${body.usage.cost}`);
  });

  it('reports BYOK requests with the upstream cost and OpenRouter fee, and lets overrides win', async () => {
    const { fake } = holder;
    fake.script('openai/gpt-4o', { kind: 'answer', text: 'one two', usage: { isByok: true } }, { kind: 'answer', text: 'x', usage: { cost: 0.5, completionTokens: 42 } });
    const byok = (await (await postChat(fake, { model: 'openai/gpt-4o' })).json()) as Completion;
    const upstream = expectedCost('openai/gpt-4o', { promptTokens: countPromptTokens(USER_MESSAGES), completionTokens: 2 });
    assert.equal(byok.usage.is_byok, true);
    assert.equal(byok.usage.cost_details.upstream_inference_cost, upstream);
    assert.ok(byok.usage.cost > 0 && byok.usage.cost < upstream, 'the fee is a fraction of the upstream cost');

    const overridden = (await (await postChat(fake, { model: 'openai/gpt-4o' })).json()) as Completion;
    assert.equal(overridden.usage.cost, 0.5);
    assert.equal(overridden.usage.completion_tokens, 42);
    assert.equal(overridden.usage.is_byok, false);
  });

  it('uses the multi-byte default text for utf8-split and a sentence naming the model otherwise', async () => {
    const { fake } = holder;
    fake.script('openai/gpt-4o', { kind: 'answer', chunking: 'utf8-split' }, { kind: 'answer' });
    const split = await streamChat(fake, { model: 'openai/gpt-4o' });
    assert.match(contentOf(split.items), /héllo wörld — 你好 🎉/);
    const plain = await streamChat(fake, { model: 'openai/gpt-4o' });
    assert.match(contentOf(plain.items), /openai\/gpt-4o/);
  });
});
