import { applyColumnEvent, columnOf, isRunning, rerunColumn, type CompareColumn, type Comparison } from '../../core/compare/comparison';
import { CompareChannel } from '../../core/compare/compare-channel';
import type { PricingOf } from '../../core/chat/turns';
import type { ChatEvent } from '../../core/openrouter/chat';
import type { ChatRequest } from '../../core/openrouter/http';
import type { RequestOrigin } from '../../core/spend/ledger/surface';
import type { HostToCompare } from '../../protocol/compare';

export interface CompareSessionDeps {
  /** The engine (OpenRouterService.chat): the same retries, ledger and status bar as every other request. */
  chat: (request: ChatRequest, signal: AbortSignal, origin: RequestOrigin) => AsyncIterable<ChatEvent>;
  /** The request for a model, with the comparison's prompt and the chat's earlier turns, and no fallbacks. */
  requestFor: (model: string) => ChatRequest;
  pricing: PricingOf;
  now: () => number;
  log: (message: string) => void;
  /** A column ended (done, stopped or failed). */
  onColumnEnded?: (column: CompareColumn) => void;
}

/**
 * One comparison running: a request per column, each with its own abort, so stopping one column closes only its
 * connection. Every request goes through the engine with the comparison's id in its origin, so the ledger tags it.
 */
export class CompareSession {
  readonly channel = new CompareChannel();
  private readonly aborts = new Map<string, AbortController>();
  private readonly running = new Set<Promise<void>>();

  constructor(readonly comparison: Comparison, private readonly deps: CompareSessionDeps) {}

  start(): void {
    for (const column of this.comparison.columns) this.run(column);
  }

  connect(post: (message: HostToCompare) => void): void {
    this.channel.connect(post);
    this.channel.snapshot(this.comparison);
  }

  stop(columnId: string): void {
    this.aborts.get(columnId)?.abort();
  }

  stopAll(): void {
    for (const abort of this.aborts.values()) abort.abort();
  }

  /** Asks the column's question again, with the same model or `model`; the old request is stopped first. */
  rerun(columnId: string, model?: string): void {
    this.stop(columnId);
    const column = rerunColumn(this.comparison, columnId, this.deps.now(), model);
    if (!column) return;
    this.channel.column(column);
    this.run(column);
  }

  get anyRunning(): boolean {
    return this.comparison.columns.some(isRunning);
  }

  /** Resolves when every request started so far has ended. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  dispose(): void {
    this.stopAll();
    this.channel.dispose();
  }

  private run(column: CompareColumn): void {
    const abort = new AbortController();
    this.aborts.set(column.id, abort);
    const work = this.stream(column.id, column.run, column.model, abort).finally(() => this.running.delete(work));
    this.running.add(work);
  }

  private async stream(columnId: string, run: number, model: string, abort: AbortController): Promise<void> {
    const request = this.deps.requestFor(model);
    const origin: RequestOrigin = { surface: 'panel', comparisonId: this.comparison.id };
    try {
      for await (const event of this.deps.chat(request, abort.signal, origin)) this.apply(columnId, run, event, request);
    } catch (error) {
      this.deps.log(`compare: ${model} failed unexpectedly: ${String(error)}`);
    } finally {
      if (this.aborts.get(columnId) === abort) this.aborts.delete(columnId);
    }
  }

  private apply(columnId: string, run: number, event: ChatEvent, request: ChatRequest): void {
    const column = columnOf(this.comparison, columnId);
    if (!column) return;
    const change = applyColumnEvent(column, run, event, { now: this.deps.now(), request, pricing: this.deps.pricing });
    if (change.kind === 'text') this.channel.appendText(columnId, run, change.text);
    else if (change.kind === 'column') {
      this.channel.column(column);
      if (!isRunning(column)) this.deps.onColumnEnded?.(column);
    }
  }
}
