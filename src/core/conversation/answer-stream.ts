// One answer in flight: the engine's events applied to its turn, each returning the panel's deltas. The turn is
// changed in place as events arrive, so a snapshot taken at any moment (a webview reload mid-stream) holds
// everything shown so far.
import { assertNever } from '../assert-never';
import type { ChatEvent } from '../openrouter/chat';
import type { ModelPricing } from '../openrouter/catalogue-schemas';
import type { ChatRequest } from '../openrouter/http';
import { blindText } from '../openrouter/vision-chain';
import { dearerText, priceChange } from '../spend/price-ratio';
import { cacheFacts } from '../spend/cache-facts';
import { requestedCacheTtl } from '../openrouter/cache-breakpoints';
import { answerEndMessage } from '../../protocol/messages';
import type { AskResult, Delta } from './conversation-io';
import type { AnswerMeta, AssistantTurn, Notice } from '../chat/model';
import { reasoningCost } from '../chat/reasoning-choice';
import { answerError, answerMeta, failedAnswerMeta, fallbackNotice, retryNotice } from '../chat/turns';
import { webSearchMeta } from '../chat/web-search-meta';

export class AnswerStream {
  /** A keep-alive came and no token yet: the panel says the provider is working. */
  waiting = false;
  private tokensSeen = false;
  private finished = false;

  constructor(
    readonly requestId: string,
    readonly turn: AssistantTurn,
    readonly request: ChatRequest,
    /** Catalogue prices, so a fallback to a much dearer model says so. */
    private readonly pricing: (model: string) => ModelPricing | undefined,
  ) {}

  get ended(): boolean {
    return this.finished;
  }

  /** The deltas for one engine event. After the answer has ended, nothing more changes. */
  apply(event: ChatEvent): Delta[] {
    if (this.finished) return [];
    const { turn } = this;
    switch (event.type) {
      case 'attempt':
        return [];
      case 'waiting':
        // Keep-alives come during answers too; once tokens flow they say nothing the text does not.
        return this.tokensSeen ? [] : this.setWaiting(true);
      case 'retry':
        return [...this.setWaiting(false), ...this.notice({ kind: 'retry', text: retryNotice(event.model, event.delayMs, event.reason) })];
      case 'fallback': {
        const price = priceChange(this.pricing(event.from), this.pricing(event.to));
        const text = fallbackNotice(event.from, event.to, event.reason, event.skipped, price);
        const notices = this.notice({ kind: 'fallback', text });
        if (event.dearer) notices.push(...this.notice({ kind: 'fallback', text: dearerText(event.dearer) }));
        if (event.blind) notices.push(...this.notice({ kind: 'fallback', text: blindText(event.blind) }));
        return [...this.setWaiting(false), ...notices];
      }
      case 'delta':
        turn.text += event.text;
        return [...this.firstToken(), { type: 'chat/delta', turnId: turn.id, text: event.text }];
      case 'reasoning':
        turn.reasoning += event.text;
        return [...this.firstToken(), { type: 'chat/reasoning', turnId: turn.id, text: event.text }];
      case 'done': {
        turn.status = 'done';
        const cache = event.usage ? cacheFacts(event.usage, this.pricing(event.model), requestedCacheTtl(this.request)) : undefined;
        turn.meta = {
          ...answerMeta(event),
          ...(cache ? { cache } : {}),
          ...reasoningFacts(event.usage?.reasoningTokens ?? 0, this.pricing(event.model), this.request),
          ...webSearchMeta(event, this.pricing(event.model)),
        };
        return this.end();
      }
      case 'error':
        turn.status = event.error.kind === 'cancelled' ? 'stopped' : 'error';
        if (event.error.kind !== 'cancelled') turn.error = answerError(event.error, event.continueWith, this.pricing);
        if (event.dearer) turn.notices.push({ kind: 'fallback', text: dearerText(event.dearer) });
        if (event.blind) turn.notices.push({ kind: 'fallback', text: blindText(event.blind) });
        turn.meta = failedAnswerMeta(event, this.request);
        return this.end();
      default:
        return assertNever(event);
    }
  }

  /** A notice about this answer before it was sent (a lowered `max_tokens`). */
  notice(notice: Notice): Delta[] {
    this.turn.notices.push(notice);
    return [{ type: 'chat/notice', turnId: this.turn.id, notice }];
  }

  /** Ends the answer as an error of ours, when the engine could not: blocked by a budget, or a stream cut short. */
  fail(error: NonNullable<AssistantTurn['error']>): Delta[] {
    if (this.finished) return [];
    this.turn.status = 'error';
    this.turn.error = error;
    return this.end();
  }

  private firstToken(): Delta[] {
    this.tokensSeen = true;
    return this.setWaiting(false);
  }

  private setWaiting(waiting: boolean): Delta[] {
    if (this.waiting === waiting) return [];
    this.waiting = waiting;
    return [{ type: 'chat/waiting', waiting }];
  }

  private end(): Delta[] {
    this.finished = true;
    return [...this.setWaiting(false), answerEndMessage(this.turn)];
  }
}

/** The footer's reasoning facts: what the reasoning cost, and whether it was left out of the answer. */
function reasoningFacts(reasoningTokens: number, pricing: ModelPricing | undefined, request: ChatRequest): Pick<AnswerMeta, 'reasoningUsd' | 'reasoningExcluded'> {
  const usd = reasoningTokens > 0 ? reasoningCost(reasoningTokens, pricing) : undefined;
  return {
    ...(usd !== undefined ? { reasoningUsd: usd } : {}),
    ...(request.reasoning?.['exclude'] === true ? { reasoningExcluded: true } : {}),
  };
}

/** How an answer ended, for the commands that wait for it. */
export function askResult(turn: AssistantTurn): AskResult {
  return {
    text: turn.text,
    ...(turn.meta && turn.status === 'done' ? { model: turn.meta.model } : {}),
    ...(turn.meta?.cost !== undefined ? { cost: turn.meta.cost.usd } : {}),
    ...(turn.error ? { error: { kind: turn.error.kind, message: turn.error.message } } : {}),
    ...(turn.status === 'stopped' ? { error: { kind: 'cancelled', message: 'Stopped.' } } : {}),
  };
}

/**
 * The turn an answer streams into: `continuing`, a broken answer the next model carries on from (its text goes last
 * in the request, as an assistant prefill), or a `fresh` one.
 */
export function answerTurnFor(request: ChatRequest, continuing: AssistantTurn | undefined, fresh: () => AssistantTurn): AssistantTurn {
  if (!continuing) return fresh();
  request.messages = [...request.messages, { role: 'assistant', content: continuing.text }];
  continuing.status = 'streaming';
  delete continuing.error;
  return continuing;
}

/** What an answer says before it starts: a max_tokens lowered to fit the credits, or a budget passed once. */
export function startNotices(maxTokens: number | undefined, overBudget: boolean): Notice[] {
  return [
    ...(maxTokens !== undefined ? [{ kind: 'clamped' as const, text: `max_tokens lowered to ${maxTokens} for this answer, to fit your credits` }] : []),
    ...(overBudget ? [{ kind: 'info' as const, text: 'sent once past the budget, as asked' }] : []),
  ];
}
