// The composer: a growing textarea, Send (Stop while an answer streams), attached context and the pre-send
// estimate. Enter sends, Shift+Enter adds a line, Up and Down recall earlier prompts, Escape stops an answer. `#` and
// `/` open a completion list (completion-list.ts), which has the keys while it shows.
// The host keeps the draft: it is posted a moment after typing stops, so a reload never loses it.
import { isMedia } from '../../core/chat/media-attachment';
import { describeCheaper, describeEstimate } from '../../core/chat/prompt-estimate';
import type { ComposerState, WebviewToHost } from '../../protocol/messages';
import { codicon, el } from '../dom';
import { CompletionList } from './completion-list';
import { ComposerNotice } from './composer-notice';
import { ContextChips } from './context-chips';
import { MediaIntake } from './media-intake';
import { NoImagesWarning } from './no-images-warning';
import { PromptRecall } from './prompt-recall';
import { InstructionsChip } from './instructions-chip';
import { WebSearchToggle } from './web-search-toggle';

const DRAFT_DEBOUNCE_MS = 300;

export interface ComposerOptions {
  post(message: WebviewToHost): void;
  /** Earlier prompts of this chat, oldest first. */
  prompts(): readonly string[];
  /** Says something through the panel's polite live region. */
  announce(text: string): void;
}

export class ComposerView {
  readonly element: HTMLElement;
  private readonly textarea: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly estimate: HTMLElement;
  private readonly estimateText: HTMLElement;
  /** Names a favourite or preset that would answer this prompt for much less; a click makes it the model in use. */
  private readonly cheaperButton: HTMLButtonElement;
  private cheaperModel: string | undefined;
  private readonly chips: ContextChips;
  private readonly webSearch: WebSearchToggle;
  private readonly instructions: InstructionsChip;
  private readonly recall = new PromptRecall();
  readonly completions: CompletionList;
  readonly notice: ComposerNotice;
  /** Images and PDFs: paste, drop and the attach button. */
  readonly media: MediaIntake;
  private readonly noImages: NoImagesWarning;
  /** The host's draft revision last shown; none before the first state. */
  private draftRevision: number | undefined;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  private streaming = false;
  private hasMedia = false;
  private overContext = false;
  private overBudget = false;

  constructor(private readonly options: ComposerOptions) {
    this.textarea = el('textarea', {
      className: 'composer-input',
      attrs: { 'aria-label': 'Message OpenRouter', 'aria-describedby': 'composer-estimate', placeholder: 'Ask OpenRouter…', rows: '1' },
    });
    this.sendButton = el('button', { className: 'icon-button send-button', attrs: { type: 'button' } }, [codicon('send')]);
    this.estimateText = el('span');
    this.estimate = el('span', { className: 'composer-estimate', attrs: { id: 'composer-estimate' } }, [codicon('warning'), this.estimateText]);
    this.cheaperButton = el('button', { className: 'text-button cheaper-model', attrs: { type: 'button' } });
    this.cheaperButton.hidden = true;
    this.cheaperButton.addEventListener('click', () => {
      if (this.cheaperModel) this.options.post({ type: 'model/pick', model: this.cheaperModel });
    });
    this.chips = new ContextChips(options.post);
    this.webSearch = new WebSearchToggle(options.post);
    this.instructions = new InstructionsChip(options.post);
    this.completions = new CompletionList({ textarea: this.textarea, post: options.post, announce: options.announce, changed: () => this.onInput() });
    this.notice = new ComposerNotice((draft) => this.putBack(draft), options.announce);
    this.element = el('div', { className: 'composer' }, [
      this.completions.element,
      this.instructions.element,
      this.chips.chips,
      el('div', { className: 'composer-input-row' }, [this.textarea, this.sendButton]),
      this.notice.element,
      el('div', { className: 'composer-footer' }, [el('div', { className: 'composer-tools' }, [this.chips.attachButtons, this.webSearch.element]), this.estimate, this.cheaperButton]),
    ]);
    this.media = new MediaIntake(options.post, this.notice, this.element, this.textarea);
    this.noImages = new NoImagesWarning(options.post, options.announce);
    this.chips.attachButtons.append(...this.media.elements);
    this.chips.chips.after(this.noImages.element);
    this.setStreaming(false);
    this.textarea.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.textarea.addEventListener('input', () => this.onInput());
    this.sendButton.addEventListener('click', () => (this.streaming ? this.stop() : this.send()));
    // A hidden webview is destroyed: post a pending draft before that happens.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.flushDraft();
    });
    window.addEventListener('pagehide', () => this.flushDraft());
  }

  focus(): void {
    this.textarea.focus();
  }

  /**
   * Applies the host's composer state; its draft only on first load or when the host changed it itself. Any other
   * draft is our own typing coming back, possibly older than the text here now (a snapshot built before the host
   * had the last keystrokes): showing it would eat what was typed since.
   */
  update(composer: ComposerState): void {
    this.chips.update(composer.attachments);
    // A picture or a PDF is a question on its own ("what is this?"); a file of text still wants words with it.
    this.hasMedia = composer.attachments.some(isMedia);
    this.webSearch.update(composer.webSearch);
    this.instructions.update(composer.instructions);
    this.showEstimate(composer.estimate);
    this.noImages.update(composer.noImages);
    if (composer.draftRevision === this.draftRevision) return;
    this.draftRevision = composer.draftRevision;
    if (composer.draft !== this.textarea.value) {
      this.cancelDraftTimer();
      this.textarea.value = composer.draft;
      this.resize();
    }
  }

  setStreaming(streaming: boolean): void {
    this.streaming = streaming;
    const label = streaming ? 'Stop' : 'Send';
    this.sendButton.setAttribute('aria-label', label);
    this.sendButton.title = streaming ? 'Stop (Escape)' : 'Send (Enter)';
    this.sendButton.classList.toggle('is-stop', streaming);
    this.sendButton.querySelector('.codicon')?.classList.replace(streaming ? 'codicon-send' : 'codicon-debug-stop', streaming ? 'codicon-debug-stop' : 'codicon-send');
  }

  private send(): void {
    const text = this.textarea.value;
    if ((text.trim() === '' && !this.hasMedia) || this.streaming) return;
    this.options.post({ type: 'chat/send', text });
    this.notice.clear();
    this.textarea.value = '';
    this.recall.reset();
    this.resize();
    this.cancelDraftTimer();
    this.postDraft('');
    this.textarea.focus();
  }

  private stop(): void {
    this.options.post({ type: 'chat/stop' });
    this.textarea.focus();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.isComposing || this.completions.onKeyDown(event)) return;
    const { selectionStart, selectionEnd, value } = this.textarea;
    const collapsed = selectionStart === selectionEnd;
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      this.send();
    } else if (event.key === 'ArrowUp' && collapsed && (value === '' || selectionStart === 0 || (this.recall.isRecalling && !value.slice(0, selectionStart).includes('\n')))) {
      this.showRecalled(event, this.recall.older(this.options.prompts(), value));
    } else if (event.key === 'ArrowDown' && collapsed && this.recall.isRecalling && !value.slice(selectionEnd).includes('\n')) {
      this.showRecalled(event, this.recall.newer(this.options.prompts()));
    }
  }

  private showRecalled(event: KeyboardEvent, text: string | undefined): void {
    if (text === undefined) return;
    event.preventDefault();
    this.textarea.value = text;
    this.textarea.setSelectionRange(text.length, text.length);
    this.resize();
  }

  /** A message the host did not send, back in the composer unless something was typed since. */
  private putBack(draft: string): void {
    if (this.textarea.value !== '') return;
    this.textarea.value = draft;
    this.onInput();
  }

  private onInput(): void {
    this.completions.update();
    this.recall.reset();
    this.resize();
    this.cancelDraftTimer();
    this.draftTimer = setTimeout(() => this.flushDraft(), DRAFT_DEBOUNCE_MS);
  }

  /** Posts a draft still waiting for the typing pause now. */
  flushDraft(): void {
    if (this.draftTimer === undefined) return;
    this.cancelDraftTimer();
    this.postDraft(this.textarea.value);
  }

  private postDraft(text: string): void {
    this.options.post({ type: 'composer/draft', text });
  }

  private cancelDraftTimer(): void {
    if (this.draftTimer !== undefined) clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
  }

  private resize(): void {
    // Grow with the text up to chat.css's max-height, then scroll; CSSOM styles are allowed by the CSP, style
    // attributes are not. (Escape, which stops an answer, is the panel's: it works from anywhere in it.)
    this.textarea.style.height = 'auto';
    this.textarea.style.height = `${this.textarea.scrollHeight}px`;
  }

  private showEstimate(estimate: ComposerState['estimate']): void {
    this.showCheaper(estimate);
    if (!estimate) {
      this.estimateText.textContent = '';
      this.estimate.hidden = true;
      return;
    }
    const { text, title, overContext, overBudget, warning } = describeEstimate(estimate);
    this.estimateText.textContent = text;
    this.estimate.title = title;
    this.estimate.classList.toggle('over-context', overContext);
    this.estimate.classList.toggle('over-budget', overBudget);
    this.estimate.hidden = false;
    // Said once as the prompt outgrows the model or the budget, not on every keystroke after.
    if (warning && ((overContext && !this.overContext) || (overBudget && !this.overBudget))) this.options.announce(warning);
    this.overContext = overContext;
    this.overBudget = overBudget;
  }

  private showCheaper(estimate: ComposerState['estimate']): void {
    const cheaper = estimate?.cheaper;
    this.cheaperModel = cheaper?.model;
    this.cheaperButton.hidden = !cheaper;
    if (!cheaper) return;
    const { label, title } = describeCheaper(cheaper, estimate.worstCaseUsd);
    this.cheaperButton.textContent = label;
    this.cheaperButton.title = title;
    this.cheaperButton.setAttribute('aria-label', `Use ${cheaper.model}: ${title}`);
  }
}
