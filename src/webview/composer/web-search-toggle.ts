// The composer's web search toggle: on, this chat's answers may search the web (OpenRouter's web search server
// tool), each search billed at the model's search price. Its tooltip says how many searches an answer may make and
// what they could cost at most, the part of the pre-send estimate they account for.
import { formatUsd } from '../../core/format';
import type { ComposerState, WebviewToHost } from '../../protocol/messages';
import { iconButton } from '../dom';

export class WebSearchToggle {
  readonly element: HTMLButtonElement;
  private on = false;

  constructor(post: (message: WebviewToHost) => void) {
    this.element = iconButton('globe', 'Web Search', () => post({ type: 'chat/option', option: 'webSearch', on: !this.on }), { className: 'web-search-toggle' });
    this.element.setAttribute('aria-pressed', 'false');
    this.element.hidden = true;
  }

  update(state: ComposerState['webSearch']): void {
    this.element.hidden = !state;
    if (!state) return;
    this.on = state.on;
    this.element.setAttribute('aria-pressed', String(state.on));
    this.element.classList.toggle('is-on', state.on);
    const searches = `up to ${state.maxSearches} search${state.maxSearches === 1 ? '' : 'es'} an answer`;
    const cost = state.maxUsd !== undefined ? `, at most ${formatUsd(state.maxUsd)}` : '';
    const title = `Web search ${state.on ? 'on' : 'off'} for this chat (${searches}${cost})`;
    this.element.title = title;
    this.element.setAttribute('aria-label', `Web Search: ${title}`);
  }
}
