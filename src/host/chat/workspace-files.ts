import * as vscode from 'vscode';
import { gitignoreGlobs, globMatcher, joinGlobs } from '../../core/mentions/gitignore';

/** Files listed for `#` at most: enough for most workspaces, bounded so a monorepo cannot stall the list. */
const MAX_LISTED = 20_000;

/**
 * The workspace's files for the `#` list, without what `files.exclude` or a folder's root .gitignore hides. Read
 * through `vscode.workspace` (so it works on the web too) once per list opened: typing narrows the same list.
 */
export class WorkspaceFiles {
  private listing: Promise<vscode.Uri[]> | undefined;

  /** Lists afresh: the list just opened, and files may have come and gone since the last time. */
  refresh(): Promise<vscode.Uri[]> {
    this.listing = listFiles();
    return this.listing;
  }

  files(): Promise<vscode.Uri[]> {
    return this.listing ?? this.refresh();
  }
}

async function listFiles(): Promise<vscode.Uri[]> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const lists = await Promise.all(folders.map(async (folder) => {
    // Passing an exclude replaces files.exclude, so it goes into the same glob as the .gitignore's patterns.
    const ignored = await gitignore(folder);
    const exclude = joinGlobs([...filesExclude(folder), ...ignored]);
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), exclude ?? undefined, MAX_LISTED);
    // Checked again here: the web's file search may leave the exclude out.
    const isIgnored = globMatcher(ignored);
    return found.filter((uri) => !isIgnored(vscode.workspace.asRelativePath(uri, false)));
  }));
  return lists.flat().slice(0, MAX_LISTED);
}

/** The `files.exclude` patterns switched on for `folder` (conditional ones, `{ when }`, are left to apply or not). */
function filesExclude(folder: vscode.WorkspaceFolder): string[] {
  const patterns = vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude') ?? {};
  return Object.entries(patterns).filter(([pattern, on]) => on === true && !/[{},]/.test(pattern)).map(([pattern]) => pattern);
}

async function gitignore(folder: vscode.WorkspaceFolder): Promise<string[]> {
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.gitignore'));
    return gitignoreGlobs(new TextDecoder().decode(bytes));
  } catch {
    return [];
  }
}
