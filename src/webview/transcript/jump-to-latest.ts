// "Jump to Latest": a button below the conversation while the reader is away from its end (scrolled up to read, or
// opened at an earlier turn). It brings the latest text back into view, and the panel follows it again.
import { el, iconButton } from '../dom';

export class JumpToLatest {
  readonly button: HTMLButtonElement;
  /** Goes last in the transcript: while it is (nearly) in view, the reader is at the end and the button hides. */
  readonly endMarker: HTMLElement;

  /** `slack`: how far below the view the end may be and still count as in view, in pixels. */
  constructor(scroller: HTMLElement, slack: number, jump: () => void) {
    this.endMarker = el('div', { className: 'transcript-end', attrs: { 'aria-hidden': 'true' } });
    this.button = iconButton('arrow-down', 'Jump to Latest', jump, { className: 'jump-to-latest' });
    this.button.hidden = true;
    // Told by an observer rather than read on scroll: nothing may lay out twice in a streamed frame.
    new IntersectionObserver(([entry]) => {
      this.button.hidden = entry?.isIntersecting ?? true;
    }, { root: scroller, rootMargin: `0px 0px ${slack}px 0px` }).observe(this.endMarker);
  }
}
