import * as assert from 'node:assert/strict';
import {
  FAKE_API_KEY,
  FAKE_MODELS,
  USER_EXCLUDED_MODEL_IDS,
  countPromptTokens,
  expectedCost,
  type GenerationRecord,
  type KeyInfo,
  type ModelListing,
} from '../../fixtures/fake-openrouter/index';
import { USER_MESSAGES, authHeaders, getJson, postChat, useFakeOpenRouter } from './helpers';

async function keyInfo(response: Response): Promise<KeyInfo> {
  assert.equal(response.status, 200);
  return ((await response.json()) as { data: KeyInfo }).data;
}

describe('fake OpenRouter: models, key and generation endpoints', () => {
  const holder = useFakeOpenRouter();

  it('GET /models is public and lists the catalogue with OpenRouter fields and string prices', async () => {
    const response = await getJson(holder.fake, '/api/v1/models', null);
    assert.equal(response.status, 200);
    const { data } = (await response.json()) as { data: ModelListing[] };
    assert.equal(data.length, FAKE_MODELS.length);
    assert.ok(data.length >= 10);
    const mini = data.find((model) => model.id === 'openai/gpt-4o-mini');
    assert.ok(mini);
    for (const field of ['id', 'canonical_slug', 'name', 'created', 'description', 'context_length', 'architecture', 'top_provider', 'per_request_limits', 'supported_parameters', 'default_parameters', 'pricing']) {
      assert.ok(field in mini, `field ${field}`);
    }
    assert.equal(mini.context_length, 128_000);
    assert.equal(mini.pricing.prompt, '0.00000015');
    assert.equal(mini.pricing.completion, '0.0000006');
    assert.deepEqual(Object.keys(mini.architecture).sort(), ['input_modalities', 'instruct_type', 'modality', 'output_modalities', 'tokenizer']);
    assert.equal(typeof mini.top_provider.is_moderated, 'boolean');

    const sonnet = data.find((model) => model.id === 'anthropic/claude-sonnet-4');
    assert.equal(sonnet?.pricing.input_cache_read, '0.0000003');
    assert.equal(sonnet?.pricing.input_cache_write, '0.00000375');
    assert.ok(sonnet?.reasoning);
    assert.equal(data.find((model) => model.id === 'meta-llama/llama-3.3-70b-instruct:free')?.pricing.prompt, '0');
    assert.equal(data.find((model) => model.id === 'google/gemini-2.5-flash')?.context_length, 1_048_576);
    assert.ok(data.find((model) => model.id === 'openai/gpt-4o')?.architecture.input_modalities.includes('image'));
    assert.ok(data.some((model) => model.context_length <= 8192), 'one model has a small window');
  });

  it('GET /models/user needs a key and leaves out the guardrail-excluded models', async () => {
    const { fake } = holder;
    assert.equal((await getJson(fake, '/api/v1/models/user', null)).status, 401);
    const response = await getJson(fake, '/api/v1/models/user');
    const ids = ((await response.json()) as { data: ModelListing[] }).data.map((model) => model.id);
    assert.equal(ids.length, FAKE_MODELS.length - USER_EXCLUDED_MODEL_IDS.length);
    for (const excluded of USER_EXCLUDED_MODEL_IDS) assert.equal(ids.includes(excluded), false);
    assert.ok(ids.includes('openai/gpt-4o-mini'));
  });

  it('GET /key (and /auth/key) reports defaults, then tracks the spend of served requests', async () => {
    const { fake } = holder;
    const before = await keyInfo(await getJson(fake, '/api/v1/key'));
    assert.equal(before.usage, 0);
    assert.equal(before.limit, null);
    assert.equal(before.limit_remaining, null);
    assert.equal(before.is_free_tier, false);
    assert.match(before.label, /^sk-or-v1-/);
    assert.notEqual(before.label, FAKE_API_KEY, 'the label masks the key');

    fake.script('openai/gpt-4o', { kind: 'answer', text: 'a b c' });
    await (await postChat(fake, { model: 'openai/gpt-4o' })).json();
    const cost = expectedCost('openai/gpt-4o', { promptTokens: countPromptTokens(USER_MESSAGES), completionTokens: 3 });
    const after = await keyInfo(await getJson(fake, '/api/v1/auth/key'));
    assert.equal(after.usage, cost);
    assert.equal(after.usage_daily, cost);
    assert.equal(after.usage_weekly, cost);
    assert.equal(after.usage_monthly, cost);
  });

  it('applies setKeyInfo overrides underneath tracked spend, including limits, BYOK and free-model requests', async () => {
    const { fake } = holder;
    fake.setKeyInfo(FAKE_API_KEY, { label: 'CI key', limit: 10, usage: 1, is_free_tier: true });
    fake.script('openai/gpt-4o', { kind: 'answer', text: 'a', usage: { cost: 0.25 } }, { kind: 'answer', text: 'a', usage: { isByok: true, upstreamInferenceCost: 2, cost: 0.1 } });
    await (await postChat(fake, { model: 'openai/gpt-4o' })).json();
    await (await postChat(fake, { model: 'openai/gpt-4o' })).json();
    await (await postChat(fake, { model: 'meta-llama/llama-3.3-70b-instruct:free' })).json();
    const info = await keyInfo(await getJson(fake, '/api/v1/key'));
    assert.equal(info.label, 'CI key');
    assert.equal(info.usage, 1.35);
    assert.equal(info.limit, 10);
    assert.equal(info.limit_remaining, 8.65);
    assert.equal(info.byok_usage, 2);
    assert.equal(info.is_free_tier, true);
    assert.deepEqual(info.free_model_daily_requests, { used: 1, limit: 50, remaining: 49 });

    // Spend is per key.
    const other = await keyInfo(await fetch(`${fake.baseUrl}/key`, { headers: authHeaders('sk-or-v1-another-key') }));
    assert.equal(other.usage, 0);
  });

  it('GET /generation answers 404 while lagging, then the record of the served generation', async () => {
    const { fake } = holder;
    fake.setGenerationLag(2);
    fake.script('anthropic/claude-sonnet-4', { kind: 'answer', text: 'x y', reasoning: 'r', provider: 'Anthropic', usage: { cachedTokens: 3 } });
    const response = await postChat(fake, { model: 'anthropic/claude-sonnet-4' });
    const id = response.headers.get('x-generation-id') ?? '';
    await response.json();
    for (let poll = 0; poll < 2; poll++) {
      const lagging = await getJson(fake, `/api/v1/generation?id=${id}`);
      assert.equal(lagging.status, 404);
      assert.deepEqual(await lagging.json(), { error: { code: 404, message: 'Generation not found' } });
    }
    const found = await getJson(fake, `/api/v1/generation?id=${id}`);
    assert.equal(found.status, 200);
    const { data } = (await found.json()) as { data: GenerationRecord };
    assert.equal(data.id, id);
    assert.equal(data.model, 'anthropic/claude-sonnet-4');
    assert.equal(data.provider_name, 'Anthropic');
    assert.equal(data.cancelled, false);
    assert.equal(data.streamed, false);
    assert.equal(data.finish_reason, 'stop');
    assert.equal(data.tokens_prompt, countPromptTokens(USER_MESSAGES));
    assert.equal(data.tokens_completion, 3);
    assert.equal(data.native_tokens_reasoning, 1);
    assert.equal(data.native_tokens_cached, 3);
    assert.equal(data.is_byok, false);
    assert.equal(data.total_cost, expectedCost('anthropic/claude-sonnet-4', { promptTokens: data.tokens_prompt, cachedTokens: 3, completionTokens: 3 }));
    assert.ok((data.cache_discount ?? 0) > 0, 'cache reads are discounted');
    assert.ok(data.latency >= 0 && data.generation_time >= 0);
    assert.match(data.created_at, /^\d{4}-\d\d-\d\dT/);
  });

  it('GET /generation: 404 for unknown ids, 400 without an id, 401 without a key', async () => {
    const { fake } = holder;
    const unknown = await getJson(fake, '/api/v1/generation?id=gen-0-nothing');
    assert.equal(unknown.status, 404);
    assert.equal((await getJson(fake, '/api/v1/generation')).status, 400);
    assert.equal((await getJson(fake, '/api/v1/generation?id=gen-0-nothing', null)).status, 401);
  });

  it('a mid-stream error is recorded as finish "error" and costs nothing', async () => {
    const { fake } = holder;
    fake.script('openai/gpt-4o', { kind: 'mid-stream-error', afterTokens: 2 });
    const response = await postChat(fake, { model: 'openai/gpt-4o', stream: true });
    const id = response.headers.get('x-generation-id') ?? '';
    await response.text();
    const { data } = (await (await getJson(fake, `/api/v1/generation?id=${id}`)).json()) as { data: GenerationRecord };
    assert.equal(data.finish_reason, 'error');
    assert.equal(data.tokens_completion, 2);
    assert.equal(data.total_cost, 0);
    assert.equal((await keyInfo(await getJson(fake, '/api/v1/key'))).usage, 0);
  });

  it('answers unknown paths with a 404 JSON error', async () => {
    const response = await getJson(holder.fake, '/api/v1/nothing-here');
    assert.equal(response.status, 404);
    const body = (await response.json()) as { error: { code: number } };
    assert.equal(body.error.code, 404);
  });
});
