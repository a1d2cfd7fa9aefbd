// The context attached to the next message: buttons to attach the selection, the current file or all open editors,
// and a chip per attachment with its size in tokens and a remove button.
import type { AttachmentChip, WebviewToHost } from '../../protocol/messages';
import { attachmentBadge } from '../attachment-badge';
import { el, iconButton } from '../dom';

export class ContextChips {
  readonly attachButtons: HTMLElement;
  readonly chips: HTMLElement;

  constructor(private readonly post: (message: WebviewToHost) => void) {
    this.attachButtons = el('div', { className: 'attach-buttons', attrs: { role: 'group', 'aria-label': 'Attach context' } }, [
      iconButton('list-selection', 'Attach Selection', () => post({ type: 'context/attach', kind: 'selection' })),
      iconButton('file-add', 'Attach Current File', () => post({ type: 'context/attach', kind: 'file' })),
      iconButton('files', 'Attach Open Editors', () => post({ type: 'context/attach', kind: 'editors' })),
    ]);
    this.chips = el('ul', { className: 'context-chips', attrs: { 'aria-label': 'Attached context' } });
    this.chips.hidden = true;
  }

  update(attachments: readonly AttachmentChip[]): void {
    const hadFocus = this.chips.contains(document.activeElement);
    this.chips.replaceChildren(...attachments.map((chip, index) =>
      attachmentBadge(chip, 'chip', [iconButton('close', `Remove ${chip.label}`, () => this.post({ type: 'context/remove', index }))])));
    this.chips.hidden = attachments.length === 0;
    // Removing a chip destroys the focused button; keep keyboard users inside the chip list.
    if (hadFocus) (this.chips.querySelector('button') ?? this.attachButtons.querySelector('button'))?.focus();
  }
}
