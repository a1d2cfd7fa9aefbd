import * as assert from 'assert';
import * as vscode from 'vscode';
import { CommandId, ExtensionId, ViewId } from '../../../src/constants';

describe('activation', () => {
  let extension: vscode.Extension<unknown>;

  before(async () => {
    const found = vscode.extensions.getExtension(ExtensionId);
    assert.ok(found, `extension ${ExtensionId} is not installed`);
    extension = found;
    await extension.activate();
  });

  it('activates without error', () => {
    assert.strictEqual(extension.isActive, true);
  });

  it('activates lazily, never on startup', () => {
    const events: string[] = (extension.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(!events.includes('*'), 'activation on "*" slows every window');
    assert.ok(!events.includes('onStartupFinished'));
  });

  it('registers every command that package.json declares, and no undeclared ones', async () => {
    const declared = ((extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands)
      .map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('openrouter.') && !id.startsWith(`${ViewId.chat}.`)).sort();
    assert.deepStrictEqual(registered, declared);
    assert.deepStrictEqual([...Object.values(CommandId)].sort(), declared);
  });

  it('contributes the chat view in the OpenRouter container', () => {
    const views = (extension.packageJSON as { contributes: { views: Record<string, { id: string; type?: string }[]> } }).contributes.views;
    const chat = views[ViewId.container]?.find((v) => v.id === ViewId.chat);
    assert.ok(chat, 'openrouter.chatView is not contributed');
    assert.strictEqual(chat.type, 'webview');
  });

  it('opens the chat view', async () => {
    await vscode.commands.executeCommand(`${ViewId.chat}.focus`);
  });

  it('shows its log', async () => {
    await vscode.commands.executeCommand(CommandId.showLog);
  });
});
