// The spend ledger's totals, kept up to date record by record instead of recomputed from every record on each read.
//
// Records are grouped into cells: one per local day, answering model, requested model, workspace and surface, which
// are all the dimensions the status bar, the budgets and the dashboard's filters ask about. Every filter the
// dashboard offers selects whole cells (its ranges start and end at local midnight), so any of its totals is a sum
// over cells, and the budgets' today / this month / this session are single look-ups in running totals.
//
// Adding a record is O(1). A record whose id is already counted is merged by the ledger's own rule (`replaces`): the
// old version is taken out of its totals and the new one put in, so the totals always equal those of the merged
// ledger, whatever order the files were read in.
//
// Days are the user's local calendar days, as in totals.ts. The cells remember the time zone they were keyed in;
// when it changes (a laptop that travelled, or TZ set differently), every record is keyed again from its time.
import { AggregateTally, contributionOf, type Contribution, type TallyData } from './aggregate-tally';
import { ComparisonIndex, type ComparisonIndexData } from './comparison-index';
import { replaces } from './ledger';
import type { LedgerRecord } from './record';
import { RecordColumns, type ColumnsData, type RecordRow } from './record-columns';
import { surfaceOf, type Surface } from './surface';
import { dayKey, EMPTY_TALLY, type SpendSummary } from './totals';

/** One group of records: everything they have in common, and what they add up to. */
export interface AggregateCell {
  readonly day: string;
  /** The model that answered; undefined when none did. */
  readonly model: string | undefined;
  readonly requestedModel: string;
  readonly workspace: string;
  readonly surface: Surface;
  readonly tally: AggregateTally;
}

/** The cells and sessions as persisted, beside the record columns. */
export interface AggregatesData {
  readonly zone: string;
  readonly cells: readonly { day: string; model: string | null; requestedModel: string; workspace: string; surface: Surface; tally: TallyData }[];
  readonly sessions: readonly string[];
  readonly sessionTallies: readonly TallyData[];
  readonly records: ColumnsData;
  readonly comparisons: ComparisonIndexData;
}

/** What a put did: counted a new record, replaced an older version, or kept the version it had. */
export type PutResult = 'added' | 'replaced' | 'kept';

/**
 * The local time zone as behaviour, not as a name: the UTC offsets at instants spread over several years (winter and summer
 * of each). Two zones that give every one of these the same offset key days alike in practice.
 */
export function zoneFingerprint(): string {
  const offsets: number[] = [];
  for (let year = 2020; year <= 2032; year += 4) for (const month of [0, 6]) offsets.push(new Date(year, month, 15).getTimezoneOffset());
  return offsets.join(',');
}

const SEP = '\u0000';
const cellKey = (day: string, model: string | undefined, requestedModel: string, workspace: string, surface: Surface): string =>
  `${day}${SEP}${model ?? ''}${SEP}${model === undefined ? 0 : 1}${SEP}${requestedModel}${SEP}${workspace}${SEP}${surface}`;

function tallyFrom(data: TallyData): AggregateTally {
  const tally = new AggregateTally();
  tally.requests = data.requests;
  tally.costUnits = BigInt(data.cost);
  tally.promptTokens = data.promptTokens;
  tally.completionTokens = data.completionTokens;
  tally.cachedTokens = data.cachedTokens;
  tally.estimatedRequests = data.estimatedRequests;
  tally.estimatedUnits = BigInt(data.estimatedCost);
  tally.failedRequests = data.failedRequests;
  tally.savingsUnits = BigInt(data.savings);
  tally.savingsKnown = data.savingsKnown;
  tally.writeExtraUnits = BigInt(data.writeExtra);
  return tally;
}

const rowContribution = (row: RecordRow): Contribution => contributionOf(row);

function sameRow(a: RecordRow, b: RecordRow): boolean {
  return a.at === b.at && a.cost === b.cost && a.promptTokens === b.promptTokens && a.completionTokens === b.completionTokens &&
    a.cachedTokens === b.cachedTokens && a.cacheSavings === b.cacheSavings && a.cacheWriteExtra === b.cacheWriteExtra && a.costSource === b.costSource && a.outcome === b.outcome &&
    a.cell === b.cell && a.session === b.session;
}

export class LedgerAggregates {
  private readonly cellList: AggregateCell[] = [];
  private readonly cellIndex = new Map<string, number>();
  private readonly records: RecordColumns;
  private readonly compared: ComparisonIndex;
  private readonly days = new Map<string, AggregateTally>();
  private readonly months = new Map<string, AggregateTally>();
  private readonly sessionNames: string[] = [];
  private readonly sessionIndex = new Map<string, number>();
  private readonly sessionTallies: AggregateTally[] = [];
  private zone: string;
  /** Counts changes, so a reader can tell whether anything moved since it last looked. */
  private changes = 0;

  constructor(private readonly zoneNow: () => string = zoneFingerprint, records = new RecordColumns(), compared = new ComparisonIndex()) {
    this.zone = zoneNow();
    this.records = records;
    this.compared = compared;
  }

  /** Every record counted, each id once. */
  get size(): number {
    return this.records.size;
  }

  get version(): number {
    return this.changes;
  }

  get cells(): readonly AggregateCell[] {
    this.ensureZone();
    return this.cellList;
  }

  get columns(): RecordColumns {
    this.ensureZone();
    return this.records;
  }

  /** The records that were columns of a comparison, by slot in `columns`. */
  get comparisons(): ComparisonIndex {
    return this.compared;
  }

  has(id: string): boolean {
    return this.records.slotOf(id) !== undefined;
  }

  /** Counts a record, or merges it with the version already counted (see the file comment). O(1). */
  put(record: LedgerRecord): PutResult {
    // No time-zone check here (it costs more than the put): a record keyed in a newer zone is keyed again with the
    // rest at the next read, which is where the zone is checked.
    const slot = this.records.slotOf(record.id);
    if (slot !== undefined) {
      const old = this.records.row(slot);
      if (!replaces(record, old)) return 'kept';
      const row = this.rowOf(record);
      // The same version read again (another window's open segment, re-read on every look): no total moves.
      if (sameRow(row, old)) {
        this.compared.note(slot, record);
        return 'kept';
      }
      this.apply(old, rowContribution(old), -1);
      this.store(row, slot);
      this.compared.note(slot, record);
      return 'replaced';
    }
    const added = this.store(this.rowOf(record), undefined);
    if (record.comparisonId !== undefined) this.compared.note(added, record);
    return 'added';
  }

  /** This session, today and this month (local calendar) at `now`: three look-ups. */
  summary(now: number, session: string | undefined): SpendSummary {
    this.ensureZone();
    const today = dayKey(now);
    const sessionSlot = session === undefined ? undefined : this.sessionIndex.get(session);
    return {
      session: sessionSlot === undefined ? EMPTY_TALLY : this.sessionTallies[sessionSlot]?.spend ?? EMPTY_TALLY,
      today: this.days.get(today)?.spend ?? EMPTY_TALLY,
      month: this.months.get(today.slice(0, 7))?.spend ?? EMPTY_TALLY,
    };
  }

  toData(): AggregatesData {
    this.ensureZone();
    return {
      zone: this.zone,
      cells: this.cellList.map((cell) => ({
        day: cell.day, model: cell.model ?? null, requestedModel: cell.requestedModel, workspace: cell.workspace, surface: cell.surface, tally: cell.tally.toData(),
      })),
      sessions: [...this.sessionNames],
      sessionTallies: this.sessionTallies.map((tally) => tally.toData()),
      records: this.records.toData(),
      comparisons: this.compared.toData(),
    };
  }

  /** Aggregates from persisted data; undefined when it does not hold together (then rebuild from the ledger). */
  static fromData(data: AggregatesData, zoneNow: () => string = zoneFingerprint): LedgerAggregates | undefined {
    const records = RecordColumns.fromData(data.records);
    if (records === undefined || data.sessions.length !== data.sessionTallies.length) return undefined;
    const compared = ComparisonIndex.fromData(data.comparisons, records.size, (slot) => records.costAt(slot));
    if (compared === undefined) return undefined;
    const aggregates = new LedgerAggregates(zoneNow, records, compared);
    aggregates.zone = data.zone;
    for (const cell of data.cells) {
      const model = cell.model ?? undefined;
      aggregates.cellIndex.set(cellKey(cell.day, model, cell.requestedModel, cell.workspace, cell.surface), aggregates.cellList.length);
      const tally = tallyFrom(cell.tally);
      aggregates.cellList.push({ day: cell.day, model, requestedModel: cell.requestedModel, workspace: cell.workspace, surface: cell.surface, tally });
      aggregates.dayTotal(cell.day).merge(tally);
      aggregates.monthTotal(cell.day).merge(tally);
    }
    data.sessions.forEach((name, i) => {
      aggregates.sessionIndex.set(name, i);
      aggregates.sessionNames.push(name);
      aggregates.sessionTallies.push(tallyFrom(data.sessionTallies[i] as TallyData));
    });
    const cells = aggregates.cellList.length;
    for (let slot = 0; slot < records.size; slot++) {
      const cell = records.cellOf(slot);
      if (cell < 0 || cell >= cells) return undefined;
    }
    return aggregates;
  }

  private rowOf(record: LedgerRecord): RecordRow {
    const cell = this.cellFor(dayKey(record.at), record.model, record.requestedModel, record.workspace, surfaceOf(record));
    const session = record.session === undefined ? -1 : this.sessionSlot(record.session);
    return {
      id: record.id, at: record.at, cost: record.cost, promptTokens: record.promptTokens, completionTokens: record.completionTokens,
      cachedTokens: record.cachedTokens, cacheSavings: record.cacheSavings, cacheWriteExtra: record.cacheWriteExtra ?? 0, costSource: record.costSource, outcome: record.outcome, cell, session,
    };
  }

  private store(row: RecordRow, slot: number | undefined): number {
    const stored = this.records.put(row, slot);
    this.apply(row, rowContribution(row), 1);
    return stored;
  }

  private apply(row: Pick<RecordRow, 'cell' | 'session'>, contribution: Contribution, sign: 1 | -1): void {
    const cell = this.cellList[row.cell];
    if (cell === undefined) return;
    cell.tally.apply(contribution, sign);
    this.dayTotal(cell.day).apply(contribution, sign);
    this.monthTotal(cell.day).apply(contribution, sign);
    if (row.session >= 0) this.sessionTallies[row.session]?.apply(contribution, sign);
    this.changes += 1;
  }

  private cellFor(day: string, model: string | undefined, requestedModel: string, workspace: string, surface: Surface): number {
    const key = cellKey(day, model, requestedModel, workspace, surface);
    let index = this.cellIndex.get(key);
    if (index === undefined) {
      index = this.cellList.length;
      this.cellIndex.set(key, index);
      this.cellList.push({ day, model, requestedModel, workspace, surface, tally: new AggregateTally() });
    }
    return index;
  }

  private sessionSlot(session: string): number {
    let index = this.sessionIndex.get(session);
    if (index === undefined) {
      index = this.sessionNames.length;
      this.sessionIndex.set(session, index);
      this.sessionNames.push(session);
      this.sessionTallies.push(new AggregateTally());
    }
    return index;
  }

  private dayTotal(day: string): AggregateTally {
    let tally = this.days.get(day);
    if (tally === undefined) this.days.set(day, (tally = new AggregateTally()));
    return tally;
  }

  private monthTotal(day: string): AggregateTally {
    const month = day.slice(0, 7);
    let tally = this.months.get(month);
    if (tally === undefined) this.months.set(month, (tally = new AggregateTally()));
    return tally;
  }

  /** Keys every record's day again when the time zone is not the one the cells were built in. */
  private ensureZone(): void {
    const zone = this.zoneNow();
    if (zone === this.zone) return;
    this.zone = zone;
    const old = this.cellList.splice(0);
    this.cellIndex.clear();
    this.days.clear();
    this.months.clear();
    for (let slot = 0; slot < this.records.size; slot++) {
      const was = old[this.records.cellOf(slot)];
      if (was === undefined) continue;
      const row = this.records.row(slot);
      const cell = this.cellFor(dayKey(row.at), was.model, was.requestedModel, was.workspace, was.surface);
      this.records.moveTo(slot, cell);
      const contribution = rowContribution(row);
      const target = this.cellList[cell];
      target?.tally.apply(contribution, 1);
      this.dayTotal(target?.day ?? '').apply(contribution, 1);
      this.monthTotal(target?.day ?? '').apply(contribution, 1);
    }
    this.changes += 1;
  }
}
