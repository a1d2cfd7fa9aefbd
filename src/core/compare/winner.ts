// Continue with the winner: the answer the user picked becomes the chat's answer to the comparison's question, and
// the other columns' answers stay attached to it as versions of that answer (‹ 2/3 ›), so they can be browsed,
// exported and priced with the chat like any Regenerate's.
import { questionTitle } from '../chat/command-turns';
import type { AnswerVersion, AssistantTurn, Attachment, Chat, UserTurn } from '../chat/model';
import type { CompareColumn, Comparison } from './comparison';

export interface AdoptedAnswer {
  question: UserTurn;
  answer: AssistantTurn;
  /** The model the chat continues with: the one that wrote the picked answer. */
  model: string;
}

/** A column as a version of an answer; a column still running when the pick was made counts as stopped. */
function versionOf(column: CompareColumn): AnswerVersion {
  const status = column.status === 'done' || column.status === 'error' ? column.status : 'stopped';
  return {
    text: column.text, reasoning: '', status, createdAt: column.startedAt, notices: [...column.notices],
    ...(column.meta ? { meta: column.meta } : {}),
    ...(column.error ? { error: column.error } : {}),
  };
}

/** Whether a column left anything to browse: text, or a cost that was paid. */
function worthKeeping(column: CompareColumn): boolean {
  const cost = column.meta?.cost;
  return column.text.trim() !== '' || (cost !== undefined && cost.usd > 0);
}

export interface WinnerInput {
  question: { text: string; attachments: readonly Attachment[] };
  ids: { question: string; answer: string };
  now: number;
}

/** The question and its answer, the winner shown and the other answers kept as its versions, in column order. */
export function adoptedAnswer(comparison: Comparison, winnerId: string, input: WinnerInput): AdoptedAnswer | undefined {
  const winner = comparison.columns.find((column) => column.id === winnerId);
  if (!winner || winner.text.trim() === '') return undefined;
  const kept = comparison.columns.filter((column) => column === winner || worthKeeping(column));
  const versions = kept.map(versionOf);
  const shown = kept.indexOf(winner);
  const [shownVersion] = versions.splice(shown, 1);
  if (!shownVersion) return undefined;
  const answer: AssistantTurn = {
    ...shownVersion, id: input.ids.answer, role: 'assistant',
    ...(versions.length > 0 ? { versions, shownVersion: shown } : {}),
  };
  const question: UserTurn = { id: input.ids.question, role: 'user', text: input.question.text, createdAt: input.now, attachments: [...input.question.attachments] };
  return { question, answer, model: winner.meta?.model ?? winner.model };
}

/** Adds the question and the picked answer to `chat` (naming a chat that had no turns yet). */
export function adoptAnswer(chat: Chat, adopted: AdoptedAnswer, now: number): void {
  if (chat.turns.length === 0) chat.title = questionTitle(adopted.question);
  chat.turns.push(adopted.question, adopted.answer);
  chat.updatedAt = now;
}
