// Shared by the integration suites: where the fake OpenRouter listens, how to script it over its control API, and
// the extension's public API. Works in the Node and the web-worker extension hosts alike.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ExtensionId } from '../../../src/constants';
import type { OpenRouterChatApi } from '../../../src/extension';

export const FAKE_KEY = 'sk-or-v1-fake-test-key-0001';
export const INVALID_KEY = 'sk-or-v1-invalid-key';

export interface FakeConfig {
  origin: string;
  baseUrl: string;
}

let config: FakeConfig | undefined;

export async function fake(): Promise<FakeConfig> {
  if (config) return config;
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the harness opens a workspace folder');
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'openrouter-test.json'));
  config = JSON.parse(new TextDecoder().decode(bytes)) as FakeConfig;
  return config;
}

async function control(path: string, body?: unknown): Promise<unknown> {
  const { origin } = await fake();
  const response = await fetch(`${origin}/__fake/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.ok(response.ok, `fake control ${path} answered ${response.status}`);
  return response.json();
}

export const script = (model: string, ...scenarios: unknown[]): Promise<unknown> => control('script', { model, scenarios });
export const resetFake = (): Promise<unknown> => control('reset', {});

export interface RecordedRequest {
  id: number;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  servedModel?: string;
  clientClosedEarly?: boolean;
}

/** Resolves once the client closed request `requestId`'s connection before the fake finished answering it. */
export async function clientClosedEarly(requestId: number): Promise<void> {
  await control('wait-client-close', { requestId });
}

export async function requests(): Promise<RecordedRequest[]> {
  return (await control('requests')) as RecordedRequest[];
}

export async function chatRequests(): Promise<(RecordedRequest & { body: { model: string; messages: { role: string; content: string }[]; models?: string[] } })[]> {
  return (await requests()).filter((r) => r.path === '/api/v1/chat/completions') as never;
}

/** GET /key as the fake reports it for our key: its usage tracks what the fake has charged. */
export async function keyUsage(): Promise<number> {
  const { baseUrl } = await fake();
  const response = await fetch(`${baseUrl}/key`, { headers: { Authorization: `Bearer ${FAKE_KEY}` } });
  return ((await response.json()) as { data: { usage: number } }).data.usage;
}

export async function api(): Promise<OpenRouterChatApi> {
  const extension = vscode.extensions.getExtension<OpenRouterChatApi>(ExtensionId);
  assert.ok(extension);
  return extension.activate();
}

const section = () => vscode.workspace.getConfiguration('openrouter');

export const DEFAULT_TEST_MODEL = 'openai/gpt-4o-mini';

/**
 * Points the extension at the fake with known user settings. The model settings are set explicitly, because the
 * Node host runs with DEFAULT_MODEL and FALLBACK_MODEL in its environment (see environment.test.ts).
 */
export async function useFake(): Promise<void> {
  const { baseUrl } = await fake();
  await section().update('baseUrl', baseUrl, vscode.ConfigurationTarget.Global);
  await section().update('defaultModel', DEFAULT_TEST_MODEL, vscode.ConfigurationTarget.Global);
  await section().update('fallbackModels', [], vscode.ConfigurationTarget.Global);
  for (const name of ['serverSideFallback', 'maxTokens']) await section().update(name, undefined, vscode.ConfigurationTarget.Global);
  await resetFake();
}

export async function setUserSetting(name: string, value: unknown): Promise<void> {
  await section().update(name, value, vscode.ConfigurationTarget.Global);
}

/** Sets the fake's valid key through the command, as another extension would. */
export async function signInWithFakeKey(): Promise<void> {
  const saved = await vscode.commands.executeCommand<boolean>('openrouter.setApiKey', FAKE_KEY);
  assert.strictEqual(saved, true, 'the fake accepts its key');
}
