// The dashboard page: a header with the filters and actions, then the cards. Every `dashboard/state` rebuilds the
// cards; the header's controls stay in place (so focus and an open picker survive) and only get new options.
// Charts are drawn at the width they have, and again when the panel is resized.
import { assertNever } from '../../core/assert-never';
import { SURFACE_LABELS, SURFACES, type Surface } from '../../core/spend/ledger/surface';
import { RANGE_LABELS, DASHBOARD_RANGES, type DashboardFilter, type DashboardRange, type DashboardState } from '../../protocol/dashboard-state';
import type { HostToDashboard } from '../../protocol/dashboard';
import { Announcer } from '../announcer';
import { el, iconButton } from '../dom';
import type { DashboardBridge } from './bridge';
import { comparisonsCard } from './comparisons-view';
import {
  keySection, largestSection, modelSections, savingsSectionView, spendSection, totalsSection, workspaceSection, type ChartSlot,
} from './sections';

const ALL = '';

/** Every request, the panel's, or VS Code chat's (other extensions' through `vscode.lm` included). */
const SURFACE_OPTIONS: readonly (readonly [string, string])[] = [[ALL, 'All surfaces'], ...SURFACES.map((surface) => [surface, SURFACE_LABELS[surface]] as const)];

function isSurface(value: string): value is Surface {
  return (SURFACES as readonly string[]).includes(value);
}

function select(label: string, name: string): { field: HTMLElement; control: HTMLSelectElement } {
  const control = el('select', { attrs: { name } });
  const field = el('label', { className: 'field' }, [el('span', { className: 'field-label', text: label }), control]);
  return { field, control };
}

function setOptions(control: HTMLSelectElement, options: readonly (readonly [string, string])[], value: string): void {
  const current = [...control.options].map((option) => `${option.value}\u0000${option.text}`).join('\u0001');
  const next = options.map(([v, text]) => `${v}\u0000${text}`).join('\u0001');
  if (current !== next) control.replaceChildren(...options.map(([v, text]) => el('option', { text, attrs: { value: v } })));
  control.value = value;
}

export class DashboardView {
  private readonly range = select('Range', 'range');
  private readonly model = select('Model', 'model');
  private readonly workspace = select('Workspace', 'workspace');
  private readonly surface = select('Surface', 'surface');
  private readonly rangeLabel = el('p', { className: 'range-label' });
  private readonly content = el('div', { className: 'content', attrs: { 'aria-busy': 'true' } }, [el('p', { className: 'note loading', text: 'Reading the spend ledger…' })]);
  private readonly announcer = new Announcer();
  private readonly openTables = new Set<string>();
  private charts: ChartSlot[] = [];
  private state: DashboardState | undefined;
  private lastWidth = 0;
  private redrawPending = false;
  /** The user changed a filter: announce the new totals when they arrive. */
  private announceNext = false;

  constructor(root: HTMLElement, private readonly bridge: DashboardBridge) {
    for (const control of [this.range.control, this.model.control, this.workspace.control, this.surface.control]) {
      control.addEventListener('change', () => this.filterChanged());
    }
    setOptions(this.range.control, DASHBOARD_RANGES.map((range) => [range, RANGE_LABELS[range]]), '30d');
    setOptions(this.surface.control, SURFACE_OPTIONS, ALL);
    const header = el('header', { className: 'dash-header' }, [
      el('div', { className: 'title-row' }, [
        el('h1', { text: 'OpenRouter Usage' }),
        el('div', { className: 'actions' }, [
          iconButton('refresh', 'Refresh', () => bridge.post({ type: 'dashboard/refresh' })),
          iconButton('desktop-download', 'Export CSV', () => bridge.post({ type: 'dashboard/exportCsv' }), { text: 'Export CSV', className: 'export-button' }),
        ]),
      ]),
      this.rangeLabel,
      el('div', { className: 'filters', attrs: { role: 'group', 'aria-label': 'Filters' } }, [this.range.field, this.model.field, this.workspace.field, this.surface.field]),
    ]);
    root.replaceChildren(header, this.content, this.announcer.element);
    new ResizeObserver(() => this.redrawSoon()).observe(this.content);
  }

  receive(message: HostToDashboard): void {
    switch (message.type) {
      case 'dashboard/state':
        this.render(message.state);
        return;
      default:
        assertNever(message.type);
    }
  }

  private filterChanged(): void {
    const range = this.range.control.value as DashboardRange;
    const filter: DashboardFilter = {
      range: DASHBOARD_RANGES.includes(range) ? range : '30d',
      ...(this.model.control.value !== ALL ? { model: this.model.control.value } : {}),
      ...(this.workspace.control.value !== ALL ? { workspace: this.workspace.control.value } : {}),
      ...(isSurface(this.surface.control.value) ? { surface: this.surface.control.value } : {}),
    };
    this.announceNext = true;
    this.bridge.post({ type: 'dashboard/filter', filter });
  }

  private render(state: DashboardState): void {
    this.state = state;
    const { filter } = state;
    setOptions(this.range.control, DASHBOARD_RANGES.map((range) => [range, RANGE_LABELS[range]]), filter.range);
    setOptions(this.model.control, [[ALL, 'All models'], ...state.modelChoices.map((m) => [m, m] as const)], filter.model ?? ALL);
    setOptions(this.workspace.control, [[ALL, 'All workspaces'], ...state.workspaceChoices.map((w) => [w, w] as const)], filter.workspace ?? ALL);
    setOptions(this.surface.control, SURFACE_OPTIONS, filter.surface ?? ALL);
    this.rangeLabel.textContent = `${state.rangeLabel} · ${state.generatedLabel}`;
    this.bridge.saveFilter(filter);

    const charts: ChartSlot[] = [];
    const context = {
      charts,
      openTables: this.openTables,
      onToggle: (id: string, open: boolean) => (open ? this.openTables.add(id) : this.openTables.delete(id)),
    };
    const cards: HTMLElement[] = [];
    if (state.ledgerEmpty) cards.push(el('p', { className: 'note empty', text: 'No requests recorded yet. Spend shows here as soon as a chat request finishes.' }));
    else if (state.rangeEmpty) cards.push(el('p', { className: 'note empty', text: 'No requests match these filters.' }));
    cards.push(
      totalsSection(state), spendSection(state, context), ...modelSections(state, context), savingsSectionView(state, context), keySection(state.key),
      largestSection(state),
    );
    const comparisons = comparisonsCard(state, context);
    if (comparisons) cards.push(comparisons);
    const workspaces = workspaceSection(state);
    if (workspaces) cards.push(workspaces);
    this.content.replaceChildren(...cards);
    this.content.setAttribute('aria-busy', 'false');
    this.charts = charts;
    this.redraw();
    if (this.announceNext) {
      this.announceNext = false;
      this.announcer.announce(`${state.rangeLabel}: ${state.totals.costLabel} over ${state.totals.requests} requests.`);
    }
  }

  private redrawSoon(): void {
    if (this.redrawPending || this.state === undefined) return;
    this.redrawPending = true;
    requestAnimationFrame(() => {
      this.redrawPending = false;
      if (this.content.clientWidth !== this.lastWidth) this.redraw();
    });
  }

  private redraw(): void {
    this.lastWidth = this.content.clientWidth;
    for (const chart of this.charts) {
      const width = Math.max(160, Math.floor(chart.box.clientWidth));
      chart.box.replaceChildren(chart.draw(width));
    }
  }
}
