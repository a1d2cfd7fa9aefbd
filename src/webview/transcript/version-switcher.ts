// The ‹ 1/2 › of an answer asked again: Regenerate keeps the earlier versions, and these buttons browse them. The
// host swaps the version shown and sends the answer back, redrawn in place; the panel never changes it itself.
import { versionPosition } from '../../core/chat/answer-versions';
import type { AssistantTurn } from '../../core/chat/model';
import type { WebviewToHost } from '../../protocol/messages';
import { el, iconButton } from '../dom';

/** Marks the switcher's buttons, so the redrawn answer gives focus back to the one that had it. */
export const FOCUS_KEY_ATTRIBUTE = 'data-focus-key';

export class VersionSwitcher {
  readonly element: HTMLElement;
  private readonly previous: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly shown: number;
  private readonly count: number;
  private streaming = false;

  constructor(turnId: string, turn: AssistantTurn, post: (message: WebviewToHost) => void) {
    ({ shown: this.shown, count: this.count } = versionPosition(turn));
    const show = (version: number) => (): void => {
      if (!this.streaming && version >= 0 && version < this.count) post({ type: 'chat/showVersion', turnId, version });
    };
    this.previous = iconButton('chevron-left', 'Previous Answer', show(this.shown - 1));
    this.next = iconButton('chevron-right', 'Next Answer', show(this.shown + 1));
    this.previous.setAttribute(FOCUS_KEY_ATTRIBUTE, 'previous-version');
    this.next.setAttribute(FOCUS_KEY_ATTRIBUTE, 'next-version');
    const label = el('span', { className: 'answer-version-label', text: `${this.shown + 1}/${this.count}`, attrs: { title: `Answer ${this.shown + 1} of ${this.count}` } });
    this.element = el('div', {
      className: 'answer-versions',
      attrs: { role: 'group', 'aria-label': `Answer ${this.shown + 1} of ${this.count}` },
    }, [this.previous, label, this.next]);
    this.element.hidden = this.count < 2;
    this.refresh();
  }

  /** While an answer streams the versions stay as they are: the request in flight was built from the one shown. */
  setStreaming(streaming: boolean): void {
    this.streaming = streaming;
    this.refresh();
  }

  /**
   * aria-disabled rather than disabled: a button that becomes unusable (the first version reached) keeps the focus
   * and says why nothing happens, instead of dropping the keyboard user at the top of the page.
   */
  private refresh(): void {
    this.previous.setAttribute('aria-disabled', String(this.streaming || this.shown === 0));
    this.next.setAttribute('aria-disabled', String(this.streaming || this.shown >= this.count - 1));
  }
}
