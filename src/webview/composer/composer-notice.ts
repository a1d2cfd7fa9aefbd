// A one-line message under the composer: why a mention, an image, a PDF or a message was refused. A refused message
// comes back to the composer (unless something was typed since), so nothing typed is lost.
import { codicon, el } from '../dom';

export class ComposerNotice {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;

  constructor(private readonly restore: (draft: string) => void, private readonly announce: (text: string) => void) {
    this.text = el('span');
    this.element = el('p', { className: 'composer-notice' }, [codicon('info'), this.text]);
    this.element.hidden = true;
  }

  /** Shows `text`; `draft` is a message the host did not send, given back to the composer. */
  show(text: string, draft?: string): void {
    this.text.textContent = text;
    this.element.hidden = false;
    this.announce(text);
    if (draft !== undefined) this.restore(draft);
  }

  clear(): void {
    this.element.hidden = true;
  }
}
