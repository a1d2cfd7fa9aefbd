// Compare panel benchmark, in Debian's Chromium (build first: node esbuild.mjs).
//
//   node bench/compare.bench.mjs           four columns streaming 2,000 tokens/s each for 4 s, against one column alone
//   node bench/compare.bench.mjs --runs 3  repeat each measurement, report the median (the machine may be busy)
//
// The host's side runs in a page of its own (another renderer process, as the extension host is another process):
// the comparison and its channel (src/core/compare/), whose batcher posts each column's text at most every
// STREAM_POST_INTERVAL_MS, as the extension does. The panel page gets what it posts as window messages, as VS Code's
// webview frame hands them on.
//   - Delivery latency: from a chunk of a column's text reaching the host's channel to the first animation frame
//     after the column's DOM shows all of it (by then that frame has been painted). A column's answer says how much
//     of its text the DOM shows in its data-shown-length attribute, and only that attribute is observed, so what the
//     measurement costs the page does not grow with the answers (reading every column's text after each change did).
//   - Main thread busy: Chromium's TaskDuration for the panel page over the streaming time, as a share of it.
// The text is plain words on one line: one paragraph that grows for the whole stream, the most layout a column can
// cost. Prints markdown tables; asserts nothing.
/* global window, performance, requestAnimationFrame, BroadcastChannel, document, MutationObserver -- the functions passed to page.evaluate run in the browser */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/harness/chromium.mjs';
import { startPageServer } from '../test/webview/page-server.mjs';
import { pageScript } from './page-script.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 1) : 1;
const TOKENS_PER_SECOND = 2000;
const CHARS_PER_TOKEN = 4;
const TICK_MS = 10;
const STREAM_MS = 4000;

/** The panel's side: relays the host's messages, and times when each chunk's end is shown and then painted. */
function panelSide(channelName) {
  const arrivals = new Map();
  const latencies = [];
  window.__latencies = latencies;
  const channel = new BroadcastChannel(channelName);
  channel.onmessage = ({ data }) => {
    if (!data.benchArrival) {
      window.postMessage(data, '*');
      return;
    }
    for (const { column, end, at } of data.benchArrival) {
      if (!arrivals.has(column)) arrivals.set(column, []);
      arrivals.get(column).push({ end, at: at - performance.timeOrigin });
    }
  };
  const observe = () => {
    const rootElement = document.getElementById('root');
    if (!rootElement) return;
    new MutationObserver((records) => {
      const shown = [];
      for (const record of records) {
        const column = record.target.closest('[data-column]')?.dataset.column;
        const pending = arrivals.get(column);
        if (!pending) continue;
        const length = Number(record.target.dataset.shownLength) || 0;
        const done = pending.filter((a) => a.end <= length);
        if (done.length === 0) continue;
        arrivals.set(column, pending.filter((a) => a.end > length));
        shown.push(...done);
      }
      if (shown.length > 0) requestAnimationFrame(() => { const frame = performance.now(); for (const a of shown) latencies.push(frame - a.at); });
    }).observe(rootElement, { subtree: true, attributes: true, attributeFilter: ['data-shown-length'] });
  };
  window.addEventListener('DOMContentLoaded', observe);
}

/** The host's side: a comparison of `columns` models, each streaming plain words at the benchmark's rate. */
function hostSide() {
  window.__stream = (channelName, columns, streamMs, charsPerTick, tickMs) => new Promise((resolve) => {
    const { CompareChannel, newComparison } = window.__compare;
    const channel = new BroadcastChannel(channelName);
    const comparison = newComparison({ id: 'compare-bench', prompt: 'Benchmark', models: Array.from({ length: columns }, (_, i) => `bench/model-${i + 1}`), blind: false, now: Date.now() });
    const out = new CompareChannel();
    out.connect((message) => channel.postMessage(message));
    out.snapshot(comparison);
    for (const column of comparison.columns) {
      column.status = 'streaming';
      out.column(column);
    }
    const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore ';
    let offset = 0;
    const started = performance.now();
    const timer = setInterval(() => {
      const due = Math.floor(((performance.now() - started) / tickMs) * charsPerTick);
      if (due <= offset) return;
      let chunk = '';
      while (chunk.length < due - offset) chunk += words;
      chunk = chunk.slice(0, due - offset);
      offset = due;
      // One timing message per tick for all the columns, ahead of their text: the panel pays for four columns' text,
      // not also for four times the benchmark's own messages.
      const at = performance.timeOrigin + performance.now();
      for (const column of comparison.columns) column.text += chunk;
      channel.postMessage({ benchArrival: comparison.columns.map((column) => ({ column: column.id, end: column.text.trimEnd().length, at })) });
      for (const column of comparison.columns) out.appendText(column.id, column.run, chunk);
      if (performance.now() - started < streamMs) return;
      clearInterval(timer);
      for (const column of comparison.columns) {
        column.status = 'done';
        out.column(column);
      }
      resolve(offset);
    }, tickMs);
  });
}

let pages = 0;

async function measure(context, server, script, columns) {
  const channelName = `compare-bench-${++pages}`;
  const host = await context.newPage();
  await host.addInitScript(script);
  await host.addInitScript(hostSide);
  await host.goto(server.url({ script: false }));
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.addInitScript(panelSide, channelName);
  await page.goto(server.compareUrl());
  await page.waitForFunction(() => window.__posted.some((m) => m.type === 'compare/ready'));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (name) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? 0;
  const busyBefore = await metric('TaskDuration');
  const wallBefore = Date.now();
  const chars = await host.evaluate(([name, n, ms, perTick, tick]) => window.__stream(name, n, ms, perTick, tick),
    [channelName, columns, STREAM_MS, (TOKENS_PER_SECOND * CHARS_PER_TOKEN * TICK_MS) / 1000, TICK_MS]);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const busy = ((await metric('TaskDuration')) - busyBefore) * 1000;
  const wall = Date.now() - wallBefore;
  const latencies = await page.evaluate(() => window.__latencies);
  await page.close();
  await host.close();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { columns, chars, chunks: latencies.length, median: at(0.5), p95: at(0.95), busyPercent: (busy / wall) * 100 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const script = await pageScript(root, '__compare', {
  'src/core/compare/compare-channel': ['CompareChannel'],
  'src/core/compare/comparison': ['newComparison'],
});
const server = await startPageServer(root);
const browser = await launchChromium(root);
try {
  const results = [];
  for (const columns of [1, 4]) {
    const runs = [];
    for (let run = 0; run < RUNS; run += 1) runs.push(await measure(browser.context, server, script, columns));
    results.push({
      columns,
      chars: runs[0].chars,
      chunks: median(runs.map((r) => r.chunks)),
      median: median(runs.map((r) => r.median)),
      p95: median(runs.map((r) => r.p95)),
      busyPercent: median(runs.map((r) => r.busyPercent)),
    });
  }
  const single = results[0];
  console.log(`Streams of ${TOKENS_PER_SECOND.toLocaleString('en-US')} tokens/s each for ${STREAM_MS / 1000} s; chunk reaching the host → painted; ${RUNS} run(s), medians.\n`);
  console.log('| columns | characters per column | chunks timed | latency median | latency p95 | vs one stream (median) | panel main thread busy |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(`| ${r.columns} | ${r.chars.toLocaleString('en-US')} | ${r.chunks} | ${r.median.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${(r.median / single.median).toFixed(2)}× | ${r.busyPercent.toFixed(1)} % |`);
  }
} finally {
  await browser.close();
  await server.close();
}
