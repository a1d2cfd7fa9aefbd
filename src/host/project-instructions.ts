import * as vscode from 'vscode';
import { assembleInstructions, INSTRUCTION_FILES, MAX_FILE_BYTES, type InstructionFile } from '../core/chat/project-instructions';
import type { FoundInstructions } from '../core/conversation/request-extras';
import { Disposable } from './disposable';

/** Files this large are not instructions anyone wrote by hand; they are skipped rather than read. */
const MAX_STAT_BYTES = 1024 * 1024;
/** Edits come in bursts (a save, a formatter, a checkout): one read after they settle. */
const REREAD_DELAY_MS = 150;

/**
 * Reads the project's instruction files (AGENTS.md and the like) at each workspace folder's root, through
 * `vscode.workspace.fs` so it works on the web too, and reads them again when they change, when folders change, and
 * when the workspace becomes trusted. An untrusted workspace's files are never read: a cloned repository must not
 * speak to the model in the person's name before they trust it.
 */
export class ProjectInstructionsReader extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<FoundInstructions>());
  readonly onDidChange = this.changed.event;
  private watchers: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Counts reads, so a slow read that a newer one overtook reports nothing. */
  private reads = 0;
  private latest: FoundInstructions;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.watchAndRead()));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.watchAndRead()));
    this._register({ dispose: () => this.stop() });
    this.watchAndRead();
  }

  /** What the last read found. */
  get current(): FoundInstructions {
    return this.latest;
  }

  private watchAndRead(): void {
    this.stop();
    if (!vscode.workspace.isTrusted) {
      this.report('untrusted');
      return;
    }
    const glob = `{${INSTRUCTION_FILES.join(',')}}`;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob));
      const again = (): void => this.readSoon();
      watcher.onDidCreate(again);
      watcher.onDidChange(again);
      watcher.onDidDelete(again);
      this.watchers.push(watcher);
    }
    void this.read();
  }

  private readSoon(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.read();
    }, REREAD_DELAY_MS);
  }

  private async read(): Promise<void> {
    const read = ++this.reads;
    const folders = vscode.workspace.workspaceFolders ?? [];
    const files: InstructionFile[] = [];
    for (const folder of folders) {
      for (const path of INSTRUCTION_FILES) {
        const text = await this.readFile(vscode.Uri.joinPath(folder.uri, path));
        if (text !== undefined) files.push({ label: folders.length > 1 ? `${folder.name}/${path}` : path, text });
      }
    }
    if (read !== this.reads || this.isDisposed) return;
    this.report(assembleInstructions(files));
  }

  /** The file's text, or undefined when it is missing, too large, or not text. */
  private async readFile(uri: vscode.Uri): Promise<string | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type !== vscode.FileType.File) return undefined;
      if (stat.size > MAX_STAT_BYTES) {
        this.log.warn(`instructions: ${uri.path} is larger than ${MAX_STAT_BYTES} bytes; left out`);
        return undefined;
      }
      const bytes = (await vscode.workspace.fs.readFile(uri)).subarray(0, MAX_FILE_BYTES);
      if (bytes.includes(0)) {
        this.log.warn(`instructions: ${uri.path} is not text; left out`);
        return undefined;
      }
      return new TextDecoder('utf-8').decode(bytes);
    } catch {
      // Missing is the usual case: most projects have none of these files.
      return undefined;
    }
  }

  private report(found: FoundInstructions): void {
    this.latest = found;
    this.changed.fire(found);
  }

  private stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const watcher of this.watchers.splice(0)) watcher.dispose();
  }
}
