import assert from 'node:assert/strict';
import { ManualClock } from '../../../../src/core/clock';
import type { FetchLike } from '../../../../src/core/openrouter/api-request';
import {
  fetchKeyInfo,
  FREE_TIER_DAILY_FREE_REQUESTS,
  KEY_INFO_MIN_INTERVAL_MS,
  KeyInfoMonitor,
  KeyResponseSchema,
  normaliseKeyInfo,
  PAID_DAILY_FREE_REQUESTS,
} from '../../../../src/core/openrouter/key-info';
import { FAKE_API_KEY, FAKE_INVALID_API_KEY, type FakeOpenRouter, startFakeOpenRouter } from '../../../fixtures/fake-openrouter';

/** One non-streamed chat completion through the fake; returns its `usage.cost`. */
async function chat(fake: FakeOpenRouter, key: string, model: string): Promise<number> {
  const response = await fetch(`${fake.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model, stream: false, messages: [{ role: 'user', content: 'How much does this cost?' }] }),
  });
  assert.equal(response.status, 200);
  const body = (await response.json()) as { usage: { cost: number } };
  return body.usage.cost;
}

describe('key info', () => {
  let fake: FakeOpenRouter;
  let clock: ManualClock;
  const realFetch: FetchLike = (url, init) => fetch(url, init);

  beforeEach(async () => {
    fake = await startFakeOpenRouter();
    clock = new ManualClock();
  });
  afterEach(async () => {
    await fake.close();
  });

  const keyRequests = () => fake.requests.filter((request) => request.path === '/api/v1/key');

  it('reads label, limits, usage windows, tier and free-model requests from GET /key', async () => {
    fake.setKeyInfo(FAKE_API_KEY, {
      label: 'work laptop', limit: 20, limit_reset: 'monthly', usage: 1.5, usage_daily: 0.25, usage_weekly: 0.75,
      usage_monthly: 1.25, is_free_tier: false, free_model_daily_requests: { used: 3, limit: 1000, remaining: 997 },
    });
    const result = await fetchKeyInfo(FAKE_API_KEY, { baseUrl: fake.baseUrl, fetch: realFetch, clock });
    assert.ok(result.ok);
    assert.equal(result.fetchedAt, clock.now());
    assert.deepEqual(result.info, {
      label: 'work laptop', limitUsd: 20, limitRemainingUsd: 18.5, limitReset: 'monthly', includeByokInLimit: false,
      usageUsd: 1.5, usageDailyUsd: 0.25, usageWeeklyUsd: 0.75, usageMonthlyUsd: 1.25, byokUsageUsd: 0, byokUsageDailyUsd: 0, byokUsageWeeklyUsd: 0, byokUsageMonthlyUsd: 0,
      isFreeTier: false, freeModelRequests: { limit: 1000, used: 3, remaining: 997, derived: false },
    });
    assert.equal(keyRequests()[0]?.headers.authorization, `Bearer ${FAKE_API_KEY}`);
  });

  it('reports no limit as null rather than zero', async () => {
    const result = await fetchKeyInfo(FAKE_API_KEY, { baseUrl: fake.baseUrl, fetch: realFetch, clock });
    assert.ok(result.ok);
    assert.equal(result.info.limitUsd, null);
    assert.equal(result.info.limitRemainingUsd, null);
  });

  it('derives the daily free-model allowance from the documented rule when /key omits it', () => {
    const data = (fields: Record<string, unknown>) => KeyResponseSchema.parse({ data: { label: 'k', usage: 0, ...fields } }).data;
    const freeTier = normaliseKeyInfo(data({ is_free_tier: true }));
    assert.deepEqual(freeTier.freeModelRequests, { limit: FREE_TIER_DAILY_FREE_REQUESTS, used: undefined, remaining: undefined, derived: true });
    const paid = normaliseKeyInfo(data({ is_free_tier: false }));
    assert.deepEqual(paid.freeModelRequests, { limit: PAID_DAILY_FREE_REQUESTS, used: undefined, remaining: undefined, derived: true });
    const malformed = normaliseKeyInfo(data({ is_free_tier: true, free_model_daily_requests: 'lots' }));
    assert.equal(malformed.freeModelRequests.derived, true);
    const partial = normaliseKeyInfo(data({ free_model_daily_requests: { limit: 50, used: 12 } }));
    assert.deepEqual(partial.freeModelRequests, { limit: 50, used: 12, remaining: 38, derived: false });
  });

  it('fails with auth for a rejected key and invalid_response for a body that does not fit', async () => {
    const rejected = await fetchKeyInfo(FAKE_INVALID_API_KEY, { baseUrl: fake.baseUrl, fetch: realFetch, clock });
    assert.ok(!rejected.ok);
    assert.equal(rejected.error.kind, 'auth');
    const odd: FetchLike = async () => new Response('{"data": 7}', { status: 200 });
    const invalid = await fetchKeyInfo(FAKE_API_KEY, { baseUrl: fake.baseUrl, fetch: odd, clock });
    assert.ok(!invalid.ok);
    assert.equal(invalid.error.kind, 'invalid_response');
    assert.match(invalid.error.rawExcerpt ?? '', /"data": 7/);
    assert.equal(invalid.error.providerMessage, 'key: expected { data: {...} }');
  });

  describe('monitor', () => {
    let key: string | undefined;
    beforeEach(() => {
      key = FAKE_API_KEY;
    });
    const monitor = (fetchImpl: FetchLike = realFetch) =>
      new KeyInfoMonitor({ baseUrl: fake.baseUrl, fetch: fetchImpl, clock, getKey: async () => key });

    it('refreshes at most once per minute unless forced', async () => {
      const keyInfo = monitor();
      await keyInfo.refresh();
      await keyInfo.refresh();
      assert.equal(keyRequests().length, 1);
      clock.advance(KEY_INFO_MIN_INTERVAL_MS - 1);
      await keyInfo.refresh();
      assert.equal(keyRequests().length, 1);
      clock.advance(1);
      await keyInfo.refresh();
      assert.equal(keyRequests().length, 2);
      await keyInfo.refresh({ force: true });
      assert.equal(keyRequests().length, 3);
    });

    it('refreshes after each request and shows the spend the request added', async () => {
      const keyInfo = monitor();
      const before = await keyInfo.refresh();
      assert.equal(before.info?.usageUsd, 0);
      const cost = await chat(fake, FAKE_API_KEY, 'openai/gpt-4o-mini');
      assert.ok(cost > 0);
      const after = await keyInfo.afterRequest();
      assert.equal(keyRequests().length, 2, 'forced despite the throttle');
      assert.equal(after.info?.usageUsd, cost);
      assert.equal(after.info?.usageDailyUsd, cost);
    });

    it('counts free-model requests used today', async () => {
      const keyInfo = monitor();
      await chat(fake, FAKE_API_KEY, 'meta-llama/llama-3.3-70b-instruct:free');
      await chat(fake, FAKE_API_KEY, 'meta-llama/llama-3.3-70b-instruct:free');
      const state = await keyInfo.afterRequest();
      assert.equal(state.info?.freeModelRequests.used, 2);
      assert.equal(state.info?.freeModelRequests.remaining, (state.info?.freeModelRequests.limit ?? 0) - 2);
    });

    it('runs a forced refresh again when it arrives during one, because that one may predate the spend', async () => {
      let release: (() => void) | undefined;
      const held: FetchLike = async (url, init) => {
        if (release === undefined) await new Promise<void>((resolve) => (release = resolve));
        return fetch(url, init);
      };
      const keyInfo = monitor(held);
      const first = keyInfo.refresh();
      const shared = keyInfo.refresh();
      const forcedA = keyInfo.afterRequest();
      const forcedB = keyInfo.afterRequest();
      while (release === undefined) await new Promise((resolve) => setImmediate(resolve));
      release();
      await Promise.all([first, shared, forcedA, forcedB]);
      assert.equal(keyRequests().length, 2, 'one running refresh plus one coalesced follow-up');
    });

    it('refetches at once when the key changes, and drops the old key\'s numbers', async () => {
      fake.setKeyInfo(FAKE_API_KEY, { usage: 5 });
      const keyInfo = monitor();
      assert.equal((await keyInfo.refresh()).info?.usageUsd, 5);
      key = 'sk-or-v1-second-key';
      const state = await keyInfo.refresh();
      assert.equal(keyRequests().length, 2);
      assert.equal(state.info?.usageUsd, 0);
      key = FAKE_INVALID_API_KEY;
      const rejected = await keyInfo.refresh();
      assert.equal(rejected.info, undefined, 'a rejected key shows no numbers of the previous key');
      assert.equal(rejected.error?.kind, 'auth');
    });

    it('reports a missing key without a request', async () => {
      key = undefined;
      const state = await monitor().refresh();
      assert.equal(state.error?.kind, 'auth');
      assert.equal(state.error?.subtype, 'missing_key');
      assert.equal(keyRequests().length, 0);
    });

    it('keeps the last info when a refresh fails, with the error beside it', async () => {
      let offline = false;
      const keyInfo = monitor((url, init) => (offline ? Promise.reject(new TypeError('fetch failed')) : fetch(url, init)));
      fake.setKeyInfo(FAKE_API_KEY, { usage: 2 });
      await keyInfo.refresh();
      offline = true;
      const state = await keyInfo.afterRequest();
      assert.equal(state.info?.usageUsd, 2);
      assert.equal(state.error?.kind, 'network');
      assert.equal(keyInfo.latest, state);
      offline = false;
      assert.equal((await keyInfo.afterRequest()).error, undefined);
    });
  });
});
