import * as vscode from 'vscode';
import { CommandId } from '../../constants';
import type { AnswerDocuments } from '../answer-documents';
import type { OpenRouterService } from '../openrouter-service';
import { tooltip, type SpendStatusBar } from '../status-bar';

/** Show Usage: the status bar's figures, fresh from /key, in a document the user can keep open. */
export function registerUsageCommand(service: OpenRouterService, statusBar: SpendStatusBar, documents: AnswerDocuments): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.showUsage, async () => {
    const key = await service.keyInfo.refresh({ force: true });
    const text = tooltip(statusBar.summary(), statusBar.lastRequest, key).value.replace(/\n\[Show usage\]\(command:[^)]+\)\s*$/, '');
    const uri = documents.create('OpenRouter Usage', `${text}\n`);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { preview: true });
    return statusBar.summary();
  });
}
