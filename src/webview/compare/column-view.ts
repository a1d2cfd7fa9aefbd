// One column of the compare panel: a model's answer streaming through the chat panel's renderer, its footer (model,
// provider, time to first token, tokens per second, tokens, exact cost) or error card, and its buttons.
import type { ErrorAction } from '../../core/chat/model';
import { blindLabel, type CompareColumn, type Comparison } from '../../core/compare/comparison';
import { columnSpeed } from '../../core/compare/compare-summary';
import { COLUMN_ERROR_ACTIONS, type ColumnErrorAction, type CompareToHost } from '../../protocol/compare';
import { STREAM_REDRAW_INTERVAL_MS } from '../../protocol/stream-timing';
import { el, iconButton, textButton } from '../dom';
import type { CodeActions } from '../markdown/code-actions';
import { MarkdownView } from '../markdown/markdown-view';
import { footerFacts, renderErrorCard, renderNotice } from '../transcript/answer-parts';

const STATUS_TEXT: Record<CompareColumn['status'], string> = {
  waiting: 'Waiting…',
  streaming: 'Streaming…',
  done: 'Done',
  stopped: 'Stopped',
  error: 'Failed',
};

/** Facts that name the model: hidden while a blind comparison is not revealed. */
const NAMING_FACTS = new Set(['Answered by', 'Provider']);

/** The error card's buttons that post `action/run`, which the host runs as the chat panel's do. */
const OUTWARD_ACTIONS: ReadonlySet<ErrorAction> = new Set(['set_key', 'top_up', 'raise_limit', 'privacy_settings', 'routing_settings']);

function isColumnAction(action: string): action is ColumnErrorAction {
  return (COLUMN_ERROR_ACTIONS as readonly string[]).includes(action);
}

export interface ColumnContext {
  post: (message: CompareToHost) => void;
  codeActions: CodeActions;
  /** Runs a task in the next animation frame, once however often it is asked for before then. */
  schedule: (task: () => void) => void;
}

export class ColumnView {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly status: HTMLElement;
  private readonly marks: HTMLElement;
  private readonly notices: HTMLElement;
  private readonly after: HTMLElement;
  private readonly actions: HTMLElement;
  private markdown: MarkdownView;
  private column: CompareColumn;
  private readonly renderFrame = (): void => this.render();
  private redrawTimer: ReturnType<typeof setTimeout> | undefined;
  private lastRender = -Infinity;

  constructor(column: CompareColumn, private readonly context: ColumnContext) {
    this.column = column;
    this.title = el('h2', { className: 'column-title' });
    this.status = el('span', { className: 'column-status', attrs: { role: 'status' } });
    this.marks = el('span', { className: 'column-marks' });
    this.notices = el('ul', { className: 'notices', attrs: { 'aria-label': 'Notices' } });
    this.markdown = new MarkdownView(context.codeActions);
    this.after = el('div', { className: 'answer-after' });
    this.actions = el('div', { className: 'column-actions' });
    this.element = el('section', { className: 'compare-column', attrs: { 'data-column': column.id } }, [
      el('header', { className: 'column-header' }, [this.title, this.status, this.marks]),
      this.notices,
      el('div', { className: 'column-body' }, [this.markdown.element]),
      this.after,
      this.actions,
    ]);
    this.markdown.setText(column.text);
  }

  get run(): number {
    return this.column.run;
  }

  /** Text streamed into the current run; drawn in the next frame, at most every redraw interval. */
  appendText(text: string): void {
    this.column.text += text;
    this.markdown.append(text);
    this.requestRedraw();
  }

  /** The column's whole state: its model, status, text and end; `decorate` draws what goes around the text. */
  update(column: CompareColumn): void {
    if (column.run !== this.column.run) {
      this.markdown = new MarkdownView(this.context.codeActions);
      this.element.querySelector('.column-body')?.replaceChildren(this.markdown.element);
    }
    this.column = column;
    this.markdown.setText(column.text);
    if (column.status !== 'waiting' && column.status !== 'streaming') this.markdown.finish();
    this.requestRedraw();
  }

  /** The parts that depend on the comparison: the name (hidden when blind), the marks, the buttons. */
  decorate(comparison: Comparison, marks: readonly string[] = []): void {
    const column = this.column;
    const named = comparison.revealed;
    const running = column.status === 'waiting' || column.status === 'streaming';
    this.title.textContent = named ? column.meta?.model ?? column.model : blindLabel(comparison, column.id);
    this.title.title = named ? column.model : 'The model’s name shows once you pick an answer';
    this.status.textContent = STATUS_TEXT[column.status];
    this.status.className = `column-status status-${column.status}`;
    this.element.setAttribute('aria-busy', String(running));
    this.element.classList.toggle('is-winner', comparison.winner === column.id);
    this.marks.replaceChildren(...marks.map((mark) => el('span', { className: 'column-mark', text: mark })));
    this.notices.replaceChildren(...column.notices.map(renderNotice));
    this.after.replaceChildren(...this.endParts(named));
    this.actions.replaceChildren(...this.buttons(comparison, running));
  }

  private endParts(named: boolean): HTMLElement[] {
    const column = this.column;
    const parts: HTMLElement[] = [];
    if (column.error) {
      // The card keeps the ways out that lead elsewhere (Top Up Credits, Set Key, a setting); the ways that speak to
      // the chat (Retry, Pick Another Model, Continue with…) are the column's own buttons below.
      const outward = column.error.actions.filter((action) => OUTWARD_ACTIONS.has(action));
      parts.push(renderErrorCard({ ...column.error, actions: outward }, column.id, (message) => {
        if (message.type === 'action/run' && isColumnAction(message.action)) this.context.post({ type: 'action/run', action: message.action });
      }));
    }
    if (column.meta && column.status !== 'error') {
      const speed = columnSpeed(column);
      const facts = footerFacts(column.meta).filter((fact) => named || !NAMING_FACTS.has(fact.label));
      if (speed.tokensPerSecond !== undefined) facts.push({ label: 'Speed', text: `${speed.tokensPerSecond.toFixed(1)} tokens/s` });
      parts.push(el('ul', { className: 'answer-footer', attrs: { 'aria-label': 'Answer details' } },
        facts.map((fact) => el('li', { className: 'footer-fact', text: fact.text, attrs: { title: fact.label, 'data-fact': fact.label } }))));
    }
    return parts;
  }

  private buttons(comparison: Comparison, running: boolean): HTMLElement[] {
    const columnId = this.column.id;
    const post = this.context.post;
    if (running) return [iconButton('debug-stop', 'Stop', () => post({ type: 'compare/stop', columnId }), { text: 'Stop', className: 'column-stop' })];
    const again = this.column.status === 'error' ? 'Retry' : 'Re-run';
    const buttons: HTMLElement[] = [
      iconButton('refresh', again, () => post({ type: 'compare/rerun', columnId, pickModel: false }), { text: again }),
      iconButton('symbol-class', 'Pick Another Model', () => post({ type: 'compare/rerun', columnId, pickModel: true }), { text: 'Pick Another Model' }),
    ];
    if (this.column.text.trim() !== '' && comparison.winner === undefined) {
      const name = comparison.revealed ? this.column.meta?.model ?? this.column.model : blindLabel(comparison, columnId);
      buttons.unshift(textButton(`Continue with ${name}`, () => post({ type: 'compare/pick', columnId }), 'text-button primary column-pick'));
    }
    return buttons;
  }

  private requestRedraw(): void {
    if (this.redrawTimer !== undefined) return;
    const wait = Math.max(0, this.lastRender + STREAM_REDRAW_INTERVAL_MS - performance.now());
    if (wait === 0) {
      this.context.schedule(this.renderFrame);
      return;
    }
    this.redrawTimer = setTimeout(() => {
      this.redrawTimer = undefined;
      this.context.schedule(this.renderFrame);
    }, wait);
  }

  private render(): void {
    this.lastRender = performance.now();
    this.markdown.render(this.lastRender);
    const delay = this.markdown.nextRenderDelay(this.lastRender);
    if (delay !== undefined && this.redrawTimer === undefined) {
      this.redrawTimer = setTimeout(() => {
        this.redrawTimer = undefined;
        this.context.schedule(this.renderFrame);
      }, delay);
    }
  }
}
