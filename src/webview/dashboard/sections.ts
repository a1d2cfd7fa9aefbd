// The dashboard's cards, built from the view model. Charts are not drawn here: each leaves a box and a draw
// function, which the view calls with the box's width now and again whenever the panel is resized.
import type { DashboardState, KeyCard, ModelRow, SavingsRow } from '../../protocol/dashboard-state';
import { el } from '../dom';
import { drawModelCostChart, drawModelSavingsChart, drawModelTokenChart, drawSavingsBar } from './model-charts';
import { drawSpendChart } from './spend-chart';
import { chartRoot, svgEl, svgTitle } from './svg';
import { amount, dataTable, tableDetails } from './tables';
import { keySpreadView } from './key-spread';

export interface ChartSlot {
  readonly box: HTMLElement;
  readonly draw: (width: number) => SVGSVGElement;
}

export interface SectionContext {
  readonly charts: ChartSlot[];
  /** Which data tables are unfolded, by id; kept across states. */
  readonly openTables: ReadonlySet<string>;
  readonly onToggle: (id: string, open: boolean) => void;
}

function card(id: string, title: string, children: readonly (Node | string)[], className = ''): HTMLElement {
  const heading = `${id}-heading`;
  return el('section', { className: `card ${className}`.trim(), attrs: { 'aria-labelledby': heading, 'data-section': id } }, [
    el('h2', { text: title, attrs: { id: heading } }),
    ...children,
  ]);
}

function chartBox(context: SectionContext, className: string, draw: (width: number) => SVGSVGElement): HTMLElement {
  const box = el('div', { className: `chart-box ${className}` });
  context.charts.push({ box, draw });
  return box;
}

function note(text: string, className = ''): HTMLElement {
  return el('p', { className: `note ${className}`.trim(), text });
}

function stat(label: string, value: Node, detail?: string): HTMLElement {
  return el('div', { className: 'stat' }, [
    el('dt', { text: label }),
    el('dd', {}, [value, ...(detail !== undefined ? [el('span', { className: 'stat-detail', text: detail })] : [])]),
  ]);
}

export function totalsSection(state: DashboardState): HTMLElement {
  const t = state.totals;
  const requests = `${t.requests.toLocaleString('en-US')} request${t.requests === 1 ? '' : 's'}`;
  const estimates = t.estimatedRequests > 0 ? `${t.estimatedRequests} estimated (${t.estimatedCostLabel})` : 'all exact';
  return el('section', { className: 'totals', attrs: { 'aria-label': 'Totals for the range', 'data-section': 'totals' } }, [
    el('dl', { className: 'stats' }, [
      stat('Spent', amount(t.cost, t.costLabel, 'big'), `${requests} · ${estimates}`),
      stat('Tokens', el('span', { className: 'big', text: `${t.promptTokensLabel} in · ${t.completionTokensLabel} out` }), `${t.perRequestLabel} per request`),
      stat('Saved by caching', amount(t.cacheSavings, t.cacheSavingsLabel, 'big'), `${t.cachedTokens.toLocaleString('en-US')} cached input tokens`),
      stat('Per day', el('span', { className: 'big', text: t.perDayLabel }), t.failedRequests > 0 ? `${t.failedRequests} failed or stopped` : 'on average'),
    ]),
  ]);
}

function meter(key: KeyCard): SVGSVGElement | undefined {
  if (key.usedFraction === undefined) return undefined;
  const width = 200;
  const used = key.usedFraction * width;
  const label = `${key.remainingLabel} of ${key.limitLabel} left`;
  const svg = chartRoot('limit-meter', width, 10, label, [
    svgEl('rect', { class: 'track', x: 0, y: 0, width, height: 10 }),
    svgEl('rect', { class: `bar used${key.usedFraction >= 0.9 ? ' warn' : ''}`, x: 0, y: 0, width: used, height: 10 }, [svgTitle(label)]),
  ]);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.removeAttribute('width');
  return svg;
}

export function keySection(key: KeyCard): HTMLElement {
  const body: Node[] = [];
  if (key.status === 'ok') {
    const rows: [string, string][] = [
      ['Key', key.label ?? '(unlabelled)'],
      ['Limit', key.limitResetLabel !== undefined ? `${key.limitLabel} (${key.limitResetLabel})` : key.limitLabel],
      ['Remaining', key.remainingLabel],
      ['Today (UTC)', key.usageDailyLabel],
      ['This month (UTC)', key.usageMonthlyLabel],
      ['All time', key.usageLabel],
      ...(key.byokLabel !== undefined ? [['Your provider keys', key.byokLabel] as [string, string]] : []),
    ];
    const gauge = meter(key);
    if (gauge) body.push(gauge);
    body.push(el('dl', { className: 'key-facts' }, rows.map(([name, value]) => el('div', {}, [el('dt', { text: name }), el('dd', { text: value })]))));
    body.push(note(`OpenRouter's figures for this key${key.fetchedLabel !== undefined ? `, ${key.fetchedLabel}` : ''}.`));
    if (key.spread !== undefined) body.push(keySpreadView(key.spread));
  } else {
    body.push(note(key.summary, key.status === 'error' ? 'error' : ''));
  }
  if (key.status === 'ok' && key.error !== undefined) body.push(note(`Could not refresh: ${key.error}`, 'error'));
  return card('credits', 'Credits', body, 'key-card');
}

export function spendSection(state: DashboardState, context: SectionContext): HTMLElement {
  const chart = state.spend;
  const unit = chart.bucket === 'month' ? 'Month' : 'Day';
  const table = dataTable(`Spend per ${unit.toLowerCase()}`, [{ header: unit }, { header: 'Spend', numeric: true }, { header: 'Requests', numeric: true }],
    chart.bars.map((bar) => [bar.label, amount(bar.cost, bar.costLabel), String(bar.requests)]));
  return card('spend', chart.bucket === 'month' ? 'Spend per month' : 'Spend per day', [
    chartBox(context, 'spend', (width) => drawSpendChart(chart, width)),
    tableDetails('spend-table', 'Spend per day as a table', table, context.openTables.has('spend-table'), context.onToggle),
  ], 'wide');
}

function modelTable(rows: readonly ModelRow[], caption: string): HTMLTableElement {
  return dataTable(caption, [
    { header: 'Model' }, { header: 'Spend', numeric: true }, { header: 'Share', numeric: true }, { header: 'Requests', numeric: true },
    { header: 'Input', numeric: true }, { header: 'Cached', numeric: true }, { header: 'Output', numeric: true }, { header: 'Saved', numeric: true },
  ], rows.map((row) => [
    row.model, amount(row.cost, row.costLabel), row.shareLabel, String(row.requests), row.promptTokens.toLocaleString('en-US'),
    row.cachedTokens.toLocaleString('en-US'), row.completionTokens.toLocaleString('en-US'), amount(row.cacheSavings, row.cacheSavingsLabel),
  ]));
}

export function modelSections(state: DashboardState, context: SectionContext): HTMLElement[] {
  const { models } = state;
  if (models.table.length === 0) return [card('models', 'By model', [note('No requests in this range.')])];
  const legend = el('ul', { className: 'legend', attrs: { 'aria-hidden': 'true' } }, [
    ['input', 'Input'], ['cached', 'Cached input'], ['output', 'Output'],
  ].map(([className = '', label = '']) => el('li', {}, [
    svgEl('svg', { class: 'swatch', width: 10, height: 10, viewBox: '0 0 10 10' }, [svgEl('rect', { class: `bar ${className}`, width: 10, height: 10 })]),
    label,
  ])));
  return [
    card('model-cost', 'Spend by model', [
      chartBox(context, 'model-cost', (width) => drawModelCostChart(models.chart, models.costSummary, width)),
      tableDetails('model-table', 'Every model as a table', modelTable(models.table, 'Spend and tokens by model'), context.openTables.has('model-table'), context.onToggle),
    ]),
    card('model-tokens', 'Tokens by model', [
      legend,
      chartBox(context, 'model-tokens', (width) => drawModelTokenChart(models.chart, models.tokenSummary, width)),
    ]),
  ];
}

function savingsTable(caption: string, first: string, rows: readonly SavingsRow[]): HTMLTableElement {
  return dataTable(caption, [
    { header: first }, { header: 'Reads saved', numeric: true }, { header: 'Writes cost extra', numeric: true }, { header: 'Net', numeric: true },
  ], rows.map((row) => [
    row.label, amount(row.saved, row.savedLabel), amount(row.writeExtra, row.writeExtraLabel),
    amount(row.net, row.costlier ? `${row.netLabel} (cost more than it saved)` : row.netLabel, row.costlier ? 'costlier' : ''),
  ]));
}

export function savingsSectionView(state: DashboardState, context: SectionContext): HTMLElement {
  const s = state.savings;
  const body: Node[] = [];
  if (s.known && s.total > 0) {
    body.push(el('p', { className: 'headline' }, ['Saved ', amount(s.total, s.totalLabel, 'big saved-amount'), ` · ${s.savedShareLabel} less than without caching`]));
    body.push(chartBox(context, 'savings', (width) => drawSavingsBar(1 - s.savedFraction, `Spent ${s.spentLabel}`, `Saved ${s.totalLabel}`, s.summary, width)));
    if (s.byModel.length > 1) {
      body.push(el('h3', { text: 'By model' }));
      body.push(chartBox(context, 'savings-models', (width) => drawModelSavingsChart(s.byModel, `Savings by model: ${s.byModel.map((r) => `${r.model} ${r.cacheSavingsLabel}`).join('; ')}.`, width)));
    }
  }
  body.push(note(s.summary));
  // Writes that cost more than they saved are rows like the others, marked, never left out.
  if (s.modelTable.length > 0) {
    const table = savingsTable('What caching saved and cost, by model', 'Model', s.modelTable);
    body.push(tableDetails('savings-model-table', 'By model, writes included', table, context.openTables.has('savings-model-table'), context.onToggle));
  }
  if (s.byDay.length > 0) {
    const table = savingsTable('What caching saved and cost, by day', 'Day', s.byDay);
    body.push(tableDetails('savings-day-table', 'By day', table, context.openTables.has('savings-day-table'), context.onToggle));
  }
  return card('savings', 'Savings from cached tokens', body);
}

export function largestSection(state: DashboardState): HTMLElement {
  if (state.largest.length === 0) return card('largest', 'Largest requests', [note('No requests in this range.')], 'wide');
  const table = dataTable('The dearest requests in the range', [
    { header: 'Time', className: 'col-time' }, { header: 'Model', className: 'col-model' }, { header: 'Tokens', numeric: true, className: 'col-tokens' },
    { header: 'Cost', numeric: true, className: 'col-cost' }, { header: 'Source', className: 'col-source' },
  ], state.largest.map((request) => [
    request.timeLabel,
    el('span', { className: 'model-cell' }, [
      request.model,
      ...(request.requestedModel !== undefined ? [el('span', { className: 'muted', text: ` (asked for ${request.requestedModel})` })] : []),
      ...(request.outcome !== 'done' ? [el('span', { className: 'badge', text: request.outcome })] : []),
    ]),
    request.tokensLabel,
    amount(request.cost, request.costSource === 'estimate' ? `≈${request.costLabel}` : request.costLabel),
    el('span', { className: `source ${request.costSource}`, text: request.costSource === 'exact' ? 'exact' : 'estimate' }),
  ]), 'largest');
  return card('largest', 'Largest requests', [el('div', { className: 'table-scroll' }, [table])], 'wide');
}

export function workspaceSection(state: DashboardState): HTMLElement | undefined {
  if (state.byWorkspace.length === 0) return undefined;
  const table = dataTable('Spend by workspace', [
    { header: 'Workspace' }, { header: 'Spend', numeric: true }, { header: 'Share', numeric: true }, { header: 'Requests', numeric: true }, { header: 'Tokens', numeric: true },
  ], state.byWorkspace.map((row) => [row.workspace, amount(row.cost, row.costLabel), row.shareLabel, String(row.requests), row.tokensLabel]));
  return card('workspaces', 'By workspace', [el('div', { className: 'table-scroll' }, [table])], 'wide');
}
