// The project's instructions as a chip above the composer: which files (AGENTS.md and the like) go with this chat's
// questions and their size in tokens, with a switch to leave them out of this chat. In an untrusted workspace the
// chip says the files were not read, and why.
import { formatTokens } from '../../core/format';
import type { ComposerState, WebviewToHost } from '../../protocol/messages';
import { codicon, el, iconButton } from '../dom';

export class InstructionsChip {
  readonly element: HTMLElement;

  constructor(private readonly post: (message: WebviewToHost) => void) {
    this.element = el('div', { className: 'instructions-chip' });
    this.element.hidden = true;
  }

  update(state: ComposerState['instructions']): void {
    const hadFocus = this.element.contains(document.activeElement);
    this.element.hidden = !state;
    if (!state) return this.element.replaceChildren();
    // Struck through only when this chat left them out; unread files are not "off", and the sentence must read whole.
    this.element.classList.toggle('is-off', !state.on && !state.untrusted);
    this.element.classList.toggle('is-untrusted', state.untrusted === true);
    if (state.untrusted) {
      this.element.replaceChildren(codicon('shield'), el('span', { className: 'chip-label', text: 'Project instructions not read: this workspace is not trusted' }));
      this.element.title = 'AGENTS.md and the other instruction files are read only in a trusted workspace.';
      return;
    }
    const names = state.files.join(', ');
    const label = state.on ? `Project instructions: ${names}` : `Project instructions left out: ${names}`;
    const toggle = iconButton(state.on ? 'eye' : 'eye-closed', state.on ? 'Leave Out of This Chat' : 'Send with This Chat',
      () => this.post({ type: 'chat/option', option: 'instructions', on: !state.on }));
    toggle.setAttribute('aria-pressed', String(state.on));
    this.element.title = label;
    this.element.replaceChildren(
      codicon('book'),
      el('span', { className: 'chip-label', text: names }),
      el('span', { className: 'chip-tokens', text: `~${formatTokens(state.tokens)} tokens` }),
      toggle,
    );
    this.element.setAttribute('aria-label', label);
    this.element.setAttribute('role', 'group');
    if (hadFocus) toggle.focus();
  }
}
