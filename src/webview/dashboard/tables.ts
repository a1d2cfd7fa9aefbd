// Plain tables: the accessible, copyable form of every chart, and the lists that are tables by nature (largest
// requests, workspaces). Numeric columns are right-aligned by class.
import { el } from '../dom';

export interface Column {
  readonly header: string;
  readonly numeric?: boolean;
  /** A class for the column's cells, for narrow layouts. */
  readonly className?: string;
}

export type Cell = string | Node;

export function dataTable(caption: string, columns: readonly Column[], rows: readonly (readonly Cell[])[], className = ''): HTMLTableElement {
  const classes = columns.map((column) => [column.numeric === true ? 'num' : '', column.className ?? ''].filter(Boolean).join(' '));
  return el('table', { className: `data-table ${className}`.trim() }, [
    el('caption', { className: 'visually-hidden', text: caption }),
    el('thead', {}, [el('tr', {}, columns.map((column, i) => el('th', { className: classes[i] ?? '', text: column.header, attrs: { scope: 'col' } })))]),
    el('tbody', {}, rows.map((row) => el('tr', {}, row.map((cell, i) => el(i === 0 ? 'th' : 'td', {
      className: classes[i] ?? '',
      ...(i === 0 ? { attrs: { scope: 'row' } } : {}),
    }, [cell]))))),
  ]);
}

/** A chart's data as a table, folded away under a summary line. */
export function tableDetails(id: string, label: string, table: HTMLTableElement, open: boolean, onToggle: (id: string, open: boolean) => void): HTMLDetailsElement {
  const details = el('details', { className: 'chart-data', attrs: { 'data-id': id } }, [el('summary', { text: label }), table]);
  details.open = open;
  details.addEventListener('toggle', () => onToggle(id, details.open));
  return details;
}

/** An amount with its exact value for machines (`<data value="0.000123">$0.000123</data>`). */
export function amount(value: number, label: string, className = ''): HTMLDataElement {
  return el('data', { className: `amount ${className}`.trim(), text: label, attrs: { value: String(value) } });
}
