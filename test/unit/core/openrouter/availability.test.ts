// OpenRouter's availability codes: what each one means for retries, fallbacks, the message and the way out. The
// engine tests at the end run them against the fake over real HTTP, with a manual clock.
import assert from 'node:assert/strict';
import { ManualClock } from '../../../../src/core/clock';
import {
  AVAILABILITY_CODES, availabilityFix, familySearch, readAvailability, suggestedModel, type AvailabilityCode,
} from '../../../../src/core/openrouter/availability';
import { OpenRouterClient, type ChatEvent } from '../../../../src/core/openrouter/chat';
import { errorFromHttp, errorFromStreamError } from '../../../../src/core/openrouter/errors';
import { FAKE_API_KEY, startFakeOpenRouter, type FakeOpenRouter } from '../../../fixtures/fake-openrouter';
import { collect } from './chat-events';

const MODEL = 'meta-llama/llama-3.3-70b-instruct:free';
const PAID = 'meta-llama/llama-3.3-70b-instruct';

const STATUS: Record<AvailabilityCode, number> = {
  model_not_found: 400, wrong_endpoint: 400, no_endpoints: 404, model_deprecated: 404, model_unavailable_upstream: 404,
  capacity_exhausted: 429, temporarily_unavailable: 503, region_restricted: 403, privacy_restricted: 404,
  constraint_filtered: 404, free_variant_ended: 404,
};

function unavailable(code: string, extra: Record<string, unknown> = {}, status = STATUS[code as AvailabilityCode] ?? 404, retryAfter: string | null = null) {
  const bodyText = JSON.stringify({ error: { code: status, message: 'Upstream words', availability: { code, requested_models: [MODEL], ...extra } } });
  return errorFromHttp({ status, bodyText, retryAfter, nowMs: 0 }, { model: MODEL });
}

describe('availability codes', () => {
  it('lets another model try after every code, and retries only capacity and brief outages', () => {
    for (const code of AVAILABILITY_CODES) {
      const error = unavailable(code);
      assert.equal(error.fallbackMayHelp, true, code);
      assert.equal(error.retryable, code === 'capacity_exhausted' || code === 'temporarily_unavailable', code);
      assert.equal(error.availability?.code, code);
    }
  });

  it('moves on from an unknown or retired model even though its status is a 400 that would stop the chain', () => {
    const plain = errorFromHttp({ status: 400, bodyText: JSON.stringify({ error: { code: 400, message: 'x is not a valid model ID' } }), retryAfter: null, nowMs: 0 });
    assert.equal(plain.fallbackMayHelp, false, 'without availability a 400 is the request\'s fault');
    assert.equal(unavailable('model_not_found').fallbackMayHelp, true);
  });

  it('follows OpenRouter\'s own retryable flag over the code, and retries a code it does not know', () => {
    assert.equal(unavailable('no_endpoints', { retryable: true }).retryable, true);
    assert.equal(unavailable('capacity_exhausted', { retryable: false }).retryable, false);
    assert.equal(unavailable('brand_new_code', {}, 503).retryable, true);
    assert.match(unavailable('brand_new_code', {}, 503).message, /cannot serve .* \(brand_new_code\)/);
  });

  it('waits retry_after from the body when no Retry-After header came, and the header when it did', () => {
    assert.equal(unavailable('capacity_exhausted', { retry_after: 40 }).retryAfterMs, 40_000);
    assert.equal(unavailable('capacity_exhausted', { retry_after: 40 }, 429, '3').retryAfterMs, 3000);
    assert.equal(unavailable('capacity_exhausted', { retry_after: 86_400 }).retryAfterMs, 3_600_000, 'capped like Retry-After');
    const streamed = errorFromStreamError({ code: 429, message: 'busy', availability: { code: 'capacity_exhausted', retry_after: 5 } }, '{}', { model: MODEL });
    assert.equal(streamed.retryAfterMs, 5000);
  });

  it('keeps the status-derived error when the availability object is malformed', () => {
    const bodyText = JSON.stringify({ error: { code: 404, message: 'gone', availability: { code: 7, retryable: 'yes' } } });
    const error = errorFromHttp({ status: 404, bodyText, retryAfter: null, nowMs: 0 }, { model: MODEL });
    assert.equal(error.availability, undefined);
    assert.equal(error.kind, 'no_provider');
  });

  it('maps every code to the action that fixes it', () => {
    const fixes = Object.fromEntries(AVAILABILITY_CODES.map((code) => [code, availabilityFix(code)]));
    assert.deepEqual(fixes, {
      model_not_found: 'pick_model', wrong_endpoint: 'pick_model', no_endpoints: 'pick_model', model_deprecated: 'use_model',
      model_unavailable_upstream: 'pick_model', capacity_exhausted: 'wait', temporarily_unavailable: 'retry',
      region_restricted: 'pick_model', privacy_restricted: 'privacy_settings', constraint_filtered: 'routing_settings',
      free_variant_ended: 'use_model',
    });
    for (const code of AVAILABILITY_CODES) assert.equal(unavailable(code).action, fixes[code], code);
  });

  it('writes a sentence of its own for each code, naming the model, never the upstream words', () => {
    const messages = AVAILABILITY_CODES.map((code) => unavailable(code).message);
    assert.equal(new Set(messages).size, messages.length, 'one sentence per code');
    for (const [index, message] of messages.entries()) {
      assert.ok(message.includes(MODEL), `${AVAILABILITY_CODES[index]}: ${message}`);
      assert.doesNotMatch(message, /Upstream words/);
    }
  });

  it('names the routing setting that filtered every provider, and the request\'s own data-policy setting', () => {
    assert.match(unavailable('constraint_filtered', { constraint: { field: 'provider.quantizations', detail: 'fp8 only' } }).message, /provider\.quantizations \(fp8 only\) filtered out every provider/);
    const bodyText = JSON.stringify({ error: { code: 404, message: 'x', availability: { code: 'privacy_restricted' } } });
    const privacy = (privacySetting?: 'zdr' | 'dataCollection') => errorFromHttp({ status: 404, bodyText, retryAfter: null, nowMs: 0 }, { model: MODEL, privacySetting });
    assert.match(privacy().message, /OpenRouter privacy settings/);
    assert.equal(privacy().privacySetting, undefined);
    assert.match(privacy('zdr').message, /openrouter\.provider\.zdr/);
    assert.equal(privacy('zdr').privacySetting, 'zdr');
    assert.match(privacy('dataCollection').message, /dataCollection "deny"/);
  });

  it('suggests the paid sibling of an ended free variant, else OpenRouter\'s first suggestion the catalogue knows', () => {
    const known = (ids: string[]) => (id: string) => ids.includes(id);
    const ended = readAvailability({ code: 'free_variant_ended', fallback_models: ['x/other'] });
    assert.equal(suggestedModel(ended, MODEL, known([PAID, 'x/other'])), PAID);
    assert.equal(suggestedModel(ended, MODEL, known(['x/other'])), 'x/other');
    assert.equal(suggestedModel(ended, MODEL, known([])), undefined, 'an id the catalogue does not know would fail again');
    const retired = readAvailability({ code: 'model_deprecated', fallback_models: ['a/old', 'a/new'] });
    assert.equal(suggestedModel(retired, 'a/old', known(['a/old', 'a/new'])), 'a/new', 'never the failed model itself');
  });

  it('searches a retired model\'s family', () => {
    assert.equal(familySearch('anthropic/claude-3.5-sonnet'), 'claude');
    assert.equal(familySearch('openai/gpt-4o:free'), 'gpt');
    assert.equal(familySearch('x/4o'), '4o');
  });
});

describe('availability codes against the fake', () => {
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
  const client = (): OpenRouterClient => new OpenRouterClient({
    fetch: (url, init) => fetch(url, init),
    getApiKey: async () => FAKE_API_KEY,
    baseUrl: fake.baseUrl,
    clock,
    timeouts: { firstByteMs: 0, idleMs: 0 },
    retry: { random: () => 0.5, baseDelayMs: 500, maxDelayMs: 8000, maxAttempts: 3, maxWaitMs: 60_000, retryAfterCapMs: 60_000 },
  });
  const ask = (model: string, fallbacks: string[] = []) => ({ model, fallbacks, messages: [{ role: 'user' as const, content: 'Hello' }] });
  const kinds = (events: ChatEvent[]) => events.filter((e) => e.type !== 'waiting' && e.type !== 'delta').map((e) => e.type);

  it('emits each code with its documented status, and the engine reads it back', async () => {
    for (const code of AVAILABILITY_CODES) {
      fake.script(MODEL, { kind: 'unavailable', code, retryable: false });
      const last = (await collect(client().chat(ask(MODEL)))).at(-1);
      assert.ok(last?.type === 'error', code);
      assert.equal(last.error.status, STATUS[code], code);
      assert.equal(last.error.availability?.code, code);
    }
  });

  it('falls back past an ended free variant without retrying it, and suggests the paid sibling', async () => {
    fake.script(MODEL, { kind: 'unavailable', code: 'free_variant_ended' });
    const events = await collect(client().chat(ask(MODEL, ['openai/gpt-4o-mini'])));
    assert.deepEqual(kinds(events), ['attempt', 'fallback', 'attempt', 'done']);
    const fallback = events.find((e) => e.type === 'fallback');
    assert.ok(fallback?.type === 'fallback');
    assert.deepEqual(fallback.reason.availability?.fallbackModels, [PAID]);
  });

  it('moves past a model id OpenRouter does not know', async () => {
    const events = await collect(client().chat(ask('nobody/no-such-model', ['openai/gpt-4o-mini'])));
    assert.deepEqual(kinds(events), ['attempt', 'fallback', 'attempt', 'done']);
  });

  it('waits the body\'s retry_after at capacity, then answers', async () => {
    fake.script(PAID, { kind: 'unavailable', code: 'capacity_exhausted', retryAfter: 7 }, { kind: 'answer' });
    const events = await collect(client().chat(ask(PAID)));
    assert.deepEqual(clock.requested, [7000]);
    assert.equal(events.at(-1)?.type, 'done');
  });
});
