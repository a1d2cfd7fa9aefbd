// Render benchmark for the chat webview, in Debian's Chromium (build first: node esbuild.mjs).
//
//   node bench/render.bench.mjs           ~50k-token answer (about 200 KB of markdown)
//   node bench/render.bench.mjs --quick   a fifth of that
//   node bench/render.bench.mjs --runs 3  repeat each measurement, report the median (the machine may be busy)
//
// (a) Render cost: the same answer streamed at 2,000 tokens/s versus rendered once from a single snapshot.
//     - In the page, performance.now() around every callback the webview registers, split into rendering
//       (animation frames, intersection and resize observers) and receiving messages (event listeners).
//     - The CPU time of the webview's JavaScript, from a Chromium trace (FunctionCall events of dist/webview.js):
//       unlike wall-clock timings it does not grow when other processes compete for the CPU.
//     - Chromium's ScriptDuration and ThreadTime (CDP), net of the cost of receiving the messages (measured the
//       same way on a page without the webview bundle).
// The provider's text arrives every TICK_MS and goes through the host's own batcher (src/core/conversation/text-batcher.ts),
// which posts it at most every STREAM_POST_INTERVAL_MS, as the extension does; the answer ends with the extension's
// own end message (answerEndMessage). All this runs in a host page of its own:
// another tab, so another renderer process, as the extension host is another process. The panel page hands each
// message on as a window message, as VS Code's webview frame does with what the workbench sends.
//   - The floor: the final rendering of finished blocks alone, paced as streamed and at once (render-floor.mjs).
// (b) Delivery latency: from a chunk of text reaching the host's batcher to the DOM showing all of it (the answer
//     element's data-shown-length says how much of the text the DOM reflects), and to the next animation frame after
//     that update (by then the frame with the update has been painted).
// Prints markdown tables; asserts nothing.
/* global window, performance, requestAnimationFrame, BroadcastChannel, TextEncoder -- the functions passed to page.evaluate run in the browser */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/harness/chromium.mjs';
import { startPageServer } from '../test/webview/page-server.mjs';
import { pageScript } from './page-script.mjs';
import { finalRenderingFloor } from './render-floor.mjs';
import { realisticAnswer } from './render-corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 1) : 1;
const ANSWER_BYTES = quick ? 40_000 : 200_000;
const TOKENS_PER_SECOND = 2000;
/** OpenRouter's models average about four characters of English or code per token. */
const CHARS_PER_TOKEN = 4;
/** How often the provider's text reaches the host; each chunk carries everything due since the last. */
const TICK_MS = 10;

// Installed before any page script: times the webview's callbacks and, when asked, when chunks arrive and when
// the DOM shows them. Wrapping the callbacks hides their origin from a trace, so traced runs go without it.
const INSTRUMENT = `(() => {
  const bench = { messagesMs: 0, renderMs: 0, otherMs: 0, frames: 0, arrivals: [], toDom: [], toFrame: [] };
  window.__bench = bench;
  const time = (bucket, fn) => function (...args) {
    const start = performance.now();
    try { return fn.apply(this, args); } finally { bench[bucket] += performance.now() - start; }
  };
  const addEventListener = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    const timed = typeof listener === 'function' ? time(type === 'message' ? 'messagesMs' : 'otherMs', listener) : listener;
    return addEventListener.call(this, type, timed, options);
  };
  const requestFrame = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => requestFrame(time('renderMs', (...args) => { bench.frames++; return callback(...args); }));
  for (const name of ['IntersectionObserver', 'ResizeObserver']) {
    const Observer = window[name];
    window[name] = class extends Observer {
      constructor(callback, options) { super(time('renderMs', callback), options); }
    };
  }
  // A chunk counts as shown once the answer's data-shown-length covers it; the host page says when each arrived.
  window.__startLatency = () => {
    bench.timeArrivals = true;
    new MutationObserver((records) => {
      const now = performance.now();
      const shown = Math.max(...records.map((r) => Number(r.target.dataset.shownLength) || 0));
      const done = bench.arrivals.filter((a) => a.end <= shown);
      if (done.length === 0) return;
      bench.arrivals = bench.arrivals.filter((a) => a.end > shown);
      for (const a of done) bench.toDom.push(now - a.at);
      requestFrame(() => { const frame = performance.now(); for (const a of done) bench.toFrame.push(frame - a.at); });
    }).observe(document.getElementById('root'), { subtree: true, attributes: true, attributeFilter: ['data-shown-length'] });
  };
})();`;

const now = Date.now();
const USER_TURN = { id: 'u1', role: 'user', text: 'Walk me through the whole refactoring, with code.', createdAt: now, attachments: [] };
const META = { requestedModel: 'anthropic/claude-sonnet-4', model: 'anthropic/claude-sonnet-4', provider: 'Anthropic', cost: 0.75, fallbackPath: [] };

function panelState(turns) {
  return {
    hasKey: true, model: 'anthropic/claude-sonnet-4', chat: { id: 'bench', title: 'Benchmark', turns, olderCount: 0 },
    chats: [], streaming: false, waiting: false, composer: { draft: '', draftRevision: 0, attachments: [] },
  };
}

/**
 * The panel's side of the relay: what the host page sends arrives as a window message, as VS Code's webview frame
 * hands on what the workbench sends. Chunk arrival times go to the latency measurement instead.
 */
function relayFromHost(channelName) {
  const channel = new BroadcastChannel(channelName);
  channel.onmessage = ({ data }) => {
    if (!data.benchArrival) {
      window.postMessage(data, '*');
      return;
    }
    if (window.__bench?.timeArrivals) window.__bench.arrivals.push({ end: data.benchArrival.end, at: data.benchArrival.at - performance.timeOrigin });
  };
}

let pages = 0;

/**
 * A panel page and the host page that streams to it. The host runs in its own tab, so in a renderer process of
 * its own, as the extension host is a process of its own: the provider's chunks and the host's batching do not
 * take the panel's main thread, only the messages do.
 */
async function openPage(context, server, { script = true, instrument = true } = {}) {
  const channelName = `bench-${++pages}`;
  const host = await context.newPage();
  await host.addInitScript(HOST_SIDE);
  await host.addInitScript((name) => { window.__benchChannel = name; }, channelName);
  await host.goto(server.url({ script: false }));
  const page = await context.newPage();
  await page.setViewportSize({ width: 420, height: 900 });
  await page.addInitScript(relayFromHost, channelName);
  if (instrument) await page.addInitScript(INSTRUMENT);
  await page.goto(server.url({ script }));
  if (script) await page.waitForFunction(() => window.__posted.some((m) => m.type === 'webview/ready'));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, host, cdp, close: async () => { await page.close(); await host.close(); } };
}

const postSnapshot = (page, turns) => page.evaluate((state) => window.postMessage({ type: 'state/snapshot', seq: 1, state }, '*'), panelState(turns));
const twoFrames = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/**
 * The host's side of streaming, as the extension builds it: its text batcher and the interval it posts at. Bundled
 * for the page, where it runs the same schedule the extension host would.
 */
function hostSideScript() {
  return pageScript(root, '__hostSide', {
    'src/core/conversation/text-batcher': ['TextBatcher'],
    'src/protocol/stream-timing': ['STREAM_POST_INTERVAL_MS'],
    'src/protocol/messages': ['answerEndMessage'],
  });
}

/**
 * Streams the answer on the 2,000 tokens/s schedule from the host page: the provider's chunks go through the host's
 * batcher, which posts them as the extension host would. With `latency`, it also tells the panel when each chunk
 * arrived (in its own clock's terms: both pages share performance.timeOrigin's epoch).
 */
function streamFromHost(hostPage, text, { latency = false } = {}) {
  return hostPage.evaluate(({ text, charsPerSecond, tick, meta, latency }) => new Promise((resolve) => {
    const { TextBatcher, STREAM_POST_INTERVAL_MS, answerEndMessage } = window.__hostSide;
    const channel = new BroadcastChannel(window.__benchChannel);
    let seq = 1;
    let messages = 0;
    // What crosses to the webview, as UTF-8 JSON (VS Code serialises a webview's messages as JSON).
    let bytes = 0;
    const encoder = new TextEncoder();
    const post = (message) => {
      const numbered = { ...message, seq: ++seq };
      bytes += encoder.encode(JSON.stringify(numbered)).length;
      channel.postMessage(numbered);
    };
    const batcher = new TextBatcher((chunk) => { messages++; post(chunk); }, STREAM_POST_INTERVAL_MS);
    const answer = { id: 'a1', role: 'assistant', text: '', reasoning: '', status: 'streaming', createdAt: Date.now(), notices: [] };
    post({ type: 'chat/turn', turn: answer });
    const start = performance.now();
    let sent = 0;
    let chunks = 0;
    const timer = setInterval(() => {
      const due = Math.min(text.length, Math.round(((performance.now() - start) * charsPerSecond) / 1000));
      if (due > sent) {
        if (latency) channel.postMessage({ benchArrival: { end: due, at: performance.timeOrigin + performance.now() } });
        batcher.push({ type: 'chat/delta', turnId: 'a1', text: text.slice(sent, due) });
        sent = due;
        chunks++;
      }
      if (sent < text.length) return;
      clearInterval(timer);
      batcher.flush();
      post(answerEndMessage({ ...answer, text, status: 'done', meta }));
      channel.close();
      resolve({ chunks, messages, bytes, seconds: (performance.now() - start) / 1000 });
    }, tick);
  }), { text, charsPerSecond: TOKENS_PER_SECOND * CHARS_PER_TOKEN, tick: TICK_MS, meta: META, latency });
}

async function waitForAnswer(page) {
  await page.locator('.answer-footer').waitFor({ timeout: 120000 });
  await twoFrames(page);
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const value = (name) => (list.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { script: value('ScriptDuration'), cpu: value('ThreadTime') };
}

function difference(after, before) {
  return { script: after.script - before.script, cpu: after.cpu - before.cpu };
}

/** Streams (or, with `once`, snapshots) the answer on an instrumented page; in-page timings and CDP metrics. */
async function measure(context, server, text, { once = false } = {}) {
  const { page, host, cdp, close } = await openPage(context, server);
  await postSnapshot(page, once ? [] : [USER_TURN]);
  await twoFrames(page);
  await page.evaluate(() => Object.assign(window.__bench, { messagesMs: 0, renderMs: 0, otherMs: 0, frames: 0 }));
  const before = await metrics(cdp);
  const answer = { id: 'a1', role: 'assistant', text, reasoning: '', status: 'done', createdAt: now, notices: [], meta: META };
  const feed = once ? await postSnapshot(page, [USER_TURN, answer]) : await streamFromHost(host, text);
  await waitForAnswer(page);
  const after = await metrics(cdp);
  const { messagesMs, renderMs, otherMs, frames } = await page.evaluate(() => window.__bench);
  await close();
  return { messagesMs, renderMs, frames, allMs: messagesMs + renderMs + otherMs, ...difference(after, before), ...feed };
}

/** The same, uninstrumented, under a trace: CPU time spent in the webview's own functions. */
async function traced(context, server, text, { once = false } = {}) {
  const { page, host, cdp, close } = await openPage(context, server, { instrument: false });
  await postSnapshot(page, once ? [] : [USER_TURN]);
  await twoFrames(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (event) => events.push(...event.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline'] }, transferMode: 'ReportEvents' });
  const answer = { id: 'a1', role: 'assistant', text, reasoning: '', status: 'done', createdAt: now, notices: [], meta: META };
  if (once) await postSnapshot(page, [USER_TURN, answer]);
  else await streamFromHost(host, text);
  await waitForAnswer(page);
  await cdp.send('Tracing.end');
  await complete;
  await close();
  let jsCpuMs = 0;
  for (const event of events) {
    if (event.ph === 'X' && event.name === 'FunctionCall' && String(event.args?.data?.url ?? '').endsWith('/dist/webview.js')) jsCpuMs += (event.tdur ?? 0) / 1000;
  }
  return { jsCpuMs };
}

/** What receiving the messages costs by itself: the same stream, relayed to the page without the webview. */
async function receivingOnly(context, server, text) {
  const { host, cdp, close } = await openPage(context, server, { script: false });
  const before = await metrics(cdp);
  await streamFromHost(host, text);
  const after = await metrics(cdp);
  await close();
  return difference(after, before);
}

async function latency(context, server, text) {
  const { page, host, close } = await openPage(context, server);
  await postSnapshot(page, [USER_TURN]);
  await twoFrames(page);
  await page.evaluate(() => window.__startLatency());
  await streamFromHost(host, text, { latency: true });
  await waitForAnswer(page);
  const { toDom, toFrame } = await page.evaluate(() => window.__bench);
  await close();
  return { toDom, toFrame };
}

/** Runs `measurement` RUNS times and keeps the median of every numeric field. */
async function medianOf(measurement) {
  const results = [];
  for (let i = 0; i < RUNS; i++) results.push(await measurement());
  const median = {};
  for (const key of Object.keys(results[0])) median[key] = percentile(results.map((r) => r[key]), 50);
  return median;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const ms = (value) => `${value.toFixed(1)} ms`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

if (!fs.existsSync(path.join(root, 'dist/webview.js'))) {
  console.error('dist/webview.js is missing: run `node esbuild.mjs` first');
  process.exit(1);
}

const HOST_SIDE = await hostSideScript();
const text = realisticAnswer(ANSWER_BYTES);
const tokens = Math.round(text.length / CHARS_PER_TOKEN);
const server = await startPageServer(root);
const browser = await launchChromium(root);
try {
  const { context } = browser;
  const receiving = await medianOf(() => receivingOnly(context, server, text));
  const stream = await medianOf(() => measure(context, server, text));
  const once = await medianOf(() => measure(context, server, text, { once: true }));
  const streamCpu = await medianOf(() => traced(context, server, text));
  const onceCpu = await medianOf(() => traced(context, server, text, { once: true }));
  const delivery = await latency(context, server, text);
  const floor = await medianOf(() => finalRenderingFloor({ root, context, server, text, charsPerSecond: TOKENS_PER_SECOND * CHARS_PER_TOKEN }));

  console.log(`\nAnswer: ${(text.length / 1024).toFixed(0)} KB of markdown, ~${tokens.toLocaleString('en-US')} tokens, streamed over ` +
    `${stream.seconds.toFixed(1)} s (${TOKENS_PER_SECOND.toLocaleString('en-US')} tokens/s): ${stream.chunks.toLocaleString('en-US')} chunks reached ` +
    `the host (one every ${TICK_MS} ms), which posted them to the webview in ${stream.messages.toLocaleString('en-US')} messages ` +
    `(${(stream.bytes / 1024).toFixed(0)} KB of JSON, ${(stream.bytes / new TextEncoder().encode(text).length).toFixed(2)}× the answer). ` +
    `Median of ${RUNS} run${RUNS > 1 ? 's' : ''}.\n`);
  console.log('### (a) Render cost: streamed vs one snapshot\n');
  const row = (label, a, b) => [label, ms(a), ms(b), ratio(a, b)];
  console.log(table(['main thread', 'streamed', 'one snapshot', 'ratio'], [
    row('rendering (animation frames, observers), timed in the page', stream.renderMs, once.renderMs),
    row('all webview callbacks (rendering + receiving messages), timed in the page', stream.allMs, once.allMs),
    row('webview JavaScript, CPU time (trace)', streamCpu.jsCpuMs, onceCpu.jsCpuMs),
    row('ScriptDuration (CDP), net of receiving', stream.script - receiving.script, once.script),
    row('main-thread CPU incl. style, layout, paint (CDP ThreadTime), net of receiving', stream.cpu - receiving.cpu, once.cpu),
    row(`final rendering of finished blocks alone, nothing else running: ${floor.pieces} pieces paced as streamed vs one call`, floor.pacedMs, floor.onceMs),
    row(`the same ${floor.pieces} pieces back to back, in one frame, vs one call`, floor.backToBackMs, floor.onceMs),
    row(`the same in ${floor.batches} batches a second apart vs one call`, floor.batchedMs, floor.onceMs),
    ['animation frames with webview work', String(stream.frames), String(once.frames), ''],
    ['receiving the messages alone, no webview (ScriptDuration / ThreadTime)', `${ms(receiving.script)} / ${ms(receiving.cpu)}`, '', ''],
  ]));
  console.log('\n### (b) Delivery latency of a chunk of text\n');
  const stats = (label, values) => [label, ms(percentile(values, 50)), ms(percentile(values, 95)), ms(Math.max(...values)), String(values.length)];
  console.log(table(['from reaching the host to', 'median', 'p95', 'max', 'chunks'], [
    stats('the DOM showing all of it', delivery.toDom),
    stats('the next animation frame (painted)', delivery.toFrame),
  ]));
  console.log('');
} finally {
  await browser.close();
  await server.close();
}
