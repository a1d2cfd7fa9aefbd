import * as assert from 'assert';
import * as vscode from 'vscode';
import { CommandId, ExtensionId, ViewId } from '../../../src/constants';
import { api, script, signInWithFakeKey, useFake } from './support';

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

  it('never activates on "*", which would slow every window', () => {
    const events: string[] = (extension.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(!events.includes('*'));
  });

  it('registers every command that package.json declares, and no undeclared ones', async () => {
    const declared = ((extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands)
      .map((c) => c.command).sort();
    // Views contribute their own `<view id>.focus`-style commands; those are VS Code's, not ours.
    const viewCommand = (id: string) => [ViewId.chat, ViewId.welcome].some((view) => id.startsWith(`${view}.`));
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('openrouter.') && !viewCommand(id)).sort();
    assert.deepStrictEqual(registered, declared);
    assert.deepStrictEqual([...Object.values(CommandId)].sort(), declared);
  });

  it('contributes the chat view in the OpenRouter container', () => {
    const views = (extension.packageJSON as { contributes: { views: Record<string, { id: string; type?: string }[]> } }).contributes.views;
    const chat = views[ViewId.container]?.find((v) => v.id === ViewId.chat);
    assert.ok(chat, 'openrouter.chatView is not contributed');
    assert.strictEqual(chat.type, 'webview');
  });

  // The chat is built on first use, not at activation: commands run before the view was ever opened must build it.
  it('answers New Chat and Ask before the chat view was ever opened, then opens the view on that chat', async () => {
    await useFake();
    await signInWithFakeKey();
    await script('openai/gpt-4o-mini', { kind: 'answer', text: 'Built on first use.', tokensPerSecond: 400 });
    await vscode.commands.executeCommand(CommandId.newChat);
    const result = await vscode.commands.executeCommand<{ text: string }>(CommandId.ask, 'Is the chat there?');
    assert.strictEqual(result.text, 'Built on first use.');
    await vscode.commands.executeCommand(CommandId.focusComposer);
    // The answer went through the ledger, which was opened after activation returned.
    assert.match(await (await api()).statusBarText(), /\$\d/);
  });

  // What the log says is checked in the workbench (e2e, "OpenRouter: Show Log"); here only that the command runs.
  it('runs Show Log without an error', async () => {
    await vscode.commands.executeCommand(CommandId.showLog);
  });
});
