// A polite live region for the few things worth announcing: an answer finished, stopped or failed. Tokens are
// never announced one by one (the transcript's own live updates are switched off for that reason).
import { el } from './dom';

export class Announcer {
  readonly element: HTMLElement;

  constructor() {
    this.element = el('div', { className: 'visually-hidden', attrs: { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' } });
  }

  announce(text: string): void {
    // Screen readers skip a region whose text did not change; a trailing no-break space makes a repeat count.
    this.element.textContent = this.element.textContent === text ? `${text}\u00a0` : text;
  }
}
