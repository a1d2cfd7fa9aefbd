import * as vscode from 'vscode';
import { CommandId, ViewId } from '../../constants';
import { editorCommandQuestion, firstCodeBlock, type CodeSelection, type CommandQuestion, type EditorCommandName } from '../../core/chat/prompts';
import type { ApiKeyStore } from '../api-key';
import type { AskResult } from '../../core/conversation/conversation-io';
import type { ChatController } from '../chat/chat-controller';
import type { CodeActions } from '../chat/code-actions';
import type { ExtensionSettings } from '../settings';
import { openChatForEditorCommand } from './editor-command-chat';

export interface AskDeps {
  keys: ApiKeyStore;
  controller: ChatController;
  codeActions: CodeActions;
  settings: ExtensionSettings;
}

const COMMAND_TITLES: Record<EditorCommandName, string> = { explain: 'Explain Selection', improve: 'Improve Selection', tests: 'Write Tests for Selection' };

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
  const onSelection = (name: EditorCommandName) => async (): Promise<AskResult | undefined> => {
    const selection = currentSelection();
    if (!selection || !(await ensureKey(deps.keys))) return undefined;
    return askAbout(deps, name, selection.code);
  };
  return [
    vscode.commands.registerCommand(CommandId.ask, ask),
    vscode.commands.registerCommand(CommandId.explainSelection, onSelection('explain')),
    vscode.commands.registerCommand(CommandId.writeTests, onSelection('tests')),
    vscode.commands.registerCommand(CommandId.improveSelection, () => improveSelection(deps)),
    vscode.commands.registerCommand(CommandId.newChat, () => deps.controller.newChat()),
  ];
}

async function sendToPanel(deps: AskDeps, prompt: string | CommandQuestion): Promise<AskResult> {
  // Shows the panel (it renders from the controller's snapshot when it opens); the answer streams either way.
  void vscode.commands.executeCommand(`${ViewId.chat}.focus`);
  if (typeof prompt === 'string') return deps.controller.send(prompt);
  return deps.controller.send(prompt.text, prompt.attachments, prompt.command);
}

/**
 * An editor command's question, in the chat it belongs in (a new one, unless the open chat is empty or the person
 * chose to continue it); undefined when the person cancelled, or an answer is still streaming.
 */
async function askAbout(deps: AskDeps, name: EditorCommandName, code: CodeSelection): Promise<AskResult | undefined> {
  if (deps.controller.busy) {
    void vscode.window.showInformationMessage('An answer is still streaming: stop it or let it finish, then run the command again.');
    return undefined;
  }
  if (!(await openChatForEditorCommand(deps.controller, deps.settings, COMMAND_TITLES[name]))) return undefined;
  return sendToPanel(deps, editorCommandQuestion(name, code));
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
  const { uri, languageId } = editor.document;
  // A selection that ends at the start of a line (whole lines selected) does not include that line.
  const endLine = range.end.line > range.start.line && range.end.character === 0 ? range.end.line - 1 : range.end.line;
  const path = vscode.workspace.asRelativePath(uri, false);
  return { editor, code: { text, languageId, path, uri: uri.toString(), startLine: range.start.line + 1, endLine: endLine + 1 } };
}

/** Improve Selection: the answer streams in the panel, then its code opens as a diff; nothing changes until Apply. */
async function improveSelection(deps: AskDeps): Promise<AskResult | undefined> {
  const selection = currentSelection();
  if (!selection || !(await ensureKey(deps.keys))) return undefined;
  const { editor, code } = selection;
  const result = await askAbout(deps, 'improve', code);
  if (!result || result.error) return result;
  const improved = firstCodeBlock(result.text);
  if (improved === undefined) {
    void vscode.window.showWarningMessage('The answer has no code block to apply; read it in the chat panel.');
    return result;
  }
  await vscode.window.showTextDocument(editor.document, { ...(editor.viewColumn ? { viewColumn: editor.viewColumn } : {}), selection: editor.selection });
  await deps.codeActions.apply(improved);
  return result;
}
