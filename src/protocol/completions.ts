// The composer's completion lists: `#` mentions (files, open editors, the selection, problems, symbols) and `/`
// commands. The webview asks as the person types; the host answers with items for that query. Answers carry the
// query's `seq`, and the webview shows only the answer to its newest query, so a slow search never overwrites a
// faster, newer one.
import * as z from 'zod';
import { lazySchema } from '../core/lazy-schema';

export const CompletionTriggerSchema = lazySchema(() => z.enum(['#', '/']));
export type CompletionTrigger = z.infer<typeof CompletionTriggerSchema>;

export const MentionKindSchema = lazySchema(() => z.enum(['file', 'editor', 'selection', 'problems', 'symbol']));
export type MentionKind = z.infer<typeof MentionKindSchema>;

/** One row of a list. `id` is what the host needs to find the item again (a URI, a symbol's place, a command). */
export const CompletionItemSchema = lazySchema(() => z.object({
  kind: z.union([MentionKindSchema, z.literal('command')]),
  id: z.string().max(4000),
  label: z.string().max(300),
  detail: z.string().max(300).optional(),
}));
export type CompletionItem = z.infer<typeof CompletionItemSchema>;

/** Items in one answer: enough to pick from, few enough to read. */
export const MAX_COMPLETION_ITEMS = 50;

export const CompletionQuerySchema = lazySchema(() => z.object({
  type: z.literal('completion/query'),
  seq: z.number().int().nonnegative(),
  trigger: CompletionTriggerSchema,
  query: z.string().max(200),
}));

/** A mention picked from the list: the host reads it and adds its chip, or says in one line why it cannot. */
export const MentionPickSchema = lazySchema(() => z.object({
  type: z.literal('mention/pick'),
  kind: MentionKindSchema,
  id: z.string().max(4000),
}));

export const CompletionItemsSchema = lazySchema(() => z.object({
  type: z.literal('completion/items'),
  seq: z.number().int().nonnegative(),
  trigger: CompletionTriggerSchema,
  items: z.array(CompletionItemSchema).max(MAX_COMPLETION_ITEMS),
}));

/**
 * A one-line message under the composer: why a mention or a message was refused. With `draft`, a message the
 * host did not send: the composer shows it again if nothing was typed since.
 */
export const ComposerNoticeSchema = lazySchema(() => z.object({
  type: z.literal('composer/notice'),
  text: z.string().max(500),
  draft: z.string().max(1_000_000).optional(),
}));
