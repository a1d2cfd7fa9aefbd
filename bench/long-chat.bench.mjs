// Long chats in the chat panel, in Chromium (the panel page outside VS Code, as the webview tests show it). The
// bench plays the host: it answers the panel's requests for older turns as the extension does, either with the
// pages the panel asks for (now) or with 40 turns whatever it asks (before pages grew).
//   - the DOM after a chat of 200 answers: turns and elements, with the end in view;
//   - the top of a 2,000-message chat: the reader presses Home in the log again and again until the first message
//     shows; time and round trips.
import { launchChromium } from '../test/harness/chromium.mjs';
/* global window, document, performance -- the functions passed to page.evaluate run in the browser, and Node has performance too */
import { startPageServer } from '../test/webview/page-server.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHAT_ID = 'chat-bench';
const RUNS = 3;

function turns(pairs, from = 0) {
  const out = [];
  for (let i = from; i < from + pairs; i++) {
    out.push({ id: `u${i}`, role: 'user', text: `Question ${i}: how do I do thing ${i}?`, createdAt: 1, attachments: [] });
    out.push({ id: `a${i}`, role: 'assistant', text: `Answer ${i}: use **this**.\n\n\`\`\`js\nconst value${i} = compute(${i});\n\`\`\`\n\n- point one\n- point two`, reasoning: '', status: 'done', createdAt: 1, notices: [], meta: { requestedModel: 'm/x', model: 'm/x', fallbackPath: [] } });
  }
  return out;
}

function snapshot(all, shown) {
  return {
    type: 'state/snapshot', seq: 1,
    state: {
      hasKey: true, model: 'm/x', chat: { id: CHAT_ID, title: 'Long', turns: all.slice(all.length - shown), olderCount: all.length - shown },
      chats: [], streaming: false, waiting: false, composer: { draft: '', draftRevision: 0, attachments: [] },
    },
  };
}

async function openPage(context, server) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 400, height: 700 });
  await page.goto(server.url({ csp: true, theme: 'dark' }));
  await page.waitForFunction(() => window.__posted.some((m) => m.type === 'webview/ready'));
  return page;
}

async function domAfter200Answers(context, server) {
  const page = await openPage(context, server);
  const all = turns(200);
  await page.evaluate((m) => window.postMessage(m, '*'), snapshot(all, all.length));
  await page.locator('.turn-assistant').last().locator('.markdown-settled strong').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.turn-placeholder').length > 0, undefined, { timeout: 10000 }).catch(() => undefined);
  const counts = await page.evaluate(() => ({ turns: document.querySelectorAll('.turn').length, elements: document.querySelectorAll('*').length }));
  await page.close();
  return counts;
}

async function scrollToTop(context, server, honourCount) {
  const page = await openPage(context, server);
  const all = turns(1000);
  await page.evaluate((m) => window.postMessage(m, '*'), snapshot(all, 40));
  await page.locator('.turn').last().waitFor();
  const log = page.getByRole('log', { name: 'Conversation' });
  const first = page.locator('.turn').filter({ hasText: 'Question 0:' });
  let answered = 0;
  const started = performance.now();
  while (!(await first.isVisible())) {
    await log.press('Home');
    const requests = await page.evaluate(() => window.__posted.filter((m) => m.type === 'history/older'));
    for (const request of requests.slice(answered)) {
      const count = honourCount ? request.count ?? 40 : 40;
      const start = Math.max(0, request.before - count);
      await page.evaluate((m) => window.postMessage(m, '*'), { type: 'history/older', chatId: CHAT_ID, turns: all.slice(start, request.before), olderCount: start });
      answered++;
    }
  }
  const ms = performance.now() - started;
  await page.close();
  return { ms, trips: answered };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const server = await startPageServer(root);
const browser = await launchChromium(root);
try {
  const dom = await domAfter200Answers(browser.context, server);
  console.log('Chat panel after 200 answers (400 turns), the end in view:\n');
  console.log('| measure | all turns kept (before) | now |\n|---|---:|---:|');
  console.log(`| turns in the DOM | 400 | ${dom.turns} |`);
  console.log(`| elements in the DOM | 61,668 (issue figure, workbench) | ${dom.elements.toLocaleString('en-US')} |`);
  const old = [];
  const now = [];
  for (let i = 0; i < RUNS; i++) {
    old.push(await scrollToTop(browser.context, server, false));
    now.push(await scrollToTop(browser.context, server, true));
  }
  console.log(`\nTo the top of a 2,000-message chat, pressing Home as the pages come (median of ${RUNS}):\n`);
  console.log('| pages | round trips | time |\n|---|---:|---:|');
  console.log(`| 40 turns each (before) | ${median(old.map((r) => r.trips))} | ${median(old.map((r) => r.ms)).toFixed(0)} ms |`);
  console.log(`| doubling while scrolling (now) | ${median(now.map((r) => r.trips))} | ${median(now.map((r) => r.ms)).toFixed(0)} ms |`);
} finally {
  await browser.close();
  await server.close();
}
