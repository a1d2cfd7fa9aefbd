// "Load earlier messages": the button above the oldest turn shown, and the requests for older turns it makes when
// clicked or when a reader who has scrolled reaches it. Pages grow while the reader keeps scrolling up
// (core/chat/older-pages.ts), so the top of a long chat is a few round trips away.
//
// Whether the button is in view is told by an observer, never read in a scroll handler. After each page the button
// is observed afresh, so a reader still at the top (a fling, a scrollbar held at the top) gets the next page without
// having to scroll away and back; and a page arriving does not forget that the reader was scrolling.
import { continuesShownTurns, nextOlderPageSize } from '../../core/chat/older-pages';
import type { WebviewToHost } from '../../protocol/messages';
import { textButton } from '../dom';

export interface OlderLoaderOptions {
  /** The scrolling log the button sits in. */
  scroller: HTMLElement;
  post(message: WebviewToHost): void;
  now?: () => number;
}

export class OlderLoader {
  readonly button: HTMLButtonElement;
  private readonly observer: IntersectionObserver;
  private readonly now: () => number;
  private chatId = '';
  private olderCount = 0;
  /** Set while a request is unanswered: one at a time. */
  private requested = false;
  private lastPage: { size: number; at: number } | undefined;
  private buttonInView = false;
  /** The reader has scrolled (wheel, touch, keys, scrollbar) in this chat: reaching the button then asks for more. */
  private readerScrolled = false;

  constructor(private readonly options: OlderLoaderOptions) {
    // The wall clock: page growth needs only gaps of seconds, and a page test can hold it still.
    this.now = options.now ?? (() => Date.now());
    this.button = textButton('Load earlier messages', () => this.request(), 'text-button load-earlier');
    // Shown once a snapshot says there are earlier messages.
    this.button.hidden = true;
    this.observer = new IntersectionObserver(([entry]) => {
      this.buttonInView = entry?.isIntersecting ?? false;
      if (this.buttonInView && this.readerScrolled) this.request();
    }, { root: options.scroller });
    this.observer.observe(this.button);
    for (const gesture of ['wheel', 'touchmove', 'keydown', 'pointerdown']) {
      options.scroller.addEventListener(gesture, () => (this.readerScrolled = true), { passive: true });
    }
    // A scrollbar dragged up to the button: the drag's pointerdown came first, its scrolling after.
    options.scroller.addEventListener('scroll', () => {
      if (this.buttonInView && this.readerScrolled) this.request();
    }, { passive: true });
  }

  get count(): number {
    return this.olderCount;
  }

  /** A snapshot: another chat, or this one rebuilt. A reply to a request made before it no longer fits. */
  reset(chatId: string, olderCount: number): void {
    this.chatId = chatId;
    this.requested = false;
    this.lastPage = undefined;
    this.readerScrolled = false;
    this.setCount(olderCount);
  }

  /**
   * Whether a reply of older turns continues the turns shown, to be prepended; a stale one (see
   * `continuesShownTurns`) is dropped and the loader may ask again.
   */
  accept(reply: { olderCount: number; turnCount: number }): boolean {
    // A stale reply answers a request of before the snapshot; one made since may still be on its way.
    if (!continuesShownTurns(this.olderCount, reply)) return false;
    this.requested = false;
    this.lastPage = { size: reply.turnCount, at: this.now() };
    this.setCount(reply.olderCount);
    // Told afresh once the page is laid out: still in view means the reader is still at the top.
    this.buttonInView = false;
    this.observer.unobserve(this.button);
    this.observer.observe(this.button);
    return true;
  }

  private request(): void {
    if (this.olderCount === 0 || this.requested) return;
    this.requested = true;
    const count = nextOlderPageSize(this.lastPage?.size, this.lastPage ? this.now() - this.lastPage.at : undefined);
    this.options.post({ type: 'history/older', chatId: this.chatId, before: this.olderCount, count });
  }

  private setCount(count: number): void {
    this.olderCount = count;
    this.button.hidden = count === 0;
    this.button.textContent = `Load earlier messages (${count.toLocaleString('en-US')} more)`;
  }
}
