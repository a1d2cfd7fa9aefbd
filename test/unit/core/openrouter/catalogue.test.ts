import assert from 'node:assert/strict';
import { ManualClock } from '../../../../src/core/clock';
import type { FetchLike } from '../../../../src/core/openrouter/api-request';
import {
  type CatalogueSnapshot,
  type CatalogueStore,
  DEFAULT_CATALOGUE_TTL_MS,
  ModelCatalogue,
} from '../../../../src/core/openrouter/catalogue';
import { FAKE_MODELS, USER_EXCLUDED_MODEL_IDS } from '../../../fixtures/fake-openrouter/catalogue';
import { type FakeOpenRouter, startFakeOpenRouter } from '../../../fixtures/fake-openrouter';

const KEY = 'sk-or-v1-catalogue-test';

class MemoryStore implements CatalogueStore {
  saved: CatalogueSnapshot[] = [];
  constructor(public content: unknown = undefined) {}
  async load(): Promise<unknown> {
    return this.content;
  }
  async save(snapshot: CatalogueSnapshot): Promise<void> {
    this.saved.push(snapshot);
    this.content = JSON.parse(JSON.stringify(snapshot)) as unknown;
  }
}

/** A fetch that answers a fixed body, for shapes the fake never serves. */
function answering(body: string, status = 200): FetchLike {
  return async () => new Response(body, { status, headers: { 'Content-Type': 'application/json' } });
}

describe('model catalogue', () => {
  let fake: FakeOpenRouter;
  let clock: ManualClock;
  let key: string | undefined;

  beforeEach(async () => {
    fake = await startFakeOpenRouter();
    clock = new ManualClock();
    key = undefined;
  });
  afterEach(async () => {
    await fake.close().catch(() => undefined);
  });

  function catalogue(extra: Partial<ConstructorParameters<typeof ModelCatalogue>[0]> = {}): ModelCatalogue {
    return new ModelCatalogue({ baseUrl: fake.baseUrl, fetch: (url, init) => fetch(url, init), clock, getKey: async () => key, ...extra });
  }
  const catalogueRequests = () => fake.requests.filter((request) => request.path.startsWith('/api/v1/models'));

  it('fetches the public /models list without a key and looks models up by id and variant', async () => {
    const models = catalogue();
    const view = await models.get();
    assert.equal(view.source, 'models');
    assert.equal(view.models.length, FAKE_MODELS.length);
    assert.equal(view.stale, false);
    assert.equal(view.ageMs, 0);
    assert.equal(view.error, undefined);
    const [request] = catalogueRequests();
    assert.equal(request?.path, '/api/v1/models');
    assert.equal(request?.headers.authorization, undefined);
    assert.equal(models.find('openai/gpt-4o:nitro')?.id, 'openai/gpt-4o');
    assert.equal(models.find('meta-llama/llama-3.3-70b-instruct:free')?.isFree, true);
    assert.equal(models.find('meta-llama/llama-3.3-70b-instruct:free:floor')?.id, 'meta-llama/llama-3.3-70b-instruct:free');
    assert.equal(models.find('meta-llama/llama-3.3-70b-instruct')?.isFree, false);
    assert.equal(models.find('nobody/nothing'), undefined);
  });

  it('treats a failing key store like an empty one', async () => {
    const view = await catalogue({ getKey: () => Promise.reject(new Error('secret storage unavailable')) }).get();
    assert.equal(view.source, 'models');
    assert.equal(view.models.length, FAKE_MODELS.length);
  });

  it('uses /models/user with the key, which leaves out models the key may not use', async () => {
    key = KEY;
    const view = await catalogue({ app: { referer: 'https://example.test/app', title: 'Catalogue Test' } }).get();
    assert.equal(view.source, 'models/user');
    assert.equal(view.models.length, FAKE_MODELS.length - USER_EXCLUDED_MODEL_IDS.length);
    for (const id of USER_EXCLUDED_MODEL_IDS) assert.ok(!view.models.some((model) => model.id === id), id);
    const [request] = catalogueRequests();
    assert.equal(request?.path, '/api/v1/models/user');
    assert.equal(request?.headers.authorization, `Bearer ${KEY}`);
    assert.equal(request?.headers['x-openrouter-title'], 'Catalogue Test');
    assert.equal(request?.headers['http-referer'], 'https://example.test/app');
  });

  it('falls back to /models when /models/user rejects the key, and reports the rejection', async () => {
    key = 'sk-or-v1-invalid-key';
    const view = await catalogue().get();
    assert.equal(view.source, 'models');
    assert.equal(view.models.length, FAKE_MODELS.length);
    assert.equal(view.userListError?.kind, 'auth');
    assert.equal(view.userListError?.status, 401);
    assert.equal(view.error, undefined);
    assert.deepEqual(catalogueRequests().map((request) => request.path), ['/api/v1/models/user', '/api/v1/models']);
    assert.equal(catalogueRequests()[1]?.headers.authorization, undefined, 'the rejected key is not sent to the public list');
  });

  it('serves the cached copy within the TTL and refetches after it or when forced', async () => {
    const models = catalogue();
    await models.get();
    clock.advance(DEFAULT_CATALOGUE_TTL_MS - 1);
    const cached = await models.get();
    assert.equal(catalogueRequests().length, 1);
    assert.equal(cached.ageMs, DEFAULT_CATALOGUE_TTL_MS - 1);
    assert.equal(cached.stale, false);
    clock.advance(1);
    const refreshed = await models.get();
    assert.equal(catalogueRequests().length, 2);
    assert.equal(refreshed.ageMs, 0);
    await models.get({ force: true });
    assert.equal(catalogueRequests().length, 3);
  });

  it('shares one request between concurrent callers', async () => {
    const models = catalogue();
    const views = await Promise.all([models.get(), models.get(), models.get()]);
    assert.equal(catalogueRequests().length, 1);
    for (const view of views) assert.equal(view.models.length, FAKE_MODELS.length);
  });

  it('refetches when the key changes, so one key never sees another key\'s list as fresh', async () => {
    const models = catalogue();
    assert.equal((await models.get()).source, 'models');
    key = KEY;
    const view = await models.get();
    assert.equal(view.source, 'models/user');
    assert.deepEqual(catalogueRequests().map((request) => request.path), ['/api/v1/models', '/api/v1/models/user']);
  });

  it('serves the last copy with its age when offline, and recovers when back online', async () => {
    let offline = false;
    const models = catalogue({
      fetch: (url, init) => (offline ? Promise.reject(new TypeError('fetch failed')) : fetch(url, init)),
    });
    await models.get();
    clock.advance(DEFAULT_CATALOGUE_TTL_MS + 5_000);
    offline = true;
    const view = await models.get();
    assert.equal(view.models.length, FAKE_MODELS.length);
    assert.equal(view.stale, true);
    assert.equal(view.ageMs, DEFAULT_CATALOGUE_TTL_MS + 5_000);
    assert.equal(view.error?.kind, 'network');
    offline = false;
    const recovered = await models.get();
    assert.equal(recovered.stale, false);
    assert.equal(recovered.error, undefined);
  });

  it('reports a network error with no models when it never had a copy (server down)', async () => {
    await fake.close();
    const view = await catalogue().get();
    assert.deepEqual(view.models, []);
    assert.equal(view.fetchedAt, undefined);
    assert.equal(view.stale, true);
    assert.equal(view.error?.kind, 'network');
  });

  it('persists each fetched copy and starts from a stored one without a request while it is fresh', async () => {
    const store = new MemoryStore();
    await catalogue({ store }).get();
    assert.equal(store.saved.length, 1);
    assert.equal(store.saved[0]?.models.length, FAKE_MODELS.length);
    const requestsBefore = catalogueRequests().length;

    clock.advance(60_000);
    const restarted = catalogue({ store });
    const view = await restarted.get();
    assert.equal(catalogueRequests().length, requestsBefore, 'a fresh stored copy needs no request');
    assert.equal(view.ageMs, 60_000);
    assert.equal(restarted.find('google/gemini-2.5-flash')?.supportsVision, true);
  });

  it('serves a stored copy when offline at start-up, and never stores or compares the key itself', async () => {
    key = KEY;
    const store = new MemoryStore();
    await catalogue({ store }).get();
    assert.ok(!JSON.stringify(store.content).includes(KEY), 'only a fingerprint of the key is persisted');
    await fake.close();
    clock.advance(DEFAULT_CATALOGUE_TTL_MS * 3);
    const view = await catalogue({ store }).get();
    assert.equal(view.source, 'models/user');
    assert.equal(view.models.length, FAKE_MODELS.length - USER_EXCLUDED_MODEL_IDS.length);
    assert.equal(view.stale, true);
    assert.equal(view.ageMs, DEFAULT_CATALOGUE_TTL_MS * 3);
    assert.equal(view.error?.kind, 'network');
  });

  it('ignores a corrupt or outdated stored copy and fetches instead', async () => {
    for (const content of [{ version: 99, models: [] }, 'garbage', { version: 1, models: [{ id: 1 }], fetchedAt: 0, source: 'models' }]) {
      const requestsBefore = catalogueRequests().length;
      const view = await catalogue({ store: new MemoryStore(content) }).get();
      assert.equal(view.models.length, FAKE_MODELS.length);
      assert.equal(catalogueRequests().length, requestsBefore + 1);
    }
    const failing: CatalogueStore = { load: () => Promise.reject(new Error('disk')), save: () => Promise.reject(new Error('disk')) };
    const view = await catalogue({ store: failing }).get();
    assert.equal(view.models.length, FAKE_MODELS.length, 'a broken store does not break the catalogue');
  });

  it('turns a body that does not fit into invalid_response with an excerpt, keeping the last copy', async () => {
    let body: string | undefined;
    const models = catalogue({ fetch: (url, init) => (body === undefined ? fetch(url, init) : answering(body)(url, init)) });
    await models.get();
    body = '{"data": "not a list"}';
    const view = await models.get({ force: true });
    assert.equal(view.error?.kind, 'invalid_response');
    assert.match(view.error?.rawExcerpt ?? '', /not a list/);
    assert.equal(view.models.length, FAKE_MODELS.length);
    body = '<html>Bad gateway</html>';
    const html = await models.get({ force: true });
    assert.equal(html.error?.kind, 'invalid_response');
    assert.match(html.error?.rawExcerpt ?? '', /Bad gateway/);
  });

  it('skips malformed entries and counts them', async () => {
    const body = JSON.stringify({ data: [FAKE_MODELS[0], { id: 42 }, { name: 'no id' }, FAKE_MODELS[1]] });
    const view = await catalogue({ fetch: answering(body) }).get();
    assert.equal(view.models.length, 2);
    assert.equal(view.skippedEntries, 2);
    assert.equal(view.error, undefined);
  });

  it('reports HTTP errors from /models with their kind', async () => {
    const view = await catalogue({ fetch: answering('{"error":{"code":503,"message":"down"}}', 503) }).get();
    assert.equal(view.error?.kind, 'unavailable');
    assert.equal(view.error?.status, 503);
  });

  it('times out a request that never answers, using the injected clock', async () => {
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const models = catalogue({ fetch: hanging, timeoutMs: 5_000 });
    const timerStarted = clock.nextSleep();
    const pending = models.get();
    assert.equal(await timerStarted, 5_000);
    clock.advance(5_000);
    const view = await pending;
    assert.equal(view.error?.kind, 'timeout');
  });
});
