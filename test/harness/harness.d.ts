// Types of the plain-JavaScript harness and script modules that the TypeScript tests import.
declare module '*/harness/chromium.mjs' {
  import type { BrowserContext } from 'playwright-core';
  export function launchChromium(extRoot: string, options?: { headless?: boolean; colorScheme?: 'light' | 'dark' }): Promise<{ context: BrowserContext; close(): Promise<void> }>;
}
declare module '*/harness/code-server.mjs' {
  export function freePort(): Promise<number>;
  export function startCodeServer(options: {
    extRoot: string; workspace: string; userSettings?: Record<string, unknown>; env?: Record<string, string>; vsix?: string; port?: number;
    stateDir?: string; version?: string; workspaceTrust?: boolean;
  }): Promise<{ log: string[]; userData: string; extensionsDir: string; origin: string; url(options?: { testsPath?: string }): string; stop(): Promise<void> }>;
}
declare module '*/harness/fake.mjs' {
  export function makeWorkspace(fake: { origin: string; baseUrl: string }): { workspace: string; remove(): void };
}
declare module '*/scripts/start-settings.mjs' {
  export const FAKE_HOSTS: readonly string[];
  export function startUserSettings(options?: { fakeBaseUrl?: string | undefined }): Record<string, unknown>;
}
