// The rules of chat history that touch no file: the on-disk formats, which names are chats, the list's order,
// search and paging. The store that keeps chats in files is history-store.ts.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema';
import { ChatSchema, ChatSummarySchema, type Chat, type ChatSummary, type Turn } from './model';

/**
 * Chat ids end up in file names, so they are checked before any path is built: letters, digits, `_` and `-` only
 * (no dots, no slashes, so no `..`). `index` is reserved for the index file, in any case because some file systems
 * ignore case.
 */
const CHAT_ID = /^[\w-]{1,80}$/;
const INDEX_NAME = 'index';

export const INDEX_FILE_NAME = `${INDEX_NAME}.json`;
const CHAT_FILE_SUFFIX = '.json';

export function isValidChatId(id: string): boolean {
  return CHAT_ID.test(id) && id.toLowerCase() !== INDEX_NAME;
}

export function chatFileName(id: string): string {
  return `${id}${CHAT_FILE_SUFFIX}`;
}

/**
 * The chat id a directory entry belongs to: `<id>.json`, or `<id>.json.tmp-<hex>` (a replace that may not have
 * finished, see ../file-store.ts). Undefined for the index and anything else.
 */
export function chatIdOfFileName(name: string): string | undefined {
  const chatFile = name.replace(/\.tmp-[0-9a-f]+$/i, '');
  if (!chatFile.endsWith(CHAT_FILE_SUFFIX)) return undefined;
  const id = chatFile.slice(0, -CHAT_FILE_SUFFIX.length);
  return isValidChatId(id) ? id : undefined;
}

/**
 * One chat file: the chat in a versioned envelope, so a later format can be told apart and migrated.
 * Compact JSON with no other structure keeps a 2,000-turn chat one `JSON.parse` and one schema pass away.
 */
export const CHAT_FILE_VERSION = 1;
export const ChatFileSchema = lazySchema(() => z.object({
  version: z.literal(CHAT_FILE_VERSION),
  /** Names this base for the tail that continues it (chat-journal.ts); absent in files written before tails. */
  stamp: z.string().min(1).max(100).optional(),
  chat: ChatSchema,
}));
export type ChatFile = z.infer<typeof ChatFileSchema>;

export function toChatFile(chat: Chat): ChatFile {
  return { version: CHAT_FILE_VERSION, chat };
}

/** The index: one summary per chat, so the chat list never loads a chat. It can always be rebuilt from the chats. */
export const INDEX_VERSION = 1;
export const HistoryIndexSchema = lazySchema(() => z.object({ version: z.literal(INDEX_VERSION), chats: z.array(ChatSummarySchema) }));
export type HistoryIndex = z.infer<typeof HistoryIndexSchema>;

/** Newest first; ties broken by id so the order is stable. */
export function newestFirst(summaries: Iterable<ChatSummary>): ChatSummary[] {
  return [...summaries].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function toIndex(summaries: Iterable<ChatSummary>): HistoryIndex {
  return { version: INDEX_VERSION, chats: newestFirst(summaries) };
}

/** Lower case without accents, so "Resume" finds "Résumé". */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A query's words; a text matches when it contains every one of them, in any order. */
export function queryTerms(query: string): string[] {
  return foldText(query).split(/\s+/).filter((term) => term.length > 0);
}

export function matchesTerms(text: string, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const folded = foldText(text);
  return terms.every((term) => folded.includes(term));
}

/** Whether a chat's turns, read together, contain every term (a term may be in one turn, another in the next). */
export function chatTextMatches(chat: Chat, terms: readonly string[]): boolean {
  const remaining = terms.filter((term) => !foldText(chat.title).includes(term));
  for (const turn of chat.turns) {
    if (remaining.length === 0) break;
    const folded = foldText(turn.text);
    for (let i = remaining.length - 1; i >= 0; i--) if (folded.includes(remaining[i] ?? '')) remaining.splice(i, 1);
  }
  return remaining.length === 0;
}

export interface TurnPage {
  /** Oldest first, as the panel shows them. */
  readonly turns: Turn[];
  /** How many turns come before `turns[0]`: what a further `history/older` request can still load. */
  readonly olderCount: number;
}

/**
 * The `count` newest turns before index `before`, for lazy loading: the panel first shows the last page and asks
 * for older ones as the user scrolls up. `before` past the end means "from the end".
 */
export function pageOfTurns(turns: readonly Turn[], before: number, count: number): TurnPage {
  const end = Math.max(0, Math.min(Math.floor(before), turns.length));
  const start = Math.max(0, end - Math.max(0, Math.floor(count)));
  return { turns: turns.slice(start, end), olderCount: start };
}
