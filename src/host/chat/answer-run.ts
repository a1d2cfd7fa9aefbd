import type { AssistantTurn } from '../../core/chat/model';
import { answerError, answerMeta, failedAnswerMeta, fallbackNotice, retryNotice } from '../../core/chat/turns';
import type { ChatEvent } from '../../core/openrouter/chat';
import type { ChatRequest } from '../../core/openrouter/http';
import { answerEndMessage, type HostToWebview } from '../../protocol/messages';

/** Deltas without `seq`: the controller numbers them as it posts. */
export type Delta = HostToWebview extends infer M ? (M extends { seq: number } ? Omit<M, 'seq'> : never) : never;

export interface AnswerRunHooks {
  /** A delta for the webview; the turn object already reflects it. */
  emit(delta: Delta): void;
}

/**
 * Streams one answer into `turn`, mutating it as events arrive, so that a snapshot taken at any moment (a webview
 * reload mid-stream) holds everything shown so far. Resolves when the answer has ended, never rejects.
 */
export async function runAnswer(
  turn: AssistantTurn,
  events: AsyncIterable<ChatEvent>,
  request: ChatRequest,
  hooks: AnswerRunHooks,
): Promise<void> {
  let ended = false;
  const end = (): void => {
    ended = true;
    hooks.emit({ type: 'chat/waiting', waiting: false });
    hooks.emit(answerEndMessage(turn));
  };
  try {
    for await (const event of events) {
      switch (event.type) {
        case 'attempt':
          break;
        case 'waiting':
          hooks.emit({ type: 'chat/waiting', waiting: true });
          break;
        case 'retry': {
          const notice = { kind: 'retry' as const, text: retryNotice(event.model, event.delayMs, event.reason) };
          turn.notices.push(notice);
          hooks.emit({ type: 'chat/notice', turnId: turn.id, notice });
          break;
        }
        case 'fallback': {
          const notice = { kind: 'fallback' as const, text: fallbackNotice(event.from, event.to, event.reason, event.skipped) };
          turn.notices.push(notice);
          hooks.emit({ type: 'chat/notice', turnId: turn.id, notice });
          break;
        }
        case 'delta':
          turn.text += event.text;
          hooks.emit({ type: 'chat/delta', turnId: turn.id, text: event.text });
          break;
        case 'reasoning':
          turn.reasoning += event.text;
          hooks.emit({ type: 'chat/reasoning', turnId: turn.id, text: event.text });
          break;
        case 'done':
          turn.status = 'done';
          turn.meta = answerMeta(event);
          end();
          break;
        case 'error':
          turn.status = event.error.kind === 'cancelled' ? 'stopped' : 'error';
          if (event.error.kind !== 'cancelled') turn.error = answerError(event.error, event.continueWith);
          turn.meta = failedAnswerMeta(event, request);
          end();
          break;
      }
    }
  } finally {
    if (!ended) {
      // The engine always ends with done or error; this guards the UI against a bug leaving a turn spinning forever.
      turn.status = 'error';
      turn.error = { kind: 'invalid_response', message: 'The answer ended unexpectedly.', actions: ['retry'] };
      end();
    }
  }
}
