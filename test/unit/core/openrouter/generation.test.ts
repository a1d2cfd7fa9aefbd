import assert from 'node:assert/strict';
import { ManualClock } from '../../../../src/core/clock';
import type { FetchLike } from '../../../../src/core/openrouter/api-request';
import { fetchGeneration, type GenerationRequest, pollGeneration } from '../../../../src/core/openrouter/generation';
import { FAKE_API_KEY, FAKE_INVALID_API_KEY, type FakeOpenRouter, startFakeOpenRouter, type UsageOverride } from '../../../fixtures/fake-openrouter';

interface Served {
  id: string;
  usage: { cost: number; prompt_tokens: number; completion_tokens: number; cost_details: { upstream_inference_cost: number | null } };
}

/** One non-streamed chat completion through the fake, scripted with `usage`; returns its id and usage. */
async function chat(fake: FakeOpenRouter, model: string, usage?: UsageOverride): Promise<Served> {
  fake.script(model, usage ? { kind: 'answer', usage } : { kind: 'answer' });
  const response = await fetch(`${fake.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${FAKE_API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model, stream: false, messages: [{ role: 'user', content: 'Reconcile me.' }] }),
  });
  assert.equal(response.status, 200);
  const body = (await response.json()) as Served;
  assert.equal(response.headers.get('x-generation-id'), body.id);
  return body;
}

function respond(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
}

describe('generation reconciliation', () => {
  let fake: FakeOpenRouter;
  let clock: ManualClock;

  beforeEach(async () => {
    fake = await startFakeOpenRouter();
    // Each sleep advances the clock by its own length at once: back-off runs instantly, `requested` keeps the delays.
    clock = new ManualClock({ autoAdvance: true });
  });
  afterEach(async () => {
    await fake.close();
  });

  // The request timer is off here: with an auto-advancing clock it would fire at once.
  const request = (extra: Partial<GenerationRequest> = {}): GenerationRequest => ({
    baseUrl: fake.baseUrl, fetch: (url, init) => fetch(url, init), clock, key: FAKE_API_KEY, timeoutMs: 0, ...extra,
  });
  const generationPolls = () => fake.requests.filter((recorded) => recorded.path === '/api/v1/generation');

  it('reads the record: exact cost, tokens, provider, timings', async () => {
    const served = await chat(fake, 'anthropic/claude-sonnet-4', { promptTokens: 10_000, cachedTokens: 6_000, cacheWriteTokens: 2_000, completionTokens: 500 });
    const lookup = await fetchGeneration(served.id, request());
    assert.equal(lookup.status, 'found');
    assert.ok(lookup.status === 'found');
    const generation = lookup.generation;
    assert.equal(generation.id, served.id);
    assert.equal(generation.totalCostUsd, served.usage.cost);
    assert.equal(generation.userCostUsd, served.usage.cost);
    assert.equal(generation.model, 'anthropic/claude-sonnet-4');
    assert.equal(generation.providerName, 'FakeProvider');
    assert.equal(generation.isByok, false);
    assert.equal(generation.tokens.prompt, 10_000);
    assert.equal(generation.tokens.nativeCached, 6_000);
    assert.equal(generation.tokens.completion, 500);
    assert.equal(typeof generation.latencyMs, 'number');
    assert.equal(typeof generation.cacheDiscountUsd, 'number');
    assert.equal(generationPolls()[0]?.query.id, served.id);
  });

  it('waits out the lag with exponential back-off and returns the exact cost', async () => {
    const served = await chat(fake, 'openai/gpt-4o-mini');
    fake.setGenerationLag(3);
    const result = await pollGeneration(served.id, request());
    assert.equal(result.status, 'available');
    assert.ok(result.status === 'available');
    assert.equal(result.attempts, 4);
    assert.equal(result.generation.totalCostUsd, served.usage.cost);
    assert.deepEqual(clock.requested, [500, 1000, 2000, 4000]);
    assert.equal(result.waitedMs, 7500);
    assert.equal(generationPolls().length, 4);
  });

  it('gives up as "lagging" after the attempts run out', async () => {
    const served = await chat(fake, 'openai/gpt-4o-mini');
    fake.setGenerationLag(10);
    const result = await pollGeneration(served.id, request(), { maxAttempts: 3 });
    assert.deepEqual(result, { status: 'not_available', reason: 'lagging', attempts: 3, waitedMs: 3500 });
    assert.equal(generationPolls().length, 3);
  });

  it('bounds the total wait, caps each delay, and never sleeps past the budget', async () => {
    const served = await chat(fake, 'openai/gpt-4o-mini');
    fake.setGenerationLag(100);
    const result = await pollGeneration(served.id, request(), { maxAttempts: 50, firstDelayMs: 1000, maxDelayMs: 4000, maxTotalWaitMs: 15_000 });
    assert.equal(result.status, 'not_available');
    assert.deepEqual(clock.requested, [1000, 2000, 4000, 4000, 4000]);
    assert.equal(result.waitedMs, 15_000);
  });

  it('adds the upstream cost for BYOK generations', async () => {
    const served = await chat(fake, 'anthropic/claude-sonnet-4', { isByok: true, upstreamInferenceCost: 0.02, cost: 0.001 });
    const result = await pollGeneration(served.id, request());
    assert.ok(result.status === 'available');
    assert.equal(result.generation.isByok, true);
    assert.equal(result.generation.totalCostUsd, 0.001);
    assert.equal(result.generation.upstreamInferenceCostUsd, 0.02);
    assert.equal(result.generation.userCostUsd, 0.021);
  });

  it('stops at once on a failure a retry cannot fix', async () => {
    const served = await chat(fake, 'openai/gpt-4o-mini');
    const result = await pollGeneration(served.id, request({ key: FAKE_INVALID_API_KEY }));
    assert.equal(result.status, 'not_available');
    assert.ok(result.status === 'not_available');
    assert.equal(result.reason, 'error');
    assert.equal(result.error?.kind, 'auth');
    assert.equal(result.attempts, 1);
  });

  it('can be abandoned while it waits', async () => {
    const manual = new ManualClock();
    const controller = new AbortController();
    const served = await chat(fake, 'openai/gpt-4o-mini');
    const firstSleep = manual.nextSleep();
    const pending = pollGeneration(served.id, request({ clock: manual, signal: controller.signal }));
    assert.equal(await firstSleep, 500);
    controller.abort();
    const result = await pending;
    assert.equal(result.status, 'not_available');
    assert.ok(result.status === 'not_available');
    assert.equal(result.reason, 'cancelled');
    assert.equal(result.attempts, 0);
    assert.equal(generationPolls().length, 0);
  });

  it('retries transient failures, honouring Retry-After, and rejects records that do not fit', async () => {
    const answers = [
      respond(503, { error: { code: 503, message: 'busy' } }),
      respond(429, { error: { code: 429, message: 'slow down' } }, { 'Retry-After': '6' }),
      respond(200, { data: { id: 'gen-1', total_cost: 0.5, is_byok: false, unknown_new_field: [1, 2] } }),
    ];
    const scripted: FetchLike = async () => answers.shift() ?? respond(500, 'no more answers');
    const result = await pollGeneration('gen-1', request({ fetch: scripted }));
    assert.ok(result.status === 'available');
    assert.equal(result.generation.totalCostUsd, 0.5);
    assert.equal(result.generation.model, undefined);
    assert.deepEqual(clock.requested, [500, 1000, 6000]);

    const invalid = await fetchGeneration('gen-2', request({ fetch: async () => respond(200, { data: { id: 'gen-2' } }) }));
    assert.equal(invalid.status, 'error');
    assert.ok(invalid.status === 'error');
    assert.equal(invalid.error.kind, 'invalid_response');
    assert.match(invalid.error.rawExcerpt ?? '', /gen-2/);
    // The endpoint is named without its query, and with the shape it should have had.
    assert.equal(invalid.error.providerMessage, 'generation: expected { data: { id, total_cost, … } }');
  });

  it('reports "error" with the last transient failure when the budget runs out on it', async () => {
    const result = await pollGeneration('gen-x', request({ fetch: async () => respond(502, { error: { code: 502, message: 'bad gateway' } }) }), { maxAttempts: 2 });
    assert.ok(result.status === 'not_available');
    assert.equal(result.reason, 'error');
    assert.equal(result.error?.kind, 'provider_error');
  });
});
