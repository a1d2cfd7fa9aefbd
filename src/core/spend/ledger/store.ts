// The persistent spend ledger over a small file-system adapter, shared by every window on the machine.
//
// There is no append in `vscode.workspace.fs`, and several windows (extension hosts) write the same folder. So:
//  - Each store is one writer with its own id and writes only its own segment files (segment-<writerId>-<n>); no
//    two writers ever write the same file, so two windows cannot lose each other's records.
//  - A segment is rewritten whole through an atomic replace on every write: a crash mid-write leaves the previous
//    version (or, after VS Code's delete-then-rename, a complete temp file that readers use instead). It loses at
//    most the records of the write in flight, whose promises had not resolved; earlier records are never touched.
//  - After `segmentRecords` records, or `segmentOpenMs` after its first write, a writer moves on to segment n+1 and
//    never writes segment n again. The time bound is what lets another window tell a crashed writer's last segment
//    from a live one: untouched for `segmentOpenMs + closeGraceMs`, it is closed.
//  - Compaction merges closed segments and compacted files into one new compacted file, checks it reads back, and
//    only then deletes its inputs. Two windows compacting at once produce two compacted files with the same records;
//    readers de-duplicate by id, so that is harmless, and the next compaction folds them together.
// Appends that arrive while a write is running are written together in the next write (one file replace for a
// burst of records), in call order.
import { mergeLedgers, parseLedger, replaces, serialiseLedger } from './ledger';
import type { FileStore } from '../../file-store';
import { compactedName, isValidWriterId, newWriterId, parseLedgerFileName, segmentName } from './files';
import { isSuperseded, readFolder, scanFolder, type LedgerRead, type LedgerSource } from './folder';
import { LedgerRecordSchema, type LedgerRecord } from './record';

export interface LedgerStoreOptions {
  readonly fs: FileStore;
  /** Unique per store instance and never reused; a random one by default. Letters, digits and `_`. */
  readonly writerId?: string;
  /** Epoch ms; must be the clock the file system's modification times use. */
  readonly now?: () => number;
  /** Records per segment before moving to the next. Default 100 (each write rewrites up to this many lines). */
  readonly segmentRecords?: number;
  /** How long after its first write a segment may still be written. Default 10 minutes. */
  readonly segmentOpenMs?: number;
  /** Added to `segmentOpenMs` before another writer's untouched last segment counts as closed. Default 5 minutes. */
  readonly closeGraceMs?: number;
  /** Temp files older than this are crash leftovers. Default 10 minutes. */
  readonly staleTempMs?: number;
  /**
   * After a segment fills, or when asked at start-up, compact in the background once the folder holds this many
   * ledger files. 0: never. Default 12.
   */
  readonly compactAtFiles?: number;
  /** Failures of background work (automatic compaction), which has no caller to reject. */
  readonly onBackgroundError?: (error: unknown) => void;
  /** After a compaction wrote `file` from `sources` (and deleted them), automatic ones included. */
  readonly onCompacted?: (file: string, sources: readonly string[]) => void;
}

export type CompactionResult =
  | { readonly status: 'compacted'; readonly file: string | undefined; readonly inputs: number; readonly records: number; readonly skipped: number }
  /** Too few closed files to be worth it (the stale temp files were still tidied). */
  | { readonly status: 'nothing-to-do' }
  /** An input vanished: another window compacted it first. Nothing was deleted. */
  | { readonly status: 'raced' };

interface OpenSegment {
  readonly n: number;
  readonly openedAt: number;
  readonly records: LedgerRecord[];
  readonly index: Map<string, number>;
}

interface PendingWrite {
  readonly record: LedgerRecord;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

const MINUTE = 60_000;

export class LedgerStore {
  readonly writerId: string;
  private readonly fs: FileStore;
  private readonly now: () => number;
  private readonly segmentRecords: number;
  private readonly segmentOpenMs: number;
  private readonly closedAfterMs: number;
  private readonly staleTempMs: number;
  private readonly compactAtFiles: number;
  private readonly onBackgroundError: (error: unknown) => void;
  private readonly onCompacted: (file: string, sources: readonly string[]) => void;

  private current: OpenSegment | undefined;
  /** The next segment number; known after the first write has looked at the folder. */
  private nextN: number | undefined;
  private compactedFiles = 0;
  private pending: PendingWrite[] = [];
  private draining: Promise<void> | undefined;
  private compactions: Promise<unknown> = Promise.resolve();
  private background: Promise<unknown> = Promise.resolve();
  private readonly cache = new Map<string, { records: LedgerRecord[]; skipped: number }>();

  constructor(options: LedgerStoreOptions) {
    this.writerId = options.writerId ?? newWriterId();
    if (!isValidWriterId(this.writerId)) throw new Error(`Not a valid ledger writer id: ${JSON.stringify(this.writerId)}`);
    this.fs = options.fs;
    this.now = options.now ?? (() => Date.now());
    this.segmentRecords = Math.max(1, Math.floor(options.segmentRecords ?? 100));
    this.segmentOpenMs = options.segmentOpenMs ?? 10 * MINUTE;
    this.closedAfterMs = this.segmentOpenMs + (options.closeGraceMs ?? 5 * MINUTE);
    this.staleTempMs = options.staleTempMs ?? 10 * MINUTE;
    this.compactAtFiles = options.compactAtFiles ?? 12;
    this.onBackgroundError = options.onBackgroundError ?? (() => undefined);
    this.onCompacted = options.onCompacted ?? (() => undefined);
  }

  /**
   * Adds a record, or replaces the one with the same id (later wins, except that an estimate never replaces an
   * exact cost). Resolves once the record is in a file; rejects, with nothing recorded, when the write fails or
   * the record does not match the schema.
   */
  put(record: LedgerRecord): Promise<void> {
    const checked = LedgerRecordSchema.safeParse(record);
    if (!checked.success) return Promise.reject(new Error(`Not a ledger record: ${checked.error.issues[0]?.message ?? checked.error.message}`));
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ record: checked.data, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Every record in the folder, from every writer, merged. */
  read(): Promise<LedgerRead> {
    return readFolder(this.fs, this.cache);
  }

  /** Resolves when every write asked for so far, and any background compaction, has finished. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
    await this.background;
    await this.compactions;
  }

  /**
   * Merges closed segments and compacted files into one compacted file, then deletes them. Compactions of one store
   * run one at a time; compactions of other windows may run at the same time (see the file comment).
   * `minFiles`: do nothing unless the folder holds at least this many ledger files.
   */
  compact(options: { minFiles?: number } = {}): Promise<CompactionResult> {
    const run = this.compactions.then(() => this.compactNow(options.minFiles ?? 2));
    this.compactions = run.catch(() => undefined);
    return run;
  }

  /**
   * Compacts in the background if the folder holds at least `compactAtFiles` ledger files; for a window starting up.
   * A segment only fills (and starts a compaction) after `segmentRecords` records, so without this the few records
   * of many short sessions would pile up as files that every read has to open.
   */
  compactIfCrowded(): void {
    if (this.compactAtFiles > 0) this.runInBackground(() => this.compact({ minFiles: this.compactAtFiles }));
  }

  /** Writes until nothing is pending. It clears `draining` itself, in the same turn that finds the queue empty. */
  private async drain(): Promise<void> {
    for (;;) {
      if (this.pending.length === 0) {
        this.draining = undefined;
        return;
      }
      let batch: PendingWrite[] = [];
      let undo: (() => void) | undefined;
      let rolled = false;
      try {
        if (this.nextN === undefined) this.nextN = await this.firstSegmentNumber();
        const previous = this.current;
        const segment = this.segmentFor();
        rolled = previous !== undefined && previous !== segment;
        ({ batch, undo } = this.takeBatch(segment));
        await this.fs.writeAtomic(segmentName(this.writerId, segment.n), serialiseLedger(segment.records));
      } catch (error) {
        // The rejected records are not on disk; take them out so the next write does not add them after all.
        undo?.();
        if (batch.length === 0) batch = this.pending.splice(0);
        for (const write of batch) write.reject(error);
        continue;
      }
      for (const write of batch) write.resolve();
      if (rolled && this.compactAtFiles > 0) this.runInBackground(() => this.compact({ minFiles: this.compactAtFiles }));
    }
  }

  /** The first number after any segment this writer id already has (only a reused id has any). */
  private async firstSegmentNumber(): Promise<number> {
    await this.fs.ensureFolder();
    let last = 0;
    for (const name of await this.fs.list()) {
      const file = parseLedgerFileName(this.fs.tempTarget(name) ?? name);
      if (file?.kind === 'segment' && file.writerId === this.writerId) last = Math.max(last, file.n);
    }
    return last + 1;
  }

  /** The segment to write now: the open one, or the next when it is full or has been open too long. */
  private segmentFor(): OpenSegment {
    const current = this.current;
    if (current !== undefined && current.records.length < this.segmentRecords && this.now() - current.openedAt < this.segmentOpenMs) return current;
    const n = this.nextN ?? 1;
    this.nextN = n + 1;
    const next: OpenSegment = { n, openedAt: this.now(), records: [], index: new Map() };
    this.current = next;
    return next;
  }

  /**
   * Moves pending records into the segment while it has room, with an undo. A record whose id the segment already
   * holds replaces it in place; one whose earlier version is in a closed segment is added, and wins on read.
   */
  private takeBatch(segment: OpenSegment): { batch: PendingWrite[]; undo: () => void } {
    const records = segment.records.slice();
    const index = new Map(segment.index);
    const batch: PendingWrite[] = [];
    for (let write = this.pending[0]; write !== undefined; write = this.pending[0]) {
      const at = segment.index.get(write.record.id);
      if (at === undefined && segment.records.length >= this.segmentRecords) break;
      this.pending.shift();
      batch.push(write);
      if (at === undefined) {
        segment.index.set(write.record.id, segment.records.length);
        segment.records.push(write.record);
      } else if (replaces(write.record, segment.records[at] as LedgerRecord)) {
        segment.records[at] = write.record;
      }
    }
    const undo = (): void => {
      segment.records.splice(0, segment.records.length, ...records);
      segment.index.clear();
      for (const [id, at] of index) segment.index.set(id, at);
    };
    return { batch, undo };
  }

  private runInBackground(task: () => Promise<unknown>): void {
    this.background = Promise.all([this.background, task().catch((error: unknown) => this.onBackgroundError(error))]);
  }

  /** Whether `source` may be merged away: nobody will write it again, or it is a crash leftover. */
  private async isClosed(source: LedgerSource, scan: ReturnType<typeof scanFolder>): Promise<boolean> {
    const { file } = source;
    if (source.read !== file.name) return this.isOlderThan(source.read, this.staleTempMs);
    if (file.kind === 'compacted') return true;
    if (file.writerId === this.writerId && this.nextN !== undefined) return file.n < (this.current?.n ?? this.nextN);
    return isSuperseded(file, scan) || this.isOlderThan(file.name, this.closedAfterMs);
  }

  private async isOlderThan(name: string, ms: number): Promise<boolean> {
    const mtime = await this.fs.mtime(name);
    // An unknown time proves nothing; such a file waits until its writer supersedes it.
    return mtime !== undefined && mtime > 0 && this.now() - mtime >= ms;
  }

  private async compactNow(minFiles: number): Promise<CompactionResult> {
    const scan = scanFolder(await this.fs.list(), (name) => this.fs.tempTarget(name));
    const staleLitter: string[] = [];
    for (const name of scan.litter) if (await this.isOlderThan(name, this.staleTempMs)) staleLitter.push(name);
    const inputs: LedgerSource[] = [];
    for (const source of scan.sources) if (await this.isClosed(source, scan)) inputs.push(source);
    const segments = inputs.filter((source) => source.file.kind === 'segment' || source.read !== source.file.name).length;
    if (scan.sources.length < minFiles || (segments === 0 && inputs.length < 2)) {
      await this.deleteAll(staleLitter);
      return { status: 'nothing-to-do' };
    }

    const parsed: LedgerRecord[][] = [];
    let skipped = 0;
    for (const source of inputs) {
      const text = await this.fs.read(source.read);
      if (text === undefined) return { status: 'raced' };
      const content = parseLedger(text);
      parsed.push(content.records);
      skipped += content.skipped;
    }
    const merged = mergeLedgers(parsed);
    let file: string | undefined;
    if (merged.length > 0) {
      this.compactedFiles += 1;
      file = compactedName(this.now(), this.writerId, this.compactedFiles);
      const text = serialiseLedger(merged);
      await this.fs.writeAtomic(file, text);
      // Deleting the inputs is only safe once their records are readable from the new file.
      const back = await this.fs.read(file);
      if (back !== text) throw new Error(`ledger compaction: ${file} did not read back as written; kept its ${inputs.length} inputs`);
    }
    await this.deleteAll([...inputs.map((source) => source.read), ...staleLitter]);
    if (file !== undefined) this.onCompacted(file, inputs.map((source) => source.read));
    return { status: 'compacted', file, inputs: inputs.length, records: merged.length, skipped };
  }

  private async deleteAll(names: readonly string[]): Promise<void> {
    for (const name of names) {
      await this.fs.delete(name);
      this.cache.delete(name);
    }
  }
}
