import * as assert from 'node:assert/strict';
import { FAKE_API_KEY, pkceChallenge, startFakeOpenRouter, type KeyInfo, type RecordedRequest } from '../../fixtures/fake-openrouter/index';
import { authHeaders, getJson, postChat, useFakeOpenRouter } from './helpers';

describe('fake OpenRouter: recording, CORS and the control API', () => {
  const holder = useFakeOpenRouter();

  function control(path: string, body?: unknown): Promise<Response> {
    return fetch(`${holder.fake.origin}/__fake/${path}`, {
      method: body === undefined && path === 'requests' ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  }

  it('listens on 127.0.0.1 with a free port and exposes origin and baseUrl', () => {
    const { fake } = holder;
    assert.match(fake.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(fake.origin, 'http://127.0.0.1:0');
    assert.equal(fake.baseUrl, `${fake.origin}/api/v1`);
  });

  it('records each request in order: method, path, query, lower-cased headers, parsed body, served model', async () => {
    const { fake } = holder;
    await (await postChat(fake, { model: 'openai/gpt-4o-mini' }, { headers: { ...authHeaders(), 'X-Title': 'OpenRouter Chat', 'HTTP-Referer': 'https://example.test' } })).json();
    await (await getJson(fake, '/api/v1/generation?id=gen-1')).json();
    assert.equal(fake.requests.length, 2);
    const [chat, generation] = fake.requests as [RecordedRequest, RecordedRequest];
    assert.ok(chat.id < generation.id);
    assert.equal(chat.method, 'POST');
    assert.equal(chat.path, '/api/v1/chat/completions');
    assert.equal(chat.headers['x-title'], 'OpenRouter Chat');
    assert.equal(chat.headers.authorization, `Bearer ${FAKE_API_KEY}`);
    assert.deepEqual((chat.body as { model: string }).model, 'openai/gpt-4o-mini');
    assert.equal(chat.servedModel, 'openai/gpt-4o-mini');
    assert.match(chat.generationId ?? '', /^gen-/);
    assert.ok((chat.finishedAt ?? 0) >= chat.startedAt);
    assert.equal(generation.path, '/api/v1/generation');
    assert.deepEqual(generation.query, { id: 'gen-1' });
    assert.equal(generation.body, undefined);
  });

  it('waitForRequest resolves for a request that arrives later, and times out otherwise', async () => {
    const { fake } = holder;
    const waiting = fake.waitForRequest((request) => request.path === '/api/v1/key');
    await (await getJson(fake, '/api/v1/key')).json();
    const record = await waiting;
    assert.equal(record.method, 'GET');
    await assert.rejects(fake.waitForRequest((request) => request.path === '/never', 20), /timed out after 20 ms/);
  });

  it('answers CORS preflights with 204 and the headers browsers need, without recording them', async () => {
    const { fake } = holder;
    const preflight = await fetch(`${fake.baseUrl}/chat/completions`, {
      method: 'OPTIONS',
      headers: { Origin: 'vscode-file://vscode-app', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,x-title' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.equal(preflight.headers.get('access-control-allow-private-network'), 'true');
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'content-type', 'http-referer', 'x-title', 'x-openrouter-title', 'x-session-id']) assert.ok(allowed.includes(header), header);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.equal(fake.requests.length, 0);

    const models = await getJson(fake, '/api/v1/models', null);
    assert.equal(models.headers.get('access-control-allow-origin'), '*');
    assert.match(models.headers.get('access-control-expose-headers') ?? '', /X-Generation-Id/);
  });

  it('POST /__fake/script queues scenarios like script(); control requests are not recorded', async () => {
    const { fake } = holder;
    const scripted = await control('script', { model: 'openai/gpt-4o', scenarios: [{ kind: 'http-error', status: 429 }, { kind: 'answer', text: 'after' }] });
    assert.equal(scripted.status, 200);
    assert.equal(scripted.headers.get('access-control-allow-origin'), '*');
    assert.equal((await postChat(fake, { model: 'openai/gpt-4o' })).status, 429);
    const second = (await (await postChat(fake, { model: 'openai/gpt-4o' })).json()) as { choices: Array<{ message: { content: string } }> };
    assert.equal(second.choices[0]?.message.content, 'after');
    const third = (await (await postChat(fake, { model: 'openai/gpt-4o' })).json()) as { choices: Array<{ message: { content: string } }> };
    assert.equal(third.choices[0]?.message.content, 'after', 'the last scenario stays in force');

    const listed = (await (await control('requests')).json()) as RecordedRequest[];
    assert.equal(listed.length, 3);
    assert.ok(listed.every((request) => !request.path.startsWith('/__fake/')));
    assert.equal(fake.requests.length, 3);
  });

  it('rejects malformed control bodies and unknown control routes', async () => {
    assert.equal((await control('script', { model: 'x', scenarios: [{ kind: 'dance' }] })).status, 400);
    assert.equal((await control('script', { scenarios: [] })).status, 400);
    assert.equal((await control('key-info', { key: FAKE_API_KEY })).status, 400);
    assert.equal((await control('auth-code', { code: 'c' })).status, 400);
    assert.equal((await control('nothing', {})).status, 404);
  });

  it('POST /__fake/key-info, /__fake/auth-code and /__fake/generation-lag reach the same state as the methods', async () => {
    const { fake } = holder;
    assert.equal((await control('key-info', { key: FAKE_API_KEY, info: { limit: 5, label: 'from control' } })).status, 200);
    const info = ((await (await getJson(fake, '/api/v1/key')).json()) as { data: KeyInfo }).data;
    assert.equal(info.label, 'from control');
    assert.equal(info.limit_remaining, 5);

    assert.equal((await control('auth-code', { code: 'ctl-code', codeChallenge: pkceChallenge('v'.repeat(43)), key: 'sk-or-v1-ctl' })).status, 200);
    const exchanged = await fetch(`${fake.baseUrl}/auth/keys`, { method: 'POST', body: JSON.stringify({ code: 'ctl-code', code_verifier: 'v'.repeat(43) }) });
    assert.equal(((await exchanged.json()) as { key: string }).key, 'sk-or-v1-ctl');

    assert.equal((await control('generation-lag', { polls: 1 })).status, 200);
    const response = await postChat(fake, { model: 'openai/gpt-4o-mini' });
    const id = response.headers.get('x-generation-id') ?? '';
    await response.json();
    assert.equal((await getJson(fake, `/api/v1/generation?id=${id}`)).status, 404);
    assert.equal((await getJson(fake, `/api/v1/generation?id=${id}`)).status, 200);
  });

  it('reset (method and POST /__fake/reset) clears scripts, requests, key overrides and spend', async () => {
    const { fake } = holder;
    fake.script('openai/gpt-4o', { kind: 'http-error', status: 502 });
    fake.setKeyInfo(FAKE_API_KEY, { label: 'before reset' });
    await (await postChat(fake, { model: 'openai/gpt-4o-mini' })).json();
    fake.reset();
    assert.equal(fake.requests.length, 0);
    assert.equal((await postChat(fake, { model: 'openai/gpt-4o' })).status, 200);
    const info = ((await (await getJson(fake, '/api/v1/key')).json()) as { data: KeyInfo }).data;
    assert.notEqual(info.label, 'before reset');

    fake.script('openai/gpt-4o', { kind: 'http-error', status: 502 });
    assert.equal((await control('reset', {})).status, 200);
    assert.equal(fake.requests.length, 0);
    assert.equal((await postChat(fake, { model: 'openai/gpt-4o' })).status, 200);
  });

  it('scripting again after the queue ran down replaces the scenario in force', async () => {
    const { fake } = holder;
    fake.script('openai/gpt-4o', { kind: 'http-error', status: 502 });
    assert.equal((await postChat(fake, { model: 'openai/gpt-4o' })).status, 502);
    fake.script('openai/gpt-4o', { kind: 'http-error', status: 503 });
    assert.equal((await postChat(fake, { model: 'openai/gpt-4o' })).status, 503);
  });

  it('starts on a chosen port and rejects waits when closed', async () => {
    const probe = await startFakeOpenRouter();
    const port = Number(new URL(probe.origin).port);
    await probe.close();
    const fixed = await startFakeOpenRouter({ port });
    try {
      assert.equal(fixed.origin, `http://127.0.0.1:${port}`);
      const pending = fixed.waitForRequest(() => false, 5000);
      await fixed.close();
      await assert.rejects(pending, /closed/);
    } finally {
      await fixed.close();
    }
  });
});
