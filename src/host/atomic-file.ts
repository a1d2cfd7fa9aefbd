// Crash-safe files through `vscode.workspace.fs`, so the same code runs on desktop, code-server and the web (where
// storage may be IndexedDB or a remote file system and there is no `node:fs`).
//
// A replace writes `<name>.tmp-<random>` first and then renames it over `<name>`. A crash while writing leaves the
// old file untouched and an orphaned temp file. VS Code's file service implements "rename with overwrite" as
// delete-then-rename, so a crash can also land between the two steps: the target is gone but a complete temp file
// sits next to it. The stores built on these files recover from that (src/core/file-store-json.ts).
import * as vscode from 'vscode';
import type * as z from 'zod';
import { parseJson, type JsonRead } from '../core/file-store-json';
import { errorText } from '../core/format';

const TEMP_MARKER = '.tmp-';

/** The file name a temp file stands in for (`a.json.tmp-1f2e` -> `a.json`), or undefined for other names. */
export function tempFileTarget(fileName: string): string | undefined {
  const at = fileName.lastIndexOf(TEMP_MARKER);
  if (at <= 0) return undefined;
  return /^[0-9a-f]+$/i.test(fileName.slice(at + TEMP_MARKER.length)) ? fileName.slice(0, at) : undefined;
}

function randomSuffix(): string {
  // getRandomValues, unlike randomUUID, also exists outside secure contexts.
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function isFileNotFound(error: unknown): boolean {
  return error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
}

/**
 * Replaces `target` with `content` so that readers see either the old or the new content, never a mix.
 * The parent folder is not created here: callers own their folder and create it once.
 */
export async function writeFileAtomic(target: vscode.Uri, content: Uint8Array): Promise<void> {
  const temp = target.with({ path: `${target.path}${TEMP_MARKER}${randomSuffix()}` });
  await vscode.workspace.fs.writeFile(temp, content);
  try {
    await vscode.workspace.fs.rename(temp, target, { overwrite: true });
  } catch (error) {
    // Leave no orphan behind when the rename itself failed (for example a read-only target).
    await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    throw error;
  }
}

/** `writeFileAtomic` of `value` as compact JSON (UTF-8). */
export function writeJsonAtomic(target: vscode.Uri, value: unknown): Promise<void> {
  return writeFileAtomic(target, new TextEncoder().encode(JSON.stringify(value)));
}

/** Reads and validates a JSON file. Missing, unreadable, malformed or wrongly shaped files give a problem, not a throw. */
export async function readJson<T>(uri: vscode.Uri, schema: z.ZodType<T>): Promise<JsonRead<T>> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    if (isFileNotFound(error)) return { value: undefined, problem: { kind: 'missing', message: `${fileName(uri)} does not exist` } };
    return { value: undefined, problem: { kind: 'unreadable', message: `${fileName(uri)} could not be read: ${errorText(error)}` } };
  }
  return parseJson(fileName(uri), new TextDecoder().decode(bytes), schema);
}

/**
 * A folder's entries; none when it does not exist (yet) or cannot be read. The stat comes first because some hosts
 * log a warning for every readDirectory of a missing folder, and "no history yet" is not worth a warning.
 */
export async function readDirectoryIfExists(folder: vscode.Uri): Promise<[string, vscode.FileType][]> {
  try {
    if (((await vscode.workspace.fs.stat(folder)).type & vscode.FileType.Directory) === 0) return [];
    return await vscode.workspace.fs.readDirectory(folder);
  } catch {
    return [];
  }
}

/** Deletes a file; a file that is already gone is not an error. */
export async function deleteIfExists(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri, { useTrash: false });
  } catch (error) {
    if (!isFileNotFound(error)) throw error;
  }
}
