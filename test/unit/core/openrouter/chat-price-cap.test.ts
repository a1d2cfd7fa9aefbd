// The price cap on fallbacks, in the engine against the fake: a dearer model is never asked, by us or by
// OpenRouter's own fallback, and the events say which models were left out.
import assert from 'node:assert/strict';
import { ManualClock } from '../../../../src/core/clock';
import { OpenRouterClient, type ChatEvent } from '../../../../src/core/openrouter/chat';
import { FAKE_API_KEY, startFakeOpenRouter, type FakeOpenRouter } from '../../../fixtures/fake-openrouter';
import { collect } from './chat-events';

const CHEAP = 'openai/gpt-4o-mini';
const DEAR = 'anthropic/claude-opus-4';
const HAIKU = 'anthropic/claude-3.5-haiku';
const PRICES: Record<string, { prompt: number; completion: number }> = {
  [CHEAP]: { prompt: 0.15e-6, completion: 0.6e-6 },
  [DEAR]: { prompt: 15e-6, completion: 75e-6 },
  [HAIKU]: { prompt: 0.8e-6, completion: 4e-6 },
};

describe('chat client: the price cap on fallbacks', () => {
  let fake: FakeOpenRouter;
  before(async () => {
    fake = await startFakeOpenRouter();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  const client = (serverSideFallback = false): OpenRouterClient => new OpenRouterClient({
    fetch: (url, init) => fetch(url, init),
    getApiKey: async () => FAKE_API_KEY,
    baseUrl: fake.baseUrl,
    clock: new ManualClock({ autoAdvance: true }),
    timeouts: { firstByteMs: 0, idleMs: 0 },
    pricingOf: (model) => PRICES[model],
    serverSideFallback,
    retry: { maxAttempts: 1 },
  });
  const ask = (cap: number | undefined) => ({ model: CHEAP, fallbacks: [DEAR, HAIKU], messages: [{ role: 'user' as const, content: 'Hi' }], maxFallbackPriceRatio: cap });
  const chatModels = () => fake.requests.filter((r) => r.path === '/api/v1/chat/completions').map((r) => (r.body as { model: string }).model);

  it('skips a fallback over the cap, and tells of it with the first fallback', async () => {
    fake.script(CHEAP, { kind: 'http-error', status: 503 });
    const events = await collect(client().chat(ask(10)));
    const fallback = events.find((e): e is Extract<ChatEvent, { type: 'fallback' }> => e.type === 'fallback');
    assert.equal(fallback?.to, HAIKU);
    assert.deepEqual(fallback?.dearer?.map((d) => d.model), [DEAR]);
    assert.equal(events.at(-1)?.type, 'done');
    assert.deepEqual(chatModels(), [CHEAP, HAIKU], 'the dear model was never asked');
  });

  it('names the models left out when the chain runs out without them', async () => {
    fake.script(CHEAP, { kind: 'http-error', status: 503 });
    fake.script(HAIKU, { kind: 'http-error', status: 503 });
    const last = (await collect(client().chat(ask(10)))).at(-1);
    assert.ok(last?.type === 'error');
    assert.equal(last.stoppedBecause, 'chain_exhausted');
    assert.equal(last.dearer, undefined, 'already told with the fallback to the haiku');
    fake.reset();
    fake.script(CHEAP, { kind: 'http-error', status: 503 });
    const alone = (await collect(client().chat({ ...ask(10), fallbacks: [DEAR] }))).at(-1);
    assert.ok(alone?.type === 'error');
    assert.deepEqual(alone.dearer?.map((d) => d.model), [DEAR]);
  });

  it('keeps the dear model out of OpenRouter\'s own fallback list too, and tries it with no cap', async () => {
    fake.script(CHEAP, { kind: 'http-error', status: 503 });
    await collect(client(true).chat(ask(10)));
    const first = fake.requests.find((r) => r.path === '/api/v1/chat/completions')?.body as { models?: string[] };
    assert.deepEqual(first.models, [CHEAP, HAIKU]);
    fake.reset();
    fake.script(CHEAP, { kind: 'http-error', status: 503 });
    await collect(client().chat(ask(undefined)));
    assert.deepEqual(chatModels(), [CHEAP, DEAR]);
  });
});
