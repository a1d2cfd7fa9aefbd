// The port through which core code keeps files: one folder of named text files, with an atomic replace. The spend
// ledger and the chat history both write through it. The host implements it with `vscode.workspace.fs`
// (src/host/workspace-file-store.ts), so it works in the desktop, remote and web extension hosts alike; unit tests
// implement it in memory and with `node:fs`.
//
// An atomic replace writes `<name>.tmp-<hex>` and renames it over `<name>`. VS Code's "rename with overwrite" is
// delete-then-rename, so a crash can leave the target missing next to a complete temp file; the stores built on
// this port look for temp files (`tempTarget`) to recover from exactly that.

export interface FileStore {
  /** Creates the folder when it does not exist. */
  ensureFolder(): Promise<void>;
  /** Names of the files in the folder; none when the folder does not exist. */
  list(): Promise<string[]>;
  /** A file's text, or undefined when it does not exist (another window may have removed it). Throws when it cannot be read. */
  read(name: string): Promise<string | undefined>;
  /** Replaces a file so that readers see the old or the new content, never a mix (write a temp file, rename). */
  writeAtomic(name: string, text: string): Promise<void>;
  /** Deletes a file; one that is already gone is not an error. */
  delete(name: string): Promise<void>;
  /** Last modification in epoch ms; undefined when the file is gone or the file system does not say. */
  mtime(name: string): Promise<number | undefined>;
  /** The file a temp file of `writeAtomic` stands in for, or undefined when `name` is not such a temp file. */
  tempTarget(name: string): string | undefined;
}
