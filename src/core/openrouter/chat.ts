// The one streaming API: `OpenRouterClient.chat(request)` yields a typed event for everything that happens to a
// request — attempts, keep-alive waits, retries, fallbacks, text, reasoning, and exactly one final `done` or
// `error`. Retries on the same model happen only before the first token; fallbacks move down the chain only when
// the error says another model may help; once text has streamed, a failure ends the answer with its partial text
// and a suggested `continueWith` model, never a silent retry.
import { systemClock, type Clock } from '../clock';
import { privacySettingOf } from './availability';
import { OpenRouterError, missingKeyError } from './errors';
import { buildChain, decideFallback, type ChainStop, type ContextLengthLookup } from './fallback-policy';
import { DEFAULT_APP, DEFAULT_BASE_URL, type AppIdentity, type FetchLike } from './api-request';
import { buildBody, runAttempt, type ChatRequest } from './http';
import { metadataIdOf } from './model-id';
import { decideRetry, DEFAULT_RETRY_OPTIONS, type RetryOptions } from './retry-policy';
import { failedAnswerCost, finishedAnswerCost, NOT_CHARGED, type AnswerCost, type PricingLookup } from '../spend/answer-cost';
import { capChainByPrice, type DearerModel } from '../spend/price-ratio';
import { dropBlindFallbacks, type InputModalitiesLookup } from './vision-chain';
import { estimatePromptTokens, estimateTextTokens } from '../spend/token-estimate';
import type { Usage } from './schemas';
import { citationsOf, type Citation } from '../chat/citations';
import type { StreamAssembler, ToolCall } from './sse';

/** Also the defaults of the timeout settings, which are in seconds (config/settings.ts reads them from here). */
export const DEFAULT_TIMEOUTS: Timeouts = { firstByteMs: 90_000, idleMs: 60_000 };

export interface Timeouts {
  /** From sending the request to the response headers. A cold start that exceeds it is retried. */
  firstByteMs: number;
  /** Longest silence once the response started; keep-alive comments count as activity. 0 or Infinity disables. */
  idleMs: number;
}

export interface OpenRouterClientOptions {
  fetch: FetchLike;
  /** Reads the key when a request starts; undefined means none is set, and no request is sent. */
  getApiKey: () => Promise<string | undefined>;
  clock?: Clock | undefined;
  /** Without a trailing slash; `/chat/completions` is appended. */
  baseUrl?: string | undefined;
  app?: Partial<AppIdentity> | undefined;
  retry?: Partial<RetryOptions> | undefined;
  timeouts?: Partial<Timeouts> | undefined;
  /** Also send the rest of the chain as OpenRouter's `models`, so its servers can fall back before answering. */
  serverSideFallback?: boolean | undefined;
  /** Catalogue context windows, for escalating context-length failures only to larger models. */
  contextLengthOf?: ContextLengthLookup | undefined;
  /** Catalogue prices, for estimating what an answer cost when OpenRouter's usage does not say. */
  pricingOf?: PricingLookup | undefined;
  /** Catalogue input modalities, so a chat with images does not fall back to a model that cannot read them. */
  inputModalitiesOf?: InputModalitiesLookup | undefined;
}

/** Token counts of one generation, from OpenRouter's usage; absent details count as 0. */
export interface NormalisedUsage {
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
}

/** Usage known when an answer stopped early: the real figures if the usage frame came, else an estimate. */
export interface UsageSoFar {
  completionTokens: number;
  /** True when counted from the partial text (about four characters a token), not reported by OpenRouter. */
  estimated: boolean;
}

export interface DoneInfo {
  /** The model that actually answered (after any server-side fallback). */
  model: string;
  provider: string | undefined;
  finishReason: string | undefined;
  nativeFinishReason: string | undefined;
  usage: NormalisedUsage | undefined;
  /** What the answer cost the user; undefined when OpenRouter did not say and the catalogue has no prices. */
  cost: AnswerCost | undefined;
  /** X-Generation-Id, or the chunk id; for GET /generation look-ups. */
  generationId: string | undefined;
  /** From the call to chat() to the first token, retries included. */
  timeToFirstTokenMs: number | undefined;
  durationMs: number;
  requestedModel: string;
  /** Models tried, in order, ending with the one that answered. */
  fallbackPath: readonly string[];
  text: string;
  reasoning: string;
  toolCalls: readonly ToolCall[];
  /** The reasoning's details, to send back unchanged with the next turn of a tool conversation. */
  reasoningDetails: readonly unknown[];
  /** The web search's sources, from the message's `url_citation` annotations. */
  citations?: readonly Citation[];
  /** Web searches OpenRouter ran for the answer (`usage.server_tool_use.web_search_requests`); absent: none. */
  webSearches?: number;
}

export type ChatEvent =
  | { readonly type: 'attempt'; readonly model: string; readonly attempt: number }
  /** The server is working (keep-alive comment) but has sent no token yet. */
  | { readonly type: 'waiting' }
  | { readonly type: 'retry'; readonly model: string; readonly delayMs: number; readonly reason: OpenRouterError }
  | {
      readonly type: 'fallback'; readonly from: string; readonly to: string; readonly reason: OpenRouterError; readonly skipped: readonly string[];
      /** Fallbacks the price cap left out of the chain, told with the first fallback. */
      readonly dearer?: readonly DearerModel[];
      /** Fallbacks left out because they do not read the chat's images, told with the first fallback. */
      readonly blind?: readonly string[];
    }
  | { readonly type: 'delta'; readonly text: string }
  | { readonly type: 'reasoning'; readonly text: string }
  | ({ readonly type: 'done' } & Readonly<DoneInfo>)
  | {
      readonly type: 'error';
      readonly error: OpenRouterError;
      readonly partialText: string;
      /** The next model in the chain worth continuing the answer with, when text had streamed. */
      readonly continueWith?: string;
      /** Why no (further) model was tried. */
      readonly stoppedBecause: ChainStop;
      /** Fallbacks the price cap left out, when the chain ran out without them and no fallback has told of them. */
      readonly dearer?: readonly DearerModel[];
      /** Fallbacks left out for the images, when the chain ran out without them and no fallback has told of them. */
      readonly blind?: readonly string[];
      readonly usage?: UsageSoFar;
      /**
       * The prompt tokens of an answer that had started (estimated from the conversation sent), which may have been
       * billed: counted once here for the cost and the ledger, as it reads the whole conversation.
       */
      readonly promptTokens?: number;
      /**
       * What the failed answer cost: nothing before a generation began, else an estimate (see failedAnswerCost);
       * undefined when that estimate needs prices the catalogue does not have.
       */
      readonly cost: AnswerCost | undefined;
      /** Set when the answer had started: the generation that may have been billed, and its model. */
      readonly generationId?: string;
      readonly model?: string;
    };

export type CompleteResult =
  | { readonly ok: true; readonly text: string; readonly done: DoneInfo }
  | { readonly ok: false; readonly error: OpenRouterError; readonly partialText: string; readonly continueWith: string | undefined };

export function normaliseUsage(usage: Usage | undefined): NormalisedUsage | undefined {
  if (!usage) return undefined;
  return {
    promptTokens: usage.prompt_tokens ?? 0,
    completionTokens: usage.completion_tokens ?? 0,
    cachedTokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
    cacheWriteTokens: usage.prompt_tokens_details?.cache_write_tokens ?? 0,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

export class OpenRouterClient {
  private readonly fetch: FetchLike;
  private readonly getApiKey: () => Promise<string | undefined>;
  private readonly clock: Clock;
  private readonly baseUrl: string;
  private readonly app: AppIdentity;
  private readonly retry: RetryOptions;
  private readonly timeouts: Timeouts;
  private readonly serverSideFallback: boolean;
  private readonly contextLengthOf: ContextLengthLookup | undefined;
  private readonly pricingOf: PricingLookup;
  private readonly inputModalitiesOf: InputModalitiesLookup;

  constructor(options: OpenRouterClientOptions) {
    this.fetch = options.fetch;
    this.getApiKey = options.getApiKey;
    this.clock = options.clock ?? systemClock;
    this.baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
    this.app = { ...DEFAULT_APP, ...definedOnly(options.app ?? {}) };
    this.retry = { ...DEFAULT_RETRY_OPTIONS, ...definedOnly(options.retry ?? {}) };
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...definedOnly(options.timeouts ?? {}) };
    this.serverSideFallback = options.serverSideFallback ?? false;
    this.contextLengthOf = options.contextLengthOf;
    this.pricingOf = options.pricingOf ?? (() => undefined);
    this.inputModalitiesOf = options.inputModalitiesOf ?? (() => undefined);
  }

  /**
   * Streams one answer. Ends with exactly one `done` or `error` event and never throws; stopping the iteration
   * early aborts the request.
   */
  chat(request: ChatRequest, options: { signal?: AbortSignal | undefined } = {}): AsyncIterable<ChatEvent> {
    return this.run(request, options.signal);
  }

  /** Collects a whole answer. Resolves with the text or the typed error; it never rejects. */
  async complete(request: ChatRequest, options: { signal?: AbortSignal | undefined } = {}): Promise<CompleteResult> {
    for await (const event of this.chat(request, options)) {
      if (event.type === 'done') return { ok: true, text: event.text, done: event };
      if (event.type === 'error') {
        return { ok: false, error: event.error, partialText: event.partialText, continueWith: event.continueWith };
      }
    }
    // Unreachable: chat() always ends with done or error. Kept so the promise cannot resolve to nothing.
    return { ok: false, error: new OpenRouterError({ kind: 'invalid_response' }), partialText: '', continueWith: undefined };
  }

  private async *run(request: ChatRequest, signal: AbortSignal | undefined): AsyncGenerator<ChatEvent> {
    let ended = false;
    try {
      for await (const event of this.runChain(request, signal)) {
        ended ||= event.type === 'done' || event.type === 'error';
        yield event;
      }
    } catch (unexpected) {
      // A bug must still reach the person as an error event rather than an exception in the UI's loop.
      if (ended) return;
      const error = new OpenRouterError({ kind: 'invalid_response', providerMessage: String(unexpected) });
      yield { type: 'error', error, partialText: '', stoppedBecause: 'chain_exhausted', cost: NOT_CHARGED };
    }
  }

  private async *runChain(request: ChatRequest, signal: AbortSignal | undefined): AsyncGenerator<ChatEvent> {
    const startedAt = this.clock.now();
    const stop = (error: OpenRouterError, stoppedBecause: ChainStop): ChatEvent => ({ type: 'error', error, partialText: '', stoppedBecause, cost: NOT_CHARGED });
    if (signal?.aborted) {
      yield stop(new OpenRouterError({ kind: 'cancelled', model: request.model }), 'cancelled');
      return;
    }
    const priced = capChainByPrice(buildChain(request.model, request.fallbacks), this.pricingOf, request.maxFallbackPriceRatio);
    const { chain, blind } = dropBlindFallbacks(priced.chain, request.messages, this.inputModalitiesOf);
    // Said once: with the first fallback, or with the error that ends a chain they might have saved.
    let untold: { dearer?: readonly DearerModel[]; blind?: readonly string[] } | undefined = priced.dearer.length > 0 || blind.length > 0
      ? { ...(priced.dearer.length > 0 ? { dearer: priced.dearer } : {}), ...(blind.length > 0 ? { blind } : {}) }
      : undefined;
    if (chain.length === 0) {
      yield stop(new OpenRouterError({ kind: 'bad_request', message: 'No model is selected. Pick a model and try again.' }), 'chain_exhausted');
      return;
    }
    let apiKey: string | undefined;
    try {
      apiKey = (await this.getApiKey())?.trim();
    } catch {
      apiKey = undefined;
    }
    if (!apiKey) {
      yield stop(missingKeyError(), 'same_for_every_model');
      return;
    }
    const path: string[] = [];
    let index = 0;
    for (;;) {
      const model = chain[index] ?? request.model;
      path.push(model);
      const context = { model, maxTokensSet: request.max_tokens !== undefined, privacySetting: privacySettingOf(request.provider) };
      const body = buildBody(request, model, this.serverSideFallback ? chain.slice(index) : undefined);
      let waitedMs = 0;
      let last: OpenRouterError;
      for (let attempt = 1; ; attempt++) {
        yield { type: 'attempt', model, attempt };
        const input = { fetch: this.fetch, clock: this.clock, baseUrl: this.baseUrl, apiKey, app: this.app, body, signal, context, ...this.timeouts };
        const result = yield* runAttempt(input);
        const answer = result.answer;
        if (result.ok) {
          const served = answer.model ?? model;
          // Routing suffixes (`:nitro`) may come back without the suffix; that is the same model, not a fallback.
          if (metadataIdOf(served) !== metadataIdOf(model)) path.push(served);
          yield {
            type: 'done',
            model: served,
            provider: answer.provider,
            finishReason: answer.finishReason,
            nativeFinishReason: answer.nativeFinishReason,
            usage: normaliseUsage(answer.usage),
            cost: finishedAnswerCost(answer.usage, this.pricingOf(served), answer.finishReason),
            generationId: result.generationId ?? answer.id,
            timeToFirstTokenMs: result.firstTokenAt === undefined ? undefined : result.firstTokenAt - startedAt,
            durationMs: this.clock.now() - startedAt,
            requestedModel: request.model,
            fallbackPath: path,
            text: answer.text,
            reasoning: answer.reasoning,
            toolCalls: answer.toolCalls,
            reasoningDetails: answer.reasoningDetails.all,
            ...webSearchFacts(answer),
          };
          return;
        }
        last = result.error;
        if (answer.started || last.kind === 'cancelled') {
          yield this.endAfterTokens(last, answer, request, chain, index);
          return;
        }
        const retry = decideRetry(last, attempt, waitedMs, this.retry);
        if (!retry.retry) break;
        yield { type: 'retry', model, delayMs: retry.delayMs, reason: last };
        await this.clock.sleep(retry.delayMs, signal);
        if (signal?.aborted) {
          yield stop(new OpenRouterError({ kind: 'cancelled', model }), 'cancelled');
          return;
        }
        waitedMs += retry.delayMs;
      }
      const next = decideFallback(chain, index, last, this.contextLengthOf);
      if (!next.next) {
        yield { ...stop(last, next.stop), ...(next.stop === 'chain_exhausted' ? untold : {}) };
        return;
      }
      yield { type: 'fallback', from: model, to: next.model, reason: last, skipped: next.skipped, ...untold };
      untold = undefined;
      index = next.index;
    }
  }

  /**
   * The model to offer for continuing a broken answer: the fallback policy's choice, or, for failures of the
   * connection or of one response (not of the key, account or content), simply the next model in the chain.
   */
  private continuation(chain: readonly string[], index: number, error: OpenRouterError): string | undefined {
    const next = decideFallback(chain, index, error, this.contextLengthOf);
    if (next.next) return next.model;
    if (error.kind === 'network' || error.kind === 'invalid_response') return chain[index + 1];
    return undefined;
  }

  /** The error that ends an answer which had started (or was cancelled): partial text kept, nothing retried. */
  private endAfterTokens(error: OpenRouterError, answer: StreamAssembler, request: ChatRequest, chain: readonly string[], index: number): ChatEvent {
    const { text, reasoning } = answer;
    const reported = normaliseUsage(answer.usage);
    const streamed = text + reasoning;
    const usageSoFar: UsageSoFar | undefined = reported
      ? { completionTokens: reported.completionTokens, estimated: false }
      : streamed !== ''
        ? { completionTokens: estimateTextTokens(streamed), estimated: true }
        : undefined;
    const stoppedBecause: ChainStop = error.kind === 'cancelled' ? 'cancelled' : 'tokens_streamed';
    const continueWith = error.kind === 'cancelled' ? undefined : this.continuation(chain, index, error);
    const model = answer.model ?? chain[index] ?? error.model ?? '';
    const started = answer.id !== undefined;
    const promptTokens = started ? reported?.promptTokens ?? estimatePromptTokens(request.messages) : undefined;
    const cost = failedAnswerCost({
      started,
      cancelled: error.kind === 'cancelled',
      completionTokens: usageSoFar?.completionTokens ?? 0,
      promptTokens: promptTokens ?? 0,
      pricing: this.pricingOf(model),
    });
    return {
      type: 'error',
      error,
      partialText: text,
      stoppedBecause,
      ...(continueWith !== undefined ? { continueWith } : {}),
      ...(usageSoFar ? { usage: usageSoFar } : {}),
      ...(promptTokens !== undefined ? { promptTokens } : {}),
      // What was already billed can be looked up later (GET /generation) by this id, for the model that streamed.
      ...(answer.id ? { generationId: answer.id } : {}),
      model,
      cost,
    };
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The answer's web search facts: its sources and how many searches ran; nothing when it did not search. */
function webSearchFacts(answer: StreamAssembler): Pick<DoneInfo, 'citations' | 'webSearches'> {
  const citations = citationsOf(answer.annotations);
  const searches = answer.usage?.server_tool_use?.web_search_requests ?? 0;
  return {
    ...(citations.length > 0 ? { citations } : {}),
    ...(Number.isInteger(searches) && searches > 0 ? { webSearches: searches } : {}),
  };
}
