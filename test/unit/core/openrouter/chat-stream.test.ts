// The client against the fake OpenRouter over real HTTP: answers, SSE edge cases on the wire, headers and body,
// and the done event's accounting.
import assert from 'node:assert/strict';
import { ManualClock } from '../../../../src/core/clock';
import { OpenRouterClient, type ChatEvent, type OpenRouterClientOptions } from '../../../../src/core/openrouter/chat';
import type { ChatRequest } from '../../../../src/core/openrouter/http';
import {
  FAKE_API_KEY,
  MULTIBYTE_SAMPLE,
  defaultAnswerText,
  startFakeOpenRouter,
  type FakeOpenRouter,
} from '../../../fixtures/fake-openrouter';
import { collect, lastOf } from './chat-events';

const MODEL = 'openai/gpt-4o-mini';
const ask = (extra: Partial<ChatRequest> = {}): ChatRequest => ({ model: MODEL, messages: [{ role: 'user', content: 'Say hello' }], ...extra });

const textOf = (events: ChatEvent[]): string => events.map((event) => (event.type === 'delta' ? event.text : '')).join('');
const types = (events: ChatEvent[]): string[] => [...new Set(events.map((event) => event.type))];

describe('chat client: streaming against the fake', () => {
  let fake: FakeOpenRouter;
  before(async () => {
    fake = await startFakeOpenRouter();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  const client = (options: Partial<OpenRouterClientOptions> = {}): OpenRouterClient =>
    new OpenRouterClient({
      fetch: (url, init) => fetch(url, init),
      getApiKey: async () => FAKE_API_KEY,
      baseUrl: fake.baseUrl,
      clock: new ManualClock({ autoAdvance: true }),
      timeouts: { firstByteMs: 0, idleMs: 0 },
      ...options,
    });

  it('streams an answer and ends with one done event', async () => {
    const events = await collect(client().chat(ask()));
    assert.deepEqual(events[0], { type: 'attempt', model: MODEL, attempt: 1 });
    assert.equal(events[1]?.type, 'waiting', 'the keep-alive comment surfaces as waiting');
    assert.equal(textOf(events), defaultAnswerText(MODEL));
    const done = lastOf(events, 'done');
    assert.equal(done.text, defaultAnswerText(MODEL));
    assert.equal(done.model, MODEL);
    assert.equal(done.requestedModel, MODEL);
    assert.equal(done.provider, 'FakeProvider');
    assert.equal(done.finishReason, 'stop');
    assert.deepEqual(done.fallbackPath, [MODEL]);
    assert.equal(events.filter((event) => event.type === 'done' || event.type === 'error').length, 1);
  });

  it('reports the usage, cost and generation id OpenRouter sent', async () => {
    fake.script(MODEL, {
      kind: 'answer',
      reasoning: 'Let me think.',
      usage: { promptTokens: 100, completionTokens: 20, cachedTokens: 40, cacheWriteTokens: 5, reasoningTokens: 3, cost: 0.0123, isByok: true, upstreamInferenceCost: 0.05 },
    });
    const events = await collect(client().chat(ask()));
    const done = lastOf(events, 'done');
    assert.deepEqual(done.usage, { promptTokens: 100, completionTokens: 20, cachedTokens: 40, cacheWriteTokens: 5, reasoningTokens: 3 });
    assert.deepEqual(done.cost, { usd: 0.0623, basis: 'exact', source: 'usage_and_upstream', upstreamUsd: 0.05 }, 'the fee plus the provider\'s charge');
    assert.equal(done.reasoning, 'Let me think.');
    assert.equal(events.filter((event) => event.type === 'reasoning').map((event) => (event.type === 'reasoning' ? event.text : '')).join(''), 'Let me think.');
    const recorded = fake.requests[0] as { generationId?: string } | undefined;
    assert.ok(done.generationId?.startsWith('gen-'));
    assert.equal(done.generationId, recorded?.generationId);
    assert.equal(done.timeToFirstTokenMs, 0, 'the manual clock never moved');
    assert.equal(done.durationMs, 0);
  });

  const wireVariants: Array<[string, Record<string, unknown>, string]> = [
    ['one byte per write', { chunking: 'byte' }, defaultAnswerText(MODEL)],
    ['writes cut inside UTF-8 sequences', { chunking: 'utf8-split' }, `${MULTIBYTE_SAMPLE} from ${MODEL}.`],
    ['writes cut inside data lines and CRLF pairs', { chunking: 'data-line-split', crlf: true }, defaultAnswerText(MODEL)],
    ['multi-line data', { multiLineData: true, crlf: true, chunking: 'data-line-split' }, defaultAnswerText(MODEL)],
    ['several keep-alives before the first token', { keepAlives: 3 }, defaultAnswerText(MODEL)],
  ];
  for (const [name, scenario, expected] of wireVariants) {
    it(`reads the same answer with ${name}`, async () => {
      fake.script(MODEL, { kind: 'answer', ...scenario });
      const events = await collect(client().chat(ask()));
      assert.equal(lastOf(events, 'done').text, expected);
      assert.equal(textOf(events), expected);
      assert.equal(lastOf(events, 'done').usage?.promptTokens !== undefined, true);
    });
  }

  it('counts each keep-alive as a waiting event', async () => {
    fake.script(MODEL, { kind: 'answer', keepAlives: 3 });
    const events = await collect(client().chat(ask()));
    assert.equal(events.filter((event) => event.type === 'waiting').length, 3);
  });

  it('accepts an answer that reached its finish_reason but lost [DONE]', async () => {
    fake.script(MODEL, { kind: 'answer', omitDone: true });
    const done = lastOf(await collect(client().chat(ask())), 'done');
    assert.equal(done.finishReason, 'stop');
    assert.ok(done.usage);
  });

  it('reports a stream cut before its finish as truncated, keeping the partial text, without a retry', async () => {
    fake.script(MODEL, { kind: 'answer', text: 'one two three four five', truncateAfterTokens: 2 });
    const events = await collect(client().chat(ask({ fallbacks: ['openai/gpt-4o'] })));
    const error = lastOf(events, 'error');
    assert.equal(error.error.kind, 'provider_error');
    assert.equal(error.error.subtype, 'truncated');
    assert.equal(error.partialText, 'one two ');
    assert.equal(error.continueWith, 'openai/gpt-4o');
    assert.equal(error.stoppedBecause, 'tokens_streamed');
    assert.deepEqual(error.usage, { completionTokens: 2, estimated: true });
    assert.equal(fake.requests.length, 1, 'never retried after tokens');
  });

  it('ends on an error chunk mid-stream with the partial text and a model to continue with', async () => {
    fake.script(MODEL, { kind: 'mid-stream-error', afterTokens: 3, text: 'alpha beta gamma delta', errorType: 'provider_overloaded', providerCode: 529 });
    const events = await collect(client().chat(ask({ fallbacks: ['openai/gpt-4o'] })));
    const error = lastOf(events, 'error');
    assert.equal(error.error.kind, 'provider_error');
    assert.equal(error.error.providerCode, 529);
    assert.equal(error.error.status, 200);
    assert.equal(error.partialText, 'alpha beta gamma ');
    assert.equal(error.continueWith, 'openai/gpt-4o');
    assert.ok(!types(events).includes('retry') && !types(events).includes('fallback'));
  });

  it('retries an error chunk that came before any token', async () => {
    fake.script(MODEL, { kind: 'error-only-chunk' }, { kind: 'answer' });
    const events = await collect(client().chat(ask()));
    assert.deepEqual(events.filter((event) => event.type === 'retry').map((event) => event.type === 'retry' && event.reason.kind), ['provider_error']);
    assert.equal(lastOf(events, 'done').text, defaultAnswerText(MODEL));
  });

  it('reports a malformed chunk as invalid_response with an excerpt, keeping what streamed before it', async () => {
    fake.script(MODEL, { kind: 'malformed-chunk', afterTokens: 2 });
    const error = lastOf(await collect(client().chat(ask())), 'error');
    assert.equal(error.error.kind, 'invalid_response');
    assert.ok(error.error.rawExcerpt?.startsWith('{"choices"'));
    assert.equal(error.partialText, defaultAnswerText(MODEL).split(' ').slice(0, 2).join(' ') + ' ');
  });

  it('reports a reset after tokens as a network error with the partial text', async () => {
    fake.script(MODEL, { kind: 'reset-after-tokens', afterTokens: 2, text: 'a b c d' });
    const error = lastOf(await collect(client().chat(ask({ fallbacks: ['openai/gpt-4o'] }))), 'error');
    assert.equal(error.error.kind, 'network');
    assert.equal(error.error.subtype, 'truncated');
    assert.equal(error.partialText, 'a b ');
    assert.equal(error.continueWith, 'openai/gpt-4o');
    assert.equal(fake.requests.length, 1);
  });

  it('sends the key, app identity headers and the pass-through body fields', async () => {
    const c = client({ app: { referer: 'https://example.test/app', title: 'Test Title' } });
    await collect(c.chat(ask({ user: 'user-7', session_id: 'session-42', max_tokens: 50, temperature: 0.2, extra: { transforms: [], stream: false } })));
    const request = fake.requests[0];
    assert.equal(request?.path, '/api/v1/chat/completions');
    assert.equal(request?.headers['authorization'], `Bearer ${FAKE_API_KEY}`);
    assert.equal(request?.headers['http-referer'], 'https://example.test/app');
    assert.equal(request?.headers['x-title'], 'Test Title');
    assert.equal(request?.headers['x-openrouter-title'], 'Test Title');
    assert.match(request?.headers['content-type'] ?? '', /application\/json/);
    assert.deepEqual(request?.body, {
      transforms: [],
      messages: [{ role: 'user', content: 'Say hello' }],
      max_tokens: 50,
      temperature: 0.2,
      user: 'user-7',
      session_id: 'session-42',
      model: MODEL,
      stream: true,
    });
  });

  it('sends nothing and asks for a key when none is set', async () => {
    for (const getApiKey of [async () => undefined, async () => '  ', () => Promise.reject(new Error('secret storage down'))]) {
      const error = lastOf(await collect(client({ getApiKey }).chat(ask())), 'error');
      assert.equal(error.error.kind, 'auth');
      assert.equal(error.error.subtype, 'missing_key');
      assert.equal(error.error.action, 'set_key');
    }
    assert.equal(fake.requests.length, 0);
  });

  it('collects a whole answer with complete(), and returns the typed error instead of throwing', async () => {
    const ok = await client().complete(ask());
    assert.ok(ok.ok);
    assert.equal(ok.text, defaultAnswerText(MODEL));
    assert.equal(ok.done.model, MODEL);
    fake.script(MODEL, { kind: 'http-error', status: 402 });
    const failed = await client().complete(ask());
    assert.equal(failed.ok, false);
    assert.equal(!failed.ok && failed.error.kind, 'credits');
  });

  it('accepts a plain JSON completion in answer to a stream request', async () => {
    const body = JSON.stringify({
      id: 'gen-json',
      model: 'acme/served',
      provider: 'P',
      choices: [{ message: { role: 'assistant', content: 'Whole answer', reasoning: 'r' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5, cost: 0.001 },
    });
    const c = client({ fetch: async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }) });
    const events = await collect(c.chat(ask()));
    assert.equal(textOf(events), 'Whole answer');
    const done = lastOf(events, 'done');
    assert.equal(done.model, 'acme/served');
    assert.equal(done.generationId, 'gen-json');
    assert.deepEqual(done.fallbackPath, [MODEL, 'acme/served']);
    assert.deepEqual(done.cost, { usd: 0.001, basis: 'exact', source: 'usage' });
  });
});
