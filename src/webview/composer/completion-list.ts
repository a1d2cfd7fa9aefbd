// The composer's completion list for `#` mentions and `/` commands, keyboard-first: Up and Down move, Enter or Tab
// picks, Escape closes; a click picks too. The textarea keeps the focus throughout and points at the active option
// (aria-activedescendant), so a screen reader reads each option as it is reached. The host finds the items; only
// the answer to the newest query is shown, so a slow search never replaces a newer one.
import type { CompletionItem } from '../../protocol/completions';
import type { HostToWebview, WebviewToHost } from '../../protocol/messages';
import { codicon, el } from '../dom';
import { triggerAt, type TriggerAt } from './completion-trigger';

const LIST_ID = 'composer-completions';

const KIND_ICONS: Record<CompletionItem['kind'], string> = {
  file: 'file', editor: 'files', selection: 'list-selection', problems: 'warning', symbol: 'symbol-method', command: 'terminal',
};

export interface CompletionListOptions {
  textarea: HTMLTextAreaElement;
  post(message: WebviewToHost): void;
  announce(text: string): void;
  /** The textarea's text was changed here (a pick): resize it and keep the draft. */
  changed(): void;
}

export class CompletionList {
  readonly element: HTMLUListElement;
  private seq = 0;
  private open: TriggerAt | undefined;
  private items: CompletionItem[] = [];
  private active = 0;
  /** The trigger closed with Escape: it stays closed until the cursor leaves it. */
  private dismissed: number | undefined;

  constructor(private readonly options: CompletionListOptions) {
    this.element = el('ul', { className: 'completion-list', attrs: { id: LIST_ID, role: 'listbox', 'aria-label': 'Suggestions' } });
    this.element.hidden = true;
    const { textarea } = options;
    textarea.setAttribute('aria-autocomplete', 'list');
    textarea.setAttribute('aria-controls', LIST_ID);
    // Clicking an option must not take the focus (and the cursor) away from the textarea.
    this.element.addEventListener('mousedown', (event) => event.preventDefault());
    textarea.addEventListener('click', () => this.update());
    textarea.addEventListener('blur', () => this.close());
  }

  get isOpen(): boolean {
    return this.open !== undefined;
  }

  /** After typing: open, narrow or close the list for the word at the cursor. */
  update(): void {
    const { value, selectionStart, selectionEnd } = this.options.textarea;
    const at = selectionStart === selectionEnd ? triggerAt(value, selectionStart) : undefined;
    if (!at || at.start === this.dismissed) {
      if (!at) this.dismissed = undefined;
      return this.close();
    }
    if (this.open && this.open.trigger === at.trigger && this.open.start === at.start && this.open.query === at.query) return;
    this.open = at;
    this.seq += 1;
    this.options.post({ type: 'completion/query', seq: this.seq, trigger: at.trigger, query: at.query });
  }

  /** The host's items; an answer to an older query, or one arriving after the list closed, is dropped. */
  receive(message: Extract<HostToWebview, { type: 'completion/items' }>): void {
    if (!this.open || message.seq !== this.seq || message.trigger !== this.open.trigger) return;
    this.items = message.items;
    this.active = 0;
    this.render();
  }

  /** Keys while the list shows; true when the key was the list's (the composer must not act on it too). */
  onKeyDown(event: KeyboardEvent): boolean {
    if (!this.open || this.element.hidden) return false;
    const count = this.items.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (count === 0) return false;
        this.active = (this.active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
        this.highlight();
        break;
      case 'Enter':
      case 'Tab':
        if (count === 0 || event.shiftKey) return false;
        this.pick(this.active);
        break;
      case 'Escape':
        this.dismissed = this.open.start;
        this.close();
        break;
      default:
        return false;
    }
    event.preventDefault();
    return true;
  }

  close(): void {
    this.open = undefined;
    this.items = [];
    this.element.hidden = true;
    this.element.replaceChildren();
    this.options.textarea.removeAttribute('aria-activedescendant');
    this.options.textarea.setAttribute('aria-expanded', 'false');
  }

  private render(): void {
    const options = this.items.map((item, index) => {
      const option = el('li', { className: 'completion-option', attrs: { id: `${LIST_ID}-${index}`, role: 'option', 'aria-selected': 'false' } }, [
        codicon(KIND_ICONS[item.kind]),
        el('span', { className: 'completion-label', text: item.kind === 'command' ? item.label : `#${item.label}` }),
        ...(item.detail ? [el('span', { className: 'completion-detail', text: item.detail })] : []),
      ]);
      option.addEventListener('click', () => this.pick(index));
      return option;
    });
    this.element.replaceChildren(...(options.length > 0 ? options : [el('li', { className: 'completion-empty', text: 'No matches', attrs: { role: 'presentation' } })]));
    this.element.hidden = false;
    this.options.textarea.setAttribute('aria-expanded', 'true');
    this.highlight();
  }

  private highlight(): void {
    [...this.element.querySelectorAll('[role="option"]')].forEach((option, index) => {
      option.setAttribute('aria-selected', String(index === this.active));
      if (index === this.active) option.scrollIntoView({ block: 'nearest' });
    });
    if (this.items.length > 0) this.options.textarea.setAttribute('aria-activedescendant', `${LIST_ID}-${this.active}`);
    else this.options.textarea.removeAttribute('aria-activedescendant');
  }

  private pick(index: number): void {
    const item = this.items[index];
    const at = this.open;
    if (!item || !at) return;
    const { textarea } = this.options;
    const end = at.start + 1 + at.query.length;
    // A command is completed in place; a mention becomes a chip, so its `#word` leaves the text.
    const inserted = item.kind === 'command' ? `${item.label} ` : '';
    textarea.value = textarea.value.slice(0, at.start) + inserted + textarea.value.slice(end).replace(item.kind === 'command' ? /^/ : /^ /, '');
    const cursor = at.start + inserted.length;
    textarea.setSelectionRange(cursor, cursor);
    this.close();
    if (item.kind !== 'command') {
      this.options.post({ type: 'mention/pick', kind: item.kind, id: item.id });
      this.options.announce(`Mentioned ${item.label}.`);
    }
    this.options.changed();
    textarea.focus();
  }
}
