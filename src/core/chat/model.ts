// The shape of a conversation: what the panel shows, what history stores and what export writes. Persisted and
// posted to the webview, so every part has a zod schema; stored history is parsed, never trusted.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema';
import { AnswerCostSchema, type AnswerCost } from '../spend/answer-cost';
import { sumUsd } from '../spend/usd';
import { CacheFactsSchema } from '../spend/cache-facts';
import { chatCache, ChatCacheSchema } from '../spend/chat-cache';
import { SearchFactsSchema } from '../spend/search-cost';
import { CitationSchema, MAX_CITATIONS } from './citations';
import { MediaFieldsSchema } from './media-fields';

export const UsageSchema = lazySchema(() => z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  cachedTokens: z.number().int().nonnegative(),
  cacheWriteTokens: z.number().int().nonnegative(),
  reasoningTokens: z.number().int().nonnegative(),
}));

/** Something that happened on the way to an answer: a retry, a fallback, a clamp. Shown inline. */
export const NoticeSchema = lazySchema(() => z.object({
  kind: z.enum(['retry', 'fallback', 'waiting', 'clamped', 'info']),
  text: z.string().max(2000),
}));
export type Notice = z.infer<typeof NoticeSchema>;

/**
 * An answer's cost as stored in a chat. Chats saved before the cost said where it came from hold a bare number of
 * USD; that was always OpenRouter's own `usage.cost` (the footer showed no estimates then), so it reads as exact.
 */
const StoredAnswerCostSchema = lazySchema(() => z.union([
  AnswerCostSchema,
  z.number().nonnegative().transform((usd) => ({ usd, basis: 'exact' as const, source: 'usage' as const })),
]));

/** The honest footer of an answer. */
export const AnswerMetaSchema = lazySchema(() => z.object({
  requestedModel: z.string(),
  model: z.string(),
  provider: z.string().optional(),
  usage: UsageSchema.optional(),
  /** What the answer cost the user: the figure the spend ledger recorded for it. */
  cost: StoredAnswerCostSchema.optional(),
  generationId: z.string().optional(),
  timeToFirstTokenMs: z.number().nonnegative().optional(),
  durationMs: z.number().nonnegative().optional(),
  fallbackPath: z.array(z.string()).default([]),
  finishReason: z.string().optional(),
  /** What the prompt cache read, saved and cost to write (cache-facts.ts). */
  cache: CacheFactsSchema.optional(),
  /** What the reasoning tokens cost, at the catalogue's reasoning (or completion) price; part of `cost`. */
  reasoningUsd: z.number().nonnegative().optional(),
  /** The request asked for the reasoning to be left out of the answer: it was billed, not shown. */
  reasoningExcluded: z.boolean().optional(),
  /** The web searches the answer made and their share of `cost`; and the sources they gave (citations.ts). */
  webSearch: SearchFactsSchema.optional(),
  citations: z.array(CitationSchema).max(MAX_CITATIONS).optional(),
}));
export type AnswerMeta = z.infer<typeof AnswerMetaSchema>;

export const ErrorActionSchema = lazySchema(() => z.enum([
  'set_key', 'top_up', 'pick_model', 'retry', 'continue', 'lower_max_tokens', 'wait', 'new_chat',
  // A request a budget stopped: send it this once regardless, raise the limit, or ask `fittingModel` instead.
  'send_anyway', 'raise_limit', 'use_fitting_model',
  // A model OpenRouter cannot serve (availability codes): switch the chat to `suggestedModel` and answer again, search
  // the picker for `searchQuery`, or open the setting that excluded every provider.
  'switch_model', 'search_models', 'privacy_settings', 'routing_settings',
]));
export type ErrorAction = z.infer<typeof ErrorActionSchema>;

export const AnswerErrorSchema = lazySchema(() => z.object({
  kind: z.string(),
  message: z.string().max(4000),
  /** `openrouter`, or the provider that failed. */
  source: z.string().optional(),
  /** The API's or the provider's own words, shown beside the message (which is ours). */
  detail: z.string().max(1000).optional(),
  status: z.number().optional(),
  actions: z.array(ErrorActionSchema).default([]),
  /** The model "Continue with …" would use. */
  continueWith: z.string().optional(),
  /** The max_tokens the balance covers, after a 402 that said so: "Retry with … Max Tokens" asks again with it. */
  affordableMaxTokens: z.number().int().positive().optional(),
  /** The limit that stopped a request before it was sent: which settings Raise Limit opens. */
  limit: z.enum(['session', 'daily', 'monthly', 'key']).optional(),
  /** A model whose worst case fits what that limit leaves, for "Use … (fits)". */
  fittingModel: z.string().max(200).optional(),
  /** The model Switch To offers (the paid sibling of an ended free variant, a retired model's successor). */
  suggestedModel: z.string().max(200).optional(),
  /** Its price per million tokens, in and out, as the button shows it. */
  suggestedPrice: z.string().max(100).optional(),
  /** What Find a Replacement searches the model picker for. */
  searchQuery: z.string().max(100).optional(),
}));
export type AnswerError = z.infer<typeof AnswerErrorSchema>;

/**
 * An error's HTTP status as worth showing: none for 200, which only says the error came inside a stream (chats saved
 * before this rule still carry it).
 */
export function shownStatus(status: number | undefined): number | undefined {
  return status === 200 ? undefined : status;
}

export const AttachmentSchema = lazySchema(() => z.object({
  /**
   * `problems`: the editor's diagnostics of a file or the workspace, mentioned with `#problems`; `image` and `pdf`:
   * pasted, dropped or picked files (media-fields.ts).
   */
  kind: z.enum(['selection', 'file', 'editors', 'problems', 'image', 'pdf']),
  label: z.string().max(300),
  text: z.string(),
  tokens: z.number().int().nonnegative(),
  /**
   * The files it holds, by URI (a selection: the file it is from), so the same file is never attached twice.
   * Absent in chats saved before attachments had it.
   */
  uris: z.array(z.string().max(4000)).max(1000).optional(),
  /** The language to fence the text with (a selection's editor language), when known. */
  language: z.string().max(100).optional(),
  ...MediaFieldsSchema.shape,
}));
export type Attachment = z.infer<typeof AttachmentSchema>;

/**
 * A command the user ran (Explain Selection, or a slash command typed later): the turn shows `/name` and any words
 * typed after it, and the model gets the command's instruction in their place (see user-content.ts).
 */
export const UserCommandSchema = lazySchema(() => z.object({
  name: z.string().regex(/^[\w-]{1,40}$/),
  instruction: z.string().max(20_000),
}));
export type UserCommand = z.infer<typeof UserCommandSchema>;

export const UserTurnSchema = lazySchema(() => z.object({
  id: z.string(),
  role: z.literal('user'),
  /** What the bubble shows: the question as typed, or a command's `/name` and the words after it. */
  text: z.string(),
  createdAt: z.number(),
  attachments: z.array(AttachmentSchema).default([]),
  /** Absent for a question sent as typed, and in chats saved before commands were turns of their own. */
  command: UserCommandSchema.optional(),
}));
export type UserTurn = z.infer<typeof UserTurnSchema>;

/** One version of an answer: what a Regenerate, a Retry or the first request brought. */
export const AnswerVersionSchema = lazySchema(() => z.object({
  text: z.string(),
  reasoning: z.string().default(''),
  status: z.enum(['streaming', 'done', 'error', 'stopped']),
  createdAt: z.number(),
  notices: z.array(NoticeSchema).default([]),
  meta: AnswerMetaSchema.optional(),
  error: AnswerErrorSchema.optional(),
}));
export type AnswerVersion = z.infer<typeof AnswerVersionSchema>;

/**
 * An answer. Its own fields are the version shown, the one the next question continues from; Regenerate keeps the
 * others (see answer-versions.ts). Chats saved before versions existed have none of the three version fields.
 */
export const AssistantTurnSchema = lazySchema(() => AnswerVersionSchema.extend({
  id: z.string(),
  role: z.literal('assistant'),
  /** The versions not shown, oldest first. */
  versions: z.array(AnswerVersionSchema).optional(),
  /** Where the shown version sits among all of them, from 0; the newest when absent. */
  shownVersion: z.number().int().nonnegative().optional(),
  /** The costs of versions let go beyond the limit kept: they were paid for, so the chat's cost still counts them. */
  droppedCosts: z.array(StoredAnswerCostSchema).optional(),
}));
export type AssistantTurn = z.infer<typeof AssistantTurnSchema>;

export const TurnSchema = lazySchema(() => z.discriminatedUnion('role', [UserTurnSchema, AssistantTurnSchema]));
export type Turn = z.infer<typeof TurnSchema>;

/** The longest title a chat may have. */
export const MAX_TITLE_LENGTH = 200;

export const ChatSchema = lazySchema(() => z.object({
  id: z.string().regex(/^[\w-]{1,80}$/),
  title: z.string().max(MAX_TITLE_LENGTH),
  createdAt: z.number(),
  updatedAt: z.number(),
  model: z.string(),
  preset: z.string().optional(),
  turns: z.array(TurnSchema),
  /** The composer's choices for this chat: web search on, the project's instructions left out (request-extras.ts). */
  webSearch: z.boolean().optional(),
  instructionsOff: z.boolean().optional(),
}));
export type Chat = z.infer<typeof ChatSchema>;

/** One line of the chat list: enough to show, search and open a chat without loading it. */
export const ChatSummarySchema = lazySchema(() => z.object({
  id: z.string(),
  title: z.string(),
  updatedAt: z.number(),
  turns: z.number().int().nonnegative(),
  cost: z.number().nonnegative(),
  /** What the prompt cache read, saved and cost over the chat; absent when it did nothing (or in older indexes). */
  cache: ChatCacheSchema.optional(),
}));
export type ChatSummary = z.infer<typeof ChatSummarySchema>;

/** Every cost paid for the chat's answers: each version of each answer, including versions let go. */
export function chatCosts(turns: readonly Turn[]): AnswerCost[] {
  return turns.flatMap((turn) => {
    if (turn.role !== 'assistant') return [];
    const versions = [turn, ...(turn.versions ?? [])];
    return [...versions.flatMap((version) => (version.meta?.cost ? [version.meta.cost] : [])), ...(turn.droppedCosts ?? [])];
  });
}

export function summarise(chat: Chat): ChatSummary {
  const costs = chatCosts(chat.turns).map((cost) => cost.usd);
  const answers = chat.turns.flatMap((turn) => (turn.role === 'assistant' ? [turn, ...(turn.versions ?? [])].flatMap((version) => (version.meta ? [version.meta] : [])) : []));
  const cache = chatCache(answers);
  return { id: chat.id, title: chat.title, updatedAt: chat.updatedAt, turns: chat.turns.length, cost: sumUsd(costs), ...(cache ? { cache } : {}) };
}
