// What the benchmarks share: the middle of a sample, a percentile, and timing a call many times over.

/** The middle value (the upper one of an even count); NaN for none. */
export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** The value `p` (0–1) of the way up the sorted values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

/**
 * The median milliseconds per call of a synchronous `run`, over `rounds` rounds of `calls` calls each: calls too
 * quick to time one by one are timed in batches. What `run` returns is kept, so the work cannot be optimised away.
 */
export function medianCallMs(run: () => unknown, rounds: number, calls: number): number {
  const samples: number[] = [];
  let sink: unknown;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (let call = 0; call < calls; call++) sink = run();
    samples.push((performance.now() - started) / calls);
  }
  if (sink === undefined) throw new Error('nothing ran');
  return median(samples);
}
