// What the chat panel's e2e files share: the models the fake plays, a showcase answer, and the set-up every such
// file needs (the settings it tests under, the key, the sidebar open on a new chat), undone after the file.
import type { FrameLocator, Locator } from 'playwright-core';
import { chatFrame, ensureKeySet, openSidebar, readUserSettings, reloadWindow, workbench, writeUserSettings, type Workbench } from './workbench';

export const PRIMARY = 'openai/gpt-4o-mini';
export const FALLBACK = 'anthropic/claude-3.5-haiku';
/** An answer with prose, inline code, a TypeScript block and a list. */
export const SHOWCASE = [
  'Here is a small, typed `debounce`:',
  '',
  '```ts',
  'export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {',
  '  let timer: ReturnType<typeof setTimeout> | undefined;',
  '  return (...args: A) => {',
  '    clearTimeout(timer);',
  '    timer = setTimeout(() => fn(...args), ms);',
  '  };',
  '}',
  '```',
  '',
  '- Calls `fn` once input has been quiet for `ms` milliseconds.',
  '- Keeps the argument types of `fn`.',
].join('\n');

export interface ChatPanel {
  /** The workbench; set once the file's `before` hooks have run. */
  readonly wb: Workbench;
  panel(): FrameLocator;
  composer(): Locator;
  answers(): Locator;
  send(text: string): Promise<void>;
}

/** Registers the file's hooks (call it first in the `describe`) and returns what its tests use. */
export function useChatPanel(): ChatPanel {
  let current: Workbench | undefined;
  let settings: Record<string, unknown> = {};
  const chat: ChatPanel = {
    get wb(): Workbench {
      if (!current) throw new Error('the workbench is not open yet');
      return current;
    },
    panel: () => chatFrame(chat.wb.page),
    composer: () => chat.panel().getByRole('textbox', { name: 'Message OpenRouter' }),
    answers: () => chat.panel().getByRole('article', { name: 'Answer' }),
    async send(text) {
      await chat.composer().fill(text);
      await chat.composer().press('Enter');
    },
  };

  before(async function () {
    const wb = await workbench();
    current = wb;
    settings = readUserSettings(wb);
    // One attempt per model, so an outage moves straight to the fallback.
    // The terminal draws its text as DOM (not WebGL), so a test can read what reached the prompt.
    writeUserSettings(wb, {
      ...settings, 'openrouter.fallbackModels': [FALLBACK], 'openrouter.retry.maxAttempts': 1, 'openrouter.defaultModel': PRIMARY,
      'terminal.integrated.gpuAcceleration': 'off',
    });
    await reloadWindow(wb);
    await ensureKeySet(wb);
    await openSidebar(wb.page);
    await chat.composer().waitFor({ timeout: 30000 });
    await chat.panel().getByRole('button', { name: 'New Chat' }).click();
  });

  // Each test scripts the fake from a clean slate.
  beforeEach(() => chat.wb.fake.reset());

  after(async () => {
    writeUserSettings(chat.wb, settings);
    await reloadWindow(chat.wb);
  });

  return chat;
}

/**
 * Hooks for a file that runs under settings of its own: they are written before its tests (the window reloaded, the
 * key set, the sidebar open on a new chat) and the earlier settings are put back after. Call it first in the
 * `describe`; `wb` is set once the hooks have run.
 */
export function useSettings(extra: Record<string, unknown>): { readonly wb: Workbench } {
  let current: Workbench | undefined;
  let settings: Record<string, unknown> = {};
  before(async function () {
    const wb = await workbench();
    current = wb;
    settings = readUserSettings(wb);
    writeUserSettings(wb, { ...settings, 'openrouter.retry.maxAttempts': 1, ...extra });
    await reloadWindow(wb);
    await ensureKeySet(wb);
    await openSidebar(wb.page);
    await chatFrame(wb.page).getByRole('button', { name: 'New Chat' }).click();
  });
  after(async () => {
    if (!current) return;
    writeUserSettings(current, settings);
    await reloadWindow(current);
  });
  return {
    get wb(): Workbench {
      if (!current) throw new Error('the workbench is not open yet');
      return current;
    },
  };
}
