// An answer: notices above it, collapsed reasoning, the markdown body (streamed incrementally), then either the
// honest footer or an error card. Old answers render lazily: until the transcript reveals them they show their
// plain text, which costs one text node instead of a markdown parse.
import type { AnswerError, AnswerMeta, AssistantTurn, Notice } from '../../core/chat/model';
import { el, iconButton } from '../dom';
import { showCopied } from '../markdown/code-actions';
import { MarkdownView } from '../markdown/markdown-view';
import { renderErrorCard, renderFooter, renderNotice } from './answer-parts';
import { renderCitations } from './citations-view';
import type { EndedAnswer } from '../../protocol/messages';
import { STREAM_REDRAW_INTERVAL_MS } from '../../protocol/stream-timing';
import type { TurnContext, TurnInteractivity } from './turn-context';
import { VersionSwitcher } from './version-switcher';


export interface AnswerEnd {
  turn: EndedAnswer;
  /** How much text and reasoning the answer has in all; the deltas carried them. */
  textLength: number;
  reasoningLength: number;
  meta?: AnswerMeta | undefined;
  error?: AnswerError | undefined;
}

export class AssistantTurnView {
  readonly kind = 'assistant';
  readonly element: HTMLElement;
  private readonly author: HTMLElement;
  private readonly notices: HTMLElement;
  private readonly markdown: MarkdownView;
  private readonly after: HTMLElement;
  private readonly regenerateButton: HTMLButtonElement;
  private readonly regenerateWithButton: HTMLButtonElement;
  private readonly copyButton: HTMLButtonElement;
  private readonly versions: VersionSwitcher;
  /** Text and reasoning received so far, as string lengths: the end says how much there should be. */
  private textLength: number;
  private reasoningLength: number;
  /** The text node of the collapsed reasoning section, once there is reasoning. */
  private reasoning: Text | undefined;
  private pendingReasoning = '';
  /** The footer or error card of an ended answer, shown in the same frame as its last text. */
  private pendingEnd: { meta: AnswerMeta | undefined; error: AnswerError | undefined } | undefined;
  private preview: HTMLElement | undefined;
  private status: AssistantTurn['status'];
  private readonly renderFrame = (): void => this.render();
  private lastRender = -Infinity;
  private redrawTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the pending redraw timer fires (performance.now() time). */
  private redrawAt = 0;

  constructor(
    readonly id: string,
    turn: AssistantTurn,
    private readonly context: TurnContext,
    /** Shown as the author while no footer says which model answered. */
    modelHint: string,
  ) {
    this.status = turn.status;
    this.author = el('span', { className: 'turn-author', text: turn.meta?.model ?? modelHint });
    this.notices = el('ul', { className: 'notices', attrs: { 'aria-label': 'Notices' } });
    this.markdown = new MarkdownView(context.codeActions);
    this.after = el('div', { className: 'answer-after' });
    this.regenerateButton = iconButton('refresh', 'Regenerate', () => context.post({ type: 'chat/regenerate', turnId: this.id }));
    this.regenerateButton.hidden = true;
    this.regenerateWithButton = iconButton('symbol-class', 'Regenerate with Another Model', () => context.post({ type: 'chat/regenerateWith', turnId: this.id }));
    this.regenerateWithButton.hidden = true;
    this.versions = new VersionSwitcher(id, turn, (message) => context.post(message));
    this.copyButton = iconButton('copy', 'Copy Answer', () => {
      context.post({ type: 'chat/copy', turnId: this.id });
      showCopied(this.copyButton);
    });
    // The text goes in below without appendText; the reasoning goes through appendReasoning, which counts it.
    this.textLength = turn.text.length;
    this.reasoningLength = 0;
    this.element = el('article', { className: 'turn turn-assistant', attrs: { 'aria-label': 'Answer' } }, [
      el('div', { className: 'turn-header' }, [this.author, this.versions.element, this.copyButton, this.regenerateWithButton, this.regenerateButton]),
      this.notices,
      this.markdown.element,
      this.after,
    ]);
    for (const notice of turn.notices) this.addNotice(notice);
    if (turn.reasoning) this.appendReasoning(turn.reasoning);
    this.markdown.setText(turn.text);
    this.showCopyButton();
    if (turn.status === 'streaming') {
      this.element.setAttribute('aria-busy', 'true');
      context.schedule(this.renderFrame);
    } else {
      this.markdown.finish();
      this.showEnd(turn.meta, turn.error);
      this.preview = el('div', { className: 'answer-preview', text: turn.text });
      this.markdown.element.hidden = true;
      this.markdown.element.before(this.preview);
    }
  }

  get isStreaming(): boolean {
    return this.status === 'streaming';
  }

  /** Renders the markdown of a lazily shown answer; cheap to call again. */
  reveal(): void {
    if (!this.preview) return;
    this.preview.remove();
    this.preview = undefined;
    this.markdown.element.hidden = false;
    this.markdown.render();
  }

  appendText(text: string): void {
    const first = this.textLength === 0;
    this.textLength += text.length;
    this.markdown.append(text);
    this.requestRedraw(0, first);
  }

  appendReasoning(text: string): void {
    const first = this.reasoningLength === 0;
    this.reasoningLength += text.length;
    this.pendingReasoning += text;
    this.requestRedraw(0, first);
  }

  addNotice(notice: Notice): void {
    this.notices.append(renderNotice(notice));
  }

  /** Ends the answer; false, changing nothing, when this view lacks text or reasoning the end says there is. */
  end({ turn, textLength, reasoningLength, meta, error }: AnswerEnd): boolean {
    if (textLength !== this.textLength || reasoningLength !== this.reasoningLength) return false;
    this.status = turn.status;
    this.element.removeAttribute('aria-busy');
    if (turn.notices.length > 0) this.notices.replaceChildren(...turn.notices.map(renderNotice));
    this.markdown.finish();
    this.showCopyButton();
    this.pendingEnd = { meta: meta ?? turn.meta, error: error ?? turn.error };
    this.context.schedule(this.renderFrame);
    return true;
  }

  setInteractivity({ streaming, isLastAnswer }: TurnInteractivity): void {
    const canRegenerate = isLastAnswer && !streaming && this.status !== 'streaming';
    this.regenerateButton.hidden = !canRegenerate;
    this.regenerateWithButton.hidden = !canRegenerate;
    this.versions.setStreaming(streaming || this.status === 'streaming');
  }

  /** Copy is offered once an answer has ended with some text. */
  private showCopyButton(): void {
    this.copyButton.hidden = this.status === 'streaming' || this.textLength === 0;
  }

  private showEnd(meta: AnswerMeta | undefined, error: AnswerError | undefined): void {
    if (meta) this.author.textContent = meta.model;
    const parts: HTMLElement[] = [];
    if (this.status === 'stopped') parts.push(el('p', { className: 'answer-stopped', text: 'Stopped.' }));
    if (error) parts.push(renderErrorCard(error, this.id, (message) => this.context.post(message)));
    if (meta?.citations?.length) parts.push(renderCitations(meta.citations));
    if (meta) parts.push(renderFooter(meta));
    this.after.replaceChildren(...parts);
  }

  /**
   * Schedules a redraw in the next animation frame that is at least STREAM_REDRAW_INTERVAL_MS after the last, and
   * at least `delay` ms from now. The first text (or reasoning) of an answer is drawn in the next frame whenever the
   * last redraw was: the empty answer was usually drawn just before it arrived, and how soon an answer starts to
   * show is what a person feels most.
   */
  private requestRedraw(delay = 0, first = false): void {
    const now = performance.now();
    const at = first ? now : Math.max(now + delay, this.lastRender + STREAM_REDRAW_INTERVAL_MS);
    // A redraw already due as soon (text arrives in bursts) stands; a later one (waiting blocks) gives way.
    if (this.redrawTimer !== undefined) {
      if (this.redrawAt <= at) return;
      clearTimeout(this.redrawTimer);
      this.redrawTimer = undefined;
    }
    if (at <= now) {
      this.context.schedule(this.renderFrame);
      return;
    }
    this.redrawAt = at;
    this.redrawTimer = setTimeout(() => {
      this.redrawTimer = undefined;
      this.context.schedule(this.renderFrame);
    }, at - now);
  }

  private render(): void {
    this.lastRender = performance.now();
    if (this.pendingReasoning) {
      this.ensureReasoning().appendData(this.pendingReasoning);
      this.pendingReasoning = '';
    }
    if (!this.preview) {
      this.markdown.render();
      // Text held back until the next parse of the tail, or blocks waiting for their final rendering: come back,
      // even if no more text arrives.
      const delay = this.markdown.nextRenderDelay();
      if (delay !== undefined) this.requestRedraw(delay);
    }
    if (this.pendingEnd) {
      this.showEnd(this.pendingEnd.meta, this.pendingEnd.error);
      this.pendingEnd = undefined;
    }
  }

  private ensureReasoning(): Text {
    if (!this.reasoning) {
      this.reasoning = document.createTextNode('');
      this.notices.after(el('details', { className: 'reasoning' }, [
        el('summary', { text: 'Reasoning' }),
        el('div', { className: 'reasoning-text' }, [this.reasoning]),
      ]));
    }
    return this.reasoning;
  }
}
