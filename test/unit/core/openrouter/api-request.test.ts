// The request helper every call to OpenRouter goes through, driven by fake fetches and a manual clock: nothing
// here opens a socket or waits in real time.
import assert from 'node:assert/strict';
import { ManualClock } from '../../../../src/core/clock';
import { ApiRequest, requestJson, type ApiRequestOptions, type FetchLike } from '../../../../src/core/openrouter/api-request';

interface Sent {
  url: string;
  init: RequestInit;
}

/** A fetch that records what it was asked and answers `body` with `status`. */
function answering(body: string, status = 200, headers: Record<string, string> = {}): { fetch: FetchLike; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (url, init) => {
    sent.push({ url, init });
    return new Response(body, { status, headers: { 'Content-Type': 'application/json', ...headers } });
  };
  return { fetch, sent };
}

/** A fetch that never answers; it rejects, as fetch does, when its signal aborts. */
function silent(): { fetch: FetchLike; signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  const fetch: FetchLike = (_url, init) =>
    new Promise((_resolve, reject) => {
      if (init.signal) signals.push(init.signal);
      init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
    });
  return { fetch, signals };
}

/** A 200 whose body sends nothing and never ends. */
function stalledBody(): FetchLike {
  return async () => new Response(new ReadableStream<Uint8Array>({ pull: () => new Promise<void>(() => undefined) }), { status: 200 });
}

describe('request helper', () => {
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock();
  });

  const options = (fetch: FetchLike, extra: Partial<ApiRequestOptions> = {}): ApiRequestOptions => ({
    fetch,
    clock,
    baseUrl: 'https://openrouter.test/api/v1/',
    path: '/key',
    timeouts: { totalMs: 0 },
    ...extra,
  });

  it('builds the URL and the headers: the key as a bearer token, the app named for attribution', async () => {
    const { fetch, sent } = answering('{"data":{}}');
    const app = { referer: 'https://example.test/app', title: 'Example' };
    const result = await requestJson(options(fetch, { key: 'sk-or-v1-test', app }));
    assert.ok(result.ok);
    assert.equal(sent[0]?.url, 'https://openrouter.test/api/v1/key');
    assert.equal(sent[0]?.init.method, 'GET');
    assert.deepEqual(sent[0]?.init.headers, {
      Accept: 'application/json',
      Authorization: 'Bearer sk-or-v1-test',
      'HTTP-Referer': 'https://example.test/app',
      'X-OpenRouter-Title': 'Example',
      'X-Title': 'Example',
    });
  });

  it('sends a body as a JSON POST, without a key when none is given', async () => {
    const { fetch, sent } = answering('{"key":"k"}');
    const result = await requestJson(options(fetch, { path: 'auth/keys', body: '{"code":"c"}' }));
    assert.ok(result.ok);
    assert.deepEqual(result.body, { key: 'k' });
    assert.equal(sent[0]?.init.method, 'POST');
    assert.equal(sent[0]?.init.body, '{"code":"c"}');
    assert.deepEqual(sent[0]?.init.headers, { Accept: 'application/json', 'Content-Type': 'application/json' });
  });

  it('turns a request that never answers into a typed timeout on the injected clock, and aborts the fetch', async () => {
    const { fetch, signals } = silent();
    const timer = clock.nextSleep();
    const pending = requestJson(options(fetch, { timeouts: { totalMs: 5_000 } }));
    assert.equal(await timer, 5_000);
    clock.advance(4_999);
    clock.advance(1);
    const result = await pending;
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'timeout');
    assert.equal(result.error.message, 'OpenRouter did not answer /key within 5 s.');
    assert.equal(result.error.retryable, true);
    assert.equal(result.status, undefined);
    assert.equal(signals[0]?.aborted, true);
  });

  it('names a stream that does not start a first-byte timeout, and one that goes silent an idle timeout', async () => {
    const notStarting = silent();
    const firstByteTimer = clock.nextSleep();
    const opening = new ApiRequest(options(notStarting.fetch, { timeouts: { firstByteMs: 5_000, idleMs: 0 }, context: { model: 'a/model' } }));
    const unanswered = opening.send();
    assert.equal(await firstByteTimer, 5_000);
    clock.advance(5_000);
    const firstByte = await unanswered;
    opening.finish(false);
    assert.ok(!firstByte.ok);
    assert.equal(firstByte.error.subtype, 'first_byte');
    assert.equal(firstByte.error.model, 'a/model');

    const idleTimer = clock.nextSleep();
    const stalled = new ApiRequest(options(stalledBody(), { timeouts: { firstByteMs: 0, idleMs: 3_000 } }));
    const sent = await stalled.send();
    assert.ok(sent.ok);
    const reading = stalled.readText(sent.response);
    assert.equal(await idleTimer, 3_000, 'the idle timer starts with the headers');
    clock.advance(3_000);
    const read = await reading;
    stalled.finish(false);
    assert.ok(!read.ok);
    assert.equal(read.error.kind, 'timeout');
    assert.equal(read.error.subtype, 'idle');
    assert.equal(stalled.abortedBy, 'idle');
  });

  it("turns the caller's abort into cancelled, before or during the request", async () => {
    const { fetch, signals } = silent();
    const controller = new AbortController();
    const pending = requestJson(options(fetch, { signal: controller.signal, timeouts: { totalMs: 5_000 } }));
    controller.abort();
    const result = await pending;
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'cancelled');
    assert.equal(signals[0]?.aborted, true);

    const never = answering('{}');
    const already = await requestJson(options(never.fetch, { signal: AbortSignal.abort() }));
    assert.ok(!already.ok);
    assert.equal(already.error.kind, 'cancelled');
    assert.equal(never.sent.length, 0, 'nothing is sent for a request cancelled before it started');
  });

  it('turns a failed connection into network, and a body cut off into network/truncated', async () => {
    const refused: FetchLike = async () => {
      throw new TypeError('fetch failed');
    };
    const unreachable = await requestJson(options(refused));
    assert.ok(!unreachable.ok);
    assert.equal(unreachable.error.kind, 'network');
    assert.equal(unreachable.error.subtype, undefined);
    assert.equal(unreachable.error.status, undefined);
    assert.match(unreachable.error.providerMessage ?? '', /fetch failed/);

    const cut: FetchLike = async () =>
      new Response(new ReadableStream<Uint8Array>({ pull: (stream) => stream.error(new TypeError('terminated')) }), { status: 200 });
    const truncated = await requestJson(options(cut));
    assert.ok(!truncated.ok);
    assert.equal(truncated.error.kind, 'network');
    assert.equal(truncated.error.subtype, 'truncated');
  });

  it('classifies a non-2xx answer by its status and body', async () => {
    const cases: [number, string, Record<string, string>, { kind: string; subtype?: string; retryAfterMs?: number }][] = [
      [401, '{"error":{"code":401,"message":"No auth credentials found"}}', {}, { kind: 'auth' }],
      [402, '{"error":{"code":402,"message":"limit","metadata":{"limit_source":"openrouter_key_limit"}}}', {}, { kind: 'credits', subtype: 'key_limit' }],
      [429, '{"error":{"code":429,"message":"slow down"}}', { 'Retry-After': '7' }, { kind: 'rate_limited', retryAfterMs: 7_000 }],
      [500, 'Internal Server Error', {}, { kind: 'provider_error' }],
      [503, '{"error":{"code":503,"message":"No instances available"}}', {}, { kind: 'unavailable' }],
    ];
    for (const [status, body, headers, expected] of cases) {
      const result = await requestJson(options(answering(body, status, headers).fetch));
      assert.ok(!result.ok, String(status));
      assert.equal(result.status, status);
      assert.equal(result.error.status, status);
      assert.equal(result.error.kind, expected.kind, String(status));
      if (expected.subtype) assert.equal(result.error.subtype, expected.subtype, String(status));
      if (expected.retryAfterMs !== undefined) assert.equal(result.error.retryAfterMs, expected.retryAfterMs);
    }
  });

  it('reports a 200 that is not JSON as invalid_response, naming the endpoint', async () => {
    const result = await requestJson(options(answering('<html>maintenance</html>').fetch, { path: 'models' }));
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'invalid_response');
    assert.equal(result.status, 200);
    assert.match(result.error.providerMessage ?? '', /^models: not JSON/);
    assert.match(result.error.rawExcerpt ?? '', /maintenance/);
  });

  it('closes the socket when finished early, and lets go of the timer and the signal when done', async () => {
    const held = answering('{"a":1}');
    let signal: AbortSignal | undefined;
    const recording: FetchLike = (url, init) => {
      signal = init.signal ?? undefined;
      return held.fetch(url, init);
    };
    const caller = new AbortController();
    const request = new ApiRequest(options(recording, { signal: caller.signal, timeouts: { totalMs: 5_000 } }));
    const sent = await request.send();
    assert.ok(sent.ok);
    request.finish(true);
    caller.abort();
    assert.equal(signal?.aborted, false, 'a finished request ignores a later abort');
    assert.equal(request.abortedBy, undefined);

    const early = new ApiRequest(options(recording));
    assert.ok((await early.send()).ok);
    early.finish(false);
    assert.equal(signal?.aborted, true, 'a request finished before its body was read closes the socket');
  });
});
