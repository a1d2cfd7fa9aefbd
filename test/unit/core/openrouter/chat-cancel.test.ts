// Cancellation and timeouts against the fake over real HTTP. Timeouts run on a manual clock: the test moves time
// forward only once the client has started the timer it expects, so nothing waits in real time.
import assert from 'node:assert/strict';
import { ManualClock } from '../../../../src/core/clock';
import { OpenRouterClient, type ChatEvent, type OpenRouterClientOptions } from '../../../../src/core/openrouter/chat';
import type { ChatRequest } from '../../../../src/core/openrouter/http';
import { FAKE_API_KEY, defaultAnswerText, startFakeOpenRouter, type FakeOpenRouter } from '../../../fixtures/fake-openrouter';
import { collect } from './chat-events';

const MODEL = 'openai/gpt-4o-mini';
const NEXT = 'openai/gpt-4o';
const ask = (extra: Partial<ChatRequest> = {}): ChatRequest => ({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }], ...extra });
const LONG_TEXT = Array.from({ length: 400 }, (_, index) => `word${index}`).join(' ');

/** Pulls events until one matches; returns everything pulled. */
async function pullUntil(iterator: AsyncIterator<ChatEvent>, stop: (event: ChatEvent) => boolean): Promise<ChatEvent[]> {
  const pulled: ChatEvent[] = [];
  for (;;) {
    const next = await iterator.next();
    assert.equal(next.done, false, `stream ended before the expected event; got ${JSON.stringify(pulled.map((e) => e.type))}`);
    pulled.push(next.value as ChatEvent);
    if (stop(next.value as ChatEvent)) return pulled;
  }
}

describe('chat client: cancellation and timeouts against the fake', () => {
  let fake: FakeOpenRouter;
  let clock: ManualClock;
  before(async () => {
    fake = await startFakeOpenRouter();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.reset();
    clock = new ManualClock();
  });

  const client = (options: Partial<OpenRouterClientOptions> = {}): OpenRouterClient =>
    new OpenRouterClient({
      fetch: (url, init) => fetch(url, init),
      getApiKey: async () => FAKE_API_KEY,
      baseUrl: fake.baseUrl,
      clock,
      timeouts: { firstByteMs: 0, idleMs: 0 },
      ...options,
      retry: { random: () => 0.5, ...options.retry },
    });

  it('stops at once on abort mid-stream, closes the socket and reports usage so far as an estimate', async () => {
    fake.script(MODEL, { kind: 'answer', text: LONG_TEXT, tokensPerSecond: 200 });
    const controller = new AbortController();
    const iterator = client().chat(ask({ fallbacks: [NEXT] }), { signal: controller.signal })[Symbol.asyncIterator]();
    let deltas = 0;
    await pullUntil(iterator, (event) => event.type === 'delta' && ++deltas === 3);
    controller.abort();
    const next = await iterator.next();
    assert.equal(next.value?.type, 'error', 'no further delta after the abort');
    const error = next.value as Extract<ChatEvent, { type: 'error' }>;
    assert.equal(error.error.kind, 'cancelled');
    assert.equal(error.stoppedBecause, 'cancelled');
    assert.equal(error.partialText, 'word0 word1 word2 ');
    assert.deepEqual(error.usage, { completionTokens: Math.ceil('word0 word1 word2 '.length / 4), estimated: true });
    assert.equal(error.continueWith, undefined, 'a cancelled answer is not continued elsewhere');
    assert.equal((await iterator.next()).done, true);
    const request = fake.requests[0];
    assert.ok(request);
    await fake.waitForClientClose(request.id);
    assert.equal(request.clientClosedEarly, true);
  });

  it('closes the socket when the consumer stops iterating early', async () => {
    fake.script(MODEL, { kind: 'answer', text: LONG_TEXT, tokensPerSecond: 200 });
    for await (const event of client().chat(ask())) if (event.type === 'delta') break;
    const request = fake.requests[0];
    assert.ok(request);
    await fake.waitForClientClose(request.id);
  });

  it('reports cancellation before the first token, while waiting for the response', async () => {
    fake.script(MODEL, { kind: 'stall', keepAlives: 1 });
    const controller = new AbortController();
    const iterator = client().chat(ask(), { signal: controller.signal })[Symbol.asyncIterator]();
    await pullUntil(iterator, (event) => event.type === 'waiting');
    controller.abort();
    const error = (await iterator.next()).value as ChatEvent;
    assert.ok(error.type === 'error' && error.error.kind === 'cancelled' && error.partialText === '' && error.usage === undefined);
    await fake.waitForClientClose(fake.requests[0]!.id);
  });

  it('cancels during a retry back-off without sending another request', async () => {
    fake.script(MODEL, { kind: 'http-error', status: 502 });
    const controller = new AbortController();
    const iterator = client().chat(ask(), { signal: controller.signal })[Symbol.asyncIterator]();
    await pullUntil(iterator, (event) => event.type === 'retry');
    const sleeping = clock.nextSleep();
    const pending = iterator.next();
    assert.equal(await sleeping, 375);
    controller.abort();
    const error = (await pending).value as ChatEvent;
    assert.ok(error.type === 'error' && error.error.kind === 'cancelled');
    assert.equal(fake.requests.length, 1);
  });

  it('gives up on a silent server after firstByteMs and retries it as a cold start', async () => {
    fake.script(MODEL, { kind: 'answer', firstByteDelayMs: 60_000 }, { kind: 'answer' });
    const sleeping = clock.nextSleep();
    const run = collect(client({ timeouts: { firstByteMs: 5000, idleMs: 0 } }).chat(ask()));
    assert.equal(await sleeping, 5000, 'the first-byte timer started');
    await fake.waitForRequest(() => true); // time runs out only once the fake holds the request
    const backoff = clock.nextSleep();
    clock.advance(5000);
    assert.equal(await backoff, 375);
    clock.advance(375);
    const events = await run;
    const retry = events.find((event) => event.type === 'retry');
    assert.ok(retry?.type === 'retry' && retry.reason.kind === 'timeout' && retry.reason.subtype === 'first_byte');
    assert.equal(events.at(-1)?.type, 'done');
    const done = events.at(-1);
    assert.equal(done?.type === 'done' ? done.text : '', defaultAnswerText(MODEL));
    await fake.waitForClientClose(fake.requests[0]!.id);
  });

  it('waits 90 s for the first byte when built without timeouts, as the settings default says', async () => {
    const silent = (_url: string, init: RequestInit): Promise<Response> =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    const sleeping = clock.nextSleep();
    const bare = new OpenRouterClient({ fetch: silent, getApiKey: async () => FAKE_API_KEY, clock, retry: { maxAttempts: 1 } });
    const run = collect(bare.chat(ask()));
    assert.equal(await sleeping, 90_000);
    clock.advance(90_000);
    const error = (await run).at(-1);
    assert.ok(error?.type === 'error' && error.error.kind === 'timeout' && error.error.subtype === 'first_byte', JSON.stringify(error));
  });

  it('times out a stream that goes silent, with keep-alives moving the deadline', async () => {
    fake.script(MODEL, { kind: 'stall', keepAlives: 2, keepAliveIntervalMs: 5 });
    const iterator = client({ timeouts: { firstByteMs: 0, idleMs: 3000 }, retry: { maxAttempts: 1 } }).chat(ask())[Symbol.asyncIterator]();
    await pullUntil(iterator, (event) => event.type === 'waiting');
    assert.deepEqual(clock.pendingSleeps, [3000], 'the idle timer runs once the headers are in');
    clock.advance(2000);
    await pullUntil(iterator, (event) => event.type === 'waiting'); // the second keep-alive, read at +2000
    const rearmed = clock.nextSleep();
    clock.advance(1000);
    assert.equal(await rearmed, 2000, 'the keep-alive at +2000 pushed the deadline to +5000');
    clock.advance(2000);
    const error = (await iterator.next()).value as ChatEvent;
    assert.ok(error.type === 'error');
    assert.equal(error.error.kind, 'timeout');
    assert.equal(error.error.subtype, 'idle');
    assert.equal(error.stoppedBecause, 'chain_exhausted');
    await fake.waitForClientClose(fake.requests[0]!.id);
  });

  it('times out after tokens without retrying, keeping the partial text', async () => {
    fake.script(MODEL, { kind: 'stall', afterTokens: 2 });
    const iterator = client({ timeouts: { firstByteMs: 0, idleMs: 3000 } }).chat(ask({ fallbacks: [NEXT] }))[Symbol.asyncIterator]();
    let deltas = 0;
    await pullUntil(iterator, (event) => event.type === 'delta' && ++deltas === 2);
    clock.advance(3000);
    const error = (await iterator.next()).value as ChatEvent;
    assert.ok(error.type === 'error' && error.error.kind === 'timeout');
    assert.equal(error.partialText, defaultAnswerText(MODEL).split(' ').slice(0, 2).join(' ') + ' ');
    assert.equal(error.continueWith, NEXT);
    assert.equal(fake.requests.length, 1);
  });

  it('accepts a finished answer whose connection then hangs without [DONE]', async () => {
    const frames = [
      'data: {"id":"gen-h","model":"m/x","choices":[{"delta":{"content":"Done."},"finish_reason":"stop"}]}\n\n',
      'data: {"id":"gen-h","choices":[{"delta":{"content":""},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}\n\n',
    ];
    let drained!: () => void;
    const allRead = new Promise<void>((resolve) => (drained = resolve));
    // highWaterMark 0: the stream is pulled only when the client reads, so `allRead` means the client is waiting.
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          const frame = frames.shift();
          if (frame !== undefined) controller.enqueue(new TextEncoder().encode(frame));
          else drained();
          return frame === undefined ? new Promise<void>(() => undefined) : undefined;
        },
      },
      { highWaterMark: 0 },
    );
    const hanging = async (): Promise<Response> => new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    const iterator = client({ fetch: hanging, timeouts: { firstByteMs: 0, idleMs: 3000 } }).chat(ask())[Symbol.asyncIterator]();
    await pullUntil(iterator, (event) => event.type === 'delta');
    const pending = iterator.next();
    await allRead;
    clock.advance(3000);
    const done = (await pending).value as ChatEvent;
    assert.ok(done.type === 'done', JSON.stringify(done));
    assert.equal(done.text, 'Done.');
    assert.equal(done.usage?.completionTokens, 1);
  });

  it('reports an abort that came before chat() as cancelled, sending nothing', async () => {
    const events = await collect(client().chat(ask(), { signal: AbortSignal.abort() }));
    assert.deepEqual(events.map((event) => event.type), ['error']);
    assert.equal(fake.requests.length, 0);
  });
});
