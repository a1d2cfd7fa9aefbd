// Chat history in the folder the host picks (`context.storageUri ?? context.globalStorageUri`, then `chats`),
// through `vscode.workspace.fs`, so history works in the desktop, remote and web extension hosts alike. The store
// itself (queues, superseded writes, the index and its reconciliation) is src/core/chat/history-store.ts.
import type * as vscode from 'vscode';
import { HistoryStore } from '../core/chat/history-store';
import { WorkspaceFileStore } from './workspace-file-store';

export { InvalidChatIdError } from '../core/chat/history-store';

export class ChatHistoryStore extends HistoryStore {
  constructor(root: vscode.Uri, log: vscode.LogOutputChannel) {
    super({ files: new WorkspaceFileStore(root), log });
  }
}
