// The versions of an answer. Regenerate (with the same model, another one, or fewer max tokens) asks the question
// again and keeps what came before, so the person can browse back (‹ 1/2 ›) and compare, as Copilot and ChatGPT do.
//
// The turn's own fields are the version shown: the panel, Copy, the footer and the next request read it with no
// idea that versions exist. The others wait in `versions`, oldest first, with `shownVersion` saying where the shown
// one sits among them all. Showing another version swaps it with the one shown.
import type { AnswerCost } from '../spend/answer-cost';
import type { AnswerVersion, AssistantTurn } from './model';

/**
 * The versions an answer keeps. Beyond it a Regenerate lets the oldest one go (never the one shown): its text leaves
 * the chat, its cost stays in the chat's total (and in the spend ledger, which records every request).
 */
export const MAX_ANSWER_VERSIONS = 10;

export interface VersionPosition {
  /** The version shown, from 0. */
  shown: number;
  count: number;
}

export function versionPosition(turn: AssistantTurn): VersionPosition {
  const others = turn.versions?.length ?? 0;
  return { shown: Math.min(turn.shownVersion ?? others, others), count: others + 1 };
}

/** The shown version's fields, as a version apart from the turn. */
function shownAsVersion(turn: AssistantTurn): AnswerVersion {
  const { text, reasoning, status, createdAt, notices, meta, error } = turn;
  return { text, reasoning, status, createdAt, notices, ...(meta ? { meta } : {}), ...(error ? { error } : {}) };
}

/** Every version, oldest first: the shown one in its place. */
export function allVersions(turn: AssistantTurn): AnswerVersion[] {
  const { shown } = versionPosition(turn);
  const all = [...(turn.versions ?? [])];
  all.splice(shown, 0, shownAsVersion(turn));
  return all;
}

/** Shows version `index` (from 0) of `turn`, in place. False when it is shown already or there is no such version. */
export function showVersion(turn: AssistantTurn, index: number): boolean {
  const { shown, count } = versionPosition(turn);
  if (!Number.isSafeInteger(index) || index < 0 || index >= count || index === shown) return false;
  const all = allVersions(turn);
  const [next] = all.splice(index, 1);
  if (!next) return false;
  delete turn.meta;
  delete turn.error;
  Object.assign(turn, next);
  turn.versions = all;
  turn.shownVersion = index;
  return true;
}

/**
 * Whether a version is worth keeping: one with nothing to read and nothing paid (a request a budget blocked, a 402
 * or a refused key, which OpenRouter does not bill) would only be a blank page to browse past.
 */
function worthKeeping(version: AnswerVersion): boolean {
  const cost = version.meta?.cost;
  const paid = cost !== undefined && !(cost.usd === 0 && cost.basis === 'exact');
  return version.text.trim() !== '' || version.reasoning.trim() !== '' || paid;
}

/**
 * Makes `next`, the new answer to the same question, the newest version of `previous`'s answer: it takes over the
 * versions kept so far and the one shown until now, and is shown itself.
 */
export function carryVersions(previous: AssistantTurn, next: AssistantTurn): void {
  const kept = allVersions(previous).filter(worthKeeping);
  const dropped: AnswerCost[] = [...(previous.droppedCosts ?? [])];
  while (kept.length > MAX_ANSWER_VERSIONS - 1) {
    const cost = kept.shift()?.meta?.cost;
    if (cost) dropped.push(cost);
  }
  if (kept.length > 0) {
    next.versions = kept;
    next.shownVersion = kept.length;
  }
  if (dropped.length > 0) next.droppedCosts = dropped;
}

/** The version of `turn` (shown or not) that generation `generationId` brought. */
export function versionOfGeneration(turn: AssistantTurn, generationId: string): AnswerVersion | undefined {
  return [turn, ...(turn.versions ?? [])].find((version) => version.meta?.generationId === generationId);
}
