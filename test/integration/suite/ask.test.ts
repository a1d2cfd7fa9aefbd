import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, chatRequests, FAKE_KEY, fake, keyUsage, script, setUserSetting, signInWithFakeKey, useFake } from './support';

interface AskResult {
  text: string;
  model?: string;
  cost?: number;
  error?: { kind: string; message: string };
}

const ask = (prompt: string) => vscode.commands.executeCommand<AskResult>('openrouter.ask', prompt);

describe('Ask', () => {
  beforeEach(async () => {
    await useFake();
    await signInWithFakeKey();
  });

  it('streams the answer and adds exactly the charged cost to the status bar', async () => {
    const extension = await api();
    const before = (await extension.spendSummary()).session.cost;
    const usageBefore = await keyUsage();
    await script('openai/gpt-4o-mini', { kind: 'answer', text: 'Paris is the capital of France.', tokensPerSecond: 200 });
    const result = await ask('What is the capital of France?');
    assert.strictEqual(result.error, undefined);
    assert.strictEqual(result.text, 'Paris is the capital of France.');
    assert.strictEqual(result.model, 'openai/gpt-4o-mini');
    const charged = (await keyUsage()) - usageBefore;
    assert.ok(charged > 0);
    assert.ok(Math.abs((result.cost ?? 0) - charged) < 1e-12, `answer cost ${result.cost} vs charged ${charged}`);
    const after = (await extension.spendSummary()).session.cost;
    assert.ok(Math.abs(after - before - charged) < 1e-12);
    assert.match(await extension.statusBarText(), new RegExp(`\\$${after.toFixed(4).replace('.', '\\.')}`));
  });

  it('sends the key, the attribution headers and the conversation so far', async () => {
    await vscode.commands.executeCommand('openrouter.newChat');
    await ask('first question');
    await ask('second question');
    const [first, second] = (await chatRequests()).slice(-2);
    assert.ok(first && second);
    assert.strictEqual(second.headers['authorization'], `Bearer ${FAKE_KEY}`);
    assert.ok(second.headers['http-referer']);
    assert.strictEqual(second.headers['x-openrouter-title'], 'OpenRouter Chat');
    assert.deepStrictEqual(second.body.messages.map((m) => m.content).filter((c) => c.includes('question')), ['first question', 'second question']);
  });

  it('sends the next request with a key or base URL changed since the last one, without a reload', async () => {
    await ask('with the first key');
    const otherKey = 'sk-or-v1-fake-test-key-0002';
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('openrouter.setApiKey', otherKey), true);
    await ask('with the second key');
    assert.strictEqual((await chatRequests()).pop()?.headers['authorization'], `Bearer ${otherKey}`);
    const { baseUrl } = await fake();
    await setUserSetting('baseUrl', 'ftp://example.invalid/api/v1');
    const refused = await ask('to a base URL that cannot be used');
    assert.match(refused.error?.message ?? '', /openrouter\.baseUrl is not usable/);
    const sent = (await chatRequests()).length;
    await setUserSetting('baseUrl', baseUrl);
    const answered = await ask('back to the fake');
    assert.strictEqual(answered.error, undefined);
    assert.strictEqual((await chatRequests()).length, sent + 1, 'the request reached the fake again');
  });

  it('falls back to the next model when the first is unavailable', async () => {
    await setUserSetting('fallbackModels', ['anthropic/claude-3.5-haiku']);
    await script('openai/gpt-4o-mini', { kind: 'http-error', status: 503 });
    await script('anthropic/claude-3.5-haiku', { kind: 'answer', text: 'from the fallback' });
    const result = await ask('anyone there?');
    assert.strictEqual(result.model, 'anthropic/claude-3.5-haiku');
    assert.strictEqual(result.text, 'from the fallback');
  });

  it('reports an error the user can act on, and charges nothing', async () => {
    const extension = await api();
    const before = (await extension.spendSummary()).session.cost;
    await script('openai/gpt-4o-mini', { kind: 'http-error', status: 402, variant: 'openrouter_credits' });
    const result = await ask('expensive question');
    assert.strictEqual(result.error?.kind, 'credits');
    assert.strictEqual((await extension.spendSummary()).session.cost, before);
  });

  it('uses the model chosen with Select Model', async () => {
    await vscode.commands.executeCommand('openrouter.selectModel', 'google/gemini-2.5-flash');
    assert.strictEqual(vscode.workspace.getConfiguration('openrouter').inspect('defaultModel')?.globalValue, 'google/gemini-2.5-flash');
    await ask('think hard');
    const last = (await chatRequests()).pop();
    assert.strictEqual(last?.body.model, 'google/gemini-2.5-flash');
  });

  it('uses the model of the selected task preset', async () => {
    await vscode.commands.executeCommand('openrouter.selectPreset', 'code');
    try {
      await ask('write a function');
      assert.strictEqual((await chatRequests()).pop()?.body.model, 'anthropic/claude-sonnet-4');
    } finally {
      await vscode.commands.executeCommand('openrouter.selectPreset', '');
    }
  });

  it('explains the selection in a new chat, with the selected code in the prompt and nothing of the chat before', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    await ask('an unrelated question');
    await setUserSetting('editorCommands.chat', 'newChat');
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'hello.ts'));
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(0, 0, document.lineCount, 0);
      const result = await vscode.commands.executeCommand<AskResult>('openrouter.explainSelection');
      assert.ok(result.text.length > 0);
      const messages = (await chatRequests()).pop()?.body.messages ?? [];
      assert.deepStrictEqual(messages.map((m) => m.role), ['user']);
      const prompt = messages[0]?.content ?? '';
      assert.match(prompt, /^Explain what this code from hello\.ts does/);
      assert.match(prompt, /export function add\(a: number, b: number\)/);
      assert.doesNotMatch(prompt, /unrelated/);
    } finally {
      await setUserSetting('editorCommands.chat', undefined);
    }
  });

  // End to end; the rule itself (user-only settings never come from a workspace) is unit-tested in settings.test.ts.
  it('ignores a baseUrl from the workspace settings', async () => {
    const { baseUrl } = await fake();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const settingsFile = vscode.Uri.joinPath(folder.uri, '.vscode/settings.json');
    await vscode.workspace.fs.writeFile(settingsFile, new TextEncoder().encode(JSON.stringify({ 'openrouter.baseUrl': 'http://127.0.0.1:9/api/v1' })));
    try {
      const result = await ask('where does this go?');
      assert.strictEqual(result.error, undefined, result.error?.message);
      assert.ok((await chatRequests()).length > 0, `the request still reached ${baseUrl}`);
    } finally {
      await vscode.workspace.fs.delete(settingsFile);
    }
  });
});
