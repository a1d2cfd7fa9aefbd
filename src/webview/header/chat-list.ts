// The list of saved chats: search them, open one, rename or delete one. Toggled from the header; Escape closes
// it and gives focus back to the button that opened it. A deleted chat leaves "Deleted ‹title› · Undo" at the top of
// the list for as long as the host keeps it to bring back.
//
// Search has two halves. Titles are filtered here at once, as the person types; once typing pauses, the host
// searches the messages too (the chats are on its disk) and its answer replaces the list, with a snippet of the
// first match under each chat found by its messages. Answers to an older query than the one in the box are ignored.
import { matchesTerms, queryTerms } from '../../core/chat/history-index';
import type { ChatSearchHit, SearchSnippet } from '../../core/chat/history-search';
import type { ChatSummary } from '../../core/chat/model';
import { chatCacheText } from '../../core/spend/chat-cache';
import { formatAge, formatUsd } from '../../core/format';
import type { HostToWebview, PanelState, WebviewToHost } from '../../protocol/messages';
import { el, iconButton, textButton } from '../dom';

export type ChatsFound = Extract<HostToWebview, { type: 'chats/found' }>;

/** How long typing must pause before the host is asked to search the messages. */
const SEARCH_DELAY_MS = 250;
const MAX_QUERY_LENGTH = 200;

type Deletion = PanelState['deleted'];

export class ChatListView {
  readonly element: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly undoRow: HTMLElement;
  private readonly undoText: HTMLElement;
  private readonly undoButton: HTMLButtonElement;
  private deleted: Deletion;
  private chats: readonly ChatSummary[] = [];
  private currentId = '';
  /** The host's search result for the query in the box, once it arrived. */
  private found: ChatsFound | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly post: (message: WebviewToHost) => void,
    /** Closes the list; `then` says where focus goes next. */
    private readonly close: (then: 'toggle' | 'composer') => void,
  ) {
    this.search = el('input', { className: 'chat-search', attrs: { type: 'search', 'aria-label': 'Search chats', placeholder: 'Search chats' } });
    this.list = el('ul', { className: 'chat-items', attrs: { 'aria-label': 'Chats' } });
    this.empty = el('p', { className: 'chat-list-empty', text: 'No chats match.', attrs: { role: 'status' } });
    this.undoText = el('span', { className: 'chat-undo-text', attrs: { role: 'status' } });
    this.undoButton = textButton('Undo', () => {
      if (this.deleted) this.post({ type: 'chat/undoDelete', chatId: this.deleted.chatId });
    });
    this.undoRow = el('div', { className: 'chat-undo' }, [this.undoText, el('span', { text: '·', attrs: { 'aria-hidden': 'true' } }), this.undoButton]);
    this.undoRow.hidden = true;
    this.element = el('section', { className: 'chat-list', attrs: { id: 'chat-list', 'aria-label': 'Chat history' } }, [this.search, this.undoRow, this.list, this.empty]);
    this.element.hidden = true;
    this.search.addEventListener('input', () => {
      if (this.found?.query !== this.query) this.found = undefined;
      this.renderItems();
      this.searchSoon();
    });
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.close('toggle');
      }
    });
  }

  update(chats: readonly ChatSummary[], currentId: string, deleted: Deletion): void {
    const changed = listKey(chats) !== listKey(this.chats);
    this.chats = chats;
    this.currentId = currentId;
    this.showDeleted(deleted);
    if (this.element.hidden) return;
    this.renderItems();
    // What was found may have changed with the list (a chat saved, renamed or deleted): search again. Every
    // snapshot brings the list, mostly unchanged; a search reads the chats' files, so only for a real change.
    if (changed && this.query) this.searchSoon();
  }

  /** The host's answer to a search; kept only if it answers the query in the box now. */
  showFound(found: ChatsFound): void {
    if (found.query !== this.query) return;
    this.found = found;
    if (!this.element.hidden) this.renderItems();
  }

  show(): void {
    this.element.hidden = false;
    this.renderItems();
    this.search.focus();
    // The list may have changed while it was closed (searches are not run for a hidden list).
    if (this.query) this.searchSoon();
  }

  hide(): void {
    this.element.hidden = true;
  }

  /** The Undo row, for the deletion the host still offers to undo. */
  private showDeleted(deleted: Deletion): void {
    const fresh = deleted !== undefined && deleted.chatId !== this.deleted?.chatId;
    this.deleted = deleted;
    this.undoRow.hidden = deleted === undefined;
    this.undoText.textContent = deleted ? `Deleted ${deleted.title || 'Untitled chat'}` : '';
    // The Delete button that had focus is gone with its row: Undo is where the person's next move most likely is.
    const active = document.activeElement;
    if (fresh && !this.element.hidden && (active === null || active === document.body || this.element.contains(active))) this.undoButton.focus();
  }

  private get query(): string {
    return this.search.value.trim().slice(0, MAX_QUERY_LENGTH);
  }

  private searchSoon(): void {
    clearTimeout(this.searchTimer);
    const query = this.query;
    if (query) this.searchTimer = setTimeout(() => this.post({ type: 'chats/search', query }), SEARCH_DELAY_MS);
  }

  /** The host's result when it has answered the query in the box; until then, the titles that contain it. */
  private matching(): readonly ChatSearchHit[] {
    const terms = queryTerms(this.query);
    if (terms.length === 0) return this.chats.map((chat) => ({ chat }));
    if (this.found) {
      // Only chats still in the list, as the list has them now: one deleted or renamed since the search keeps no row.
      const listed = new Map(this.chats.map((chat) => [chat.id, chat]));
      return this.found.hits.flatMap((hit) => {
        const chat = listed.get(hit.chat.id);
        return chat ? [{ ...hit, chat }] : [];
      });
    }
    // Titles by the host's own rule (every word, any order, accents ignored), so its answer only adds to this.
    return this.chats.filter((chat) => matchesTerms(chat.title, terms)).map((chat) => ({ chat }));
  }

  private renderItems(): void {
    const matching = this.matching();
    const now = Date.now();
    this.list.replaceChildren(...matching.map(({ chat, snippet }) => {
      const title = chat.title || 'Untitled chat';
      const cache = chat.cache ? chatCacheText(chat.cache) : '';
      const details = `${chat.turns} messages · ${formatUsd(chat.cost)}${cache ? ` · ${cache}` : ''} · ${formatAge(now - chat.updatedAt)}`;
      const open = el('button', { className: 'chat-open', attrs: { type: 'button' } }, [
        el('span', { className: 'chat-title', text: title }),
        ...(snippet ? [snippetElement(snippet)] : []),
        el('span', { className: 'chat-details', text: details }),
      ]);
      open.addEventListener('click', () => {
        this.post({ type: 'chat/open', chatId: chat.id });
        this.close('composer');
      });
      const item = el('li', { className: 'chat-item' }, [
        open,
        iconButton('edit', `Rename chat ${title}`, () => this.post({ type: 'chat/rename', chatId: chat.id })),
        iconButton('trash', `Delete chat ${title}`, () => this.post({ type: 'chat/delete', chatId: chat.id })),
      ]);
      if (chat.id === this.currentId) open.setAttribute('aria-current', 'true');
      return item;
    }));
    const searching = this.query !== '' && this.found === undefined;
    const more = this.found?.more === true;
    this.empty.hidden = matching.length > 0 && !searching && !more;
    this.empty.textContent = this.chats.length === 0
      ? 'No saved chats yet.'
      : searching ? 'Searching messages…' : more ? `Showing the first ${matching.length} matches; type more to narrow them.` : 'No chats match.';
  }
}

/** The words around the match in a message, the match marked. */
function snippetElement(snippet: SearchSnippet): HTMLElement {
  return el('span', { className: 'chat-snippet' }, [snippet.before, el('mark', { text: snippet.match }), snippet.after]);
}

/** What the list shows of its chats: a change here is worth searching again for. */
function listKey(chats: readonly ChatSummary[]): string {
  return chats.map((chat) => `${chat.id} ${chat.updatedAt} ${chat.title}`).join('\n');
}
