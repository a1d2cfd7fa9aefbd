// A message the user sent: its text (never parsed as markdown), its attachments, and Edit, which resends it. A
// command's message shows `/explain` and its code's chip; Show Prompt opens what the model got, as plain text.
import type { UserTurn } from '../../core/chat/model';
import { sentContent } from '../../core/chat/user-content';
import { attachmentBadge } from '../attachment-badge';
import { el, iconButton, textButton } from '../dom';
import type { TurnContext, TurnInteractivity } from './turn-context';

export class UserTurnView {
  readonly kind = 'user';
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly editButton: HTMLButtonElement;
  private text: string;

  constructor(
    readonly id: string,
    turn: UserTurn,
    private readonly context: TurnContext,
  ) {
    this.text = turn.text;
    this.editButton = iconButton('edit', 'Edit message', () => this.startEditing());
    this.body = el('div', { className: 'user-text', text: turn.text });
    const attachments = turn.attachments.map((attachment) => attachmentBadge(attachment, 'attachment'));
    this.element = el('article', { className: 'turn turn-user', attrs: { 'aria-label': 'You' } }, [
      el('div', { className: 'turn-header' }, [el('span', { className: 'turn-author', text: 'You' }), this.editButton]),
      this.body,
      ...(attachments.length > 0 ? [el('ul', { className: 'attachment-list', attrs: { 'aria-label': 'Attached context' } }, attachments)] : []),
      ...(turn.command ? [sentPrompt(turn)] : []),
    ]);
  }

  get prompt(): string {
    return this.text;
  }

  setInteractivity({ streaming }: TurnInteractivity): void {
    this.editButton.disabled = streaming;
  }

  /** User turns are cheap: plain text, nothing to render lazily. */
  reveal(): void {}

  private startEditing(): void {
    const box = el('textarea', { className: 'edit-box', attrs: { 'aria-label': 'Edit message', rows: '3' } });
    box.value = this.text;
    const finish = (): void => {
      editor.replaceWith(this.body);
      this.editButton.hidden = false;
      this.editButton.focus();
    };
    const submit = (): void => {
      const text = box.value.trim();
      if (!text) return;
      this.context.post({ type: 'chat/edit', turnId: this.id, text });
      // The host drops what followed and sends the new state; show the new text until then.
      this.text = text;
      this.body.textContent = text;
      editor.replaceWith(this.body);
      this.editButton.hidden = false;
      this.context.focusComposer();
    };
    box.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submit();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        finish();
      }
    });
    const editor = el('div', { className: 'edit-area' }, [
      box,
      el('div', { className: 'edit-actions' }, [textButton('Save and Send', submit, 'text-button primary'), textButton('Cancel', finish)]),
    ]);
    this.body.replaceWith(editor);
    this.editButton.hidden = true;
    box.focus();
  }
}

/** What a command's turn sent in place of its `/name`, collapsed: a native disclosure, so keyboard and screen readers reach it. */
function sentPrompt(turn: UserTurn): HTMLElement {
  return el('details', { className: 'sent-prompt' }, [
    el('summary', { text: 'Show prompt' }),
    el('pre', { className: 'sent-prompt-text', text: sentContent(turn) }),
  ]);
}
