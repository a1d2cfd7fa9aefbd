// Spend over time: one vertical bar per day (or month), a value axis with gridlines, day ticks thinned to fit the
// width, the dearest bar labelled with its amount, and a tooltip on every bar.
import type { SpendChart } from '../../protocol/dashboard-state';
import { chartRoot, svgEl, svgText, svgTitle, textWidth } from './svg';

const HEIGHT = 200;
const TOP = 22;
const BOTTOM = 24;
const RIGHT = 8;
/** The least room a tick under the axis needs, so neighbours never touch. */
const TICK_GAP = 30;
/** With bars at least this wide, every bar with spend gets its amount written above it. */
const LABEL_ALL_SLOT = 56;

export function drawSpendChart(chart: SpendChart, width: number): SVGSVGElement {
  const left = Math.ceil(Math.max(...chart.axis.ticks.map((tick) => textWidth(tick.label)))) + 10;
  const plotWidth = Math.max(10, width - left - RIGHT);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const count = Math.max(1, chart.bars.length);
  const slot = plotWidth / count;
  const barWidth = slot >= 4 ? Math.min(slot * 0.72, 48) : Math.max(0.6, slot * 0.8);
  const yOf = (fraction: number): number => TOP + plotHeight * (1 - fraction);
  const nodes: Node[] = [];

  const grid = svgEl('g', { class: 'axis y-axis', 'aria-hidden': 'true' });
  for (const tick of chart.axis.ticks) {
    const y = yOf(tick.fraction);
    grid.append(
      svgEl('line', { class: tick.value === 0 ? 'baseline' : 'grid', x1: left, x2: width - RIGHT, y1: y, y2: y }),
      svgText(tick.label, { class: 'tick-label', x: left - 6, y: y + 4, 'text-anchor': 'end' }),
    );
  }
  nodes.push(grid);

  const every = Math.max(1, Math.ceil(TICK_GAP / slot));
  const ticks = svgEl('g', { class: 'axis x-axis', 'aria-hidden': 'true' });
  const bars = svgEl('g', { class: 'bars' });
  const labelAll = slot >= LABEL_ALL_SLOT;
  chart.bars.forEach((bar, index) => {
    const center = left + slot * (index + 0.5);
    const height = bar.cost > 0 ? Math.max(1.5, plotHeight * bar.fraction) : 0;
    const group = svgEl('g', { class: `slot${bar.current ? ' current' : ''}`, 'data-key': bar.key }, [
      svgTitle(bar.title),
      // The whole column answers the pointer, so a tiny bar still shows its tooltip.
      svgEl('rect', { class: 'hit', x: left + slot * index, y: TOP, width: slot, height: plotHeight }),
      svgEl('rect', { class: `bar${bar.current ? ' current' : ''}`, x: center - barWidth / 2, y: yOf(0) - height, width: barWidth, height }),
    ]);
    bars.append(group);
    if ((count - 1 - index) % every === 0) {
      ticks.append(svgText(bar.tick, { class: `tick-label${bar.current ? ' current' : ''}`, x: center, y: HEIGHT - BOTTOM + 15, 'text-anchor': 'middle' }));
    }
    if (bar.cost > 0 && (labelAll || index === chart.peak)) {
      const half = textWidth(bar.costLabel) / 2;
      const x = Math.min(Math.max(center, left + half), width - RIGHT - half);
      group.append(svgText(bar.costLabel, { class: `value-label${index === chart.peak ? ' peak' : ''}`, x, y: yOf(0) - height - 5, 'text-anchor': 'middle' }));
    }
  });
  nodes.push(bars, ticks);
  if (chart.peak === undefined) {
    nodes.push(svgText('Nothing spent', { class: 'empty-label', x: left + plotWidth / 2, y: TOP + plotHeight / 2, 'text-anchor': 'middle' }));
  }
  return chartRoot(`spend-chart by-${chart.bucket}`, width, HEIGHT, chart.summary, nodes);
}
