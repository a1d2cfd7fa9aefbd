// Retries and fallbacks against the fake over real HTTP. The clock is manual and advances itself by exactly what
// the client asks to sleep, so no test waits in real time and each asserts the exact delays requested.
import assert from 'node:assert/strict';
import { ManualClock } from '../../../../src/core/clock';
import { OpenRouterClient, type ChatEvent, type OpenRouterClientOptions } from '../../../../src/core/openrouter/chat';
import type { ChatRequest } from '../../../../src/core/openrouter/http';
import { FAKE_API_KEY, FAKE_INVALID_API_KEY, FAKE_MODELS, startFakeOpenRouter, type FakeOpenRouter, type Scenario } from '../../../fixtures/fake-openrouter';
import { collect } from './chat-events';

const A = 'openai/gpt-4o-mini';
const B = 'anthropic/claude-3.5-haiku';
const C = 'google/gemini-2.5-flash';
const SMALL = 'mistralai/mistral-7b-instruct'; // 8k context in the fake
const TINY = 'test/tiny-context'; // known to the fake only by script; our catalogue says 4k

const ask = (model: string, fallbacks: string[] = [], extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model,
  fallbacks,
  messages: [{ role: 'user', content: 'Hello' }],
  ...extra,
});

/** The events that describe the course of the request, as short strings. */
function course(events: ChatEvent[]): string[] {
  return events.flatMap((event) => {
    switch (event.type) {
      case 'attempt':
        return [`attempt ${event.model} #${event.attempt}`];
      case 'retry':
        return [`retry ${event.delayMs}ms after ${event.reason.kind}`];
      case 'fallback':
        return [`fallback ${event.from} -> ${event.to} after ${event.reason.kind}`];
      case 'done':
        return [`done ${event.model}`];
      case 'error':
        return [`error ${event.error.kind} (${event.stoppedBecause})`];
      default:
        return [];
    }
  });
}

const contextOf = (model: string): number | undefined =>
  model === TINY ? 4096 : FAKE_MODELS.find((listing) => listing.id === model)?.context_length;

describe('chat client: retries and fallbacks against the fake', () => {
  let fake: FakeOpenRouter;
  let clock: ManualClock;
  before(async () => {
    fake = await startFakeOpenRouter();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.reset();
    clock = new ManualClock({ autoAdvance: true });
  });

  const client = (options: Partial<OpenRouterClientOptions> = {}): OpenRouterClient =>
    new OpenRouterClient({
      fetch: (url, init) => fetch(url, init),
      getApiKey: async () => FAKE_API_KEY,
      baseUrl: fake.baseUrl,
      clock,
      timeouts: { firstByteMs: 0, idleMs: 0 },
      contextLengthOf: contextOf,
      ...options,
      retry: { random: () => 0.5, baseDelayMs: 500, maxDelayMs: 8000, maxAttempts: 3, maxWaitMs: 20_000, retryAfterCapMs: 20_000, ...options.retry },
    });
  const http = (status: 400 | 401 | 402 | 403 | 404 | 408 | 429 | 502 | 503, extra: Partial<Extract<Scenario, { kind: 'http-error' }>> = {}): Scenario => ({
    kind: 'http-error',
    status,
    ...extra,
  });

  it('honours Retry-After in seconds', async () => {
    fake.script(A, http(429, { retryAfter: 2 }), { kind: 'answer' });
    const events = await collect(client().chat(ask(A)));
    assert.deepEqual(course(events), [`attempt ${A} #1`, 'retry 2000ms after rate_limited', `attempt ${A} #2`, `done ${A}`]);
    assert.deepEqual(clock.requested, [2000]);
  });

  it('honours Retry-After as an HTTP date measured on the injected clock', async () => {
    fake.script(A, http(503, { retryAfter: new Date(clock.now() + 5000).toUTCString() }), { kind: 'answer' });
    const events = await collect(client().chat(ask(A)));
    assert.deepEqual(clock.requested, [5000]);
    assert.equal(events.at(-1)?.type, 'done');
  });

  it('backs off exponentially with jitter when no Retry-After is sent, then falls back when attempts run out', async () => {
    fake.script(A, http(502));
    const events = await collect(client().chat(ask(A, [B])));
    // step 500 then 1000, with the jitter pinned at the middle: 375 and 750.
    assert.deepEqual(clock.requested, [375, 750]);
    assert.deepEqual(course(events), [
      `attempt ${A} #1`,
      'retry 375ms after provider_error',
      `attempt ${A} #2`,
      'retry 750ms after provider_error',
      `attempt ${A} #3`,
      `fallback ${A} -> ${B} after provider_error`,
      `attempt ${B} #1`,
      `done ${B}`,
    ]);
    const done = events.at(-1);
    assert.ok(done?.type === 'done');
    assert.deepEqual(done.fallbackPath, [A, B]);
    assert.equal(done.requestedModel, A);
  });

  it('does not wait for a Retry-After beyond the cap: it falls back at once', async () => {
    fake.script(A, http(429, { retryAfter: 30 }));
    const events = await collect(client().chat(ask(A, [B])));
    assert.deepEqual(clock.requested, []);
    assert.deepEqual(course(events), [`attempt ${A} #1`, `fallback ${A} -> ${B} after rate_limited`, `attempt ${B} #1`, `done ${B}`]);
    const fallback = events.find((event) => event.type === 'fallback');
    assert.equal(fallback?.type === 'fallback' && fallback.reason.retryAfterMs, 30_000);
  });

  it('bounds the total wait per model', async () => {
    fake.script(A, http(503, { retryAfter: 0.6 }));
    const events = await collect(client({ retry: { maxWaitMs: 1000, maxAttempts: 5 } }).chat(ask(A)));
    assert.deepEqual(clock.requested, [600], 'a second 600 ms wait would pass the 1000 ms budget');
    assert.deepEqual(course(events).at(-1), 'error unavailable (chain_exhausted)');
  });

  it('bounds the attempts', async () => {
    fake.script(A, http(408));
    const events = await collect(client({ retry: { maxAttempts: 2 } }).chat(ask(A)));
    assert.equal(fake.requests.length, 2);
    assert.deepEqual(clock.requested, [375]);
    assert.deepEqual(course(events).at(-1), 'error timeout (chain_exhausted)');
  });

  it('retries a connection reset before the headers', async () => {
    fake.script(A, { kind: 'reset-before-headers' }, { kind: 'answer' });
    const events = await collect(client().chat(ask(A)));
    assert.deepEqual(course(events), [`attempt ${A} #1`, 'retry 375ms after network', `attempt ${A} #2`, `done ${A}`]);
  });

  it('waits out an in-flight budget 402', async () => {
    fake.script(A, http(402, { variant: 'openrouter_in_flight_budget' }), { kind: 'answer' });
    const events = await collect(client().chat(ask(A)));
    assert.deepEqual(clock.requested, [1000]);
    assert.equal(events.at(-1)?.type, 'done');
  });

  const stoppers: Array<[string, Scenario, string]> = [
    ['credits', http(402), 'credits'],
    ['a key limit', http(402, { variant: 'openrouter_key_limit' }), 'credits'],
    ['moderation', http(403), 'moderation'],
    ['a bad request', http(400), 'bad_request'],
  ];
  for (const [name, scenario, kind] of stoppers) {
    it(`stops the chain on ${name}, explaining why another model would not help`, async () => {
      fake.script(A, scenario);
      const events = await collect(client().chat(ask(A, [B, C])));
      assert.deepEqual(course(events), [`attempt ${A} #1`, `error ${kind} (same_for_every_model)`]);
      assert.equal(fake.requests.length, 1);
      const last = events.at(-1);
      assert.ok(last?.type === 'error' && last.error.fallbackMayHelp === false && last.error.retryable === false);
      assert.match(last.error.message, /another model|every model|same/i);
    });
  }

  it('stops the chain on a rejected key', async () => {
    const events = await collect(client({ getApiKey: async () => FAKE_INVALID_API_KEY }).chat(ask(A, [B])));
    assert.deepEqual(course(events), [`attempt ${A} #1`, 'error auth (same_for_every_model)']);
    const last = events.at(-1);
    assert.ok(last?.type === 'error' && last.error.action === 'set_key' && last.error.status === 401);
  });

  for (const status of [404, 503] as const) {
    it(`moves to the next model on ${status}`, async () => {
      fake.script(A, http(status, { omitRetryAfter: true }));
      const events = await collect(client({ retry: { maxAttempts: 1 } }).chat(ask(A, [B])));
      assert.deepEqual(course(events).slice(1, 3), [`fallback ${A} -> ${B} after ${status === 404 ? 'no_provider' : 'unavailable'}`, `attempt ${B} #1`]);
      assert.equal(events.at(-1)?.type, 'done');
    });
  }

  it('escalates a context-length error only to a larger model, skipping a smaller one', async () => {
    const long = 'word '.repeat(8000); // ~10k prompt tokens: over the 8k of the small model
    fake.script(TINY, { kind: 'answer' });
    const events = await collect(client().chat(ask(SMALL, [TINY, C], { messages: [{ role: 'user', content: long }] })));
    assert.deepEqual(course(events), [`attempt ${SMALL} #1`, `fallback ${SMALL} -> ${C} after bad_request`, `attempt ${C} #1`, `done ${C}`]);
    const fallback = events.find((event) => event.type === 'fallback');
    assert.ok(fallback?.type === 'fallback');
    assert.deepEqual(fallback.skipped, [TINY]);
    assert.equal(fallback.reason.subtype, 'context_length_exceeded');
    assert.deepEqual(
      fake.requests.map((request) => (request.body as { model?: string }).model),
      [SMALL, C],
      'the smaller model was never asked',
    );
  });

  it('ends with the context-length error when no larger model is left', async () => {
    const long = 'word '.repeat(8000);
    const events = await collect(client().chat(ask(SMALL, [TINY], { messages: [{ role: 'user', content: long }] })));
    assert.deepEqual(course(events), [`attempt ${SMALL} #1`, 'error bad_request (no_larger_context)']);
  });

  it('sends the rest of the chain as `models` for server-side fallback, and reports the model that answered', async () => {
    fake.script(A, http(429, { omitRetryAfter: true }));
    const events = await collect(client({ serverSideFallback: true }).chat(ask(A, [B, C])));
    assert.equal(fake.requests.length, 1, 'OpenRouter fell back on its side');
    assert.deepEqual((fake.requests[0]?.body as { models?: string[] }).models, [A, B, C]);
    const done = events.at(-1);
    assert.ok(done?.type === 'done');
    assert.equal(done.model, B);
    assert.equal(done.requestedModel, A);
    assert.deepEqual(done.fallbackPath, [A, B]);
  });

  it('sends no `models` without server-side fallback', async () => {
    await collect(client().chat(ask(A, [B])));
    assert.equal((fake.requests[0]?.body as { models?: unknown }).models, undefined);
  });
});
