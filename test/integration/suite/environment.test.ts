import * as assert from 'assert';
import * as vscode from 'vscode';
import { chatRequests, script, signInWithFakeKey, useFake } from './support';

// The Node host is started with DEFAULT_MODEL and FALLBACK_MODEL set; a web worker has no environment at all.
const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
const envModel = env['DEFAULT_MODEL'];
const envFallback = env['FALLBACK_MODEL'];

describe('environment conventions', () => {
  beforeEach(async () => {
    await useFake();
    // Unset, so the environment may seed them.
    await vscode.workspace.getConfiguration('openrouter').update('defaultModel', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('openrouter').update('fallbackModels', undefined, vscode.ConfigurationTarget.Global);
    await signInWithFakeKey();
  });

  if (envModel && envFallback) {
    it('seeds the default and fallback models from DEFAULT_MODEL and FALLBACK_MODEL', async () => {
      await vscode.commands.executeCommand('openrouter.ask', 'which model?');
      const body = (await chatRequests()).pop()?.body;
      assert.strictEqual(body?.model, envModel);
    });

    it('falls back to FALLBACK_MODEL', async () => {
      await script(envModel, { kind: 'http-error', status: 429, retryAfter: 0 });
      await script(envFallback, { kind: 'answer', text: 'fallback from the environment' });
      const result = await vscode.commands.executeCommand<{ model?: string }>('openrouter.ask', 'busy?');
      assert.strictEqual(result.model, envFallback);
    });

    it('lets the user setting win over DEFAULT_MODEL', async () => {
      await vscode.workspace.getConfiguration('openrouter').update('defaultModel', 'openai/gpt-4o', vscode.ConfigurationTarget.Global);
      try {
        await vscode.commands.executeCommand('openrouter.ask', 'which model now?');
        assert.strictEqual((await chatRequests()).pop()?.body.model, 'openai/gpt-4o');
      } finally {
        await vscode.workspace.getConfiguration('openrouter').update('defaultModel', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  } else {
    it('uses the default model when the host has no environment', async () => {
      await vscode.commands.executeCommand('openrouter.ask', 'which model?');
      assert.strictEqual((await chatRequests()).pop()?.body.model, 'openai/gpt-4o-mini');
    });
  }
});
