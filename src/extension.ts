import * as vscode from 'vscode';
import { CommandId } from './constants';
import { ChatViewProvider } from './host/chat-view';
import { createLog } from './host/log';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  const chatView = new ChatViewProvider(context.extensionUri, log);
  context.subscriptions.push(
    log,
    chatView,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chatView),
    vscode.commands.registerCommand(CommandId.showLog, () => log.show()),
  );
  log.info(`activated in ${vscode.env.uiKind === vscode.UIKind.Web ? 'a web' : 'a desktop'} extension host (VS Code ${vscode.version})`);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
