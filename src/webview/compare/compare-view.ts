// The compare panel's page: the prompt, Stop All, Export, the summary row, and one column per model, side by side
// (stacked when the panel is narrow; compare.css decides with a container query). It draws what the host sends and
// owns no state of its own: a gap in the numbered messages asks the host for the whole comparison again.
import { summariseComparison } from '../../core/compare/compare-summary';
import { blindLabel, isRunning, type CompareColumn, type Comparison } from '../../core/compare/comparison';
import { formatUsd } from '../../core/format';
import { assertNever } from '../../core/assert-never';
import type { CompareToHost, HostToCompare } from '../../protocol/compare';
import { el, iconButton } from '../dom';
import { FrameScheduler } from '../frame-scheduler';
import { postingCodeActions } from '../markdown/code-actions';
import { SeqGate } from '../seq-gate';
import { ColumnView, type ColumnContext } from './column-view';

export class CompareView {
  private readonly prompt: HTMLElement;
  private readonly stopAll: HTMLButtonElement;
  private readonly reveal: HTMLButtonElement;
  private readonly summary: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly gate = new SeqGate();
  private readonly scheduler = new FrameScheduler();
  private readonly context: ColumnContext;
  private comparison: Comparison | undefined;
  private readonly columns = new Map<string, ColumnView>();

  constructor(root: HTMLElement, private readonly post: (message: CompareToHost) => void) {
    this.context = {
      post,
      schedule: (task) => this.scheduler.schedule(task),
      codeActions: postingCodeActions(post),
    };
    this.prompt = el('p', { className: 'compare-prompt' });
    this.stopAll = iconButton('debug-stop', 'Stop All', () => post({ type: 'compare/stopAll' }), { text: 'Stop All', className: 'compare-stop-all' });
    this.reveal = iconButton('eye', 'Show Model Names', () => post({ type: 'compare/reveal' }), { text: 'Show Names', className: 'compare-reveal' });
    const exportButton = iconButton('markdown', 'Export as Markdown', () => post({ type: 'compare/export' }), { text: 'Export', className: 'compare-export' });
    this.summary = el('p', { className: 'compare-summary', attrs: { role: 'status', 'aria-label': 'Summary' } });
    this.grid = el('div', { className: 'compare-grid' });
    root.replaceChildren(
      el('header', { className: 'compare-header' }, [this.prompt, el('div', { className: 'compare-toolbar' }, [this.stopAll, this.reveal, exportButton])]),
      this.summary,
      el('div', { className: 'compare-frame' }, [this.grid]),
    );
  }

  receive(message: HostToCompare): void {
    if (message.type === 'compare/state') {
      this.gate.acceptSnapshot(message.seq);
      return this.show(message.comparison);
    }
    const verdict = this.gate.check(message.seq);
    if (verdict === 'gap') this.post({ type: 'compare/ready' });
    if (verdict !== 'apply' || !this.comparison) return;
    switch (message.type) {
      case 'compare/delta': {
        const view = this.columns.get(message.columnId);
        const column = this.columnState(message.columnId);
        if (!view || !column || view.run !== message.run) return;
        column.text += message.text;
        return view.appendText(message.text);
      }
      case 'compare/column': {
        const index = this.comparison.columns.findIndex((column) => column.id === message.column.id);
        if (index < 0) return;
        this.comparison.columns[index] = message.column;
        this.columns.get(message.column.id)?.update(structuredClone(message.column));
        return this.decorate();
      }
      case 'compare/meta':
        this.comparison.revealed = message.revealed;
        if (message.winner) this.comparison.winner = message.winner;
        else delete this.comparison.winner;
        return this.decorate();
      default:
        assertNever(message);
    }
  }

  private columnState(id: string): CompareColumn | undefined {
    return this.comparison?.columns.find((column) => column.id === id);
  }

  private show(comparison: Comparison): void {
    this.comparison = comparison;
    this.scheduler.clear();
    this.columns.clear();
    this.prompt.textContent = comparison.prompt;
    this.prompt.title = comparison.prompt;
    this.grid.dataset['columns'] = String(comparison.columns.length);
    this.grid.replaceChildren(...comparison.columns.map((column) => {
      const view = new ColumnView(structuredClone(column), this.context);
      view.update(structuredClone(column));
      this.columns.set(column.id, view);
      return view.element;
    }));
    this.decorate();
  }

  /** The summary row, the column marks and names, and the toolbar, from the comparison as it is now. */
  private decorate(): void {
    const comparison = this.comparison;
    if (!comparison) return;
    const summary = summariseComparison(comparison);
    const name = (id: string | undefined): string | undefined => {
      const column = id ? comparison.columns.find((c) => c.id === id) : undefined;
      if (!column || !id) return undefined;
      return comparison.revealed ? column.meta?.model ?? column.model : blindLabel(comparison, id);
    };
    const parts = [
      ['Cheapest', name(summary.cheapest)],
      ['First to answer', name(summary.firstToAnswer)],
      ['Fastest to finish', name(summary.fastestToFinish)],
    ].filter((part): part is [string, string] => part[1] !== undefined).map(([label, model]) => `${label}: ${model}`);
    parts.push(`Total ${formatUsd(summary.totalUsd)}`);
    this.summary.textContent = parts.join(' · ');
    for (const [id, view] of this.columns) {
      const marks = [
        ...(summary.cheapest === id ? ['Cheapest'] : []),
        ...(summary.firstToAnswer === id ? ['First to answer'] : []),
        ...(summary.fastestToFinish === id ? ['Fastest to finish'] : []),
        ...(comparison.winner === id ? ['Picked'] : []),
      ];
      view.decorate(comparison, marks);
    }
    this.stopAll.disabled = !comparison.columns.some(isRunning);
    this.reveal.hidden = comparison.revealed;
  }
}
