// A one-line message under the composer: why a mention or a message was refused. A refused message comes back to
// the composer (unless something was typed since), so nothing typed is lost.
import type { HostToWebview } from '../../protocol/messages';
import { codicon, el } from '../dom';

export class ComposerNotice {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;

  constructor(private readonly restore: (draft: string) => void, private readonly announce: (text: string) => void) {
    this.text = el('span');
    this.element = el('p', { className: 'composer-notice' }, [codicon('info'), this.text]);
    this.element.hidden = true;
  }

  show(message: Extract<HostToWebview, { type: 'composer/notice' }>): void {
    this.text.textContent = message.text;
    this.element.hidden = false;
    this.announce(message.text);
    if (message.draft !== undefined) this.restore(message.draft);
  }

  clear(): void {
    this.element.hidden = true;
  }
}
