// Every message between the chat webview and the extension host, named `scope/verb`. Both sides safeParse what
// they receive, drop (and log) what does not parse, and dispatch with an exhaustive switch.
//
// The host owns all state. On `webview/ready` (first load, reload, restore) it sends a full `state/snapshot`; while
// an answer streams it sends small `seq`-numbered deltas. A webview that sees a gap in `seq` asks for a snapshot.
import * as z from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { ChatSearchHitSchema } from '../core/chat/history-search';
import { ComposerNoticeSchema, CompletionItemsSchema, CompletionQuerySchema, MentionPickSchema } from './completions';
import { AnswerErrorSchema, AnswerMetaSchema, AssistantTurnSchema, ChatSummarySchema, NoticeSchema, TurnSchema, type AssistantTurn } from '../core/chat/model';

const Id = lazySchema(() => z.string().min(1).max(100));
const Text = lazySchema(() => z.string().max(1_000_000));

// ---- webview -> host ----

export const WebviewToHost = lazySchema(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('webview/ready') }),
  /** The webview saw a gap in `seq` and needs the whole state again. */
  z.object({ type: z.literal('webview/resync') }),
  z.object({ type: z.literal('chat/send'), text: Text }),
  z.object({ type: z.literal('chat/stop') }),
  /** Regenerate the answer with this id (the last one); with `model`, that model answers this once. */
  z.object({ type: z.literal('chat/regenerate'), turnId: Id, model: z.string().min(1).max(200).optional() }),
  /** Send a request a budget stopped, this once, past the budget check. */
  z.object({ type: z.literal('chat/sendAnyway'), turnId: Id }),
  /** The same, with a model the person picks for this answer only. */
  z.object({ type: z.literal('chat/regenerateWith'), turnId: Id }),
  /** The same, with the `max_tokens` a 402 said the balance covers, for this request only. */
  z.object({ type: z.literal('chat/retryWithMaxTokens'), turnId: Id, maxTokens: z.number().int().positive() }),
  /** Show another version of an answer (‹ 1/2 ›): `version` counts from 0, oldest first. */
  z.object({ type: z.literal('chat/showVersion'), turnId: Id, version: z.number().int().nonnegative().max(1000) }),
  /** Copy an answer's markdown, as the host stored it. */
  z.object({ type: z.literal('chat/copy'), turnId: Id }),
  /** Keep the partial answer and let another model continue it. */
  z.object({ type: z.literal('chat/continue'), turnId: Id, model: z.string().min(1).max(200) }),
  /** Make `model` the one in use (the chat goes on with it) and answer the failed question again with it. */
  z.object({ type: z.literal('chat/switchModel'), turnId: Id, model: z.string().min(1).max(200) }),
  /** Replace a user message's text, drop what followed it, and send again. */
  z.object({ type: z.literal('chat/edit'), turnId: Id, text: Text }),
  z.object({ type: z.literal('chat/new') }),
  /** Start a new chat with the question this answer failed on back in the composer (a chat grown too long). */
  z.object({ type: z.literal('chat/newFrom'), turnId: Id }),
  z.object({ type: z.literal('chat/open'), chatId: Id }),
  z.object({ type: z.literal('chat/delete'), chatId: Id }),
  /** Bring back the chat just deleted, while the list still offers Undo. */
  z.object({ type: z.literal('chat/undoDelete'), chatId: Id }),
  z.object({ type: z.literal('chat/rename'), chatId: Id }),
  z.object({ type: z.literal('chat/export'), chatId: Id.optional() }),
  /** Search the saved chats' titles and messages; the panel sends it once typing pauses, and only the newest counts. */
  z.object({ type: z.literal('chats/search'), query: z.string().min(1).max(200) }),
  /** Lazy loading: the turns before the first one shown; `count` of them, more for a reader scrolling up fast. */
  z.object({ type: z.literal('history/older'), chatId: Id, before: z.number().int().nonnegative(), count: z.number().int().positive().max(10_000).optional() }),
  /** The reasoning effort for `model` from now on (remembered per model); absent: the model's own default. */
  z.object({ type: z.literal('reasoning/effort'), model: z.string().min(1).max(200), effort: z.string().min(1).max(20).optional() }),
  /** The composer's text, so a reload or a crash never loses it, and the pre-send estimate stays current. */
  z.object({ type: z.literal('composer/draft'), text: Text }),
  /** This chat's choice: web search on or off, the project's instructions sent or not (kept with the chat). */
  z.object({ type: z.literal('chat/option'), option: z.enum(['webSearch', 'instructions']), on: z.boolean() }),
  z.object({ type: z.literal('context/attach'), kind: z.enum(['selection', 'file', 'editors']) }),
  /** An image (downscaled by the panel, with its thumbnail) or a PDF to attach, as base64 data URLs. */
  z.object({ type: z.literal('context/attachMedia'), name: z.string().min(1).max(500), dataUrl: z.string().max(40_000_000), thumbnail: z.string().max(200_000).optional() }),
  /** Files dropped from VS Code's explorer (their URIs): the host reads them and hands back their bytes. */
  z.object({ type: z.literal('context/dropUris'), uris: z.array(z.string().max(4000)).min(1).max(20) }),
  z.object({ type: z.literal('context/remove'), index: z.number().int().nonnegative() }),
  CompletionQuerySchema,
  MentionPickSchema,
  z.object({ type: z.literal('code/copy'), code: Text }),
  z.object({ type: z.literal('code/insert'), code: Text }),
  z.object({ type: z.literal('code/apply'), code: Text }),
  /** `language` is the fence's label as the model wrote it; the host only matches it against the editor's languages. */
  z.object({ type: z.literal('code/newFile'), code: Text, language: z.string().max(100) }),
  z.object({ type: z.literal('code/terminal'), code: Text }),
  /** Use `model` from now on (the cheaper model the composer names). */
  z.object({ type: z.literal('model/pick'), model: z.string().min(1).max(200).regex(/^[\w.:@/~-]+$/) }),
  z.object({
    type: z.literal('action/run'),
    action: z.enum(['set_key', 'top_up', 'pick_model', 'pick_preset', 'show_usage', 'budget_settings', 'key_settings', 'privacy_settings', 'routing_settings', 'compare']),
    /** pick_model: what the picker starts searching for. */
    query: z.string().max(100).optional(),
  }),
]));
export type WebviewToHost = z.infer<typeof WebviewToHost>;

// ---- host -> webview ----

export const AttachmentChipSchema = lazySchema(() => z.object({
  kind: z.enum(['selection', 'file', 'editors', 'problems', 'image', 'pdf']),
  label: z.string(),
  tokens: z.number().int().nonnegative(),
  /** An image's small copy, a data URL the panel shows as the chip's thumbnail. */
  thumbnail: z.string().max(200_000).regex(/^data:image\/(png|jpeg|webp);base64,/).optional(),
  /** A PDF's pages and what parsing them costs. */
  note: z.string().max(200).optional(),
}));
export type AttachmentChip = z.infer<typeof AttachmentChipSchema>;

export const ComposerStateSchema = lazySchema(() => z.object({
  draft: Text,
  /**
   * Counts the times the host itself changed the draft (a question put back to send again). The panel shows a draft
   * only when this moves, or when it first loads: any other draft is what it typed itself, perhaps older than what
   * it holds now, and must not replace the text under the cursor.
   */
  draftRevision: z.number().int().nonnegative(),
  attachments: z.array(AttachmentChipSchema),
  /** The web search toggle: on for this chat or not, the searches an answer may make and their most cost. */
  webSearch: z.object({ on: z.boolean(), maxSearches: z.number().int().positive(), maxUsd: z.number().nonnegative().optional() }).optional(),
  /**
   * The project's instructions chip: the files found, their tokens, sent with this chat or not; `untrusted` when the
   * workspace is not trusted and they were not read. Absent when there are none.
   */
  instructions: z.object({
    on: z.boolean(), files: z.array(z.string().max(300)).max(20), tokens: z.number().int().nonnegative(), untrusted: z.boolean().optional(),
  }).optional(),
  /**
   * Pre-send estimate for the draft, attachments and history under the current model, and that model's context
   * window (when the catalogue knows it) for the prompt to be measured against.
   */
  estimate: z.object({
    promptTokens: z.number().int().nonnegative(),
    worstCaseUsd: z.number().nonnegative().optional(),
    contextTokens: z.number().int().positive().optional(),
    /**
     * Set when the worst case is over what a limit leaves (`left` USD): the check before sending will lower
     * max_tokens to `maxTokens`, or, without it, block the request.
     */
    budget: z.object({
      limit: z.enum(['session', 'daily', 'monthly', 'key']),
      left: z.number().nonnegative(),
      maxTokens: z.number().int().nonnegative().optional(),
      /** When the budget counts the whole key: "$4.10 spent with this key today (UTC), $3.20 of it elsewhere." */
      keyWide: z.string().max(300).optional(),
    }).optional(),
    /** A favourite or preset model whose worst case for the same prompt is a fraction of this one's. */
    cheaper: z.object({ model: z.string().max(200), worstCaseUsd: z.number().nonnegative() }).optional(),
  }).optional(),
  /** Images are attached but `model` does not read them: sending leaves them out; `visionModel` would read them. */
  noImages: z.object({ model: z.string().max(200), visionModel: z.string().max(200).optional() }).optional(),
}));
export type ComposerState = z.infer<typeof ComposerStateSchema>;

/** The chat just deleted, while its deletion can be undone. */
export const UndoableDeletionSchema = lazySchema(() => z.object({ chatId: Id, title: z.string().max(300) }));

export const PanelStateSchema = lazySchema(() => z.object({
  hasKey: z.boolean(),
  model: z.string(),
  preset: z.string().optional(),
  /** The effort control for the model in use: its efforts, the default one and the one picked; absent for a model without efforts. */
  reasoning: z.object({
    efforts: z.array(z.string().max(20)).max(20),
    defaultEffort: z.string().max(20).optional(),
    effort: z.string().max(20).optional(),
  }).optional(),
  chat: z.object({
    id: Id,
    title: z.string(),
    /** The newest turns; `olderCount` more can be loaded with history/older. */
    turns: z.array(TurnSchema),
    olderCount: z.number().int().nonnegative(),
  }),
  chats: z.array(ChatSummarySchema),
  deleted: UndoableDeletionSchema.optional(),
  streaming: z.boolean(),
  /** A keep-alive arrived but no token yet. */
  waiting: z.boolean(),
  composer: ComposerStateSchema,
}));
export type PanelState = z.infer<typeof PanelStateSchema>;

const Seq = lazySchema(() => z.number().int().nonnegative());

/**
 * An ended answer as `chat/end` carries it: without its text and reasoning, which the deltas brought already.
 * Sending them again would double what a streamed answer costs to deliver.
 */
export const EndedAnswerSchema = lazySchema(() => AssistantTurnSchema.omit({ text: true, reasoning: true }));
export type EndedAnswer = z.infer<typeof EndedAnswerSchema>;

export const HostToWebview = lazySchema(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('state/snapshot'), seq: Seq, state: PanelStateSchema }),
  /**
   * A new turn (the user's message, or an empty streaming answer) at the end of the chat; or, for a turn the panel
   * has, the same turn redrawn in place (an answer showing another of its versions).
   */
  z.object({ type: z.literal('chat/turn'), seq: Seq, turn: TurnSchema }),
  z.object({ type: z.literal('chat/delta'), seq: Seq, turnId: Id, text: Text }),
  z.object({ type: z.literal('chat/reasoning'), seq: Seq, turnId: Id, text: Text }),
  z.object({ type: z.literal('chat/notice'), seq: Seq, turnId: Id, notice: NoticeSchema }),
  z.object({ type: z.literal('chat/waiting'), seq: Seq, waiting: z.boolean() }),
  /**
   * The answer ended: final status, footer facts or error. The lengths say how much text and reasoning the answer
   * has in all (as JavaScript string lengths): a webview that holds less missed some, and asks for a snapshot.
   */
  z.object({
    type: z.literal('chat/end'),
    seq: Seq,
    turn: EndedAnswerSchema,
    textLength: z.number().int().nonnegative(),
    reasoningLength: z.number().int().nonnegative(),
    meta: AnswerMetaSchema.optional(),
    error: AnswerErrorSchema.optional(),
  }),
  z.object({ type: z.literal('history/older'), chatId: Id, turns: z.array(TurnSchema), olderCount: z.number().int().nonnegative() }),
  z.object({ type: z.literal('composer/state'), composer: ComposerStateSchema }),
  /** A file dropped from the explorer, read by the host, for the panel to attach as if dropped from the OS. */
  z.object({ type: z.literal('composer/fileRead'), name: z.string().max(500), dataUrl: z.string().max(40_000_000) }),
  /** An attachment refused (too large, damaged, not a supported type): one line the composer shows. */
  /** Put the cursor in the composer (Focus Chat Input, Ctrl+Alt+O), so what is typed next lands there. */
  z.object({ type: z.literal('composer/focus') }),
  CompletionItemsSchema,
  ComposerNoticeSchema,
  /** The saved chats, after the open one was saved: the chat list shows its title, messages and cost as they are. */
  z.object({ type: z.literal('chats/list'), chats: z.array(ChatSummarySchema), deleted: UndoableDeletionSchema.optional() }),
  /** The chats matching a `chats/search` query: title matches, then message matches with a snippet. */
  z.object({ type: z.literal('chats/found'), query: z.string().max(200), hits: z.array(ChatSearchHitSchema), more: z.boolean() }),
]));
export type HostToWebview = z.infer<typeof HostToWebview>;

/** The `chat/end` message for an answer (without `seq`, which the host adds as it posts). */
export function answerEndMessage(turn: AssistantTurn): Omit<Extract<HostToWebview, { type: 'chat/end' }>, 'seq'> {
  const { text, reasoning, ...ended } = turn;
  return {
    type: 'chat/end',
    turn: ended,
    textLength: text.length,
    reasoningLength: reasoning.length,
    ...(turn.meta ? { meta: turn.meta } : {}),
    ...(turn.error ? { error: turn.error } : {}),
  };
}
