// JSON files on the file-store port: reads that say why a file is unusable instead of throwing, and recovery from
// an atomic replace that a crash interrupted (see file-store.ts for how that can leave a complete temp file only).
import type * as z from 'zod';
import type { FileStore } from './file-store';
import { errorText } from './format';

/** Why a JSON file could not be used. `missing` is normal for a first run; the others deserve a log line. */
export type ReadProblemKind = 'missing' | 'unreadable' | 'not-json' | 'invalid';

export interface ReadProblem {
  readonly kind: ReadProblemKind;
  readonly message: string;
}

/** A read either has a value or says why it has none; it never throws. */
export type JsonRead<T> =
  | { readonly value: T; readonly problem?: undefined; readonly recoveredFrom?: string }
  | { readonly value: undefined; readonly problem: ReadProblem };

/** Parses and validates the text of file `name` (the name is only for the messages). */
export function parseJson<T>(name: string, text: string, schema: z.ZodType<T>): JsonRead<T> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const bytes = new TextEncoder().encode(text).byteLength;
    return { value: undefined, problem: { kind: 'not-json', message: `${name} is not valid JSON (${bytes} bytes): ${errorText(error)}` } };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : parsed.error.message;
    return { value: undefined, problem: { kind: 'invalid', message: `${name} has an unexpected shape at ${where}` } };
  }
  return { value: parsed.data };
}

/** The read, with the text it was parsed from (what a recovery writes back). */
type TextRead<T> = JsonRead<T> & { readonly text?: string };

async function readWithText<T>(files: FileStore, name: string, schema: z.ZodType<T>): Promise<TextRead<T>> {
  let text: string | undefined;
  try {
    text = await files.read(name);
  } catch (error) {
    return { value: undefined, problem: { kind: 'unreadable', message: `${name} could not be read: ${errorText(error)}` } };
  }
  if (text === undefined) return { value: undefined, problem: { kind: 'missing', message: `${name} does not exist` } };
  return { ...parseJson(name, text, schema), text };
}

/** Reads and validates a JSON file. Missing, unreadable, malformed or wrongly shaped files give a problem, not a throw. */
export async function readJsonFile<T>(files: FileStore, name: string, schema: z.ZodType<T>): Promise<JsonRead<T>> {
  const read = await readWithText(files, name, schema);
  return read.problem === undefined ? { value: read.value } : { value: undefined, problem: read.problem };
}

/** Temp files left next to `name` by replaces that did not finish (or are still running). */
export async function tempFilesOf(files: FileStore, name: string): Promise<string[]> {
  return (await files.list()).filter((entry) => files.tempTarget(entry) === name);
}

/**
 * `readJsonFile`, plus recovery from an interrupted replace: when `name` is missing or damaged, the newest temp file
 * of it that validates is put in its place and returned (with `recoveredFrom` naming it). Torn temp files are
 * ignored. When nothing is usable, the problem with `name` itself is returned.
 */
export async function readJsonRecovering<T>(files: FileStore, name: string, schema: z.ZodType<T>): Promise<JsonRead<T>> {
  const direct = await readJsonFile(files, name, schema);
  // An unreadable file (permissions, a remote failure) is not a torn write: report it rather than guess.
  if (direct.problem === undefined || direct.problem.kind === 'unreadable') return direct;
  const temps = await Promise.all((await tempFilesOf(files, name)).map(async (temp) => ({ temp, mtime: (await files.mtime(temp)) ?? 0 })));
  temps.sort((a, b) => b.mtime - a.mtime);
  for (const { temp } of temps) {
    const candidate = await readWithText(files, temp, schema);
    if (candidate.value === undefined || candidate.text === undefined) continue;
    try {
      await files.writeAtomic(name, candidate.text);
      await files.delete(temp);
    } catch {
      // The folder is read-only, or another window recovered it first; the value is good either way.
    }
    return { value: candidate.value, recoveredFrom: temp };
  }
  return direct;
}

/**
 * Deletes temp files of `name` older than `olderThanMs`. Younger ones, and ones whose age the file system does not
 * report, may belong to a replace still running in another window, so they stay. Returns how many went.
 */
export async function removeStaleTempFiles(files: FileStore, name: string, olderThanMs: number, now: number): Promise<number> {
  let removed = 0;
  for (const temp of await tempFilesOf(files, name)) {
    const mtime = await files.mtime(temp);
    if (mtime === undefined || mtime <= 0 || now - mtime < olderThanMs) continue;
    await files.delete(temp).then(() => removed++, () => undefined);
  }
  return removed;
}
