// Every message between the compare panel and the extension host, named `scope/verb`. Both sides safeParse what
// they receive, drop (and log) what does not parse, and dispatch with an exhaustive switch.
//
// The host owns the comparison. After `compare/ready` (first load, reload, a hidden panel shown again) it posts the
// whole comparison; while columns stream it posts `compare/delta` with a column's new text, numbered so the page
// can tell it missed one, and `compare/column` whenever a column's state changes otherwise.
import * as z from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { CompareColumnSchema, ComparisonSchema } from '../core/compare/comparison';

/** The error card's actions a column offers: the ones that lead elsewhere; its own buttons retry or switch models. */
export const COLUMN_ERROR_ACTIONS = ['set_key', 'top_up', 'budget_settings', 'key_settings', 'privacy_settings', 'routing_settings'] as const;
export type ColumnErrorAction = (typeof COLUMN_ERROR_ACTIONS)[number];

const ColumnId = z.string().regex(/^[\w-]{1,40}$/);
/** The column's run: text of an earlier run (stopped, then re-run) is not mixed into the new one. */
const Run = z.number().int().nonnegative();
const Code = z.string().max(1_000_000);

// ---- webview -> host ----

export const CompareToHost = lazySchema(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('compare/ready') }),
  z.object({ type: z.literal('compare/stop'), columnId: ColumnId }),
  z.object({ type: z.literal('compare/stopAll') }),
  /** Ask the column's question again: with the same model, or with one the user picks. */
  z.object({ type: z.literal('compare/rerun'), columnId: ColumnId, pickModel: z.boolean() }),
  /** Continue the chat with this column's answer and model. */
  z.object({ type: z.literal('compare/pick'), columnId: ColumnId }),
  /** Show the model names of a blind comparison without picking. */
  z.object({ type: z.literal('compare/reveal') }),
  z.object({ type: z.literal('compare/export') }),
  /** An error card's way out that leads elsewhere (Top Up Credits, Set Key, a setting), as in the chat panel. */
  z.object({ type: z.literal('action/run'), action: z.enum(COLUMN_ERROR_ACTIONS) }),
  // A code block's buttons, as in the chat panel (the same host actions run them).
  z.object({ type: z.literal('code/copy'), code: Code }),
  z.object({ type: z.literal('code/insert'), code: Code }),
  z.object({ type: z.literal('code/apply'), code: Code }),
  z.object({ type: z.literal('code/newFile'), code: Code, language: z.string().max(100) }),
  z.object({ type: z.literal('code/terminal'), code: Code }),
]));
export type CompareToHost = z.infer<typeof CompareToHost>;

// ---- host -> webview ----

export const HostToCompare = lazySchema(() => z.discriminatedUnion('type', [
  /** The whole comparison; `seq` is the number the next delta will carry minus one. */
  z.object({ type: z.literal('compare/state'), seq: z.number().int().nonnegative(), comparison: ComparisonSchema }),
  z.object({ type: z.literal('compare/delta'), seq: z.number().int().positive(), columnId: ColumnId, run: Run, text: z.string() }),
  /** A column changed otherwise (started, first token, ended, re-run); its text included. */
  z.object({ type: z.literal('compare/column'), seq: z.number().int().positive(), column: CompareColumnSchema }),
  /** The comparison changed as a whole: a winner picked, names revealed. */
  z.object({
    type: z.literal('compare/meta'), seq: z.number().int().positive(), revealed: z.boolean(), winner: z.string().optional(),
  }),
]));
export type HostToCompare = z.infer<typeof HostToCompare>;
