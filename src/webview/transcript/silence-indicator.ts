// "No tokens for 12 s": shown under an answer whose tokens stopped coming while the stream stays open. OpenRouter
// keeps a slow provider's connection alive with comments, which say nothing about progress, so the panel cannot tell
// a pause from a hang; it says how long the silence has lasted and leaves the choice to stop to the reader. One
// timer ticks while an answer streams; tokens only note the time, so a fast stream costs nothing extra.
import { codicon, el } from '../dom';

/** A pause shorter than this is how answers stream; a longer one is worth naming. */
export const SILENCE_SHOWN_AFTER_MS = 10_000;
const TICK_MS = 1_000;

export class SilenceIndicator {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private lastTokenAt = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    this.text = el('span');
    // Not a live region: it changes every second, and a screen reader would read each one out.
    this.element = el('div', { className: 'waiting-indicator silence-indicator' }, [codicon('watch'), this.text]);
    this.element.hidden = true;
  }

  /** A token (text or reasoning) arrived: the silence, if any, is over. */
  tokenArrived(): void {
    this.lastTokenAt = Date.now();
    if (!this.element.hidden) this.element.hidden = true;
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
  }

  /** The answer ended, or no answer streams: nothing to watch. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.element.hidden = true;
  }

  private tick(): void {
    const silentMs = Date.now() - this.lastTokenAt;
    if (silentMs < SILENCE_SHOWN_AFTER_MS) return;
    this.text.textContent = `No tokens for ${Math.floor(silentMs / 1000)} s. The provider is still connected; Stop ends the answer.`;
    this.element.hidden = false;
  }
}
