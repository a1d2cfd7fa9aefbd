// The one cost of an answer: what the engine puts on `done` and `error`, and how the footer, the ledger and the
// export read that same figure.
import assert from 'node:assert/strict';
import { ManualClock } from '../../../../src/core/clock';
import { chatToMarkdown, exactUsd } from '../../../../src/core/chat/export';
import { ChatSchema, summarise } from '../../../../src/core/chat/model';
import { failedAnswerMeta, answerMeta } from '../../../../src/core/chat/turns';
import type { ModelPricing } from '../../../../src/core/openrouter/catalogue-schemas';
import { OpenRouterClient, type ChatEvent, type OpenRouterClientOptions } from '../../../../src/core/openrouter/chat';
import type { FetchLike } from '../../../../src/core/openrouter/api-request';
import type { ChatRequest } from '../../../../src/core/openrouter/http';
import { NOT_CHARGED } from '../../../../src/core/spend/answer-cost';
import { ledgerRecordOf, type LedgerEntryInput } from '../../../../src/core/spend/ledger/entry';
import { PANEL_ORIGIN } from '../../../../src/core/spend/ledger/surface';
import { estimatePromptTokens } from '../../../../src/core/spend/token-estimate';
import { FAKE_API_KEY, startFakeOpenRouter, type FakeOpenRouter } from '../../../fixtures/fake-openrouter';
import { collect, lastOf } from '../openrouter/chat-events';

const MODEL = 'openai/gpt-4o-mini';
/** $1 per million prompt tokens, $2 per million completion tokens: estimates are easy to check by hand. */
const PRICING: ModelPricing = { prompt: 0.000001, completion: 0.000002 };
const ask = (): ChatRequest => ({ model: MODEL, messages: [{ role: 'user', content: 'Say hello' }] });

type Done = Extract<ChatEvent, { type: 'done' }>;
type Failure = Extract<ChatEvent, { type: 'error' }>;

/** A fetch that answers with one whole JSON completion carrying `usage`. */
function completionWith(usage: Record<string, unknown>, finishReason = 'stop'): FetchLike {
  const body = JSON.stringify({
    id: 'gen-1', model: MODEL, provider: 'P',
    choices: [{ message: { role: 'assistant', content: 'Hello there.' }, finish_reason: finishReason }],
    usage,
  });
  return async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
}

function engine(options: Partial<OpenRouterClientOptions>): OpenRouterClient {
  return new OpenRouterClient({
    fetch: completionWith({}),
    getApiKey: async () => FAKE_API_KEY,
    clock: new ManualClock({ autoAdvance: true }),
    timeouts: { firstByteMs: 0, idleMs: 0 },
    retry: { maxAttempts: 1 },
    ...options,
  });
}

function ledgerInput(request: ChatRequest, event: Done | Failure): LedgerEntryInput {
  return {
    id: 'req-1', at: 1, workspace: 'w', chatId: undefined, requestedModel: request.model, origin: PANEL_ORIGIN,
    ...(event.type === 'done' ? { done: event } : { failure: event }),
    pricingOf: () => PRICING,
  };
}

describe('the cost on an answer\'s done event', () => {
  it('is OpenRouter\'s usage.cost, exactly', async () => {
    const done = lastOf(await collect(engine({ fetch: completionWith({ prompt_tokens: 10, completion_tokens: 5, cost: 0.0000375 }), pricingOf: () => PRICING }).chat(ask())), 'done');
    assert.deepEqual(done.cost, { usd: 0.0000375, basis: 'exact', source: 'usage' });
  });

  it('adds the upstream cost of a bring-your-own-key answer to OpenRouter\'s fee, and keeps it apart', async () => {
    const usage = { prompt_tokens: 10, completion_tokens: 5, cost: 0.00025, is_byok: true, cost_details: { upstream_inference_cost: 0.005 } };
    const done = lastOf(await collect(engine({ fetch: completionWith(usage) }).chat(ask())), 'done');
    assert.deepEqual(done.cost, { usd: 0.00525, basis: 'exact', source: 'usage_and_upstream', upstreamUsd: 0.005 });
  });

  it('does not add the upstream cost of an ordinary answer: it is already inside usage.cost', async () => {
    const usage = { prompt_tokens: 10, completion_tokens: 5, cost: 0.01, is_byok: false, cost_details: { upstream_inference_cost: 0.009 } };
    const done = lastOf(await collect(engine({ fetch: completionWith(usage) }).chat(ask())), 'done');
    assert.deepEqual(done.cost, { usd: 0.01, basis: 'exact', source: 'usage' });
  });

  it('is estimated from the catalogue prices of the model that answered when usage.cost is missing', async () => {
    const asked: string[] = [];
    const pricingOf = (model: string) => {
      asked.push(model);
      return PRICING;
    };
    const done = lastOf(await collect(engine({ fetch: completionWith({ prompt_tokens: 1000, completion_tokens: 250 }), pricingOf }).chat(ask())), 'done');
    assert.deepEqual(done.cost, { usd: 0.0015, basis: 'estimate', source: 'catalogue' }, '1000 × $1/M + 250 × $2/M');
    assert.deepEqual(asked, [MODEL]);
  });

  it('is left unknown when usage.cost is missing and the catalogue has no prices for the model', async () => {
    const usage = { prompt_tokens: 1000, completion_tokens: 250 };
    assert.equal(lastOf(await collect(engine({ fetch: completionWith(usage), pricingOf: () => undefined }).chat(ask())), 'done').cost, undefined);
    assert.equal(lastOf(await collect(engine({ fetch: completionWith(usage) }).chat(ask())), 'done').cost, undefined, 'no lookup given');
  });

  it('is what the ledger records and the footer shows', async () => {
    const request = ask();
    const done = lastOf(await collect(engine({ fetch: completionWith({ prompt_tokens: 1000, completion_tokens: 250 }), pricingOf: () => PRICING }).chat(request)), 'done');
    const record = ledgerRecordOf(ledgerInput(request, done));
    assert.deepEqual([record.cost, record.costSource, record.isByok], [0.0015, 'estimate', false]);
    assert.deepEqual(answerMeta(done).cost, done.cost);
  });
});

describe('the cost on an answer\'s error event', () => {
  let fake: FakeOpenRouter;
  before(async () => {
    fake = await startFakeOpenRouter();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  const client = (options: Partial<OpenRouterClientOptions> = {}): OpenRouterClient =>
    engine({ fetch: (url, init) => fetch(url, init), baseUrl: fake.baseUrl, pricingOf: () => PRICING, ...options });

  /** Streams a stalled answer and stops it after two deltas, as the Stop button does. */
  async function stopAfterTwoTokens(options: Partial<OpenRouterClientOptions> = {}): Promise<Failure> {
    fake.script(MODEL, { kind: 'stall', afterTokens: 2 });
    const controller = new AbortController();
    const events: ChatEvent[] = [];
    let deltas = 0;
    for await (const event of client(options).chat(ask(), { signal: controller.signal })) {
      events.push(event);
      if (event.type === 'delta' && ++deltas === 2) controller.abort();
    }
    return lastOf(events, 'error');
  }

  it('costs nothing, exactly, when the request failed before any token', async () => {
    fake.script(MODEL, { kind: 'http-error', status: 402 });
    const failure = lastOf(await collect(client().chat(ask())), 'error');
    assert.equal(failure.error.kind, 'credits');
    assert.deepEqual(failure.cost, { usd: 0, basis: 'exact', source: 'not_charged' });
    const record = ledgerRecordOf(ledgerInput(ask(), failure));
    assert.deepEqual([record.cost, record.costSource, record.promptTokens], [0, 'exact', 0]);
    assert.deepEqual(failedAnswerMeta(failure, ask()), { requestedModel: MODEL, model: MODEL, cost: NOT_CHARGED, fallbackPath: [] });
  });

  it('costs nothing, exactly, without a key or when stopped before sending', async () => {
    const noKey = lastOf(await collect(client({ getApiKey: async () => undefined }).chat(ask())), 'error');
    const aborted = lastOf(await collect(client().chat(ask(), { signal: AbortSignal.abort() })), 'error');
    assert.deepEqual([noKey.cost, aborted.cost], [NOT_CHARGED, NOT_CHARGED]);
  });

  it('is estimated for a stopped answer from the prompt and the tokens so far, at catalogue prices', async () => {
    const failure = await stopAfterTwoTokens();
    assert.equal(failure.error.kind, 'cancelled');
    assert.ok(failure.generationId, 'the generation had begun');
    const promptTokens = estimatePromptTokens(ask().messages);
    const completionTokens = failure.usage?.completionTokens ?? 0;
    assert.ok(promptTokens > 0 && completionTokens > 0);
    assert.deepEqual(failure.cost, { usd: (promptTokens + 2 * completionTokens) / 1e6, basis: 'estimate', source: 'catalogue' });
  });

  it('shows in a stopped answer\'s footer exactly what the ledger records for it', async () => {
    const request = ask();
    const failure = await stopAfterTwoTokens();
    const meta = failedAnswerMeta(failure, request);
    const record = ledgerRecordOf(ledgerInput(request, failure));
    assert.ok(meta.cost && meta.cost.usd > 0);
    assert.deepEqual([meta.cost.usd, meta.cost.basis], [record.cost, record.costSource]);
    assert.equal(record.outcome, 'cancelled');
    assert.deepEqual(meta, { requestedModel: MODEL, model: MODEL, cost: failure.cost, generationId: failure.generationId, fallbackPath: [] });
    // Saved with the chat, it is what the chat list adds up and what the export writes, marked as an estimate.
    const stopped = { id: 'a1', role: 'assistant', text: failure.partialText, status: 'stopped', createdAt: 1, meta };
    const chat = ChatSchema.parse(JSON.parse(JSON.stringify({ id: 'c1', title: 't', createdAt: 1, updatedAt: 2, model: MODEL, turns: [stopped] })));
    assert.equal(summarise(chat).cost, record.cost);
    assert.ok(chatToMarkdown(chat).includes(` · ~${exactUsd(record.cost)} (estimate)`), 'the export marks it as an estimate');
  });

  it('is left unknown for a stopped answer whose model has no catalogue prices; the ledger holds a zero estimate', async () => {
    const failure = await stopAfterTwoTokens({ pricingOf: () => undefined });
    assert.equal(failure.cost, undefined);
    assert.equal(failedAnswerMeta(failure, ask()).cost, undefined);
    const record = ledgerRecordOf(ledgerInput(ask(), failure));
    assert.deepEqual([record.cost, record.costSource], [0, 'estimate'], 'settled later against /generation');
  });

  it('is estimated at zero for an answer broken by an error after tokens, which OpenRouter does not bill', async () => {
    fake.script(MODEL, { kind: 'mid-stream-error', afterTokens: 2 });
    const failure = lastOf(await collect(client().chat(ask())), 'error');
    assert.notEqual(failure.error.kind, 'cancelled');
    assert.ok(failure.generationId);
    assert.deepEqual(failure.cost, { usd: 0, basis: 'estimate', source: 'not_charged' });
    const record = ledgerRecordOf(ledgerInput(ask(), failure));
    assert.deepEqual([record.cost, record.costSource, record.outcome], [0, 'estimate', 'error']);
    assert.deepEqual(failedAnswerMeta(failure, ask()).cost, failure.cost);
  });
});

describe('the ledger record of an answer', () => {
  const request = ask();
  const done = (cost: Done['cost']): Done => ({
    type: 'done', model: MODEL, provider: 'P', finishReason: 'stop', nativeFinishReason: undefined,
    usage: { promptTokens: 100, completionTokens: 20, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    cost, generationId: 'gen-1', timeToFirstTokenMs: 5, durationMs: 10, requestedModel: MODEL, fallbackPath: [MODEL],
    text: 'x', reasoning: '', toolCalls: [], reasoningDetails: [],
  });

  it('takes the cost from the done event, bring-your-own-key included', () => {
    const record = ledgerRecordOf(ledgerInput(request, done({ usd: 0.00525, basis: 'exact', source: 'usage_and_upstream', upstreamUsd: 0.005 })));
    assert.deepEqual([record.cost, record.costSource, record.isByok, record.promptTokens], [0.00525, 'exact', true, 100]);
  });

  it('records an unknown cost as a zero estimate, to be settled against /generation', () => {
    const record = ledgerRecordOf(ledgerInput(request, done(undefined)));
    assert.deepEqual([record.cost, record.costSource, record.isByok, record.generationId], [0, 'estimate', false, 'gen-1']);
  });

  it('records a request that was never sent as costing nothing, exactly', () => {
    const record = ledgerRecordOf({ ...ledgerInput(request, done(undefined)), done: undefined });
    assert.deepEqual([record.cost, record.costSource, record.outcome, record.model], [0, 'exact', 'error', undefined]);
  });
});
