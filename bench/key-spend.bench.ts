// The whole-key comparison behind the tooltip, the dashboard and a send under `openrouter.budget.scope: wholeKey`:
// one pass over the ledger's record columns summing this machine's spend per UTC window. Measured over ledgers of a
// light, a heavy and an extreme year, all in memory (the aggregates are already loaded when it runs). Medians.
import { performance } from 'node:perf_hooks';
import { LedgerAggregates } from '../src/core/spend/ledger/aggregates';
import { compareKeySpend, machineSpendByWindow } from '../src/core/spend/key-spend';
import { normaliseKeyInfo } from '../src/core/openrouter/key-info';
import { makeRecord } from '../test/unit/ledger-race/records';

const NOW = Date.now();
const DAY_MS = 86_400_000;
const RUNS = 31;

function aggregatesOf(count: number): LedgerAggregates {
  const aggregates = new LedgerAggregates();
  let seed = 7;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < count; i++) {
    aggregates.put(makeRecord(`req-${i}`, { at: NOW - Math.floor(random() * 365 * DAY_MS), cost: Math.round(random() * 1e6) / 1e8 }));
  }
  return aggregates;
}

function median(run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

const info = normaliseKeyInfo({ usage: 100, usage_daily: 4, usage_weekly: 12, usage_monthly: 40 });
const rows: string[][] = [];
for (const count of [1_000, 10_000, 100_000]) {
  const aggregates = aggregatesOf(count);
  const columns = aggregates.columns;
  const ms = median(() => compareKeySpend(info, NOW - 60_000, NOW, machineSpendByWindow(columns, NOW, NOW - 60_000)));
  rows.push([count.toLocaleString('en-US'), `${ms.toFixed(2)} ms`]);
}
console.log('| ledger records (one year) | compare with /key (scan + windows) |');
console.log('|---:|---:|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
