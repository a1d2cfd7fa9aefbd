// Crash-safe files through `vscode.workspace.fs`, so the same code runs on desktop, code-server and the web (where
// storage may be IndexedDB or a remote file system and there is no `node:fs`).
//
// A replace writes `<name>.tmp-<random>` first and then renames it over `<name>`. A crash while writing leaves the
// old file untouched and an orphaned temp file. VS Code's file service implements "rename with overwrite" as
// delete-then-rename, so a crash can also land between the two steps: the target is gone but a complete temp file
// sits next to it. `readJsonRecovering` looks for exactly that case.
import * as vscode from 'vscode';
import type * as z from 'zod';
import { errorText } from '../core/format';

const TEMP_MARKER = '.tmp-';

/** Why a JSON file could not be used. `missing` is normal for a first run; the others deserve a log line. */
export type ReadProblemKind = 'missing' | 'unreadable' | 'not-json' | 'invalid';

export interface ReadProblem {
  readonly kind: ReadProblemKind;
  readonly message: string;
}

/** A read either has a value or says why it has none; it never throws. */
export type JsonRead<T> =
  | { readonly value: T; readonly problem?: undefined; readonly recoveredFrom?: vscode.Uri }
  | { readonly value: undefined; readonly problem: ReadProblem };

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
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    return { value: undefined, problem: { kind: 'not-json', message: `${fileName(uri)} is not valid JSON (${bytes.byteLength} bytes): ${errorText(error)}` } };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : parsed.error.message;
    return { value: undefined, problem: { kind: 'invalid', message: `${fileName(uri)} has an unexpected shape at ${where}` } };
  }
  return { value: parsed.data };
}

export interface TempFile {
  readonly uri: vscode.Uri;
  /** Modification time from the file system; 0 when the provider does not know. */
  readonly mtime: number;
}

/** Temp files left next to `target` by replaces that did not finish (or are still running), newest first. */
export async function leftoverTempFiles(target: vscode.Uri): Promise<TempFile[]> {
  const folder = vscode.Uri.joinPath(target, '..');
  const name = fileName(target);
  const temps = (await readDirectoryIfExists(folder)).filter(([entry, type]) => type === vscode.FileType.File && tempFileTarget(entry) === name).map(([entry]) => vscode.Uri.joinPath(folder, entry));
  const dated = await Promise.all(temps.map(async (uri) => ({ uri, mtime: await vscode.workspace.fs.stat(uri).then((stat) => stat.mtime, () => 0) })));
  return dated.sort((a, b) => b.mtime - a.mtime);
}

/**
 * Deletes temp files next to `target` that are older than `olderThanMs`. Younger ones, and ones whose age the file
 * system does not report, may belong to a replace still running in another window, so they stay.
 */
export async function removeLeftoverTempFiles(target: vscode.Uri, olderThanMs: number, now = Date.now()): Promise<number> {
  let removed = 0;
  for (const temp of await leftoverTempFiles(target)) {
    if (temp.mtime <= 0 || now - temp.mtime < olderThanMs) continue;
    await deleteIfExists(temp.uri).then(() => removed++, () => undefined);
  }
  return removed;
}

/**
 * `readJson`, plus recovery from an interrupted replace: when `target` is missing or damaged, the newest complete
 * temp file that validates is moved into place and returned (with `recoveredFrom` set). Torn temp files are ignored.
 * When nothing is usable, the problem with `target` itself is returned.
 */
export async function readJsonRecovering<T>(target: vscode.Uri, schema: z.ZodType<T>): Promise<JsonRead<T>> {
  const direct = await readJson(target, schema);
  // An unreadable target (permissions, a remote failure) is not a torn write: report it rather than guess.
  if (direct.problem === undefined || direct.problem.kind === 'unreadable') return direct;
  for (const { uri: temp } of await leftoverTempFiles(target)) {
    const candidate = await readJson(temp, schema);
    if (candidate.value === undefined) continue;
    try {
      await vscode.workspace.fs.rename(temp, target, { overwrite: true });
    } catch {
      // Another reader promoted it first, or the folder is read-only; the value is good either way.
    }
    return { value: candidate.value, recoveredFrom: temp };
  }
  return direct;
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
