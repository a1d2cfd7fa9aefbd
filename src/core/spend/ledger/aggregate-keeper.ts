// Keeps the aggregates of the ledger folder current and on disk: this window's records as it appends them, other
// windows' as their files appear, and a snapshot beside the segments so the next start reads one file.
//
// - Loading reads the snapshot (aggregate-file.ts), then merges only the ledger files it does not cover: other
//   windows' open segments (at most `segmentRecords` records each) and files written since the snapshot.
// - Without a usable snapshot (the first start, a torn file, another format) every ledger file is read once, one at
//   a time, and the snapshot is written when that is done. Nothing is written before, so a crash in the middle
//   leaves no half-built snapshot: the next start finds none (or the older whole one) and reads again.
// - `sync` is the same merge at any time: it lists the folder and reads what is not covered. Files that can never
//   change (compacted files, closed segments) are read once and then covered by name; this window's open segment is
//   never read, since everything in it was counted as it was appended.
// - The snapshot is rewritten, in the background, when the covered files change, not on every record: what it does
//   not cover is read again at the next start anyway.
import { AGGREGATES_FILE, parseSnapshot, serialiseSnapshot } from './aggregate-file';
import { LedgerAggregates } from './aggregates';
import type { FileStore } from '../../file-store';
import { isSuperseded, scanFolder } from './folder';
import { parseLedger } from './ledger';
import type { LedgerRecord } from './record';
import { errorText } from '../../format';

const STALE_TEMP_MS = 10 * 60_000;

export interface AggregateKeeperOptions {
  readonly fs: FileStore;
  /** This window's writer id (its open segment is never read back). */
  readonly ownWriterId: string;
  /** The time-zone fingerprint; `zoneFingerprint` by default (tests change it). */
  readonly zoneNow?: () => string;
  /** How long after the covered files change the snapshot is written. Default 2 s. */
  readonly persistDelayMs?: number;
  /** Epoch ms, on the clock of the file system's modification times. */
  readonly now?: () => number;
  /** Problems that have no caller to tell: a file that could not be read, a snapshot that could not be written. */
  readonly onError?: (message: string) => void;
}

/** How the last load went, for the log and the tests. */
export interface LoadReport {
  /** Whether a usable snapshot was found; false means every ledger file was read. */
  readonly fromSnapshot: boolean;
  /** Ledger files read while loading. */
  readonly filesRead: number;
}

export class AggregateKeeper {
  private readonly fs: FileStore;
  private readonly ownWriterId: string;
  private readonly zoneNow: (() => string) | undefined;
  private readonly persistDelayMs: number;
  private readonly onError: (message: string) => void;
  private readonly now: () => number;
  private aggregates: LedgerAggregates | undefined;
  private covered = new Set<string>();
  private loading: Promise<LedgerAggregates> | undefined;
  private syncing: Promise<boolean> | undefined;
  private syncAgain = false;
  /** This window's records that arrived before loading finished. */
  private early: LedgerRecord[] = [];
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private persisting: Promise<void> = Promise.resolve();
  private dirty = false;
  private filesRead = 0;
  report: LoadReport | undefined;

  constructor(options: AggregateKeeperOptions) {
    this.fs = options.fs;
    this.ownWriterId = options.ownWriterId;
    this.zoneNow = options.zoneNow;
    this.persistDelayMs = options.persistDelayMs ?? 2000;
    this.onError = options.onError ?? (() => undefined);
    this.now = options.now ?? (() => Date.now());
  }

  /** The aggregates once loaded; starts loading on the first call. */
  ready(): Promise<LedgerAggregates> {
    this.loading ??= this.load();
    return this.loading;
  }

  /** The aggregates if they are loaded, without waiting. */
  get current(): LedgerAggregates | undefined {
    return this.aggregates;
  }

  /** Counts a record this window has written (O(1)); before loading finishes it waits in a queue. */
  put(record: LedgerRecord): void {
    if (this.aggregates === undefined) this.early.push(record);
    else this.aggregates.put(record);
  }

  /**
   * Merges what other windows wrote since the last look; resolves true when the totals changed. Calls made while
   * one runs share the next run, so a burst of watcher events costs one or two listings.
   */
  sync(): Promise<boolean> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    const run = (async (): Promise<boolean> => {
      const aggregates = await this.ready();
      let changed = false;
      do {
        this.syncAgain = false;
        changed = (await this.mergeFolder(aggregates)) || changed;
      } while (this.syncAgain);
      return changed;
    })().finally(() => {
      this.syncing = undefined;
    });
    this.syncing = run;
    return run;
  }

  /**
   * This window compacted `sources` into `file`. When every source was covered (or was one of this window's own
   * segments, all of whose records it counted), so is the new file, and it is never read.
   */
  compacted(file: string, sources: readonly string[]): void {
    const ownPrefix = `segment-${this.ownWriterId}-`;
    if (sources.every((name) => this.covered.has(name) || name.startsWith(ownPrefix))) this.cover(file);
  }

  /** Writes the snapshot now if anything it should cover changed; for shutting down and tests. */
  async flush(): Promise<void> {
    if (this.persistTimer !== undefined) clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    await this.persisting;
    if (this.dirty && this.aggregates) await this.persist(this.aggregates);
  }

  dispose(): void {
    if (this.persistTimer !== undefined) clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
  }

  private async load(): Promise<LedgerAggregates> {
    const snapshot = await this.readSnapshot();
    let aggregates: LedgerAggregates | undefined;
    if (snapshot) {
      try {
        aggregates = LedgerAggregates.fromData(snapshot.data, this.zoneNow);
      } catch {
        aggregates = undefined;
      }
    }
    if (aggregates && snapshot) this.covered = new Set(snapshot.covered);
    const fromSnapshot = aggregates !== undefined;
    aggregates ??= new LedgerAggregates(this.zoneNow);
    this.filesRead = 0;
    await this.mergeFolder(aggregates);
    // A snapshot with records but no ledger file left to hold them (the folder was emptied) counts nothing.
    if (fromSnapshot && aggregates.size > 0 && !(await this.hasLedgerFiles())) {
      aggregates = new LedgerAggregates(this.zoneNow);
      this.dirty = true;
    }
    for (const record of this.early) aggregates.put(record);
    this.early = [];
    this.aggregates = aggregates;
    this.report = { fromSnapshot, filesRead: this.filesRead };
    if (!fromSnapshot) this.dirty = true;
    if (this.dirty) await this.persist(aggregates);
    return aggregates;
  }

  private async readSnapshot(): Promise<ReturnType<typeof parseSnapshot>> {
    const text = await this.fs.read(AGGREGATES_FILE).catch(() => undefined);
    if (text !== undefined) return parseSnapshot(text);
    // A crash between the delete and the rename of an atomic replace leaves the whole snapshot in a temp file.
    for (const name of await this.fs.list()) {
      if (this.fs.tempTarget(name) !== AGGREGATES_FILE) continue;
      const temp = await this.fs.read(name).catch(() => undefined);
      const snapshot = temp === undefined ? undefined : parseSnapshot(temp);
      if (snapshot) return snapshot;
    }
    return undefined;
  }

  private async hasLedgerFiles(): Promise<boolean> {
    return scanFolder(await this.fs.list(), (name) => this.fs.tempTarget(name)).sources.length > 0;
  }

  /** Reads and merges every ledger file not covered yet; true when the totals changed. */
  private async mergeFolder(aggregates: LedgerAggregates): Promise<boolean> {
    const before = aggregates.version;
    for (let attempt = 0; attempt < 5; attempt++) {
      const scan = scanFolder(await this.fs.list(), (name) => this.fs.tempTarget(name));
      let vanished = false;
      const listed = new Set<string>();
      for (const source of scan.sources) {
        const { file } = source;
        listed.add(source.read);
        if (this.covered.has(source.read)) continue;
        const immutable = source.read === file.name && (file.kind === 'compacted' || isSuperseded(file, scan));
        if (!immutable && file.kind === 'segment' && file.writerId === this.ownWriterId) continue;
        let text: string | undefined;
        try {
          text = await this.fs.read(source.read);
        } catch (error) {
          this.onError(`could not read ${source.read}: ${errorText(error)}`);
          continue;
        }
        if (text === undefined) {
          vanished = true;
          continue;
        }
        this.filesRead += 1;
        for (const record of parseLedger(text).records) aggregates.put(record);
        if (immutable) this.cover(source.read);
      }
      // Covered files that left the folder were compacted: their names will not come back.
      for (const name of this.covered) {
        if (listed.has(name)) continue;
        this.covered.delete(name);
        this.dirty = true;
      }
      if (!vanished) break;
    }
    if (this.dirty && this.aggregates) this.persistSoon();
    return aggregates.version !== before;
  }

  private cover(name: string): void {
    if (this.covered.has(name)) return;
    this.covered.add(name);
    this.dirty = true;
    if (this.aggregates) this.persistSoon();
  }

  private persistSoon(): void {
    if (this.persistTimer !== undefined) return;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined;
      if (this.aggregates) void this.persist(this.aggregates);
    }, this.persistDelayMs);
  }

  private persist(aggregates: LedgerAggregates): Promise<void> {
    const run = this.persisting.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await this.fs.writeAtomic(AGGREGATES_FILE, serialiseSnapshot({ covered: [...this.covered], data: aggregates.toData() }));
        await this.deleteStaleTemps();
      } catch (error) {
        this.dirty = true;
        this.onError(`could not save the spend totals: ${errorText(error)}`);
      }
    });
    this.persisting = run;
    return run;
  }

  /** Temp files of crashed snapshot writes. Another window's write in flight is younger than this, and kept. */
  private async deleteStaleTemps(): Promise<void> {
    for (const name of await this.fs.list()) {
      if (this.fs.tempTarget(name) !== AGGREGATES_FILE) continue;
      const mtime = await this.fs.mtime(name);
      if (mtime !== undefined && this.now() - mtime >= STALE_TEMP_MS) await this.fs.delete(name);
    }
  }
}
