// Each model of a fallback chain is sent the reasoning its own catalogue entry accepts, in the engine against the
// fake: a model that cannot reason gets none, by our fallback or by OpenRouter's own.
import assert from 'node:assert/strict';
import { buildChatRequest, type RequestSettings } from '../../../../src/core/chat/chat-request';
import { ManualClock } from '../../../../src/core/clock';
import { OpenRouterClient } from '../../../../src/core/openrouter/chat';
import { FAKE_API_KEY, FAKE_MODELS, startFakeOpenRouter, type FakeOpenRouter } from '../../../fixtures/fake-openrouter';
import { collect, lastOf } from './chat-events';

const THINKER = 'anthropic/claude-sonnet-4';
const PLAIN = 'openai/gpt-4o-mini';

/** The fake catalogue's reasoning options, as the extension reads them. */
function factsOf(model: string) {
  const listing = FAKE_MODELS.find((m) => m.id === model);
  if (!listing) return undefined;
  const options = listing.reasoning;
  return options ? { reasoning: { efforts: options.supported_efforts, defaultEffort: options.default_effort, mandatory: options.mandatory } } : {};
}

const SETTINGS: RequestSettings = {
  defaultModel: THINKER, fallbackModels: [PLAIN], systemPrompt: '', maxTokens: 200, temperature: null, provider: {}, user: '',
};

describe('chat client: reasoning down the fallback chain', () => {
  let fake: FakeOpenRouter;
  before(async () => {
    fake = await startFakeOpenRouter();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  const client = (serverSideFallback: boolean): OpenRouterClient => new OpenRouterClient({
    fetch: (url, init) => fetch(url, init),
    getApiKey: async () => FAKE_API_KEY,
    baseUrl: fake.baseUrl,
    clock: new ManualClock({ autoAdvance: true }),
    timeouts: { firstByteMs: 0, idleMs: 0 },
    serverSideFallback,
    retry: { maxAttempts: 1 },
  });
  const request = () => buildChatRequest(SETTINGS, [{ role: 'user', content: 'Think hard.' }], {
    reasoning: { effort: 'high' }, chainReasoning: { preferences: undefined, factsOf },
  });
  const chatBodies = () => fake.requests.filter((r) => r.path === '/api/v1/chat/completions').map((r) => r.body as Record<string, unknown>);

  it('sends no reasoning to a fallback that cannot reason', async () => {
    fake.script(THINKER, { kind: 'http-error', status: 503 });
    const events = await collect(client(false).chat(request()));
    assert.equal(lastOf(events, 'done').model, PLAIN);
    const [first, second] = chatBodies();
    assert.deepEqual(first?.['reasoning'], { effort: 'high' });
    assert.equal(second?.['model'], PLAIN);
    assert.equal('reasoning' in (second ?? {}), false);
  });

  it("keeps a model that cannot take the reasoning out of OpenRouter's own fallback list, and falls back to it itself", async () => {
    fake.script(THINKER, { kind: 'http-error', status: 503 });
    const events = await collect(client(true).chat(request()));
    assert.equal(lastOf(events, 'done').model, PLAIN);
    const [first, second] = chatBodies();
    assert.equal('models' in (first ?? {}), false);
    assert.deepEqual(first?.['reasoning'], { effort: 'high' });
    assert.equal(second?.['model'], PLAIN);
    assert.equal('reasoning' in (second ?? {}), false);
  });
});
