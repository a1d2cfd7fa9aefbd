// Round value axes for the dashboard's charts: ticks at 1, 2, 2.5 or 5 times a power of ten, from 0 to the first
// tick at or above the largest value, so a reader can estimate any bar against a gridline.
import type { Axis } from '../../../protocol/dashboard-state';

const STEPS = [1, 2, 2.5, 5, 10];

/** Removes binary noise from multiples of decimal steps (0.30000000000000004 -> 0.3). */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/** Digits after the point that the labels of ticks `step` apart need. */
function decimalsOf(step: number): number {
  let decimals = 0;
  while (decimals < 12 && Math.abs(clean(step * 10 ** decimals) - Math.round(step * 10 ** decimals)) > 1e-9) decimals += 1;
  return decimals;
}

/** A USD tick label: `$0` at the baseline, else at least cents and as many digits as the step needs (`$0.0025`). */
export function usdTickLabel(value: number, step: number): string {
  if (value === 0) return '$0';
  return `$${value.toFixed(Math.max(2, decimalsOf(step)))}`;
}

/**
 * An axis from 0 covering `max` with about `targetTicks` intervals. A `max` of 0 (nothing spent) gives the single
 * tick 0 and an axis max of 0, which every bar reads as an empty bar.
 */
export function niceAxis(max: number, label: (value: number, step: number) => string = usdTickLabel, targetTicks = 4): Axis {
  if (!(max > 0) || !Number.isFinite(max)) return { max: 0, ticks: [{ value: 0, fraction: 0, label: label(0, 1) }] };
  const raw = max / Math.max(1, targetTicks);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = clean((STEPS.find((s) => s * magnitude >= raw * (1 - 1e-9)) ?? 10) * magnitude);
  const count = Math.max(1, Math.ceil(clean(max / step) - 1e-9));
  const top = clean(step * count);
  const ticks = Array.from({ length: count + 1 }, (_, i) => {
    const value = clean(step * i);
    return { value, fraction: value / top, label: label(value, step) };
  });
  return { max: top, ticks };
}

/** `value` as a fraction of `max`, clamped to [0, 1]; 0 when `max` is not positive. */
export function fractionOf(value: number, max: number): number {
  if (!(max > 0) || !Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value / max));
}

/** `42%`; shares under 1% that are not zero read `<1%`. */
export function percentLabel(fraction: number): string {
  if (!(fraction > 0)) return '0%';
  if (fraction < 0.01) return '<1%';
  return `${Math.round(fraction * 100)}%`;
}
