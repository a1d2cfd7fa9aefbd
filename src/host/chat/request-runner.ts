import type * as vscode from 'vscode';
import type { AskResult, ConversationInput } from '../../core/conversation/conversation-io';
import type { ChatRequest } from '../../core/openrouter/http';
import type { BudgetGate } from '../spend/budget-gate';
import type { OpenRouterService } from '../openrouter-service';

type RequestInput = Extract<ConversationInput, { type: 'blocked' | 'clamped' | 'engine' | 'engineEnded' }>;

interface Running {
  abort: AbortController;
  ended: Promise<AskResult>;
  resolve: (result: AskResult) => void;
}

/**
 * Runs the requests the conversation core starts: the budget check, then the engine's stream, each step fed back
 * to the core as an input. It also keeps how each request ended, for the commands that wait for an answer.
 */
export class RequestRunner {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly service: OpenRouterService,
    private readonly gate: BudgetGate | undefined,
    private readonly feed: (input: RequestInput) => void,
    private readonly log: Pick<vscode.LogOutputChannel, 'error'>,
  ) {}

  /** Starts `request`, past the budget check when `overBudget`; every path ends with `engineEnded`. */
  start(requestId: string, request: ChatRequest, overBudget = false): void {
    let resolve: (result: AskResult) => void = () => undefined;
    const ended = new Promise<AskResult>((done) => (resolve = done));
    const abort = new AbortController();
    this.running.set(requestId, { abort, ended, resolve });
    void this.stream(requestId, request, overBudget, abort.signal);
  }

  abort(requestId: string): void {
    this.running.get(requestId)?.abort.abort();
  }

  /** How the request ended, once the core has said; at once for a request that is not running. */
  ended(requestId: string | undefined): Promise<AskResult> {
    return (requestId ? this.running.get(requestId)?.ended : undefined) ?? Promise.resolve({ text: '' });
  }

  /** Records how the request ended, as the core reported it. */
  answered(requestId: string, result: AskResult): void {
    this.running.get(requestId)?.resolve(result);
    this.running.delete(requestId);
  }

  private async stream(requestId: string, request: ChatRequest, overBudget: boolean, signal: AbortSignal): Promise<void> {
    try {
      const verdict = this.gate && !overBudget ? await this.gate.check(request) : { proceed: true as const, request };
      if (!verdict.proceed) {
        this.feed({ type: 'blocked', requestId, reason: verdict.reason, limit: verdict.limit, room: verdict.room });
        return;
      }
      if ('clamped' in verdict && verdict.clamped) this.feed({ type: 'clamped', requestId, text: verdict.clamped });
      for await (const event of this.service.chat(verdict.request, signal)) this.feed({ type: 'engine', requestId, event });
    } catch (error) {
      // A bug in the budget check or the engine: the answer ends as broken (below); the log says why.
      this.log.error(`chat: the request failed unexpectedly: ${String(error)}`);
    } finally {
      this.feed({ type: 'engineEnded', requestId });
    }
  }
}
