// One Chromium for the whole webview run, and a fresh page per test showing the chat panel outside VS Code.
// Tests play the host: they post protocol messages into the page and read what the webview posted back.
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { HostToWebview, WebviewToHost } from '../../src/protocol/messages';
import { STREAM_REDRAW_INTERVAL_MS } from '../../src/protocol/stream-timing';
// The harness modules are plain JavaScript shared with the other runners and the render benchmark.
import { launchChromium } from '../harness/chromium.mjs';
import { startPageServer, type PageServer } from '../webview/page-server.mjs';

export const extRoot = path.resolve(__dirname, '../../..');

/** What the stub page exposes; the page functions below run in the browser and see it as globalThis. */
export interface TestWindow {
  postMessage(message: unknown, targetOrigin: string): void;
  __posted: WebviewToHost[];
  __violations: string[];
  __pwned?: unknown;
  __savedViewState?: unknown;
  requestAnimationFrame(callback: () => void): number;
  performance: { now(): number };
}
// Functions passed to page.evaluate are serialised and run in the page, so they cannot call helpers from here:
// each one casts globalThis itself.

export interface Shared {
  context: BrowserContext;
  server: PageServer;
  close(): Promise<void>;
}
const SHARED = Symbol.for('openrouter-chat.webview.browser');
type SharedHolder = { [SHARED]?: Promise<Shared> };

async function start(): Promise<Shared> {
  const server = await startPageServer(extRoot);
  const browser = await launchChromium(extRoot);
  return {
    context: browser.context,
    server,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** The browser and page server every webview test file shares (the chat panel's and the dashboard's). */
export function sharedBrowser(): Promise<Shared> {
  const holder = globalThis as SharedHolder;
  if (!holder[SHARED]) {
    holder[SHARED] = start();
    // Registered once, at the root: runs after every webview test file.
    after(async () => (await holder[SHARED])?.close());
  }
  return holder[SHARED];
}

export interface PanelPage {
  page: Page;
  server: PageServer;
  /** Console warnings the page logged. */
  warnings: string[];
  /** Every URL the page requested. */
  requests: string[];
  send(message: HostToWebview): Promise<void>;
  /** Posts anything, valid or not, as the host would. */
  sendRaw(message: unknown): Promise<void>;
  posted(): Promise<WebviewToHost[]>;
  /** Waits until the webview has posted a message of `type` (optionally one `matching`) and returns it. */
  waitForPosted<T extends WebviewToHost['type']>(type: T, matching?: Partial<Extract<WebviewToHost, { type: T }>>): Promise<Extract<WebviewToHost, { type: T }>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  csp?: boolean;
  theme?: 'dark' | 'light' | 'high-contrast';
  width?: number;
  height?: number;
  viewState?: unknown;
}

/** A new page with the panel loaded and `webview/ready` received. */
export async function openPanel(options: OpenOptions = {}): Promise<PanelPage> {
  const { context, server } = await sharedBrowser();
  const page = await context.newPage();
  // Shorter than mocha's test timeout, so a wait that never ends fails with Playwright's explanation.
  page.setDefaultTimeout(10000);
  await page.setViewportSize({ width: options.width ?? 400, height: options.height ?? 700 });
  const warnings: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(server.url({ csp: options.csp ?? true, theme: options.theme ?? 'dark', viewState: options.viewState }));
  const panel: PanelPage = {
    page, server, warnings, requests,
    send: (message) => panel.sendRaw(message),
    sendRaw: (message) => page.evaluate((m) => (globalThis as unknown as TestWindow).postMessage(m, '*'), message),
    posted: () => page.evaluate(() => (globalThis as unknown as TestWindow).__posted),
    async waitForPosted(type, matching = {}) {
      const handle = await page.waitForFunction(({ type, matching }) => {
        const found = (globalThis as unknown as TestWindow).__posted.find((m) => m.type === type && Object.entries(matching as Record<string, unknown>).every(([k, v]) => JSON.stringify((m as Record<string, unknown>)[k]) === JSON.stringify(v)));
        return found ?? false;
      }, { type, matching }, { timeout: 10000 });
      return (await handle.jsonValue()) as Extract<WebviewToHost, { type: typeof type }>;
    },
    close: () => page.close(),
  };
  await panel.waitForPosted('webview/ready');
  return panel;
}

/**
 * Waits until a streamed answer has had its chance to redraw: a redraw interval, then two animation frames. For
 * proving that text sent so far was not shown, where there is nothing to wait for.
 */
export async function settleRedraw(page: Page): Promise<void> {
  await page.evaluate((interval) => new Promise<void>((resolve) => {
    const w = globalThis as unknown as TestWindow;
    const start = w.performance.now();
    const frame = (): void => {
      if (w.performance.now() - start > interval) w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve()));
      else w.requestAnimationFrame(frame);
    };
    w.requestAnimationFrame(frame);
  }), STREAM_REDRAW_INTERVAL_MS);
}

/** Waits until the panel has applied everything sent so far and painted it (two animation frames). */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => {
    const w = globalThis as unknown as TestWindow;
    w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve()));
  }));
}
