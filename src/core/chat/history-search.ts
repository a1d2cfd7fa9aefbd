// Searching saved chats for the chat list: titles first (the index has them, so that part is cheap), then the
// messages, which means reading chat files one at a time. The work is bounded twice: it stops at a number of
// results, and a search that a newer query has replaced stops at its next chat and reports nothing, so typing fast
// never queues up reads of the whole history.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema';
import { chatTextMatches, foldText, matchesTerms, queryTerms } from './history-index';
import { ChatSummarySchema, type Chat, type ChatSummary } from './model';

/** Results per search; past this the list says there may be more, and the person types a longer query. */
export const SEARCH_RESULT_LIMIT = 50;
/** Characters of the message shown before and after the match; few before, so a narrow list still shows the match. */
const SNIPPET_BEFORE = 30;
const SNIPPET_AFTER = 80;

/** The words around a match in a message, split so the panel can mark the match without parsing anything. */
export const SearchSnippetSchema = lazySchema(() => z.object({
  before: z.string().max(500),
  match: z.string().max(500),
  after: z.string().max(500),
}));
export type SearchSnippet = z.infer<typeof SearchSnippetSchema>;

/** A chat that matched: by its title (no snippet), or by its messages (with the first match's snippet). */
export const ChatSearchHitSchema = lazySchema(() => z.object({ chat: ChatSummarySchema, snippet: SearchSnippetSchema.optional() }));
export type ChatSearchHit = z.infer<typeof ChatSearchHitSchema>;

export interface ChatSearchResult {
  readonly query: string;
  readonly hits: ChatSearchHit[];
  /** The search stopped at the limit: other chats may match too. */
  readonly more: boolean;
}

/** What search needs of the history store. */
export interface SearchableHistory {
  list(): Promise<ChatSummary[]>;
  load(chatId: string): Promise<Chat | undefined>;
}

/**
 * Searches for one chat list. Each `run` replaces the one before it: a run overtaken by a newer one resolves to
 * undefined, having stopped reading chats as soon as it noticed.
 */
export class ChatSearch {
  private latest = 0;

  constructor(
    private readonly history: SearchableHistory,
    private readonly limit = SEARCH_RESULT_LIMIT,
  ) {}

  /**
   * Chats whose title, or failing that whose messages, contain every word of `query` (ignoring case and accents):
   * title matches first, then message matches, each newest first. Undefined when a newer search replaced this one.
   */
  async run(query: string): Promise<ChatSearchResult | undefined> {
    const ticket = ++this.latest;
    const superseded = (): boolean => ticket !== this.latest;
    const terms = queryTerms(query);
    const summaries = await this.history.list();
    if (superseded()) return undefined;
    const byTitle = summaries.filter((summary) => matchesTerms(summary.title, terms));
    const hits: ChatSearchHit[] = byTitle.slice(0, this.limit).map((chat) => ({ chat }));
    // Past the limit on titles alone: more may match, by title or (not searched) by message, if there are more chats.
    if (terms.length === 0 || byTitle.length >= this.limit) return { query, hits, more: summaries.length > this.limit };
    const rest = summaries.filter((summary) => !byTitle.includes(summary));
    for (const [index, summary] of rest.entries()) {
      const chat = await this.history.load(summary.id);
      if (superseded()) return undefined;
      if (!chat || !chatTextMatches(chat, terms)) continue;
      const snippet = snippetOf(chat, terms);
      hits.push(snippet ? { chat: summary, snippet } : { chat: summary });
      if (hits.length >= this.limit) return { query, hits, more: index < rest.length - 1 };
    }
    return { query, hits, more: false };
  }
}

/** The words around the first place a message of the chat contains one of the terms. */
export function snippetOf(chat: Chat, terms: readonly string[]): SearchSnippet | undefined {
  for (const turn of chat.turns) {
    const folded = foldText(turn.text);
    let first: { at: number; term: string } | undefined;
    for (const term of terms) {
      const at = folded.indexOf(term);
      if (at >= 0 && (!first || at < first.at)) first = { at, term };
    }
    if (first) return snippetAround(turn.text, first.at, first.term.length);
  }
  return undefined;
}

/**
 * The snippet around the match at `foldedAt` (an offset in the folded text, see `foldText`), with the surrounding
 * text cut at whole words and on one line. Folding can change lengths ("ﬁ" becomes "fi"), so the match is found
 * again in the original text by folding it one character at a time, only as far as the match.
 */
function snippetAround(text: string, foldedAt: number, foldedLength: number): SearchSnippet {
  let start = -1;
  let end = text.length;
  let foldedSoFar = 0;
  for (let i = 0; i < text.length; ) {
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    if (start < 0 && foldedSoFar >= foldedAt) start = i;
    foldedSoFar += foldText(char).length;
    i += char.length;
    if (start >= 0 && foldedSoFar >= foldedAt + foldedLength) {
      end = i;
      break;
    }
  }
  if (start < 0) start = text.length;
  const from = Math.max(0, start - SNIPPET_BEFORE);
  const to = Math.min(text.length, end + SNIPPET_AFTER);
  // A cut inside a word drops the part of the word, so the snippet never starts or ends mid-word.
  const before = from > 0 && /\S/.test(text.charAt(from - 1)) ? text.slice(from, start).replace(/^\S*/, '') : text.slice(from, start);
  const after = to < text.length && /\S/.test(text.charAt(to)) ? text.slice(end, to).replace(/\S*$/, '') : text.slice(end, to);
  return {
    before: `${from > 0 ? '…' : ''}${oneLine(before).trimStart()}`,
    match: oneLine(text.slice(start, end)),
    after: `${oneLine(after).trimEnd()}${to < text.length ? '…' : ''}`,
  };
}

/** Whitespace runs (new lines too) as single spaces, keeping a space at either end that separates words. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
