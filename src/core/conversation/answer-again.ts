// Asking the last question again, and browsing the versions that leaves: the conversation's rules for Regenerate,
// Retry and ‹ 1/2 ›, apart from its state machine. Pure; the versions themselves live in chat/answer-versions.ts.
import { showVersion } from '../chat/answer-versions';
import type { AssistantTurn, Chat } from '../chat/model';
import type { ConversationInput } from './conversation-io';

export type AnswerAgainInput = Extract<ConversationInput, { type: 'regenerate' | 'retryWithMaxTokens' | 'continue' }>;

/** The answer to start: a new one in place of `previous`, or `continuing` a broken one from its text. */
export interface AnswerAgain {
  previous?: AssistantTurn;
  continuing?: AssistantTurn;
  /** The model for this answer only; the one in use when undefined. */
  model: string | undefined;
  /** `max_tokens` for this request only. */
  maxTokens?: number;
  /** Send Once Anyway: past the budget, this once. */
  overBudget?: boolean;
}

/**
 * What answering the last question again starts, with the chat made ready for it: Regenerate and Retry take the
 * last answer off (the caller keeps it as a version of the new one), Continue With notes the model that carries on.
 * Undefined, with the chat unchanged, when it cannot be done.
 */
export function answerAgain(chat: Chat, input: AnswerAgainInput, busy: boolean): AnswerAgain | undefined {
  const maxTokens = input.type === 'retryWithMaxTokens' ? input.maxTokens : undefined;
  const turn = answerToRegenerate(chat, input.turnId, busy, maxTokens);
  if (!turn) return undefined;
  if (input.type === 'continue') {
    turn.notices.push({ kind: 'fallback', text: `continued by ${input.model} after ${turn.meta?.model ?? 'the first model'} failed` });
    return { continuing: turn, model: input.model };
  }
  chat.turns.pop();
  return {
    previous: turn,
    model: input.type === 'regenerate' ? input.model : undefined,
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    ...(input.type === 'regenerate' && input.overBudget ? { overBudget: true } : {}),
  };
}

/**
 * The answer Regenerate would replace: `turnId` if it is the last answer and nothing streams (only that answer can
 * be answered again), and the `maxTokens` asked for, if any, is a real limit.
 */
export function answerToRegenerate(chat: Chat, turnId: string, busy: boolean, maxTokens?: number): AssistantTurn | undefined {
  const last = chat.turns.at(-1);
  if (busy || last?.role !== 'assistant' || last.id !== turnId) return undefined;
  return maxTokens === undefined || (Number.isSafeInteger(maxTokens) && maxTokens > 0) ? last : undefined;
}

/**
 * Shows version `index` of answer `turnId`, and returns the answer to redraw and save; undefined when nothing
 * changed. Not while an answer streams: the streaming answer is written in place, and the request in flight was
 * built from the versions shown when it was sent.
 */
export function browseVersion(chat: Chat, turnId: string, index: number, busy: boolean): AssistantTurn | undefined {
  const turn = chat.turns.find((t): t is AssistantTurn => t.role === 'assistant' && t.id === turnId);
  return !busy && turn && showVersion(turn, index) ? turn : undefined;
}
