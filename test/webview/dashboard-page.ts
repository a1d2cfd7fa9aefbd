// The usage dashboard outside VS Code, for its component tests: a small page server with the same HTML shell and
// content security policy as src/host/webview-html.ts, the real bundle (dist/dashboard.js) and stylesheet, the
// shared test theme plus VS Code's chart colours, and a stub of `acquireVsCodeApi` that records what the page
// posts. Tests play the host: they post protocol messages into the page and read what it posted back.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { DashboardToHost, HostToDashboard } from '../../src/protocol/dashboard';
import { launchChromium } from '../harness/chromium.mjs';

export const extRoot = path.resolve(__dirname, '../../..');

export type Theme = 'dark' | 'light' | 'high-contrast';

const ASSETS: Record<string, [string, string]> = {
  '/dist/dashboard.js': ['dist/dashboard.js', 'text/javascript'],
  '/media/dashboard.css': ['media/dashboard.css', 'text/css'],
  '/dist/codicons/codicon.css': ['dist/codicons/codicon.css', 'text/css'],
  '/dist/codicons/codicon.ttf': ['dist/codicons/codicon.ttf', 'font/ttf'],
  '/test/theme.css': ['test/webview/theme.css', 'text/css'],
};

/** VS Code's chart palette (Default Dark Modern, Light Modern, High Contrast), which test/theme.css leaves out. */
const CHART_COLOURS = `
body.vscode-dark { --vscode-charts-foreground: #cccccc; --vscode-charts-lines: rgba(204, 204, 204, 0.5); --vscode-charts-blue: #3794ff;
  --vscode-charts-green: #89d185; --vscode-charts-purple: #b180d7; --vscode-charts-orange: #d18616; --vscode-charts-red: #f14c4c;
  --vscode-charts-yellow: #cca700; --vscode-editorWidget-background: #202020; }
body.vscode-light { --vscode-charts-foreground: #616161; --vscode-charts-lines: rgba(97, 97, 97, 0.5); --vscode-charts-blue: #1a85ff;
  --vscode-charts-green: #388a34; --vscode-charts-purple: #652d90; --vscode-charts-orange: #d18616; --vscode-charts-red: #e51400;
  --vscode-charts-yellow: #bf8803; --vscode-editorWidget-background: #f8f8f8; }
body.vscode-high-contrast { --vscode-charts-foreground: #ffffff; --vscode-charts-lines: rgba(255, 255, 255, 0.5); --vscode-charts-blue: #3794ff;
  --vscode-charts-green: #89d185; --vscode-charts-purple: #b180d7; --vscode-charts-orange: #d18616; --vscode-charts-red: #f14c4c;
  --vscode-charts-yellow: #ffd700; --vscode-editorWidget-background: #0c141f; }`;

// Runs before the dashboard script; mirrors VS Code's postMessage, getState and setState.
const STUB = `(() => {
  const posted = [];
  const violations = [];
  let state;
  window.__posted = posted;
  window.__violations = violations;
  document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective + ' ' + event.blockedURI));
  window.acquireVsCodeApi = () => ({
    postMessage(message) { posted.push(JSON.parse(JSON.stringify(message))); },
    getState() { return state; },
    setState(value) { state = value; window.__savedViewState = value; },
  });
})();`;

function page(origin: string, theme: string): string {
  const nonce = randomBytes(16).toString('hex');
  const policy = ["default-src 'none'", `style-src ${origin} 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `font-src ${origin}`, `img-src ${origin} data:`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OpenRouter Usage</title>
<link rel="stylesheet" nonce="${nonce}" href="/test/theme.css">
<style nonce="${nonce}">${CHART_COLOURS}</style>
<link rel="stylesheet" nonce="${nonce}" href="/dist/codicons/codicon.css">
<link rel="stylesheet" nonce="${nonce}" href="/media/dashboard.css">
</head>
<body class="vscode-${theme}">
<main id="root"></main>
<script nonce="${nonce}" src="/stub.js"></script>
<script nonce="${nonce}" src="/dist/dashboard.js"></script>
</body>
</html>`;
}

interface Server {
  origin: string;
  close(): Promise<void>;
}

async function startServer(): Promise<Server> {
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/dashboard.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page(origin, url.searchParams.get('theme') ?? 'dark'));
      return;
    }
    if (url.pathname === '/stub.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(STUB);
      return;
    }
    const asset = ASSETS[url.pathname];
    if (!asset) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    fs.readFile(path.join(extRoot, asset[0]), (error, body) => {
      res.writeHead(error ? 500 : 200, { 'content-type': asset[1], 'cache-control': 'no-store' });
      res.end(error ? String(error) : body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

interface Shared {
  context: BrowserContext;
  server: Server;
  close(): Promise<void>;
}
const SHARED = Symbol.for('openrouter-chat.webview.dashboard');
type SharedHolder = { [SHARED]?: Promise<Shared> };

function shared(): Promise<Shared> {
  const holder = globalThis as SharedHolder;
  if (!holder[SHARED]) {
    holder[SHARED] = (async () => {
      const server = await startServer();
      const browser = await launchChromium(extRoot);
      return {
        context: browser.context,
        server,
        async close() {
          await browser.close();
          await server.close();
        },
      };
    })();
    // Registered once, at the root: runs after every webview test file.
    after(async () => (await holder[SHARED])?.close());
  }
  return holder[SHARED];
}

interface TestWindow {
  postMessage(message: unknown, targetOrigin: string): void;
  __posted: DashboardToHost[];
  __violations: string[];
  __savedViewState?: unknown;
  requestAnimationFrame(callback: () => void): number;
}

export interface DashboardPage {
  page: Page;
  /** Console warnings and errors the page logged. */
  warnings: string[];
  send(message: HostToDashboard): Promise<void>;
  sendRaw(message: unknown): Promise<void>;
  posted(): Promise<DashboardToHost[]>;
  violations(): Promise<string[]>;
  savedViewState(): Promise<unknown>;
  close(): Promise<void>;
}

/** A new page with the dashboard loaded and `dashboard/ready` received. */
export async function openDashboard(options: { theme?: Theme; width?: number; height?: number } = {}): Promise<DashboardPage> {
  const { context, server } = await shared();
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  await page.setViewportSize({ width: options.width ?? 900, height: options.height ?? 900 });
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
  });
  await page.goto(`${server.origin}/dashboard.html?theme=${options.theme ?? 'dark'}`);
  const dashboard: DashboardPage = {
    page, warnings,
    send: (message) => dashboard.sendRaw(message),
    sendRaw: (message) => page.evaluate((m) => (globalThis as unknown as TestWindow).postMessage(m, '*'), message),
    posted: () => page.evaluate(() => (globalThis as unknown as TestWindow).__posted),
    violations: () => page.evaluate(() => (globalThis as unknown as TestWindow).__violations),
    savedViewState: () => page.evaluate(() => (globalThis as unknown as TestWindow).__savedViewState),
    close: () => page.close(),
  };
  await page.waitForFunction(() => (globalThis as unknown as TestWindow).__posted.some((m) => m.type === 'dashboard/ready'));
  return dashboard;
}

/** Waits until the page has painted what it was sent (two animation frames). */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => {
    const w = globalThis as unknown as TestWindow;
    w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve()));
  }));
}

/** Screenshots of the component tests, for looking at the charts. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(extRoot, 'test-artifacts/webview');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
