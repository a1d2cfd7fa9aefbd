// Keeps the DOM of a long conversation bounded: a turn far out of view is parked, its element swapped for an empty
// placeholder of the height it had, and swapped back as the reader scrolls near it. Equal heights mean nothing
// around it moves, so the reading position holds both ways. The turn's view (and its element) lives on, so an
// answer parked and brought back keeps its versions, its rendered markdown and its place.
//
// An observer says which turns are far away, after layout and with their measured boxes, so nothing here reads
// geometry in a scroll handler or lays out twice in a streamed frame.

/** Turns further than this from the view are parked; well beyond what the reveal margin renders ahead of time. */
const PARK_MARGIN = '4000px 0px';
/**
 * Parked turns closer than this come back. Nearer than the parking distance, so a turn that comes back is never
 * parked again at once, should its height now differ from the placeholder's by a few pixels.
 */
const RESTORE_MARGIN = '2500px 0px';

export interface TurnWindowOptions {
  scroller: HTMLElement;
  /** Whether the conversation is long enough to window at all: short chats keep every turn, for find in page. */
  worthWindowing(): boolean;
  /** Whether this turn may be parked now (not streaming, not holding the focus, the selection or the reader's anchor). */
  mayPark(element: HTMLElement): boolean;
}

export class TurnWindow {
  private readonly farTurns: IntersectionObserver;
  private readonly nearPlaceholders: IntersectionObserver;
  /** Placeholder -> the turn element it stands in for. */
  private readonly parked = new Map<Element, HTMLElement>();
  /** Turn element -> its placeholder, while parked. */
  private readonly placeholders = new WeakMap<Element, HTMLElement>();
  private readonly watched = new Set<HTMLElement>();

  constructor(private readonly options: TurnWindowOptions) {
    this.farTurns = new IntersectionObserver((entries) => this.parkFar(entries), { root: options.scroller, rootMargin: PARK_MARGIN });
    this.nearPlaceholders = new IntersectionObserver((entries) => this.restoreNear(entries), { root: options.scroller, rootMargin: RESTORE_MARGIN });
  }

  /** How many turns are parked (for tests and the benchmark's counts). */
  get parkedCount(): number {
    return this.parked.size;
  }

  watch(element: HTMLElement): void {
    this.watched.add(element);
    this.farTurns.observe(element);
  }

  /** Forgets every turn: the transcript is being rebuilt. */
  clear(): void {
    this.farTurns.disconnect();
    this.nearPlaceholders.disconnect();
    this.parked.clear();
    this.watched.clear();
  }

  /**
   * Asks the observer about every turn again: after older turns arrive a chat may have become long enough to
   * window, and turns it already judged far away are reported only when they cross the margin.
   */
  reconsider(): void {
    if (!this.options.worthWindowing()) return;
    for (const element of this.watched) {
      if (this.placeholders.has(element)) continue;
      this.farTurns.unobserve(element);
      this.farTurns.observe(element);
    }
  }

  /** Puts a parked turn back in its place now (it is about to be redrawn or read); no-op for one in place. */
  restore(element: HTMLElement): void {
    const placeholder = this.placeholders.get(element);
    if (!placeholder) return;
    this.nearPlaceholders.unobserve(placeholder);
    // A turn back in the DOM but still far enough away for the browser to skip it (content-visibility) has lost the
    // size it remembered: it keeps the measured one, or the turns below it would move.
    element.style.containIntrinsicSize = `auto ${placeholder.style.height}`;
    placeholder.replaceWith(element);
    this.parked.delete(placeholder);
    this.placeholders.delete(element);
    this.farTurns.observe(element);
  }

  /** The element standing in the DOM for this turn: its placeholder while parked. */
  inDom(element: HTMLElement): HTMLElement {
    return this.placeholders.get(element) ?? element;
  }

  private parkFar(entries: IntersectionObserverEntry[]): void {
    if (!this.options.worthWindowing()) return;
    const toPark = new Map<Element, HTMLElement>();
    for (const entry of entries) {
      const target = entry.target as HTMLElement;
      const height = entry.boundingClientRect.height;
      if (entry.isIntersecting || height <= 0 || !target.isConnected || this.placeholders.has(target) || !this.options.mayPark(target)) continue;
      toPark.set(target, this.placeholderFor(target, height));
    }
    const parent = toPark.keys().next().value?.parentElement;
    if (!parent) return;
    // One change of the list rather than one per turn: a chat opened with thousands of turns parks nearly all of
    // them at once, and replacing them one by one costs the browser far more than rebuilding the list.
    parent.replaceChildren(...Array.from(parent.children, (child) => toPark.get(child) ?? child));
  }

  private restoreNear(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const turn = this.parked.get(entry.target);
      if (turn && entry.isIntersecting) this.restore(turn);
    }
  }

  private placeholderFor(element: HTMLElement, height: number): HTMLElement {
    const placeholder = document.createElement('div');
    placeholder.className = 'turn-placeholder';
    placeholder.setAttribute('aria-hidden', 'true');
    placeholder.style.height = `${height}px`;
    this.farTurns.unobserve(element);
    this.parked.set(placeholder, element);
    this.placeholders.set(element, placeholder);
    this.nearPlaceholders.observe(placeholder);
    return placeholder;
  }
}
