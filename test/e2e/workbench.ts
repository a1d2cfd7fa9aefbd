// Starts, once for the whole e2e run, the fake OpenRouter, code-server with this extension loaded as a
// development extension, and Debian's Chromium showing the workbench. Tests drive the page with Playwright.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { startFakeOpenRouter, type FakeOpenRouter } from '../fixtures/fake-openrouter';
// The harness is plain JavaScript shared with the other runners.
import { launchChromium } from '../harness/chromium.mjs';
import { startCodeServer } from '../harness/code-server.mjs';
import { makeWorkspace } from '../harness/fake.mjs';

export const extRoot = path.resolve(__dirname, '../../..');
export const artifacts = path.join(extRoot, 'test-artifacts/e2e');

export interface Workbench {
  page: Page;
  context: BrowserContext;
  fake: FakeOpenRouter;
  stop(): Promise<void>;
}

export async function openWorkbench(): Promise<Workbench> {
  fs.mkdirSync(artifacts, { recursive: true });
  const fake = await startFakeOpenRouter();
  const { workspace, remove } = makeWorkspace(fake);
  const server = await startCodeServer({ extRoot, workspace });
  const browser = await launchChromium(extRoot);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(server.url());
  await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
  return {
    page,
    context: browser.context,
    fake,
    async stop() {
      await browser.close();
      await server.stop();
      await fake.close();
      remove();
    },
  };
}

/** Runs a command through the command palette, as a user would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** The content frame of the OpenRouter chat view (outer webview iframe, then its active frame). */
export function chatFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}
