// The credits card's side-by-side table: this machine, the whole key and what was spent elsewhere, per UTC window.
import { el } from '../dom';
import type { KeyCard } from '../../protocol/dashboard-state';
import { dataTable } from './tables';

export function keySpreadView(spread: NonNullable<KeyCard['spread']>): HTMLElement {
  const table = dataTable(
    'This machine and the whole key',
    [{ header: 'UTC window' }, { header: 'This machine', numeric: true }, { header: 'Whole key', numeric: true }, { header: 'Elsewhere', numeric: true }],
    spread.rows.map((row) => [row.label, row.machineLabel, row.keyLabel, row.elsewhereLabel]),
    'key-spread',
  );
  return el('div', { className: 'key-spread' }, [
    el('p', { className: 'key-elsewhere', text: spread.headline }),
    table,
    el('p', { className: 'note', text: 'Whole key: every app and machine that uses it, as OpenRouter reports it, plus what this machine spent since. Both sides count what your own provider keys billed (BYOK).' }),
  ]);
}
