// The list of saved chats: filter by title, open one, rename or delete one. Toggled from the header; Escape closes
// it and gives focus back to the button that opened it.
import type { ChatSummary } from '../../core/chat/model';
import { formatAge, formatUsd } from '../../core/format';
import type { WebviewToHost } from '../../protocol/messages';
import { el, iconButton } from '../dom';

export class ChatListView {
  readonly element: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLElement;
  private readonly empty: HTMLElement;
  private chats: readonly ChatSummary[] = [];
  private currentId = '';

  constructor(
    private readonly post: (message: WebviewToHost) => void,
    /** Closes the list; `then` says where focus goes next. */
    private readonly close: (then: 'toggle' | 'composer') => void,
  ) {
    this.search = el('input', { className: 'chat-search', attrs: { type: 'search', 'aria-label': 'Search chats', placeholder: 'Search chats' } });
    this.list = el('ul', { className: 'chat-items', attrs: { 'aria-label': 'Chats' } });
    this.empty = el('p', { className: 'chat-list-empty', text: 'No chats match.' });
    this.element = el('section', { className: 'chat-list', attrs: { id: 'chat-list', 'aria-label': 'Chat history' } }, [this.search, this.list, this.empty]);
    this.element.hidden = true;
    this.search.addEventListener('input', () => this.renderItems());
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.close('toggle');
      }
    });
  }

  update(chats: readonly ChatSummary[], currentId: string): void {
    this.chats = chats;
    this.currentId = currentId;
    if (!this.element.hidden) this.renderItems();
  }

  show(): void {
    this.element.hidden = false;
    this.renderItems();
    this.search.focus();
  }

  hide(): void {
    this.element.hidden = true;
  }

  private renderItems(): void {
    const query = this.search.value.trim().toLowerCase();
    const matching = this.chats.filter((chat) => chat.title.toLowerCase().includes(query));
    const now = Date.now();
    this.list.replaceChildren(...matching.map((chat) => {
      const title = chat.title || 'Untitled chat';
      const details = `${chat.turns} messages · ${formatUsd(chat.cost)} · ${formatAge(now - chat.updatedAt)}`;
      const open = el('button', { className: 'chat-open', attrs: { type: 'button' } }, [
        el('span', { className: 'chat-title', text: title }),
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
    this.empty.hidden = matching.length > 0;
    this.empty.textContent = this.chats.length === 0 ? 'No saved chats yet.' : 'No chats match.';
  }
}
