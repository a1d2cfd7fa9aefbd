// The floor under the render benchmark's ratio: only the final rendering of finished blocks (marked's renderer,
// highlight.js, DOMPurify, code buttons), the part of streaming that a snapshot does too, done by the panel's own
// SettledBlocks. Paced, blocks are added as the benchmark's stream would finish them, in animation frames at most
// every TAIL_PARSE_INTERVAL_MS (the panel's tail parse interval), with nothing else running; at once, all of them
// in one call. The work is the same; only its spreading over the stream's duration differs.
/* global window, document, performance, requestAnimationFrame -- the functions passed to page.evaluate run in the browser */
import { pageScript } from './page-script.mjs';

function floorScript(root) {
  return pageScript(root, '__floor', {
    'src/webview/markdown/blocks': ['lexBlocks'],
    'src/webview/markdown/settled-blocks': ['SettledBlocks'],
    'src/webview/markdown/markdown-view': ['TAIL_PARSE_INTERVAL_MS'],
  });
}

/**
 * Milliseconds of final rendering, and in how many pieces: at once, in `split` even pieces back to back, or paced as
 * streamed with pieces at least `batchMs` apart (the panel's own tail parse interval when not given).
 */
function timeFinalRendering({ text, charsPerSecond, batchMs, once, split }) {
  const { lexBlocks, SettledBlocks, TAIL_PARSE_INTERVAL_MS } = window.__floor;
  const interval = batchMs ?? TAIL_PARSE_INTERVAL_MS;
  const tokens = lexBlocks(text, {});
  const ends = [];
  let end = 0;
  for (const token of tokens) ends.push((end += token.raw.length));
  const settled = new SettledBlocks({ copy() {}, insert() {}, apply() {} });
  const answer = document.createElement('div');
  answer.className = 'markdown';
  answer.append(settled.element);
  document.body.append(answer);
  let ms = 0;
  let pieces = 0;
  const add = (list) => {
    const start = performance.now();
    settled.add(list);
    ms += performance.now() - start;
    pieces++;
  };
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  return (async () => {
    await frame();
    if (once) {
      add(tokens);
      return { ms, pieces };
    }
    if (split) {
      for (let i = 0; i < split; i++) add(tokens.slice(Math.floor((i * tokens.length) / split), Math.floor(((i + 1) * tokens.length) / split)));
      return { ms, pieces };
    }
    const start = performance.now();
    let next = 0;
    let last = -Infinity;
    while (next < tokens.length) {
      const now = await frame();
      if (now - last < interval) continue;
      // A block is finished once text after it has arrived (the stream reveals it by then).
      const due = ((now - start) * charsPerSecond) / 1000;
      let until = next;
      while (until < tokens.length && (ends[until] < due || due >= text.length)) until++;
      if (until === next) continue;
      last = now;
      add(tokens.slice(next, until));
      next = until;
    }
    return { ms, pieces };
  })();
}

/**
 * The final rendering alone, on fresh pages: paced as streamed; in as many pieces back to back (whether the pieces
 * or the time between them cost more); paced in batches a second apart (whether cutting the work more coarsely
 * would make spreading it cheaper); and at once.
 */
export async function finalRenderingFloor({ root, context, server, text, charsPerSecond }) {
  const script = await floorScript(root);
  const run = async ({ once = false, batchMs, split } = {}) => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 420, height: 900 });
    await page.addInitScript(script);
    await page.goto(server.url({ script: false }));
    const result = await page.evaluate(timeFinalRendering, { text, charsPerSecond, batchMs, once, split });
    await page.close();
    return result;
  };
  const paced = await run();
  const backToBack = await run({ split: paced.pieces });
  const batched = await run({ batchMs: 1000 });
  const once = await run({ once: true });
  return { pacedMs: paced.ms, pieces: paced.pieces, backToBackMs: backToBack.ms, batchedMs: batched.ms, batches: batched.pieces, onceMs: once.ms };
}
