// Pasting a 2 MB screenshot into the chat panel, in Debian's Chromium (build first: node esbuild.mjs).
//
//   node bench/paste-image.bench.mjs           5 runs, the median and the worst
//   node bench/paste-image.bench.mjs --runs 9
//
// A 3000 × 2000 PNG of about 2 MB is pasted into the composer. Measured in the page:
//   - paste → posted: until the panel has decoded it (createImageBitmap), downscaled it to 2048 px and re-encoded
//     it with a thumbnail (OffscreenCanvas.convertToBlob) and posted it to the host;
//   - paste → thumbnail: until the chip's thumbnail shows, the host's composer state played back at once;
//   - the longest main-thread block meanwhile: Chromium's long tasks (50 ms or more) and the longest gap between
//     animation frames, which is what a person typing would feel.
// Prints a markdown table; asserts nothing.
/* global window, document, performance, requestAnimationFrame, OffscreenCanvas, DataTransfer, File, ClipboardEvent, PerformanceObserver -- page functions */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/harness/chromium.mjs';
import { startPageServer } from '../test/webview/page-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 1) : 5;

const snapshot = { type: 'state/snapshot', seq: 1, state: {
  hasKey: true, model: 'openai/gpt-4o-mini', chat: { id: 'chat-1', title: 'Bench', turns: [], olderCount: 0 }, chats: [],
  streaming: false, waiting: false, composer: { draft: '', draftRevision: 0, attachments: [] },
} };

// In the page: a 3000 × 2000 PNG of about 2 MB (a gradient with noise, denser until the file is big enough).
async function makePng() {
  const width = 3000;
  const height = 2000;
  for (let noise = 0.02; ; noise *= 1.5) {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    const image = context.createImageData(width, height);
    for (let i = 0; i < image.data.length; i += 4) {
      const x = (i / 4) % width;
      image.data[i] = (x / width) * 255;
      image.data[i + 1] = Math.random() < noise ? Math.random() * 255 : 120;
      image.data[i + 2] = 200;
      image.data[i + 3] = 255;
    }
    context.putImageData(image, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    if (blob.size >= 1.9e6) {
      window.__png = blob;
      return blob.size;
    }
  }
}

// In the page: pastes the PNG and times it, watching the main thread.
async function pasteAndTime() {
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  let maxGap = 0;
  let last = performance.now();
  let watching = true;
  const frame = () => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    if (watching) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const posted = window.__posted;
  const start = performance.now();
  const attached = new Promise((resolve) => {
    const push = posted.push.bind(posted);
    posted.push = (message) => {
      if (message.type === 'context/attachMedia') resolve([performance.now(), message]);
      return push(message);
    };
  });
  const data = new DataTransfer();
  data.items.add(new File([window.__png], 'image.png', { type: 'image/png' }));
  document.querySelector('textarea').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  const [postedAt, message] = await attached;
  // The host's answer, at once: the chip with its thumbnail.
  window.postMessage({ type: 'composer/state', composer: { draft: '', draftRevision: 0, attachments: [{ kind: 'image', label: message.name, tokens: 1600, thumbnail: message.thumbnail }] } }, '*');
  const shownAt = await new Promise((resolve) => {
    const check = () => {
      const img = document.querySelector('.chip-thumbnail');
      if (img?.complete && img.naturalWidth > 0) resolve(performance.now());
      else requestAnimationFrame(check);
    };
    check();
  });
  watching = false;
  await new Promise((resolve) => setTimeout(resolve, 0));
  observer.disconnect();
  return {
    postedMs: postedAt - start, shownMs: shownAt - start, longestTaskMs: Math.max(0, ...longTasks), longTasks: longTasks.length,
    maxFrameGapMs: maxGap, sentBytes: Math.round((message.dataUrl.length * 3) / 4), thumbnailBytes: Math.round((message.thumbnail.length * 3) / 4),
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const server = await startPageServer(root);
const browser = await launchChromium(root);
const results = [];
let pngBytes = 0;
try {
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 400, height: 700 });
    await page.goto(server.url({ csp: true, theme: 'dark' }));
    await page.waitForFunction(() => window.__posted?.some((m) => m.type === 'webview/ready'));
    await page.evaluate((m) => window.postMessage(m, '*'), snapshot);
    pngBytes = await page.evaluate(makePng);
    results.push(await page.evaluate(pasteAndTime));
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const row = (label, key, unit = 'ms') => {
  const values = results.map((r) => r[key]);
  const fmt = (v) => (unit === 'ms' ? v.toFixed(0) : String(v));
  return `| ${label} | ${fmt(median(values))} | ${fmt(Math.max(...values))} |`;
};
console.log(`A ${(pngBytes / 1e6).toFixed(2)} MB 3000 × 2000 PNG pasted into the composer, ${RUNS} runs (ms unless said).\n`);
console.log('| | median | worst |');
console.log('|---|---:|---:|');
console.log(row('paste → image posted to the host (decoded, downscaled to 2048 px, re-encoded, thumbnail)', 'postedMs'));
console.log(row('paste → thumbnail shown in its chip', 'shownMs'));
console.log(row('longest main-thread task (long tasks ≥ 50 ms; 0: none)', 'longestTaskMs'));
console.log(row('long tasks meanwhile (count)', 'longTasks', 'n'));
console.log(row('longest gap between animation frames', 'maxFrameGapMs'));
console.log(row('bytes sent to the host (2048 × 1365)', 'sentBytes', 'n'));
console.log(row('thumbnail bytes', 'thumbnailBytes', 'n'));
