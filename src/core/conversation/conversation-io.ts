// What goes into the conversation core and what comes out of it. The core takes the person's actions, the world's
// changes and a request's progress; it answers each with updates for the panel and effects for the host to run.
import type { Settings } from '../config/settings';
import type { ChatEvent } from '../openrouter/chat';
import type { ChatRequest } from '../openrouter/http';
import type { LimitName } from '../spend/budget';
import type { BudgetRoom } from '../spend/budget-fit';
import type { HostToWebview, WebviewToHost } from '../../protocol/messages';
import type { ChatSearchResult } from '../chat/history-search';
import type { Attachment, Chat, ChatSummary, UserCommand } from '../chat/model';
import type { ModelFacts } from './composer';
import type { FoundInstructions } from './request-extras';
import type { AdoptedAnswer } from '../compare/winner';

/** A numbered change for the panel, without `seq`: the panel channel numbers changes as it posts them. */
export type Delta = Exclude<HostToWebview, { type: 'state/snapshot' }> extends infer M
  ? (M extends { seq: number } ? Omit<M, 'seq'> : never)
  : never;

/** The settings the conversation reads: which model, which presets, and how its requests are shaped. */
export type ConversationSettings = Pick<
  Settings,
  'defaultModel' | 'presets' | 'fallbackModels' | 'fallbackMaxPriceRatio' | 'favoriteModels' | 'systemPrompt' | 'maxTokens' | 'temperature' | 'provider' | 'user'
>
  & Partial<Pick<Settings, 'reasoning' | 'webSearch.engine' | 'webSearch.maxResults' | 'webSearch.maxSearches' | 'pdfEngine'>>;

export interface ConversationOptions {
  settings: ConversationSettings;
  /** The active preset's name, as last saved. */
  preset: string | undefined;
  /** The composer's draft, as last saved. */
  draft: string;
  now: () => number;
  newId: (prefix: 'chat' | 'turn' | 'req') => string;
  /** The model's prices and context window from the catalogue, when it is loaded. */
  modelFacts: (model: string) => ModelFacts | undefined;
  /** What the budgets and the key's limit leave, as last read; undefined when nothing limits spending. */
  budgetRoom?: () => BudgetRoom | undefined;
  /** Models picked recently, newest first: one may be offered when the model in use does not read images. */
  recentModels?: () => readonly string[];
}

export type ConversationInput =
  // The person, in the panel or through a command.
  /**
   * `command`: the turn of a command (Explain Selection…), which sends its instruction in place of `text`. `typed`:
   * a command typed in the composer, which takes the composer's chips as its code and empties it, as a question does.
   */
  | { type: 'send'; text: string; attachments?: readonly Attachment[]; command?: UserCommand; typed?: boolean }
  | { type: 'stop' }
  /** `overBudget`: Send Once Anyway, past the budget check, for this request only. */
  | { type: 'regenerate'; turnId: string; model?: string; overBudget?: boolean }
  /** Answer the last question again with fewer `max_tokens` (what a 402 said the balance covers), this once. */
  | { type: 'retryWithMaxTokens'; turnId: string; maxTokens: number }
  | { type: 'continue'; turnId: string; model: string }
  /** Make `model` the one in use and answer the last question again with it (a model that will not come back). */
  | { type: 'switchModel'; turnId: string; model: string }
  /** Show version `version` (from 0) of answer `turnId`, one Regenerate kept. */
  | { type: 'showVersion'; turnId: string; version: number }
  | { type: 'edit'; turnId: string; text: string }
  | { type: 'newChat' }
  | { type: 'newChatFrom'; turnId: string }
  /** A saved chat the host has read, to switch to. */
  | { type: 'openChat'; chat: Chat }
  /** The host deleted the chat; `chats` is the list without it; `undoable` when it kept the chat to bring back. */
  | { type: 'chatDeleted'; chatId: string; chats: ChatSummary[]; undoable: boolean }
  /** Undo the last deletion, while it can still be undone. */
  | { type: 'undoDelete'; chatId: string }
  /** The host brought a deleted chat back (or could not); `reopen` as the effect asked. */
  | { type: 'chatRestored'; chatId: string; chat: Chat | undefined; chats: ChatSummary[]; reopen: boolean }
  /** The undo time of deletion number `deletion` has passed. */
  | { type: 'undoExpired'; chatId: string; deletion: number }
  /** The ledger settled an estimated cost against /generation: what generation `generationId` really cost. */
  | { type: 'costSettled'; generationId: string; usd: number }
  | { type: 'pickModel'; model: string }
  /** A comparison's picked answer joins the chat, the others as its versions; the chat continues with its model. */
  | ({ type: 'adoptAnswer' } & AdoptedAnswer)
  | { type: 'pickPreset'; preset: string | undefined }
  /** The reasoning effort for `model` from now on; undefined: the model's own default. */
  | { type: 'pickEffort'; model: string; effort: string | undefined }
  /** This chat's choice: web search on or off, the project's instructions sent or not. */
  | { type: 'chatOption'; option: 'webSearch' | 'instructions'; on: boolean }
  | { type: 'draft'; text: string }
  | { type: 'attach'; attachment: Attachment }
  /** An image or a PDF the panel read (media-attachment.ts checks it again). */
  | { type: 'attachMedia'; name: string; dataUrl: string; thumbnail?: string }
  /** Files dropped from the explorer: the host reads them for the panel. */
  | { type: 'dropUris'; uris: string[] }
  | { type: 'detach'; index: number }
  /** The composer's message went elsewhere (a comparison started from it): empty it as sending does. */
  | { type: 'composerSent' }
  /** A message the composer gave up that went nowhere (a comparison cancelled): back in it, unless typed over. */
  | { type: 'draftBack'; text: string }
  | { type: 'older'; chatId: string; before: number; count?: number }
  | { type: 'export'; chatId?: string }
  /** Regenerate the last answer with a model the person picks for it. */
  | { type: 'regenerateWith'; turnId: string }
  | { type: 'copyAnswer'; turnId: string }
  /** A saved chat to switch to, by id: the host reads it first. */
  | { type: 'open'; chatId: string }
  | { type: 'delete'; chatId: string }
  | { type: 'rename'; chatId: string }
  | { type: 'searchChats'; query: string }
  | { type: 'attachContext'; kind: AttachKind }
  | { type: 'runAction'; action: PanelAction; query?: string }
  // The world.
  /** The panel (re)connected or needs the whole state again. */
  | { type: 'refresh' }
  | { type: 'restored'; chat: Chat | undefined; chats: ChatSummary[] }
  | { type: 'settings'; settings: ConversationSettings }
  | { type: 'key'; hasKey: boolean }
  | { type: 'chats'; chats: ChatSummary[] }
  /** What a `searchChats` effect found (a search replaced by a newer one finds nothing, and reports nothing). */
  | { type: 'chatsFound'; result: ChatSearchResult }
  /** The model list arrived: the composer can now estimate cost and measure the context. */
  | { type: 'modelsLoaded' }
  /** The project's instructions as the host read them (again, after a change), or why it did not. */
  | { type: 'instructions'; instructions: FoundInstructions }
  /** The spend or the budgets changed: the composer says again whether the draft fits them. */
  | { type: 'budgetChanged' }
  // A request's progress, as the host runs it.
  /** The budget check stopped the request before it was sent: `limit` did, with `room` left. */
  | { type: 'blocked'; requestId: string; reason: string; limit?: LimitName; room?: BudgetRoom }
  /** The budget check lowered `max_tokens` so the worst case fits. */
  | { type: 'clamped'; requestId: string; text: string }
  | { type: 'engine'; requestId: string; event: ChatEvent }
  /** The engine's stream is over, whether or not it ended with `done` or `error`. */
  | { type: 'engineEnded'; requestId: string };

/** What the composer's attach buttons capture from the editor. */
export type AttachKind = Extract<WebviewToHost, { type: 'context/attach' }>['kind'];

/** The panel's buttons that lead elsewhere: the key, credits, the model and preset pickers, usage. */
export type PanelAction = Extract<WebviewToHost, { type: 'action/run' }>['action'];

/** What `send` resolves to for commands: the answer's text and how it ended. */
export interface AskResult {
  text: string;
  model?: string;
  cost?: number;
  error?: { kind: string; message: string };
}

export type ConversationEffect =
  /**
   * Check the budget (unless `overBudget`: sent once anyway), then stream `request`, feeding back `blocked`,
   * `clamped`, `engine` and `engineEnded`.
   */
  | { type: 'request'; requestId: string; request: ChatRequest; overBudget?: boolean }
  | { type: 'abort'; requestId: string }
  | { type: 'save'; chat: Chat }
  /** Remember `chatId` as the chat open in this workspace. */
  | { type: 'setCurrent'; chatId: string }
  | { type: 'persistDraft'; text: string }
  /** Write the picked default model (when given) and the active preset. */
  | { type: 'persistSelection'; defaultModel?: string; preset: string | undefined }
  /** Write the per-model reasoning choices (the `openrouter.reasoning` setting), for every workspace. */
  | { type: 'persistReasoning'; reasoning: Settings['reasoning'] }
  | { type: 'export'; chat: Chat }
  /** A saved chat other than the open one, to read and export. */
  | { type: 'exportSaved'; chatId: string }
  /** Ask for a model for the answer `turnId` only, then `regenerate` with it. */
  | { type: 'pickModelFor'; turnId: string }
  | { type: 'copy'; text: string; what: 'Answer' }
  /** Read a saved chat, then `openChat` it (or `refresh`, having said it could not be read). */
  | { type: 'loadChat'; chatId: string }
  /** Delete a saved chat, keeping it for Undo, then report `chatDeleted`. */
  | { type: 'deleteChat'; chatId: string }
  /**
   * Report `undoExpired` for deletion number `deletion` after `afterMs`, unless the window closes first (the
   * deletion then stands). The number tells this deletion from an earlier one of the same chat, undone since.
   */
  | { type: 'expireUndo'; chatId: string; deletion: number; afterMs: number }
  /** Bring a deleted chat back, then report `chatRestored`; `reopen` when it was the open chat. */
  | { type: 'restoreChat'; chatId: string; reopen: boolean }
  /** Forget a deleted chat kept for Undo: its deletion can no longer be undone. */
  | { type: 'purgeChat'; chatId: string }
  /** Search the saved chats, then report `chatsFound` unless a newer search replaced this one. */
  | { type: 'searchChats'; query: string }
  /** Ask for a chat's new title and save it; the open chat is renamed in place. */
  | { type: 'renameChat'; chatId: string; open: Chat }
  /**
   * Capture the selection, the file or the open editors, then `attach` it (or say why there is nothing). Open
   * Editors leaves out the files in `skip` (by URI), already attached on their own.
   */
  | { type: 'capture'; kind: AttachKind; skip: string[] }
  /** Read files dropped from the explorer and hand their bytes to the panel, or say why not. */
  | { type: 'readDropped'; uris: string[] }
  /** An image or PDF was refused: the composer says why in one line, and keeps the prompt and the other chips. */
  | { type: 'refuse'; text: string }
  /** Tell the person something they asked for did not happen as asked (context already attached). */
  | { type: 'inform'; text: string }
  | { type: 'runAction'; action: PanelAction; query?: string }
  /** A short status line: something changed about a request that the person should notice. */
  | { type: 'notify'; text: string }
  | { type: 'answered'; requestId: string; result: AskResult };

/** Panel updates that the host builds only if a panel is connected: they read the whole state. */
export type LazyPanelUpdate = { type: 'snapshot' } | { type: 'composer' } | { type: 'chats' };

export type PanelUpdate = Delta | LazyPanelUpdate | Extract<HostToWebview, { type: 'history/older' | 'chats/found' | 'composer/notice' }>;

export interface Step {
  panel: PanelUpdate[];
  effects: ConversationEffect[];
}
