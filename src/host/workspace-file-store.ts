// The file-store port on `vscode.workspace.fs`, so the spend ledger and chat history work wherever the extension
// runs: the desktop, code-server and the web worker (where storage is not a local disk and there is no node:fs).
import * as vscode from 'vscode';
import type { FileStore } from '../core/file-store';
import { deleteIfExists, readDirectoryIfExists, tempFileTarget, writeFileAtomic } from './atomic-file';

function isFileNotFound(error: unknown): boolean {
  return error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
}

export class WorkspaceFileStore implements FileStore {
  private folderCreated: Promise<void> | undefined;

  constructor(readonly folder: vscode.Uri) {}

  ensureFolder(): Promise<void> {
    // Once per adapter: concurrent createDirectory calls on some providers replace a folder that was just created.
    this.folderCreated ??= Promise.resolve(vscode.workspace.fs.createDirectory(this.folder)).catch((error: unknown) => {
      this.folderCreated = undefined;
      throw error;
    });
    return this.folderCreated;
  }

  async list(): Promise<string[]> {
    return (await readDirectoryIfExists(this.folder)).filter(([, type]) => (type & vscode.FileType.File) !== 0).map(([name]) => name);
  }

  async read(name: string): Promise<string | undefined> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(this.uri(name)));
    } catch (error) {
      if (isFileNotFound(error)) return undefined;
      throw error;
    }
  }

  writeAtomic(name: string, text: string): Promise<void> {
    return writeFileAtomic(this.uri(name), new TextEncoder().encode(text));
  }

  delete(name: string): Promise<void> {
    return deleteIfExists(this.uri(name));
  }

  async mtime(name: string): Promise<number | undefined> {
    try {
      const { mtime } = await vscode.workspace.fs.stat(this.uri(name));
      return mtime > 0 ? mtime : undefined;
    } catch {
      return undefined;
    }
  }

  tempTarget(name: string): string | undefined {
    return tempFileTarget(name);
  }

  uri(name: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder, name);
  }
}
