// The usage dashboard outside VS Code, for its component tests, served beside the chat panel (page-server.mjs):
// the same HTML shell and content security policy as src/host/webview-html.ts, the real bundle and stylesheet, and
// a stub of `acquireVsCodeApi` that records what the page posts. Tests play the host: they post protocol messages
// into the page and read what it posted back.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { DashboardToHost, HostToDashboard } from '../../src/protocol/dashboard';
import { extRoot, sharedBrowser } from './panel-page';

export type Theme = 'dark' | 'light' | 'high-contrast';

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
  const { context, server } = await sharedBrowser();
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  await page.setViewportSize({ width: options.width ?? 900, height: options.height ?? 900 });
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
  });
  await page.goto(server.dashboardUrl({ theme: options.theme ?? 'dark' }));
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
