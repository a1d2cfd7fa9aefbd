// Reading the ledger folder as a whole: which files hold records, in which order they merge, and which temp files
// are crash leftovers that still hold the only copy of their records.
import { mergeLedgers, parseLedger } from './ledger';
import { errorText } from '../../format';
import type { FileStore } from '../../file-store';
import { compareLedgerFiles, parseLedgerFileName, type LedgerFileName } from './files';
import type { LedgerRecord } from './record';

/** A ledger file to read: the file itself, or a temp file standing in for it. */
export interface LedgerSource {
  readonly file: LedgerFileName;
  /** The name to read: `file.name`, or the temp file when the file itself is missing (see `scanFolder`). */
  readonly read: string;
}

export interface FolderScan {
  /** Every source, in merge order (oldest content first). */
  readonly sources: LedgerSource[];
  /** Temp files whose target exists: a replace in flight, or a torn write the target survived. Never read. */
  readonly litter: string[];
  /** The highest segment number of each writer, to tell closed segments from open ones. */
  readonly lastSegment: ReadonlyMap<string, number>;
}

/**
 * Sorts a folder listing into sources. A temp file whose target is missing is read in the target's place: VS
 * Code's rename-with-overwrite deletes the target before renaming, so a crash between the two leaves the newest
 * complete copy only in the temp file. A torn temp file costs at most its last line, which the parser skips.
 * Of several temp files for one missing target, all are read; records are de-duplicated by id anyway.
 */
export function scanFolder(names: readonly string[], tempTarget: (name: string) => string | undefined): FolderScan {
  const present = new Set(names);
  const sources: LedgerSource[] = [];
  const litter: string[] = [];
  const lastSegment = new Map<string, number>();
  for (const name of names) {
    const target = tempTarget(name);
    const file = parseLedgerFileName(target ?? name);
    if (file === undefined) continue;
    if (target !== undefined && present.has(target)) {
      litter.push(name);
      continue;
    }
    sources.push({ file, read: name });
    if (file.kind === 'segment') lastSegment.set(file.writerId, Math.max(lastSegment.get(file.writerId) ?? 0, file.n));
  }
  sources.sort((a, b) => compareLedgerFiles(a.file, b.file) || (a.read < b.read ? -1 : a.read > b.read ? 1 : 0));
  return { sources, litter, lastSegment };
}

/** Whether a segment can never be written again because its writer has already moved on to a later one. */
export function isSuperseded(file: LedgerFileName, scan: FolderScan): boolean {
  return file.kind === 'segment' && file.n < (scan.lastSegment.get(file.writerId) ?? 0);
}

export interface LedgerRead {
  /** Every record once, merged (see `mergeLedgers`). */
  readonly records: LedgerRecord[];
  /** Lines that were not records: garbage, or a line torn by a crash. */
  readonly skipped: number;
  /** Files read (including ones served from the cache). */
  readonly files: number;
  /** Files that exist but could not be read, with why; their records are missing from `records`. */
  readonly unreadable: readonly { readonly name: string; readonly message: string }[];
  /** False when files kept vanishing while they were read, so some records may be missing from this read. */
  readonly complete: boolean;
}

/**
 * Reads the whole folder. Files that can never change (compacted files, superseded segments) are parsed once and
 * kept in `cache`. A file that vanishes between the listing and the read was compacted meanwhile, and the
 * compacted file holding its records was written before it was deleted: so the folder is listed again, and the
 * read only settles on a listing whose files all read. `attempts` bounds that (a folder compacting non-stop).
 */
export async function readFolder(
  fs: FileStore,
  cache: Map<string, { records: LedgerRecord[]; skipped: number }>,
  attempts = 5,
): Promise<LedgerRead> {
  let last: LedgerRead | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const scan = scanFolder(await fs.list(), (name) => fs.tempTarget(name));
    const listed = new Set(scan.sources.map((source) => source.read));
    for (const name of cache.keys()) if (!listed.has(name)) cache.delete(name);

    const parsed: LedgerRecord[][] = [];
    const unreadable: { name: string; message: string }[] = [];
    let skipped = 0;
    let vanished = false;
    for (const source of scan.sources) {
      let content = cache.get(source.read);
      if (content === undefined) {
        let text: string | undefined;
        try {
          text = await fs.read(source.read);
        } catch (error) {
          unreadable.push({ name: source.read, message: errorText(error) });
          continue;
        }
        if (text === undefined) {
          vanished = true;
          continue;
        }
        content = parseLedger(text);
        const immutable = source.read === source.file.name && (source.file.kind === 'compacted' || isSuperseded(source.file, scan));
        if (immutable) cache.set(source.read, content);
      }
      parsed.push(content.records);
      skipped += content.skipped;
    }
    last = { records: mergeLedgers(parsed), skipped, files: parsed.length, unreadable, complete: !vanished };
    if (!vanished) return last;
  }
  return last ?? { records: [], skipped: 0, files: 0, unreadable: [], complete: false };
}
