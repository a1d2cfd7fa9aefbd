// The persistent spend ledger of this machine, shared by every window: `<globalStorage>/ledger/`, JSON-lines
// segment files per window plus compacted files (the format and the crash and concurrency rules are in
// core/spend/ledger/files.ts and store.ts). Only `vscode.workspace.fs` is used.
//
// Change events: this window's own writes fire `onDidChange` when they are on disk. Other windows' writes fire it
// through a file system watcher where the host provides one for the storage folder; where it does not (some web
// file systems), `refresh()` re-reads on demand and fires when the totals changed.
//
// The totals (status bar, budgets, dashboard) come from aggregates kept beside the segments
// (core/spend/ledger/aggregate-keeper.ts): this window's records are counted as they are written, other windows' as
// their files appear. Before each look-up the folder is listed and the files the aggregates do not cover yet (other
// windows' open segments, a few hundred records at most) are merged: a watcher may miss another window's write (some
// web file systems only see their own tab), and a budget check must still see it. The whole history is read only
// when there is no usable aggregate file, once, in the background.
import * as vscode from 'vscode';
import { AggregateKeeper } from '../../core/spend/ledger/aggregate-keeper';
import type { LedgerAggregates } from '../../core/spend/ledger/aggregates';
import { exportRecords } from '../../core/spend/dashboard/export-records';
import type { DashboardFilter } from '../../protocol/dashboard-state';
import { COMPACTED_PREFIX, LEDGER_FILE_EXTENSION, SEGMENT_PREFIX } from '../../core/spend/ledger/files';
import type { LedgerRead } from '../../core/spend/ledger/folder';
import type { LedgerRecord } from '../../core/spend/ledger/record';
import { reconcileRecord, type GenerationLookupFn } from '../../core/spend/ledger/reconcile';
import { LedgerStore, type CompactionResult, type LedgerStoreOptions } from '../../core/spend/ledger/store';
import type { SpendSummary } from '../../core/spend/ledger/totals';
import { errorText } from '../../core/format';
import { newId } from '../../core/ids';
import { Disposable } from '../disposable';
import { WorkspaceFileStore } from '../workspace-file-store';

/** The folder under the extension's global storage. */
export const LEDGER_FOLDER = 'ledger';

type LedgerLog = Pick<vscode.LogOutputChannel, 'warn' | 'error'>;

export interface SpendLedgerOptions extends Omit<LedgerStoreOptions, 'fs' | 'onBackgroundError'> {
  /** Usually `SpendLedger.folderIn(context.globalStorageUri)`. */
  readonly folder: vscode.Uri;
  readonly log?: LedgerLog | undefined;
  /** Watch the folder for other windows' writes. Default true. */
  readonly watch?: boolean | undefined;
  /**
   * The spend session this window's records belong to (core/spend/session.ts), kept across reloads by the caller.
   * Default: a new one, which ends with this ledger.
   */
  readonly session?: string | undefined;
}

export class SpendLedger extends Disposable {
  private readonly store: LedgerStore;
  private readonly fs: WorkspaceFileStore;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires after this window's writes, and when other windows' writes are seen. */
  readonly onDidChange: vscode.Event<void> = this.changed.event;
  /** Stamped on every record this window appends; the session total counts the records that carry it. */
  readonly session: string;
  private readonly now: () => number;
  private readonly log: LedgerLog | undefined;
  private readonly keeper: AggregateKeeper;
  private lastSkipped = 0;
  private firePending = false;
  /** The read of the folder that is running, shared by everyone who asks meanwhile. */
  private running: Promise<LedgerRead> | undefined;
  /** Settles once the ledger has been opened, just after its constructor's caller returned. */
  private readonly opened: Promise<void>;

  static folderIn(globalStorageUri: vscode.Uri): vscode.Uri {
    return vscode.Uri.joinPath(globalStorageUri, LEDGER_FOLDER);
  }

  constructor(options: SpendLedgerOptions) {
    super();
    const { folder, log, watch, session, ...storeOptions } = options;
    this.log = log;
    this.session = session ?? newId('session');
    this.now = options.now ?? (() => Date.now());
    this.fs = new WorkspaceFileStore(folder);
    this.store = new LedgerStore({
      ...storeOptions,
      fs: this.fs,
      onBackgroundError: (error) => log?.error(`spend ledger: background compaction failed: ${errorText(error)}`),
      onCompacted: (file, sources) => this.keeper.compacted(file, sources),
    });
    this.keeper = new AggregateKeeper({
      fs: this.fs,
      ownWriterId: this.store.writerId,
      now: this.now,
      onError: (message) => log?.warn(`spend ledger: ${message}`),
    });
    // What the snapshot does not cover yet is written on the way out, so the next start reads less.
    this._register({ dispose: () => void this.keeper.flush().catch(() => undefined) });
    // Opened once the constructor's caller (activation) has returned: nothing at activation waits on the ledger, and
    // a look-up before then loads the totals itself.
    this.opened = new Promise((resolve) => setTimeout(() => {
      if (!this.isDisposed) this.open(folder, watch ?? true);
      resolve();
    }, 0));
  }

  private open(folder: vscode.Uri, watch: boolean): void {
    // Loads in the background; the first look-up waits for it.
    void this.keeper.ready().then(() => {
      const report = this.keeper.report;
      if (report && !report.fromSnapshot) this.log?.warn(`spend ledger: totals rebuilt from ${report.filesRead} ledger file(s)`);
    }, (error: unknown) => this.log?.error(`spend ledger: could not load the totals: ${errorText(error)}`));
    // Segments of short sessions never fill, and only a full one starts a compaction: tidy them as a window starts.
    this.store.compactIfCrowded();
    // The folder must exist before it can be watched; the first append would create it too late for this window.
    if (watch) void this.fs.ensureFolder().then(() => this.watch(folder), (error: unknown) => this.log?.warn(`spend ledger: cannot create ${folder.toString(true)}: ${errorText(error)}`));
  }

  get writerId(): string {
    return this.store.writerId;
  }

  /**
   * Records a request of this session (stamped with it, unless it says its own). Resolves when it is on disk;
   * rejects, with nothing recorded, otherwise.
   */
  async append(record: LedgerRecord): Promise<void> {
    const stamped = { ...record, session: record.session ?? this.session };
    await this.store.put(stamped);
    this.keeper.put(stamped);
    this.ownChange();
  }

  /** Replaces the record with the same id (a reconciled cost); an estimate never replaces an exact cost. */
  async replace(record: LedgerRecord): Promise<void> {
    await this.store.put(record);
    this.keeper.put(record);
    this.ownChange();
  }

  /**
   * For an estimate with a generation id: looks the exact cost up with `lookup` (normally a `pollGeneration`) and
   * replaces the record. Returns the exact record, or undefined when there was nothing to do or no answer in time.
   */
  async reconcile(record: LedgerRecord, lookup: GenerationLookupFn): Promise<LedgerRecord | undefined> {
    const exact = await reconcileRecord(record, lookup);
    if (exact !== undefined) await this.replace(exact);
    return exact;
  }

  /** Every record of every window, each id once. Shared with other readers: never change the array. */
  async all(): Promise<readonly LedgerRecord[]> {
    return (await this.read()).records;
  }

  /** `all()` with what the read ran into: lines skipped, unreadable files. */
  read(): Promise<LedgerRead> {
    if (this.running) return this.running;
    const read = this.readFolder().finally(() => {
      if (this.running === read) this.running = undefined;
    });
    this.running = read;
    return read;
  }

  private async readFolder(): Promise<LedgerRead> {
    const read = await this.store.read();
    if (read.skipped !== this.lastSkipped) {
      this.lastSkipped = read.skipped;
      if (read.skipped > 0) this.log?.warn(`spend ledger: skipped ${read.skipped} damaged line(s); the records around them are intact`);
    }
    for (const { name, message } of read.unreadable) this.log?.warn(`spend ledger: could not read ${name}: ${message}`);
    return read;
  }

  /** This session (this window's requests since the session began, reloads included), today and this month. */
  async summary(now = this.now()): Promise<SpendSummary> {
    return (await this.aggregates()).summary(now, this.session);
  }

  /** The aggregates with every window's records so far (other windows' newest files merged first). */
  async aggregates(): Promise<LedgerAggregates> {
    await this.keeper.sync();
    return this.keeper.ready();
  }

  /** The records `filter` selects at `now`, oldest first, read file by file (for the CSV export). */
  async exportRecords(filter: DashboardFilter, now = this.now()): Promise<LedgerRecord[]> {
    return exportRecords(this.fs, await this.aggregates(), filter, now);
  }

  /** Whether the record was made in this window's session. */
  isSessionRecord(record: Pick<LedgerRecord, 'session'>): boolean {
    return record.session === this.session;
  }

  /** Merges what other windows wrote and fires `onDidChange` when the totals changed. */
  async refresh(): Promise<void> {
    this.running = undefined;
    if (await this.keeper.sync()) this.fireSoon();
  }

  compact(): Promise<CompactionResult> {
    return this.store.compact();
  }

  /** Resolves when every write asked for so far, and background compaction, is done (deactivate, tests). */
  async flush(): Promise<void> {
    // The tidying of a start-up (compactIfCrowded) is among the work to finish.
    await this.opened;
    await this.store.flush();
    await this.keeper.flush();
  }

  private watch(folder: vscode.Uri): void {
    if (this.isDisposed) return;
    let watcher: vscode.FileSystemWatcher;
    try {
      watcher = this._register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `*${LEDGER_FILE_EXTENSION}`)));
    } catch (error) {
      this.log?.warn(`spend ledger: no file watcher for ${folder.toString(true)} (${errorText(error)}); other windows' spend shows on refresh`);
      return;
    }
    const ownPrefix = `${SEGMENT_PREFIX}${this.writerId}-`;
    const onEvent = (uri: vscode.Uri): void => {
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      // Own segment writes already fired; compactions move records without changing them.
      if (name.startsWith(ownPrefix) || name.startsWith(COMPACTED_PREFIX)) return;
      this.changedOnDisk();
    };
    this._register(watcher.onDidCreate(onEvent));
    this._register(watcher.onDidChange(onEvent));
  }

  /** This window wrote a record, already counted: a read already running may have missed it. */
  private ownChange(): void {
    this.running = undefined;
    this.fireSoon();
  }

  /** Another window wrote: merge its files, and tell the readers when the totals moved. */
  private changedOnDisk(): void {
    this.running = undefined;
    this.keeper.sync().then((changed) => {
      if (changed) this.fireSoon();
    }, (error: unknown) => this.log?.warn(`spend ledger: could not merge other windows' records: ${errorText(error)}`));
  }

  /** Fires once for a burst of writes or watcher events (everything up to the next microtask checkpoint). */
  private fireSoon(): void {
    if (this.firePending || this.isDisposed) return;
    this.firePending = true;
    queueMicrotask(() => {
      this.firePending = false;
      if (!this.isDisposed) this.changed.fire();
    });
  }
}
