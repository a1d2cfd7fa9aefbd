// One line of the spend ledger: everything needed to total, audit and export a request's spend. Written by every
// request, persisted as JSON lines, parsed back with this schema (a line that does not parse is skipped, never
// trusted).
import * as z from 'zod';
import { lazySchema } from '../../lazy-schema';
import { SURFACES } from './surface';

export const LedgerRecordSchema = lazySchema(() => z.object({
  /** Unique per request; merging segments and compaction de-duplicate by it. */
  id: z.string().min(1).max(100),
  /** Epoch milliseconds when the request ended. */
  at: z.number().int().nonnegative(),
  /** Workspace name (or "(no workspace)") and chat id, for filters. */
  workspace: z.string().max(200),
  chatId: z.string().max(100).optional(),
  /** The spend session it was made in (see session.ts); absent in records written before sessions were kept. */
  session: z.string().max(100).optional(),
  requestedModel: z.string().max(200),
  /** The model that answered; absent when none did. */
  model: z.string().max(200).optional(),
  provider: z.string().max(200).optional(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  cachedTokens: z.number().int().nonnegative(),
  cacheWriteTokens: z.number().int().nonnegative(),
  reasoningTokens: z.number().int().nonnegative(),
  /** USD the user spent: OpenRouter's usage.cost, plus the upstream cost for bring-your-own-key requests. */
  cost: z.number().nonnegative(),
  /** `exact` from OpenRouter's accounting (usage or /generation), `estimate` from catalogue prices. */
  costSource: z.enum(['exact', 'estimate']),
  /** Web searches the request made, and their share of `cost` at the catalogue's search price (when known). */
  webSearches: z.number().int().nonnegative().optional(),
  webSearchUsd: z.number().nonnegative().optional(),
  /** What cached tokens saved against the uncached prompt price, when the catalogue knows both prices. */
  cacheSavings: z.number().optional(),
  /** What writing the prompt cache cost beyond the prompt price, when it cost anything extra. */
  cacheWriteExtra: z.number().nonnegative().optional(),
  isByok: z.boolean().default(false),
  generationId: z.string().max(200).optional(),
  outcome: z.enum(['done', 'error', 'cancelled']),
  /** Models tried, in order, ending with the one that answered. */
  fallbackPath: z.array(z.string().max(200)).max(20).default([]),
  /** Where the request was made; absent in records written before it was kept (read them with `surfaceOf`). */
  surface: z.enum(SURFACES).optional(),
  /** For VS Code chat: the extension that asked, as VS Code names it (`publisher.name`), when it says. */
  initiator: z.string().max(200).optional(),
  /** The comparison the request was a column of; absent for every other request, and in records written before. */
  comparisonId: z.string().max(100).optional(),
  /** How long the answer took, from the request to its last token; absent for failures and in records written before. */
  durationMs: z.number().nonnegative().optional(),
}));
export type LedgerRecord = z.infer<typeof LedgerRecordSchema>;
