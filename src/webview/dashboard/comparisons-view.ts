// The Comparisons card: one foldable entry per comparison, newest first, whose summary line names its time, models
// and total, and whose table gives each model's cost, tokens and time. Folds are native <details>, so the keyboard
// opens them (Tab, then Enter or Space), and which ones are open survives a new state like the charts' tables.
import type { ComparedModel, ComparisonRow } from '../../protocol/dashboard-comparisons';
import type { DashboardState } from '../../protocol/dashboard-state';
import { el } from '../dom';
import type { SectionContext } from './sections';
import { amount, dataTable } from './tables';

function modelCell(model: ComparedModel): HTMLElement {
  return el('span', { className: 'model-cell' }, [
    model.model,
    ...(model.answeredBy !== undefined ? [el('span', { className: 'muted', text: ` (answered by ${model.answeredBy})` })] : []),
    ...(model.requests > 1 ? [el('span', { className: 'muted', text: ` · ${model.requests} runs` })] : []),
    ...(model.outcome !== 'done' ? [el('span', { className: 'badge', text: model.outcome })] : []),
  ]);
}

function comparisonTable(row: ComparisonRow): HTMLTableElement {
  return dataTable(`Comparison of ${row.title}, ${row.whenLabel}`, [
    { header: 'Model', className: 'col-model' }, { header: 'Cost', numeric: true, className: 'col-cost' },
    { header: 'Tokens', numeric: true, className: 'col-tokens' }, { header: 'Time', numeric: true, className: 'col-time' },
  ], [
    ...row.models.map((model) => [modelCell(model), amount(model.cost, model.costLabel), model.tokensLabel, model.durationLabel]),
    ['Total', amount(row.cost, row.costLabel), row.tokensLabel, row.failedRequests > 0 ? `${row.failedRequests} failed or stopped` : ''],
  ], 'comparison-table');
}

function comparisonEntry(row: ComparisonRow, context: SectionContext): HTMLDetailsElement {
  const id = `comparison:${row.id}`;
  const summary = el('summary', { attrs: { title: row.summary } }, [
    el('span', { className: 'comparison-when', text: row.whenLabel }), ' ',
    el('span', { className: 'comparison-title', text: row.title }), ' ',
    amount(row.cost, row.costLabel, 'comparison-total'),
  ]);
  const details = el('details', { className: 'comparison', attrs: { 'data-id': id, 'data-comparison': row.id } }, [
    summary, el('div', { className: 'table-scroll' }, [comparisonTable(row)]),
  ]);
  details.open = context.openTables.has(id);
  details.addEventListener('toggle', () => context.onToggle(id, details.open));
  return details;
}

/** The card, or nothing when the range holds no comparison. */
export function comparisonsCard(state: DashboardState, context: SectionContext): HTMLElement | undefined {
  const section = state.comparisons;
  if (section.count === 0) return undefined;
  return el('section', { className: 'card wide', attrs: { 'aria-labelledby': 'comparisons-heading', 'data-section': 'comparisons' } }, [
    el('h2', { text: 'Comparisons', attrs: { id: 'comparisons-heading' } }),
    el('p', { className: 'note', text: section.summary }),
    el('div', { className: 'comparison-list' }, section.rows.map((row) => comparisonEntry(row, context))),
  ]);
}
