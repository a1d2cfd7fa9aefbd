import * as vscode from 'vscode';
import { CommandId, ViewId } from '../../constants';
import { explainPrompt, firstCodeBlock, improvePrompt, writeTestsPrompt, type CodeSelection } from '../../core/chat/prompts';
import type { ApiKeyStore } from '../api-key';
import type { AskResult } from '../../core/conversation/conversation-io';
import type { ChatController } from '../chat/chat-controller';
import type { CodeActions } from '../chat/code-actions';

export interface AskDeps {
  keys: ApiKeyStore;
  controller: ChatController;
  codeActions: CodeActions;
}

/** Ask and the selection commands: each question goes to the chat panel, where the answer streams. */
export function registerAskCommands(deps: AskDeps): vscode.Disposable[] {
  const ask = async (prompt: unknown): Promise<AskResult | undefined> => {
    if (!(await ensureKey(deps.keys))) return undefined;
    const text = typeof prompt === 'string' ? prompt : await vscode.window.showInputBox({
      title: 'Ask OpenRouter',
      prompt: 'The answer streams into the chat panel. OpenRouter: New Chat starts over.',
      placeHolder: 'How do I …?',
      ignoreFocusOut: true,
    });
    if (!text?.trim()) return undefined;
    return sendToPanel(deps, text.trim());
  };
  const onSelection = (build: (s: CodeSelection) => string) => async (): Promise<AskResult | undefined> => {
    const selection = currentSelection();
    if (!selection || !(await ensureKey(deps.keys))) return undefined;
    return sendToPanel(deps, build(selection.code));
  };
  return [
    vscode.commands.registerCommand(CommandId.ask, ask),
    vscode.commands.registerCommand(CommandId.explainSelection, onSelection(explainPrompt)),
    vscode.commands.registerCommand(CommandId.writeTests, onSelection(writeTestsPrompt)),
    vscode.commands.registerCommand(CommandId.improveSelection, () => improveSelection(deps)),
    vscode.commands.registerCommand(CommandId.newChat, () => deps.controller.newChat()),
  ];
}

async function sendToPanel(deps: AskDeps, prompt: string): Promise<AskResult> {
  // Shows the panel (it renders from the controller's snapshot when it opens); the answer streams either way.
  void vscode.commands.executeCommand(`${ViewId.chat}.focus`);
  return deps.controller.send(prompt);
}

/** Commands that need a key lead the user to set one. */
export async function ensureKey(keys: ApiKeyStore): Promise<boolean> {
  if (await keys.get()) return true;
  const set = 'Set API Key';
  const signIn = 'Sign In with OpenRouter';
  const choice = await vscode.window.showWarningMessage('OpenRouter needs an API key first.', set, signIn);
  if (choice === set) return Boolean(await vscode.commands.executeCommand(CommandId.setApiKey));
  if (choice === signIn) return Boolean(await vscode.commands.executeCommand(CommandId.signIn));
  return false;
}

function currentSelection(): { editor: vscode.TextEditor; code: CodeSelection } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Open a file and select some code first.');
    return undefined;
  }
  const range = editor.selection.isEmpty ? editor.document.lineAt(editor.selection.active.line).range : editor.selection;
  const text = editor.document.getText(range);
  if (!text.trim()) {
    void vscode.window.showInformationMessage('Select some code first.');
    return undefined;
  }
  const fileName = editor.document.uri.path.split('/').pop() ?? 'untitled';
  return { editor, code: { text, languageId: editor.document.languageId, fileName } };
}

/** Improve Selection: the answer streams in the panel, then its code opens as a diff; nothing changes until Apply. */
async function improveSelection(deps: AskDeps): Promise<AskResult | undefined> {
  const selection = currentSelection();
  if (!selection || !(await ensureKey(deps.keys))) return undefined;
  const { editor, code } = selection;
  const result = await sendToPanel(deps, improvePrompt(code));
  if (result.error) return result;
  const improved = firstCodeBlock(result.text);
  if (improved === undefined) {
    void vscode.window.showWarningMessage('The answer has no code block to apply; read it in the chat panel.');
    return result;
  }
  await vscode.window.showTextDocument(editor.document, { ...(editor.viewColumn ? { viewColumn: editor.viewColumn } : {}), selection: editor.selection });
  await deps.codeActions.apply(improved);
  return result;
}
