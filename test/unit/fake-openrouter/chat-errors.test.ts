import * as assert from 'node:assert/strict';
import { FAKE_INVALID_API_KEY, type Scenario } from '../../fixtures/fake-openrouter/index';
import { authHeaders, postChat, useFakeOpenRouter } from './helpers';

interface ErrorResponseBody {
  error: { code: number; message: string; metadata?: Record<string, unknown> };
}

type HttpError = Extract<Scenario, { kind: 'http-error' }>;

const MODEL = 'openai/gpt-4o-mini';

describe('fake OpenRouter: authentication and HTTP errors', () => {
  const holder = useFakeOpenRouter();

  async function errorFor(scenario: Omit<HttpError, 'kind'>, body: Record<string, unknown> = {}): Promise<{ response: Response; body: ErrorResponseBody }> {
    holder.fake.script(MODEL, { kind: 'http-error', ...scenario });
    const response = await postChat(holder.fake, { model: MODEL, ...body });
    return { response, body: (await response.json()) as ErrorResponseBody };
  }

  it('rejects a missing, malformed or invalid key with 401 and OpenRouter messages', async () => {
    const { fake } = holder;
    const cases: Array<[Record<string, string>, string]> = [
      [{ 'Content-Type': 'application/json' }, 'No auth credentials found'],
      [authHeaders(FAKE_INVALID_API_KEY), 'User not found.'],
      [authHeaders('not-an-openrouter-key'), 'User not found.'],
    ];
    for (const [headers, message] of cases) {
      const response = await fetch(`${fake.baseUrl}/chat/completions`, { method: 'POST', headers, body: JSON.stringify({ model: MODEL, messages: [] }) });
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), { error: { code: 401, message } });
    }
    const keyResponse = await fetch(`${fake.baseUrl}/key`);
    assert.equal(keyResponse.status, 401);
  });

  it('rejects an unknown model with 400 "<model> is not a valid model ID" and model_not_found, but serves a scripted unknown model', async () => {
    const { fake } = holder;
    const unknown = await postChat(fake, { model: 'nobody/nothing' });
    assert.equal(unknown.status, 400);
    const body = (await unknown.json()) as { error: { code: number; message: string; availability: Record<string, unknown> } };
    assert.equal(body.error.message, 'nobody/nothing is not a valid model ID');
    assert.equal(body.error.code, 400);
    assert.deepEqual(
      [body.error.availability['code'], body.error.availability['retryable'], body.error.availability['requested_models']],
      ['model_not_found', false, ['nobody/nothing']],
    );

    fake.script('test/custom-model', { kind: 'answer', text: 'custom' });
    const custom = await postChat(fake, { model: 'test/custom-model' });
    assert.equal(custom.status, 200);
    assert.equal(((await custom.json()) as { model: string }).model, 'test/custom-model');
  });

  it('400: plain provider error, and the context_length_exceeded variant with the model window', async () => {
    const plain = await errorFor({ status: 400 });
    assert.equal(plain.response.status, 400);
    assert.equal(plain.body.error.code, 400);
    assert.equal(plain.body.error.metadata?.provider_name, 'FakeProvider');

    const context = await errorFor({ status: 400, variant: 'context_length_exceeded', providerName: 'OpenAI' }, { max_tokens: 1000 });
    assert.equal(context.response.status, 400);
    assert.match(context.body.error.message, /^This endpoint's maximum context length is 128000 tokens\. However, you requested about \d+ tokens/);
    const requested = Number(/about (\d+) tokens/.exec(context.body.error.message)?.[1]);
    assert.ok(requested > 128000, 'the reported request exceeds the window');
    assert.match(context.body.error.message, /1000 in the output/);
    assert.deepEqual(context.body.error.metadata, { error_type: 'context_length_exceeded', provider_name: 'OpenAI' });
  });

  it('401 scripted: "User not found."', async () => {
    const { response, body } = await errorFor({ status: 401 });
    assert.equal(response.status, 401);
    assert.deepEqual(body, { error: { code: 401, message: 'User not found.' } });
  });

  it('402: each limit_source with reason and remedy, Retry-After only for the in-flight budget', async () => {
    const credits = await errorFor({ status: 402 }, { max_tokens: 4096 });
    assert.equal(credits.response.status, 402);
    assert.match(credits.body.error.message, /requires more credits, or fewer max_tokens/);
    assert.equal(credits.body.error.metadata?.limit_source, 'openrouter_credits');
    assert.equal(typeof credits.body.error.metadata?.reason, 'string');
    assert.equal(typeof credits.body.error.metadata?.remedy_hint, 'string');
    assert.equal(credits.response.headers.get('retry-after'), null);

    const keyLimit = await errorFor({ status: 402, variant: 'openrouter_key_limit' });
    assert.equal(keyLimit.body.error.metadata?.limit_source, 'openrouter_key_limit');
    assert.equal(keyLimit.response.headers.get('retry-after'), null);

    const inFlight = await errorFor({ status: 402, variant: 'openrouter_in_flight_budget' });
    assert.equal(inFlight.body.error.metadata?.limit_source, 'openrouter_in_flight_budget');
    assert.equal(inFlight.response.headers.get('retry-after'), '1');
  });

  it('403 moderation: reasons, flagged input cut to 100 characters, provider and model slug', async () => {
    const longInput = `please ${'x'.repeat(300)}`;
    const { response, body } = await errorFor({ status: 403, providerName: 'OpenAI' }, { messages: [{ role: 'user', content: longInput }] });
    assert.equal(response.status, 403);
    const metadata = body.error.metadata ?? {};
    assert.deepEqual(metadata.reasons, ['harassment']);
    assert.equal(typeof metadata.flagged_input, 'string');
    assert.ok((metadata.flagged_input as string).length <= 100);
    assert.ok((metadata.flagged_input as string).startsWith('please x'));
    assert.equal(metadata.provider_name, 'OpenAI');
    assert.equal(metadata.model_slug, MODEL);
    assert.match(body.error.message, /requires moderation/);
  });

  it('404, 408 and 502 carry their OpenRouter messages and metadata', async () => {
    const notFound = await errorFor({ status: 404 });
    assert.equal(notFound.response.status, 404);
    assert.match(notFound.body.error.message, /No endpoints found matching your data policy/);

    const timeout = await errorFor({ status: 408 });
    assert.equal(timeout.response.status, 408);
    assert.equal(timeout.body.error.code, 408);

    const down = await errorFor({ status: 502, providerName: 'Together' });
    assert.equal(down.response.status, 502);
    assert.equal(down.body.error.metadata?.error_type, 'provider_unavailable');
    assert.equal(down.body.error.metadata?.provider_name, 'Together');
    assert.equal(typeof down.body.error.metadata?.raw, 'string');
  });

  it('429: rate_limit_exceeded metadata and Retry-After (default 1, scripted seconds, or none)', async () => {
    const byDefault = await errorFor({ status: 429 });
    assert.equal(byDefault.response.status, 429);
    assert.equal(byDefault.response.headers.get('retry-after'), '1');
    assert.equal(byDefault.body.error.metadata?.error_type, 'rate_limit_exceeded');
    assert.equal(byDefault.body.error.metadata?.provider_name, 'FakeProvider');
    assert.equal(typeof byDefault.body.error.metadata?.raw, 'string');

    const scripted = await errorFor({ status: 429, retryAfter: 7, message: 'slow down' });
    assert.equal(scripted.response.headers.get('retry-after'), '7');
    assert.equal(scripted.body.error.message, 'slow down');

    const none = await errorFor({ status: 429, omitRetryAfter: true });
    assert.equal(none.response.headers.get('retry-after'), null);
  });

  it('503: no provider meets the routing requirements, Retry-After only when scripted (an HTTP date verbatim)', async () => {
    const plain = await errorFor({ status: 503 });
    assert.equal(plain.response.status, 503);
    assert.match(plain.body.error.message, /routing requirements/);
    assert.equal(plain.response.headers.get('retry-after'), null);

    const date = 'Wed, 21 Oct 2015 07:28:00 GMT';
    const dated = await errorFor({ status: 503, retryAfter: date });
    assert.equal(dated.response.headers.get('retry-after'), date);
  });

  it('exposes Retry-After and X-Generation-Id to browsers via CORS headers on errors too', async () => {
    const { response } = await errorFor({ status: 429 });
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(response.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
  });

  it('rejects a prompt larger than the model window with context_length_exceeded, before consulting the script', async () => {
    const { fake } = holder;
    fake.script('mistralai/mistral-7b-instruct', { kind: 'answer', text: 'never sent' });
    const messages = [{ role: 'user', content: 'y'.repeat(8192 * 4 + 4) }];
    const response = await postChat(fake, { model: 'mistralai/mistral-7b-instruct', messages });
    assert.equal(response.status, 400);
    const body = (await response.json()) as ErrorResponseBody;
    assert.match(body.error.message, /maximum context length is 8192 tokens\. However, you requested about 8193 tokens \(8193 of text input, 0 in the output\)/);
    assert.equal(body.error.metadata?.error_type, 'context_length_exceeded');
  });
});

describe('fake OpenRouter: server-side fallback over models[]', () => {
  const holder = useFakeOpenRouter();

  it('skips a model whose next scenario is an HTTP error and serves the next one', async () => {
    const { fake } = holder;
    fake.script('openai/gpt-4o', { kind: 'http-error', status: 502 }, { kind: 'answer', text: 'recovered' });
    fake.script('anthropic/claude-3.5-haiku', { kind: 'answer', text: 'from haiku' });
    const response = await postChat(fake, { model: 'openai/gpt-4o', models: ['anthropic/claude-3.5-haiku'] });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { model: string; choices: Array<{ message: { content: string } }> };
    assert.equal(body.model, 'anthropic/claude-3.5-haiku');
    assert.equal(body.choices[0]?.message.content, 'from haiku');
    const record = await fake.waitForRequest((request) => request.path === '/api/v1/chat/completions');
    assert.equal(record.servedModel, 'anthropic/claude-3.5-haiku');
    assert.deepEqual(record.triedModels, ['openai/gpt-4o', 'anthropic/claude-3.5-haiku']);

    // The 502 was consumed: the next request is served by the first model.
    const second = (await (await postChat(fake, { model: 'openai/gpt-4o', models: ['anthropic/claude-3.5-haiku'] })).json()) as { model: string };
    assert.equal(second.model, 'openai/gpt-4o');
  });

  it('accepts models[] alone and falls back past an oversized context window', async () => {
    const { fake } = holder;
    const messages = [{ role: 'user', content: 'z'.repeat(40_000) }];
    const response = await postChat(fake, { models: ['mistralai/mistral-7b-instruct', 'google/gemini-2.5-flash'], messages });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { model: string }).model, 'google/gemini-2.5-flash');
  });

  it('returns the last error when every model fails, and the only error without models[]', async () => {
    const { fake } = holder;
    fake.script('openai/gpt-4o', { kind: 'http-error', status: 502 });
    fake.script('openai/gpt-4o-mini', { kind: 'http-error', status: 429, retryAfter: 3 });
    const all = await postChat(fake, { model: 'openai/gpt-4o', models: ['openai/gpt-4o-mini'] });
    assert.equal(all.status, 429);
    assert.equal(all.headers.get('retry-after'), '3');
    const record = fake.requests.at(-1);
    assert.equal(record?.servedModel, undefined);
    assert.deepEqual(record?.triedModels, ['openai/gpt-4o', 'openai/gpt-4o-mini']);

    const single = await postChat(fake, { model: 'openai/gpt-4o' });
    assert.equal(single.status, 502);
  });

  it('rejects the whole request when any listed model is unknown', async () => {
    const response = await postChat(holder.fake, { model: 'openai/gpt-4o', models: ['made/up'] });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as ErrorResponseBody).error.message, 'made/up is not a valid model ID');
  });
});

describe('fake OpenRouter: availability errors', () => {
  const holder = useFakeOpenRouter();

  it('answers each code with its documented status, and an ended free variant suggests its paid sibling', async () => {
    const { fake } = holder;
    const expected: Record<string, number> = {
      model_not_found: 400, wrong_endpoint: 400, region_restricted: 403, capacity_exhausted: 429, temporarily_unavailable: 503,
      no_endpoints: 404, model_deprecated: 404, model_unavailable_upstream: 404, privacy_restricted: 404, constraint_filtered: 404,
      free_variant_ended: 404,
    };
    for (const [code, status] of Object.entries(expected)) {
      fake.script('meta-llama/llama-3.3-70b-instruct:free', { kind: 'unavailable', code });
      const response = await postChat(fake, { model: 'meta-llama/llama-3.3-70b-instruct:free' });
      assert.equal(response.status, status, code);
      const { availability } = ((await response.json()) as { error: { availability: Record<string, unknown> } }).error;
      assert.equal(availability['code'], code);
      assert.equal(availability['retryable'], status === 429 || status === 503, code);
      if (code === 'free_variant_ended') assert.deepEqual(availability['fallback_models'], ['meta-llama/llama-3.3-70b-instruct']);
    }
  });
});
