// A chat that sends images falls back only to models that read them: against the fake (which refuses an image sent
// to a text-only model with OpenRouter's 404), the text-only fallback is never asked, and the events say why.
import assert from 'node:assert/strict';
import { ManualClock } from '../../../../src/core/clock';
import { OpenRouterClient, type ChatEvent } from '../../../../src/core/openrouter/chat';
import type { ChatMessage } from '../../../../src/core/openrouter/http';
import { blindText, dropBlindFallbacks } from '../../../../src/core/openrouter/vision-chain';
import { FAKE_API_KEY, startFakeOpenRouter, type FakeOpenRouter } from '../../../fixtures/fake-openrouter';
import { collect } from './chat-events';

const SEEING = 'openai/gpt-4o-mini';
const TEXT_ONLY = 'meta-llama/llama-3.3-70b-instruct';
const ALSO_SEEING = 'anthropic/claude-3.5-haiku';
const MODALITIES: Record<string, string[]> = { [SEEING]: ['text', 'image'], [TEXT_ONLY]: ['text'], [ALSO_SEEING]: ['text', 'image'] };
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const WITH_IMAGE: ChatMessage[] = [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: PIXEL } }] }];
const TEXT: ChatMessage[] = [{ role: 'user', content: 'Hi' }];

describe('fallbacks for a chat with images', () => {
  describe('dropBlindFallbacks', () => {
    const lookup = (model: string) => MODALITIES[model];

    it('leaves out the fallbacks the catalogue says read no images, keeping the first model and unknown ones', () => {
      assert.deepEqual(dropBlindFallbacks([TEXT_ONLY, TEXT_ONLY + ':free', 'new/unlisted', ALSO_SEEING], WITH_IMAGE, (m) => (m.endsWith(':free') ? ['text'] : lookup(m))), {
        chain: [TEXT_ONLY, 'new/unlisted', ALSO_SEEING], blind: [TEXT_ONLY + ':free'],
      });
    });

    it('keeps the whole chain when no message sends an image', () => {
      assert.deepEqual(dropBlindFallbacks([SEEING, TEXT_ONLY], TEXT, lookup), { chain: [SEEING, TEXT_ONLY], blind: [] });
    });

    it('says which models were left out and why', () => {
      assert.equal(blindText([TEXT_ONLY]), `${TEXT_ONLY} not tried: it does not read images, and this chat sends some`);
      assert.match(blindText([TEXT_ONLY, 'x/y']), /, x\/y not tried: they do not read images/);
    });
  });

  describe('in the engine', () => {
    let fake: FakeOpenRouter;
    before(async () => {
      fake = await startFakeOpenRouter();
    });
    after(() => fake.close());
    beforeEach(() => fake.reset());

    const client = (): OpenRouterClient => new OpenRouterClient({
      fetch: (url, init) => fetch(url, init),
      getApiKey: async () => FAKE_API_KEY,
      baseUrl: fake.baseUrl,
      clock: new ManualClock({ autoAdvance: true }),
      timeouts: { firstByteMs: 0, idleMs: 0 },
      inputModalitiesOf: (model) => MODALITIES[model],
      retry: { maxAttempts: 1 },
    });
    const chatModels = () => fake.requests.filter((r) => r.path === '/api/v1/chat/completions').map((r) => (r.body as { model: string }).model);

    it('falls back past a text-only model to one that reads images, and tells of it with the fallback', async () => {
      fake.script(SEEING, { kind: 'http-error', status: 503 });
      const events = await collect(client().chat({ model: SEEING, fallbacks: [TEXT_ONLY, ALSO_SEEING], messages: WITH_IMAGE }));
      const fallback = events.find((e): e is Extract<ChatEvent, { type: 'fallback' }> => e.type === 'fallback');
      assert.equal(fallback?.to, ALSO_SEEING);
      assert.deepEqual(fallback?.blind, [TEXT_ONLY]);
      assert.equal(events.at(-1)?.type, 'done');
      assert.deepEqual(chatModels(), [SEEING, ALSO_SEEING], 'the text-only model was never asked');
    });

    it('ends with the first model\'s own error, naming the models left out, when no fallback reads images', async () => {
      fake.script(SEEING, { kind: 'http-error', status: 503 });
      const last = (await collect(client().chat({ model: SEEING, fallbacks: [TEXT_ONLY], messages: WITH_IMAGE }))).at(-1);
      assert.ok(last?.type === 'error');
      assert.equal(last.error.status, 503);
      assert.deepEqual(last.blind, [TEXT_ONLY]);
      assert.deepEqual(chatModels(), [SEEING]);
    });

    it('still falls back to a text-only model when the chat sends no image', async () => {
      fake.script(SEEING, { kind: 'http-error', status: 503 });
      const events = await collect(client().chat({ model: SEEING, fallbacks: [TEXT_ONLY], messages: TEXT }));
      assert.equal(events.at(-1)?.type, 'done');
      assert.deepEqual(chatModels(), [SEEING, TEXT_ONLY]);
    });
  });
});
