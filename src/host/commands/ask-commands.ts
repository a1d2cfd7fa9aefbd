import * as vscode from 'vscode';
import { CommandId, StateKey } from '../../constants';
import { explainPrompt, firstCodeBlock, improvePrompt, titleOf, writeTestsPrompt, type CodeSelection } from '../../core/chat/prompts';
import type { Preset } from '../../core/config/settings';
import { formatDuration, formatTokens, formatUsd } from '../../core/format';
import type { DoneInfo } from '../../core/openrouter/chat';
import type { OpenRouterError } from '../../core/openrouter/errors';
import type { ChatMessage } from '../../core/openrouter/http';
import type { AnswerDocuments } from '../answer-documents';
import type { ApiKeyStore } from '../api-key';
import type { AskOptions, OpenRouterService } from '../openrouter-service';
import type { ExtensionSettings } from '../settings';
import { showErrorWithActions } from './error-actions';

export interface AskDeps {
  service: OpenRouterService;
  keys: ApiKeyStore;
  settings: ExtensionSettings;
  documents: AnswerDocuments;
  globalState: vscode.Memento;
}

/** What an ask command returns to its caller (other extensions, tests): never the key, only the outcome. */
export interface AskResult {
  text: string;
  model?: string;
  cost?: number;
  error?: { kind: string; message: string };
}

/** A running conversation for Ask: follow-up questions see the earlier turns until New Chat. */
class Conversation {
  readonly id = `chat-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  readonly messages: ChatMessage[] = [];
}

export function registerAskCommands(deps: AskDeps): vscode.Disposable[] {
  let conversation = new Conversation();
  const ask = async (prompt: unknown): Promise<AskResult | undefined> => {
    if (!(await ensureKey(deps.keys))) return undefined;
    const text = typeof prompt === 'string' ? prompt : await vscode.window.showInputBox({
      title: 'Ask OpenRouter',
      prompt: conversation.messages.length > 0 ? 'A follow-up in the current chat (OpenRouter: New Chat starts over).' : 'Ask anything.',
      placeHolder: 'How do I …?',
      ignoreFocusOut: true,
    });
    if (!text?.trim()) return undefined;
    return streamAnswer(deps, conversation, text.trim(), titleOf(text));
  };
  const onSelection = (build: (s: CodeSelection) => string, label: string) => async (): Promise<AskResult | undefined> => {
    const selection = currentSelection();
    if (!selection) return undefined;
    if (!(await ensureKey(deps.keys))) return undefined;
    return streamAnswer(deps, new Conversation(), build(selection.code), `${label} ${selection.code.fileName}`);
  };
  return [
    vscode.commands.registerCommand(CommandId.ask, ask),
    vscode.commands.registerCommand(CommandId.explainSelection, onSelection(explainPrompt, 'Explain')),
    vscode.commands.registerCommand(CommandId.writeTests, onSelection(writeTestsPrompt, 'Tests for')),
    vscode.commands.registerCommand(CommandId.improveSelection, () => improveSelection(deps)),
    vscode.commands.registerCommand(CommandId.newChat, () => {
      conversation = new Conversation();
      void vscode.window.setStatusBarMessage('$(add) OpenRouter: new chat started', 3000);
    }),
  ];
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

function activePreset(deps: AskDeps): Preset | undefined {
  const name = deps.globalState.get<string>(StateKey.activePreset);
  return name ? deps.settings.current.presets[name] : undefined;
}

function optionsFor(deps: AskDeps, conversation: Conversation): AskOptions {
  const preset = activePreset(deps);
  return { model: preset?.model, maxTokens: preset?.maxTokens, temperature: preset?.temperature, sessionId: conversation.id };
}

/** Streams an answer into a read-only Markdown document that opens beside the editor. */
async function streamAnswer(deps: AskDeps, conversation: Conversation, prompt: string, title: string): Promise<AskResult> {
  const uri = deps.documents.create(title, `**You:** ${prompt}\n\n---\n\n`);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(document, 'markdown');
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });

  const preset = activePreset(deps);
  const system: ChatMessage[] = preset?.systemPrompt ? [{ role: 'system', content: preset.systemPrompt }] : [];
  const request = deps.service.buildRequest([...system, ...conversation.messages, { role: 'user', content: prompt }], optionsFor(deps, conversation));
  const cancel = new vscode.CancellationTokenSource();
  const abort = new AbortController();
  cancel.token.onCancellationRequested(() => abort.abort());
  let answer = '';
  let done: DoneInfo | undefined;
  let failure: OpenRouterError | undefined;
  let continueWith: string | undefined;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Asking ${request.model}…`, cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => abort.abort());
      for await (const event of deps.service.chat(request, abort.signal)) {
        switch (event.type) {
          case 'attempt':
            progress.report({ message: event.attempt > 1 ? `attempt ${event.attempt} on ${event.model}` : event.model });
            break;
          case 'waiting':
            progress.report({ message: 'waiting for the provider…' });
            break;
          case 'retry':
            progress.report({ message: `${event.reason.message} Retrying in ${formatDuration(event.delayMs)}.` });
            break;
          case 'fallback':
            deps.documents.append(uri, `> ${event.from} failed (${event.reason.message}); trying ${event.to}.\n\n`);
            break;
          case 'delta':
            answer += event.text;
            deps.documents.append(uri, event.text);
            break;
          case 'reasoning':
            break;
          case 'done':
            done = event;
            break;
          case 'error':
            failure = event.error;
            continueWith = event.continueWith;
            break;
        }
      }
    },
  );
  cancel.dispose();
  if (done) {
    conversation.messages.push({ role: 'user', content: prompt }, { role: 'assistant', content: answer });
    deps.documents.append(uri, `\n\n---\n\n${footer(done)}\n`);
  } else if (failure) {
    deps.documents.append(uri, `\n\n---\n\n**${failure.kind === 'cancelled' ? 'Stopped' : 'Failed'}:** ${failure.message}\n`);
    if (failure.kind !== 'cancelled') void showErrorWithActions(failure, continueWith);
  }
  deps.documents.flush();
  return {
    text: answer,
    ...(done ? { model: done.model } : {}),
    ...(done?.cost ? { cost: done.cost.total } : {}),
    ...(failure ? { error: { kind: failure.kind, message: failure.message } } : {}),
  };
}

/** The honest footer: who answered, through which provider, for how many tokens and how much. */
export function footer(done: DoneInfo): string {
  const usage = done.usage;
  const parts = [`answered by \`${done.model}\`${done.provider ? ` via ${done.provider}` : ''}`];
  if (done.fallbackPath.length > 1) parts.push(`after ${done.fallbackPath.slice(0, -1).map((m) => `\`${m}\``).join(', ')} failed`);
  if (usage) parts.push(`${formatTokens(usage.promptTokens)} in${usage.cachedTokens ? ` (${formatTokens(usage.cachedTokens)} cached)` : ''} / ${formatTokens(usage.completionTokens)} out`);
  parts.push(done.cost ? formatUsd(done.cost.total) : 'cost unknown');
  if (done.timeToFirstTokenMs !== undefined) parts.push(`first token ${formatDuration(done.timeToFirstTokenMs)}`);
  parts.push(`total ${formatDuration(done.durationMs)}`);
  return `*${parts.join(' · ')}*`;
}

/** Improve Selection: the model's code appears as a diff against the file; nothing changes until Apply. */
async function improveSelection(deps: AskDeps): Promise<AskResult | undefined> {
  const selection = currentSelection();
  if (!selection) return undefined;
  if (!(await ensureKey(deps.keys))) return undefined;
  const { editor, code } = selection;
  const range = editor.selection.isEmpty ? editor.document.lineAt(editor.selection.active.line).range : new vscode.Range(editor.selection.start, editor.selection.end);
  const version = editor.document.version;
  const result = await streamAnswer(deps, new Conversation(), improvePrompt(code), `Improve ${code.fileName}`);
  if (result.error) return result;
  const improved = firstCodeBlock(result.text);
  if (improved === undefined) {
    void vscode.window.showWarningMessage('The answer has no code block to apply. Read it in the answer document.');
    return result;
  }
  const original = editor.document.getText();
  const start = editor.document.offsetAt(range.start);
  const end = editor.document.offsetAt(range.end);
  const proposed = deps.documents.create(`${code.fileName} (improved)`, original.slice(0, start) + improved + original.slice(end));
  await vscode.commands.executeCommand('vscode.diff', editor.document.uri, proposed, `${code.fileName} ↔ Improved by OpenRouter`);
  const apply = 'Apply';
  const choice = await vscode.window.showInformationMessage('Apply the improved code to the selection?', apply, 'Discard');
  if (choice !== apply) return result;
  if (editor.document.version !== version) {
    void vscode.window.showWarningMessage('The file changed since the request; nothing was applied. Run Improve Selection again.');
    return result;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(editor.document.uri, range, improved);
  await vscode.workspace.applyEdit(edit);
  return result;
}
