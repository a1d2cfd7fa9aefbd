// The conversation: a scrolling log of turns. Answers render lazily as they come near the viewport, so opening a
// chat of thousands of messages costs little more than opening a short one; older turns the host has not sent yet
// load on request (older-loader.ts), and in a long chat the turns far out of view leave the DOM (turn-window.ts)
// until the reader comes back near them. While the reader is at the end, new text keeps
// the end in view; once they scroll up, it stays where they are. While text streams, geometry is read only where
// layout is already done (in a resize observer), never in scroll handlers: a streamed frame must not lay out twice.
import type { Turn } from '../../core/chat/model';
import { codicon, el } from '../dom';
import { AssistantTurnView, type AnswerEnd } from './assistant-turn-view';
import { FOCUS_KEY_ATTRIBUTE } from './version-switcher';
import { JumpToLatest } from './jump-to-latest';
import { OlderLoader } from './older-loader';
import { SilenceIndicator } from './silence-indicator';
import { TurnWindow } from './turn-window';
import type { TurnContext } from './turn-context';
import { UserTurnView } from './user-turn-view';

type TurnView = UserTurnView | AssistantTurnView;

/** How close to the end (in pixels) still counts as "at the end". */
const PINNED_SLACK = 48;
/** Answers this far outside the viewport are rendered ahead of time, so scrolling does not show previews. */
const REVEAL_MARGIN = '1000px 0px';
/** Chats longer than this keep only the turns near the view in the DOM; shorter ones keep all, for find in page. */
export const WINDOW_FROM_TURNS = 100;

export interface TranscriptOptions {
  context: TurnContext;
  /** The model new answers are attributed to until their footer says otherwise. */
  currentModel(): string;
  onScrolled(): void;
}

export class TranscriptView {
  /** The scrolling log of turns. */
  readonly element: HTMLElement;
  /** The log with the Jump to Latest button below it: what the panel lays out. */
  readonly frame: HTMLElement;
  private readonly older: OlderLoader;
  private readonly window: TurnWindow;
  private readonly turnsRoot: HTMLElement;
  private readonly emptyState: HTMLElement;
  private readonly waiting: HTMLElement;
  private readonly silence = new SilenceIndicator();
  private readonly observer: IntersectionObserver;
  private readonly views = new Map<string, TurnView>();
  private readonly viewsByElement = new WeakMap<Element, TurnView>();
  private order: TurnView[] = [];
  private chatId = '';
  private streaming = false;
  private pinnedToEnd = true;
  /** scrollTop when the end was last followed: a smaller one since means the reader scrolled up. */
  private followedTop = 0;
  /**
   * The scroll height when the end was last followed. A reader who scrolled back to the end is recognised against it:
   * by the time the resize observer runs, text arriving fast may have moved the end further than PINNED_SLACK.
   */
  private followedHeight = Number.POSITIVE_INFINITY;
  /**
   * After older turns are prepended: the turn the reader was looking at and where it was on screen, kept there until
   * they scroll. The turns above it settle their heights over the next frames (their first layout, answers rendered
   * as they come near), and the browser's own scroll anchoring does not always make up for that.
   */
  private held: { element: Element; top: number } | undefined;
  /** A pointer went down on the log and is not released yet: a scrollbar drag, perhaps. */
  private pointerHeld = false;

  constructor(private readonly options: TranscriptOptions) {
    this.turnsRoot = el('div', { className: 'turns' });
    this.emptyState = el('p', { className: 'empty-state', text: 'Ask anything. Enter sends, Shift+Enter starts a new line, Up recalls earlier prompts.' });
    this.waiting = el('div', { className: 'waiting-indicator', attrs: { role: 'status' } }, [
      codicon('loading', 'codicon-modifier-spin'),
      el('span', { text: 'Waiting for provider…' }),
    ]);
    this.waiting.hidden = true;
    this.element = el('div', {
      className: 'transcript',
      // A log would announce every token; completions are announced once, through the panel's live region.
      attrs: { role: 'log', 'aria-label': 'Conversation', 'aria-live': 'off', tabindex: '0' },
    });
    this.older = new OlderLoader({ scroller: this.element, post: (message) => options.context.post(message) });
    this.element.append(this.older.button, this.emptyState, this.turnsRoot, this.waiting, this.silence.element);
    this.window = new TurnWindow({
      scroller: this.element,
      worthWindowing: () => this.order.length > WINDOW_FROM_TURNS,
      mayPark: (element) => this.mayPark(element),
    });
    this.pinned = true;
    const jump = new JumpToLatest(this.element, PINNED_SLACK, () => {
      this.scrollToEnd();
      // The button hides once the end is in view; the log keeps the focus rather than the page.
      this.element.focus({ preventScroll: true });
    });
    this.element.append(jump.endMarker);
    this.frame = el('div', { className: 'transcript-frame' }, [this.element, jump.button]);
    this.observer = new IntersectionObserver((entries) => this.revealVisible(entries), { root: this.element, rootMargin: REVEAL_MARGIN });
    this.element.addEventListener('scroll', () => options.onScrolled(), { passive: true });
    // The turns grow as text streams in; the log itself shrinks when the composer below it grows (an estimate that
    // wraps in a narrow sidebar, as an answer ends). Either moves the end, and a reader following it keeps it in view.
    const resizes = new ResizeObserver(() => this.followEnd());
    resizes.observe(this.turnsRoot);
    resizes.observe(this.element);
    // The reader's own scrolling ends the hold on their place after older turns came in: a gesture, or any scrolling
    // while a pointer is held on the log. A scrollbar taken before the page came in and dragged on sends no gesture,
    // and holding would throw the reader back down from the top each time a turn above them settled its height.
    for (const gesture of ['wheel', 'touchmove', 'keydown', 'pointerdown']) {
      this.element.addEventListener(gesture, () => (this.held = undefined), { passive: true });
    }
    this.element.addEventListener('pointerdown', () => (this.pointerHeld = true), { passive: true });
    for (const release of ['pointerup', 'pointercancel']) {
      window.addEventListener(release, () => (this.pointerHeld = false), { passive: true, capture: true });
    }
    this.element.addEventListener('scroll', () => {
      if (this.pointerHeld) this.held = undefined;
    }, { passive: true });
    // Links are opened by VS Code (it sees the click and hands the URL to the editor's opener); the webview itself
    // must never navigate away from the panel.
    this.element.addEventListener('click', (event) => {
      if (event.target instanceof Element && event.target.closest('a')) event.preventDefault();
    });
  }

  get currentChatId(): string {
    return this.chatId;
  }

  /** Whether the reader is at the end; reads layout, so not for every frame. */
  get isAtEnd(): boolean {
    return this.distanceFromEnd() <= PINNED_SLACK;
  }

  /** Rebuilds everything for a chat: after a snapshot. */
  reset(chat: { id: string; turns: readonly Turn[]; olderCount: number }, streaming: boolean): void {
    this.observer.disconnect();
    this.window.clear();
    this.views.clear();
    this.chatId = chat.id;
    this.streaming = streaming;
    // An answer already under way when the state came: its silence is counted from now.
    const last = chat.turns.at(-1);
    if (streaming && last?.role === 'assistant' && (last.text || last.reasoning)) this.silence.tokenArrived();
    else this.silence.stop();
    this.order = chat.turns.map((turn) => this.createView(turn));
    this.turnsRoot.replaceChildren(...this.order.map((view) => view.element));
    this.older.reset(chat.id, chat.olderCount);
    this.refreshInteractivity();
    this.pinned = true;
    this.followedHeight = Number.POSITIVE_INFINITY;
    this.held = undefined;
  }

  /** Adds a turn at the end, or redraws one in place (an answer showing another version). */
  appendTurn(turn: Turn): void {
    const existing = this.views.get(turn.id);
    const view = this.createView(turn);
    if (existing) {
      const focused = document.activeElement instanceof HTMLElement && existing.element.contains(document.activeElement)
        ? document.activeElement.getAttribute(FOCUS_KEY_ATTRIBUTE) : null;
      this.window.restore(existing.element);
      existing.element.replaceWith(view.element);
      this.order[this.order.indexOf(existing)] = view;
      // The reader is looking at it: no plain-text preview first, and the button they pressed keeps the focus.
      view.reveal();
      if (focused) view.element.querySelector<HTMLElement>(`[${FOCUS_KEY_ATTRIBUTE}="${focused}"]`)?.focus();
    } else {
      this.turnsRoot.append(view.element);
      this.order.push(view);
    }
    if (turn.role === 'assistant' && turn.status === 'streaming') this.streaming = true;
    this.refreshInteractivity();
  }

  /** Older turns the host sent; dropped unless they end where the shown turns begin (older-loader.ts). */
  prependOlder(turns: readonly Turn[], olderCount: number): void {
    if (!this.older.accept({ olderCount, turnCount: turns.length })) return;
    const fresh = turns.filter((turn) => !this.views.has(turn.id));
    const anchor = this.turnsRoot.firstElementChild;
    const anchorTop = anchor?.getBoundingClientRect().top ?? 0;
    const views = fresh.map((turn) => this.createView(turn));
    this.order.unshift(...views);
    this.turnsRoot.prepend(...views.map((view) => view.element));
    this.refreshInteractivity();
    this.window.reconsider();
    // Keep what the reader was looking at in place (whatever the browser's own scroll anchoring already did), now
    // and as the turns above it settle (see followEnd).
    if (anchor) {
      this.element.scrollTop += anchor.getBoundingClientRect().top - anchorTop;
      this.held = { element: anchor, top: anchorTop };
    }
  }

  answer(turnId: string): AssistantTurnView | undefined {
    const view = this.views.get(turnId);
    return view?.kind === 'assistant' ? view : undefined;
  }

  /** Ends an answer: why not, when this view cannot (it does not know the answer, or lacks some of its text). */
  endAnswer(end: AnswerEnd): 'ended' | 'unknown answer' | 'missing text' {
    const view = this.answer(end.turn.id);
    if (!view) return 'unknown answer';
    if (!view.end(end)) return 'missing text';
    this.streaming = false;
    this.setWaiting(false);
    this.silence.stop();
    this.refreshInteractivity();
    return 'ended';
  }

  /** Whether an answer is streaming: set by a snapshot or a streaming answer's arrival, cleared by its end. */
  get isStreaming(): boolean {
    return this.streaming;
  }

  setWaiting(waiting: boolean): void {
    this.waiting.hidden = !waiting;
  }

  /** Text or reasoning arrived for the streaming answer (see SilenceIndicator). */
  noteToken(): void {
    this.silence.tokenArrived();
  }

  /** The user's earlier prompts, oldest first, for recalling with Up in the composer. */
  userPrompts(): string[] {
    return this.order.filter((view): view is UserTurnView => view.kind === 'user').map((view) => view.prompt);
  }

  scrollToEnd(): void {
    this.held = undefined;
    this.element.scrollTop = this.element.scrollHeight;
    this.followedTop = this.element.scrollTop;
    this.followedHeight = this.element.scrollHeight;
    this.pinned = true;
  }

  scrollTo(top: number): void {
    this.held = undefined;
    this.element.scrollTop = top;
    this.followedTop = this.element.scrollTop;
    this.followedHeight = this.element.scrollHeight;
    this.pinned = this.isAtEnd;
  }

  get scrollTop(): number {
    return this.element.scrollTop;
  }

  private get pinned(): boolean {
    return this.pinnedToEnd;
  }

  /**
   * While the end is followed, the browser's own scroll anchoring is turned off (class following-end): it would
   * hold a node near the top of the view after every update and so cost each streamed frame a second round of
   * layout and paint, for a position followEnd replaces anyway. Once the reader scrolls up it is back on, and keeps
   * their place as the turns above them render.
   */
  private set pinned(pinned: boolean) {
    this.pinnedToEnd = pinned;
    this.element.classList.toggle('following-end', pinned);
  }

  /**
   * Runs when the turns change size, after layout: keeps following the end unless the reader scrolled up, or keeps
   * the turn held after older turns came in where it was.
   */
  private followEnd(): void {
    if (this.held && !this.held.element.isConnected) this.held = undefined;
    if (this.held) {
      this.element.scrollTop += this.held.element.getBoundingClientRect().top - this.held.top;
      this.followedTop = this.element.scrollTop;
      this.followedHeight = this.element.scrollHeight;
      return;
    }
    const top = this.element.scrollTop;
    const height = this.element.scrollHeight;
    const endBefore = Math.min(height, this.followedHeight) - this.element.clientHeight;
    if (top >= endBefore - PINNED_SLACK) this.pinned = true;
    else if (top < this.followedTop - 1) this.pinned = false;
    if (this.pinned) this.element.scrollTop = height;
    this.followedTop = this.element.scrollTop;
    this.followedHeight = height;
  }

  /** A view for `turn`, registered by id and, if it can wait, watched to be rendered once it comes near. */
  private createView(turn: Turn): TurnView {
    const view = turn.role === 'user'
      ? new UserTurnView(turn.id, turn, this.options.context)
      : new AssistantTurnView(turn.id, turn, this.options.context, this.options.currentModel());
    this.views.set(turn.id, view);
    this.viewsByElement.set(view.element, view);
    if (view.kind === 'assistant' && !view.isStreaming) this.observer.observe(view.element);
    this.window.watch(view.element);
    return view;
  }

  /** A turn may leave the DOM unless the reader is in it (focus, selection, the place held) or it is streaming. */
  private mayPark(element: HTMLElement): boolean {
    const view = this.viewsByElement.get(element);
    if (!view || (view.kind === 'assistant' && view.isStreaming) || element === this.held?.element) return false;
    if (document.activeElement && element.contains(document.activeElement)) return false;
    const selection = document.getSelection();
    return !(selection && selection.rangeCount > 0 && !selection.isCollapsed && selection.containsNode(element, true));
  }

  private revealVisible(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      this.observer.unobserve(entry.target);
      this.viewsByElement.get(entry.target)?.reveal();
    }
  }

  private refreshInteractivity(): void {
    const lastAnswer = [...this.order].reverse().find((view) => view.kind === 'assistant');
    for (const view of this.order) view.setInteractivity({ streaming: this.streaming, isLastAnswer: view === lastAnswer });
    this.emptyState.hidden = this.older.count > 0 || this.order.length > 0;
  }

  private distanceFromEnd(): number {
    return this.element.scrollHeight - this.element.scrollTop - this.element.clientHeight;
  }
}
