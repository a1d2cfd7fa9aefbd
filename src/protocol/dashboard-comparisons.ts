// The dashboard's Comparisons card: every comparison (Compare Models sends one prompt to several models) in the
// range, newest first, with what each model cost, used and took. Part of `dashboard/state`. The ledger keeps no
// prompt text, so a comparison is named by its models and its time.
import * as z from 'zod';
import { lazySchema } from '../core/lazy-schema';

const Name = lazySchema(() => z.string().min(1).max(200));
const Usd = lazySchema(() => z.number().finite());
const Count = lazySchema(() => z.number().int().nonnegative());
const Label = lazySchema(() => z.string().max(1000));

/** One model of a comparison: its requests (the column, and any rerun of it) added up. */
export const ComparedModelSchema = lazySchema(() => z.object({
  /** The model the column asked for. */
  model: Name,
  /** The model that answered, when another one did (a router such as openrouter/auto). */
  answeredBy: Name.optional(),
  requests: Count,
  failedRequests: Count,
  cost: Usd,
  /** `$0.0012`, or `≈$0.0012` when part of it is an estimate. */
  costLabel: Label,
  promptTokens: Count,
  completionTokens: Count,
  tokensLabel: Label,
  /** How long its latest answer took; absent when no answer finished or the ledger predates the figure. */
  durationMs: z.number().nonnegative().optional(),
  durationLabel: Label,
  /** How its latest request ended. */
  outcome: z.enum(['done', 'error', 'cancelled']),
}));
export type ComparedModel = z.infer<typeof ComparedModelSchema>;

export const ComparisonRowSchema = lazySchema(() => z.object({
  id: Name,
  /** When its first request in the range ended, and as text. */
  at: z.number().int().nonnegative(),
  whenLabel: Label,
  /** `openai/gpt-4o vs anthropic/claude-sonnet-4`. */
  title: Label,
  models: z.array(ComparedModelSchema).max(50),
  requests: Count,
  failedRequests: Count,
  cost: Usd,
  costLabel: Label,
  tokensLabel: Label,
  /** The accessible one-line summary of the comparison. */
  summary: Label,
}));
export type ComparisonRow = z.infer<typeof ComparisonRowSchema>;

export const ComparisonsSectionSchema = lazySchema(() => z.object({
  /** Newest first, at most `COMPARISON_ROWS`. */
  rows: z.array(ComparisonRowSchema).max(200),
  /** Every comparison in the range, listed or not. */
  count: Count,
  cost: Usd,
  costLabel: Label,
  summary: Label,
}));
export type ComparisonsSection = z.infer<typeof ComparisonsSectionSchema>;
