import * as vscode from 'vscode';
import { StateKey } from '../constants';
import { systemClock } from '../core/clock';
import type { Settings } from '../core/config/settings';
import { ModelCatalogue, type CatalogueSnapshot } from '../core/openrouter/catalogue';
import { OpenRouterClient, type ChatEvent, type DoneInfo } from '../core/openrouter/chat';
import { OpenRouterError } from '../core/openrouter/errors';
import { globalFetch } from '../core/openrouter/api-request';
import type { ChatRequest } from '../core/openrouter/http';
import { pollGeneration, type GenerationPollResult } from '../core/openrouter/generation';
import { KeyInfoMonitor } from '../core/openrouter/key-info';
import { pathStepOf, type PathStep } from '../core/openrouter/request-path';
import { NOT_CHARGED } from '../core/spend/answer-cost';
import { PANEL_ORIGIN, type RequestOrigin } from '../core/spend/ledger/surface';
import type { ApiKeyStore } from './api-key';
import { Disposable } from './disposable';
import type { KeyDestinationGuard } from './key-destination';
import type { ExtensionSettings } from './settings';

export interface FinishedRequest {
  request: ChatRequest;
  requestedModel: string;
  /** Who asked: the panel, or VS Code chat and the extension behind it. */
  origin: RequestOrigin;
  /** The retries and fallbacks it went through, in order. */
  path: readonly PathStep[];
  outcome: 'done' | 'error';
  done?: DoneInfo;
  error?: OpenRouterError;
  /** The error event, when the answer failed: partial usage, generation id and model of a started answer. */
  failure?: Extract<ChatEvent, { type: 'error' }>;
}

/**
 * The engine, configured from the settings, the stored key and the destination guard. It is the one place that
 * talks to OpenRouter, so the log, the status bar and the request count all see every request.
 */
export class OpenRouterService extends Disposable {
  private readonly finished = this._register(new vscode.EventEmitter<FinishedRequest>());
  readonly onDidFinish = this.finished.event;
  private readonly activity = this._register(new vscode.EventEmitter<number>());
  /** Fires with the number of requests in flight. */
  readonly onDidChangeActivity = this.activity.event;
  private readonly catalogueInstalled = this._register(new vscode.EventEmitter<void>());
  /** Another model list is in use: read from the cache or fetched. */
  readonly onDidChangeCatalogue = this.catalogueInstalled.event;
  private readonly keyInfoRead = this._register(new vscode.EventEmitter<void>());
  /** A read of GET /key finished, whether it succeeded or not: `keyInfo.latest` has what it left. */
  readonly onDidReadKeyInfo = this.keyInfoRead.event;
  private active = 0;
  private catalogueInstance: ModelCatalogue | undefined;
  private keyInfoInstance: KeyInfoMonitor | undefined;
  /**
   * The engine as the settings configure it, kept between requests. It reads the key (cached until SecretStorage
   * says it changed) and the catalogue (another one after a settings change) when each request starts.
   */
  private clientInstance: OpenRouterClient | undefined;

  constructor(
    private readonly settings: ExtensionSettings,
    private readonly keys: ApiKeyStore,
    private readonly guard: KeyDestinationGuard,
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(settings.onDidChange(() => this.resetClients()));
    this._register(keys.onDidChange(() => void this.keyInfo.refresh({ force: true })));
  }

  get catalogue(): ModelCatalogue {
    this.catalogueInstance ??= new ModelCatalogue({
      baseUrl: this.settings.current.baseUrl,
      fetch: globalFetch,
      clock: systemClock,
      getKey: () => this.allowedKey(),
      app: this.app(),
      store: {
        load: async () => this.state.get(StateKey.catalogue),
        save: async (snapshot: CatalogueSnapshot) => this.state.update(StateKey.catalogue, snapshot),
      },
      onInstalled: () => this.catalogueInstalled.fire(),
    });
    return this.catalogueInstance;
  }

  get keyInfo(): KeyInfoMonitor {
    this.keyInfoInstance ??= new KeyInfoMonitor({
      baseUrl: this.settings.current.baseUrl,
      fetch: globalFetch,
      clock: systemClock,
      app: this.app(),
      getKey: () => this.allowedKey(),
      onRead: () => this.keyInfoRead.fire(),
    });
    return this.keyInfoInstance;
  }

  /**
   * Streams an answer. Never throws; ends with one `done` or `error` event. `origin` says who asked, for the ledger;
   * it never goes into the request sent to OpenRouter.
   */
  async *chat(request: ChatRequest, signal?: AbortSignal, origin: RequestOrigin = PANEL_ORIGIN): AsyncGenerator<ChatEvent> {
    const s = this.settings.current;
    const verdict = await this.guard.check(s.baseUrl);
    const requestedModel = request.model;
    if (!verdict.allowed) {
      const error = new OpenRouterError({ kind: 'auth', message: verdict.reason });
      yield { type: 'error', error, partialText: '', stoppedBecause: 'same_for_every_model', cost: NOT_CHARGED };
      this.finished.fire({ request, requestedModel, origin, path: [], outcome: 'error', error });
      return;
    }
    const client = this.clientInstance ??= this.client(s);
    const started = Date.now();
    const path: PathStep[] = [];
    let finished: FinishedRequest | undefined;
    this.setActive(+1);
    this.log.info(`request${origin.surface === 'panel' ? '' : ` from ${origin.initiator ?? origin.surface}`}: model ${request.model}${request.fallbacks?.length ? ` (fallbacks ${request.fallbacks.join(', ')})` : ''}`);
    // Serialising the whole conversation (and every delta, below) costs too much to do for a message nobody sees.
    if (this.tracing) this.log.trace(`request messages: ${JSON.stringify(request.messages)}`);
    try {
      for await (const event of client.chat(request, { signal })) {
        this.logEvent(event, started);
        const step = pathStepOf(event);
        if (step) path.push(step);
        if (event.type === 'done') finished = { request, requestedModel, origin, path, outcome: 'done', done: event };
        if (event.type === 'error') finished = { request, requestedModel, origin, path, outcome: 'error', error: event.error, failure: event };
        yield event;
      }
    } finally {
      // Here rather than after the yield: a consumer that stops reading at the last event (a provider throwing the
      // error for VS Code to show) must still get its request into the ledger.
      if (finished) this.finished.fire(finished);
      this.setActive(-1);
    }
  }

  private get tracing(): boolean {
    return this.log.logLevel === vscode.LogLevel.Trace;
  }

  private client(s: Settings): OpenRouterClient {
    return new OpenRouterClient({
      fetch: globalFetch,
      getApiKey: () => this.keys.get(),
      baseUrl: s.baseUrl,
      app: this.app(),
      retry: { maxAttempts: s['retry.maxAttempts'], maxWaitMs: s['retry.maxWaitSeconds'] * 1000 },
      timeouts: { firstByteMs: s['timeouts.firstByteSeconds'] * 1000, idleMs: s['timeouts.idleSeconds'] * 1000 },
      serverSideFallback: s.serverSideFallback,
      contextLengthOf: (model) => this.catalogue.find(model)?.contextLength,
      pricingOf: (model) => this.catalogue.find(model)?.pricing,
      inputModalitiesOf: (model) => this.catalogue.find(model)?.inputModalities,
    });
  }

  /**
   * The key for background calls (key info, model list), only for a destination the user has already allowed:
   * a refresh nobody asked for must not raise the question. Without it they fall back to public data.
   */
  private async allowedKey(): Promise<string | undefined> {
    const key = await this.keys.get();
    return key && this.guard.isAllowed(this.settings.current.baseUrl) ? key : undefined;
  }

  /** Resolves when no request is in flight: each one that was has fired `onDidFinish`. */
  idle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = this.onDidChangeActivity((active) => {
        if (active > 0) return;
        listener.dispose();
        resolve();
      });
    });
  }

  /** Looks up what OpenRouter billed for a generation, waiting out /generation's lag. */
  async generation(id: string, signal?: AbortSignal): Promise<GenerationPollResult> {
    const key = await this.allowedKey();
    if (!key) return { status: 'not_available', reason: 'error', attempts: 0, waitedMs: 0 };
    return pollGeneration(id, { baseUrl: this.settings.current.baseUrl, fetch: globalFetch, clock: systemClock, app: this.app(), key, ...(signal ? { signal } : {}) });
  }

  private app(): { referer: string; title: string } {
    return { referer: this.settings.current['attribution.referer'], title: this.settings.current['attribution.title'] };
  }

  private resetClients(): void {
    this.clientInstance = undefined;
    this.catalogueInstance = undefined;
    this.keyInfoInstance = undefined;
  }

  private setActive(delta: number): void {
    this.active += delta;
    this.activity.fire(this.active);
  }

  private logEvent(event: ChatEvent, started: number): void {
    switch (event.type) {
      case 'attempt':
        this.log.debug(`attempt ${event.attempt} on ${event.model}`);
        return;
      case 'retry':
        this.log.warn(`retrying ${event.model} in ${event.delayMs} ms: ${errorName(event.reason)} (${event.reason.status ?? 'no status'})`);
        return;
      case 'fallback':
        this.log.warn(`falling back from ${event.from} to ${event.to}: ${errorName(event.reason)} (${event.reason.status ?? 'no status'})`);
        return;
      case 'delta':
      case 'reasoning':
        if (this.tracing) this.log.trace(`${event.type}: ${JSON.stringify(event.text)}`);
        return;
      case 'waiting':
        return;
      case 'done':
        this.log.info(`done: ${event.generationId ?? 'no id'} model ${event.model} via ${event.provider ?? '?'}, ` +
          `${event.usage?.promptTokens ?? '?'} in / ${event.usage?.completionTokens ?? '?'} out, cost ${event.cost ? `${event.cost.usd} (${event.cost.basis})` : 'unknown'}, ` +
          `ttft ${event.timeToFirstTokenMs ?? '?'} ms, ${event.durationMs} ms`);
        return;
      case 'error':
        // Stopping is the user's choice, not a failure.
        if (event.error.kind === 'cancelled') {
          this.log.info(`stopped after ${Date.now() - started} ms`);
          return;
        }
        this.log.error(`failed after ${Date.now() - started} ms: ${errorName(event.error)} ` +
          `status ${event.error.status ?? 'none'} from ${event.error.source}: ${event.error.message}`);
        return;
    }
  }
}

/** An error's kind, and its subtype when it has one (`bad_request/context_length_exceeded`), for the log. */
function errorName(error: Pick<OpenRouterError, 'kind' | 'subtype'>): string {
  return error.subtype ? `${error.kind}/${error.subtype}` : error.kind;
}
