// Per-model charts: horizontal bars, one row per model with its name on its own line above the bar, so long model
// ids fit a narrow panel. Spend bars, stacked token bars (uncached input, cached input, output) and savings bars
// share the layout; the amount is written after each bar.
import type { ModelRow } from '../../protocol/dashboard-state';
import { chartRoot, fitText, svgEl, svgText, svgTitle, textWidth } from './svg';

const ROW_HEIGHT = 36;
const BAR_HEIGHT = 12;
const NAME_BASELINE = 12;
const BAR_TOP = 17;
const PAD = 2;

export interface Segment {
  readonly className: string;
  readonly fraction: number;
}

export interface BarRowsSpec {
  readonly className: string;
  readonly summary: string;
  readonly rows: readonly ModelRow[];
  /** The pieces of a row's bar, left to right, as fractions of the full bar length. */
  readonly segments: (row: ModelRow) => readonly Segment[];
  /** The text after the bar. */
  readonly value: (row: ModelRow) => string;
  readonly title: (row: ModelRow) => string;
}

export function drawBarRows(spec: BarRowsSpec, width: number): SVGSVGElement {
  const values = spec.rows.map(spec.value);
  const reserve = Math.ceil(Math.max(0, ...values.map(textWidth))) + 10;
  const barSpace = Math.max(20, width - reserve - PAD);
  const rows = spec.rows.map((row, index) => {
    const top = index * ROW_HEIGHT;
    const group = svgEl('g', { class: `row${row.other ? ' other' : ''}`, 'data-model': row.model }, [
      svgTitle(spec.title(row)),
      svgEl('rect', { class: 'hit', x: 0, y: top, width, height: ROW_HEIGHT }),
      svgText(fitText(row.model, width - PAD), { class: 'row-label', x: PAD, y: top + NAME_BASELINE }),
    ]);
    let x = PAD;
    for (const segment of spec.segments(row)) {
      if (!(segment.fraction > 0)) continue;
      const length = Math.max(1.5, segment.fraction * barSpace);
      group.append(svgEl('rect', { class: `bar ${segment.className}`, x, y: top + BAR_TOP, width: length, height: BAR_HEIGHT }));
      x += length;
    }
    group.append(svgText(values[index] ?? '', { class: 'value-label', x: x + 6, y: top + BAR_TOP + BAR_HEIGHT - 2 }));
    return group;
  });
  return chartRoot(spec.className, width, Math.max(1, spec.rows.length) * ROW_HEIGHT, spec.summary, rows);
}

export function drawModelCostChart(rows: readonly ModelRow[], summary: string, width: number): SVGSVGElement {
  return drawBarRows({
    className: 'model-cost-chart', summary, rows,
    segments: (row) => [{ className: 'cost', fraction: row.costFraction }],
    value: (row) => `${row.costLabel} · ${row.shareLabel}`,
    title: (row) => row.title,
  }, width);
}

export function drawModelTokenChart(rows: readonly ModelRow[], summary: string, width: number): SVGSVGElement {
  return drawBarRows({
    className: 'model-token-chart', summary, rows,
    segments: (row) => [
      { className: 'input', fraction: row.uncachedFraction },
      { className: 'cached', fraction: row.cachedFraction },
      { className: 'output', fraction: row.completionFraction },
    ],
    value: (row) => row.tokensLabel,
    title: (row) => row.title,
  }, width);
}

export function drawModelSavingsChart(rows: readonly ModelRow[], summary: string, width: number): SVGSVGElement {
  return drawBarRows({
    className: 'model-savings-chart', summary, rows,
    segments: (row) => [{ className: 'saved', fraction: row.savingsFraction }],
    value: (row) => row.cacheSavingsLabel,
    title: (row) => `${row.model}: caching saved ${row.cacheSavingsLabel}`,
  }, width);
}

/** Spent and saved side by side in one bar as long as the chart: what the requests would have cost uncached. */
export function drawSavingsBar(spentFraction: number, spentLabel: string, savedLabel: string, summary: string, width: number): SVGSVGElement {
  const barWidth = Math.max(20, width - 2 * PAD);
  // Labels side by side under the bar when they fit, else one under the other.
  const stacked = textWidth(spentLabel) + textWidth(savedLabel) + 16 > barWidth;
  const height = stacked ? 56 : 40;
  const spent = Math.max(0, Math.min(1, spentFraction)) * barWidth;
  const nodes: Node[] = [
    svgEl('rect', { class: 'bar spent', x: PAD, y: 2, width: spent, height: 16 }, [svgTitle(spentLabel)]),
    svgEl('rect', { class: 'bar saved', x: PAD + spent, y: 2, width: barWidth - spent, height: 16 }, [svgTitle(savedLabel)]),
    svgText(spentLabel, { class: 'value-label', x: PAD, y: 34 }),
    stacked
      ? svgText(savedLabel, { class: 'value-label saved-label', x: PAD, y: 50 })
      : svgText(savedLabel, { class: 'value-label saved-label', x: PAD + barWidth, y: 34, 'text-anchor': 'end' }),
  ];
  return chartRoot('savings-bar', width, height, summary, nodes);
}
