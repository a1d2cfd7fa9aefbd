// The compare panel outside VS Code, for its component tests and the compare benchmark, served beside the chat
// panel (page-server.mjs): the real bundle and stylesheet under the same content security policy, and a stub of
// `acquireVsCodeApi` that records what the page posts. Tests play the host.
import type { Page } from 'playwright-core';
import type { CompareToHost, HostToCompare } from '../../src/protocol/compare';
import { sharedBrowser } from './panel-page';

interface TestWindow {
  postMessage(message: unknown, targetOrigin: string): void;
  __posted: CompareToHost[];
  __violations: string[];
  requestAnimationFrame(callback: () => void): number;
}

export interface ComparePage {
  page: Page;
  warnings: string[];
  send(message: HostToCompare): Promise<void>;
  posted(): Promise<CompareToHost[]>;
  violations(): Promise<string[]>;
  /** Waits until the page has painted what it was sent (two animation frames). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** A new page with the compare panel loaded and `compare/ready` received. */
export async function openCompare(options: { width?: number; height?: number } = {}): Promise<ComparePage> {
  const { context, server } = await sharedBrowser();
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  await page.setViewportSize({ width: options.width ?? 1200, height: options.height ?? 800 });
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
  });
  await page.goto(server.compareUrl());
  const compare: ComparePage = {
    page, warnings,
    send: (message) => page.evaluate((m) => (globalThis as unknown as TestWindow).postMessage(m, '*'), message),
    posted: () => page.evaluate(() => (globalThis as unknown as TestWindow).__posted),
    violations: () => page.evaluate(() => (globalThis as unknown as TestWindow).__violations),
    settle: () => page.evaluate(() => new Promise<void>((resolve) => {
      const w = globalThis as unknown as TestWindow;
      w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve()));
    })),
    close: () => page.close(),
  };
  await page.waitForFunction(() => (globalThis as unknown as TestWindow).__posted.some((m) => m.type === 'compare/ready'));
  return compare;
}
