import * as vscode from 'vscode';

/** The extension's single log. Requests are logged by id, model, status and timings; never the key. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('OpenRouter Chat', { log: true });
}
