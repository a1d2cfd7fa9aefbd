// A comparison: one prompt sent to several models at once, each answer in a column of its own. The host owns this
// state and feeds it the engine's events; the compare panel only draws it. Failures stay in their column: an error
// ends that column alone, and the others go on.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema';
import { AnswerErrorSchema, AnswerMetaSchema, NoticeSchema } from '../chat/model';
import { answerError, answerMeta, failedAnswerMeta, retryNotice, type PricingOf } from '../chat/turns';
import type { ChatEvent } from '../openrouter/chat';
import type { ChatRequest } from '../openrouter/http';

/** Two models make a comparison; more than four no longer fit side by side. */
export const MIN_COMPARED_MODELS = 2;
export const MAX_COMPARED_MODELS = 4;

export const ColumnStatusSchema = lazySchema(() => z.enum(['waiting', 'streaming', 'done', 'stopped', 'error']));
export type ColumnStatus = z.infer<typeof ColumnStatusSchema>;

export const CompareColumnSchema = lazySchema(() => z.object({
  id: z.string().regex(/^[\w-]{1,40}$/),
  model: z.string().min(1).max(200),
  /** Counts the column's runs: events of an earlier run (stopped, then re-run) are told apart and ignored. */
  run: z.number().int().nonnegative(),
  status: ColumnStatusSchema,
  text: z.string(),
  notices: z.array(NoticeSchema).max(50),
  /** Epoch milliseconds: when the run started, when its first token came, when it ended. */
  startedAt: z.number().nonnegative(),
  firstTokenAt: z.number().nonnegative().optional(),
  endedAt: z.number().nonnegative().optional(),
  /** The footer facts once the column ended: model, provider, tokens, cost, time to first token, duration. */
  meta: AnswerMetaSchema.optional(),
  error: AnswerErrorSchema.optional(),
}));
export type CompareColumn = z.infer<typeof CompareColumnSchema>;

export const ComparisonSchema = lazySchema(() => z.object({
  /** Tags every request of the comparison in the spend ledger. */
  id: z.string().regex(/^[\w-]{1,80}$/),
  /** The question as the user typed it (what the panel shows above the columns). */
  prompt: z.string(),
  createdAt: z.number().nonnegative(),
  columns: z.array(CompareColumnSchema).min(1).max(MAX_COMPARED_MODELS),
  /** Model names stay hidden until the user picks the answer they prefer (or reveals them). */
  blind: z.boolean(),
  revealed: z.boolean(),
  /** The column whose answer the chat continued with. */
  winner: z.string().optional(),
}));
export type Comparison = z.infer<typeof ComparisonSchema>;

export interface NewComparison {
  id: string;
  prompt: string;
  models: readonly string[];
  blind: boolean;
  now: number;
}

export function newComparison({ id, prompt, models, blind, now }: NewComparison): Comparison {
  const columns = models.slice(0, MAX_COMPARED_MODELS).map((model, index) => freshColumn(`col-${index + 1}`, model, 0, now));
  return { id, prompt, createdAt: now, columns, blind, revealed: !blind };
}

function freshColumn(id: string, model: string, run: number, now: number): CompareColumn {
  return { id, model, run, status: 'waiting', text: '', notices: [], startedAt: now };
}

/** Starts the column again, with the same model or `model`; returns the new run, or undefined for no such column. */
export function rerunColumn(comparison: Comparison, columnId: string, now: number, model?: string): CompareColumn | undefined {
  const index = comparison.columns.findIndex((column) => column.id === columnId);
  const old = comparison.columns[index];
  if (!old) return undefined;
  const next = freshColumn(old.id, model ?? old.model, old.run + 1, now);
  comparison.columns[index] = next;
  return next;
}

export function columnOf(comparison: Comparison, columnId: string): CompareColumn | undefined {
  return comparison.columns.find((column) => column.id === columnId);
}

export function isRunning(column: CompareColumn): boolean {
  return column.status === 'waiting' || column.status === 'streaming';
}

/** What the blind panel calls a column until the names are revealed: "Answer A", "Answer B", … */
export function blindLabel(comparison: Comparison, columnId: string): string {
  const index = comparison.columns.findIndex((column) => column.id === columnId);
  return `Answer ${String.fromCharCode(65 + Math.max(0, index))}`;
}

/** What the panel needs to update after an event: the text that arrived, or that the column changed otherwise. */
export type ColumnChange = { kind: 'text'; text: string } | { kind: 'column' } | { kind: 'none' };

/**
 * Applies one engine event of `run` to the column. Events of an earlier run (a column re-run while its old request
 * was ending) change nothing.
 */
export function applyColumnEvent(
  column: CompareColumn,
  run: number,
  event: ChatEvent,
  context: { now: number; request: ChatRequest; pricing: PricingOf },
): ColumnChange {
  if (run !== column.run || !isRunning(column)) return { kind: 'none' };
  switch (event.type) {
    case 'delta':
      if (event.text === '') return { kind: 'none' };
      column.text += event.text;
      if (column.status === 'waiting') {
        column.status = 'streaming';
        column.firstTokenAt = context.now;
        return { kind: 'column' };
      }
      return { kind: 'text', text: event.text };
    case 'retry':
      column.notices.push({ kind: 'retry', text: retryNotice(event.model, event.delayMs, event.reason) });
      return { kind: 'column' };
    case 'done':
      column.text = event.text;
      column.status = 'done';
      column.endedAt = context.now;
      column.meta = answerMeta(event);
      return { kind: 'column' };
    case 'error':
      column.text = event.partialText;
      column.status = event.error.kind === 'cancelled' ? 'stopped' : 'error';
      column.endedAt = context.now;
      column.meta = failedAnswerMeta(event, context.request);
      if (column.status === 'error') column.error = answerError(event.error, undefined, context.pricing);
      return { kind: 'column' };
    // A comparison sends no fallbacks, so the engine has none to move to; reasoning is not compared.
    case 'fallback':
    case 'reasoning':
    case 'attempt':
    case 'waiting':
      return { kind: 'none' };
  }
}
