import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, FAKE_KEY, INVALID_KEY, requests, signInWithFakeKey, useFake } from './support';

describe('the API key', () => {
  before(useFake);

  it('is checked against /key, stored, and cleared again', async () => {
    const extension = await api();
    await vscode.commands.executeCommand('openrouter.clearApiKey', { confirm: false });
    assert.strictEqual(await extension.hasKey(), false);
    await signInWithFakeKey();
    assert.strictEqual(await extension.hasKey(), true);
    const check = (await requests()).find((r) => r.path === '/api/v1/key');
    assert.ok(check, 'the key was checked with GET /key before it was saved');
    assert.strictEqual(check.headers['authorization'], `Bearer ${FAKE_KEY}`);
    assert.strictEqual(await vscode.commands.executeCommand('openrouter.clearApiKey', { confirm: false }), true);
    assert.strictEqual(await extension.hasKey(), false);
  });

  it('saves nothing when OpenRouter answers 401', async () => {
    const extension = await api();
    await vscode.commands.executeCommand('openrouter.clearApiKey', { confirm: false });
    const saved = await vscode.commands.executeCommand('openrouter.setApiKey', INVALID_KEY);
    assert.strictEqual(saved, false);
    assert.strictEqual(await extension.hasKey(), false);
  });

  it('never writes the key into any setting, at any level', async () => {
    await signInWithFakeKey();
    const extension = vscode.extensions.getExtension('openrouter-chat.openrouter-chat');
    const declared = Object.keys((extension?.packageJSON as { contributes: { configuration: { properties: Record<string, unknown> } } }).contributes.configuration.properties);
    assert.ok(declared.length > 10);
    const config = vscode.workspace.getConfiguration();
    for (const name of declared) {
      const inspected = config.inspect(name);
      const values = JSON.stringify([inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue, config.get(name)]);
      assert.ok(!values.includes(FAKE_KEY), `${name} holds the key`);
    }
  });
});
