// The few fields of every ledger record that the aggregates keep, column by column in typed arrays: enough to take a
// record back out of its totals when a later version replaces it, and to list the dearest requests of any filter,
// at some 60 bytes a record instead of the kilobyte a parsed record object costs.
import type { LedgerRecord } from './record';

const OUTCOMES = ['done', 'error', 'cancelled'] as const;
const ESTIMATE_FLAG = 4;

/** What the columns hold of one record. */
export interface RecordRow {
  readonly id: string;
  readonly at: number;
  readonly cost: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
  readonly cacheSavings: number | undefined;
  /** 0 when the cache writes cost nothing beyond the prompt price. */
  readonly cacheWriteExtra: number;
  readonly costSource: LedgerRecord['costSource'];
  readonly outcome: LedgerRecord['outcome'];
  /** Index into the aggregates' cells. */
  readonly cell: number;
  /** Index into the aggregates' session names; -1 for none. */
  readonly session: number;
}

/** The columns as persisted: plain arrays, one entry per record, in slot order. */
export interface ColumnsData {
  readonly id: string[];
  readonly at: number[];
  readonly cost: number[];
  readonly promptTokens: number[];
  readonly completionTokens: number[];
  readonly cachedTokens: number[];
  /** null where the record does not know its saving. */
  readonly cacheSavings: (number | null)[];
  readonly cacheWriteExtra: number[];
  readonly flags: number[];
  readonly cell: number[];
  readonly session: number[];
}

function grown<T extends Float64Array | Int32Array | Uint8Array>(array: T, size: number): T {
  const next = new (array.constructor as new (length: number) => T)(size);
  next.set(array);
  return next;
}

export class RecordColumns {
  private ids: string[] = [];
  private readonly slots = new Map<string, number>();
  private at = new Float64Array(1024);
  private cost = new Float64Array(1024);
  private prompt = new Float64Array(1024);
  private completion = new Float64Array(1024);
  private cached = new Float64Array(1024);
  /** NaN where unknown. */
  private savings = new Float64Array(1024);
  private writeExtra = new Float64Array(1024);
  private flags = new Uint8Array(1024);
  private cells = new Int32Array(1024);
  private sessions = new Int32Array(1024);

  get size(): number {
    return this.ids.length;
  }

  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  row(slot: number): RecordRow {
    const flags = this.flags[slot] ?? 0;
    const savings = this.savings[slot] ?? Number.NaN;
    return {
      id: this.ids[slot] ?? '',
      at: this.at[slot] ?? 0,
      cost: this.cost[slot] ?? 0,
      promptTokens: this.prompt[slot] ?? 0,
      completionTokens: this.completion[slot] ?? 0,
      cachedTokens: this.cached[slot] ?? 0,
      cacheSavings: Number.isNaN(savings) ? undefined : savings,
      cacheWriteExtra: this.writeExtra[slot] ?? 0,
      costSource: flags & ESTIMATE_FLAG ? 'estimate' : 'exact',
      outcome: OUTCOMES[flags & 3] ?? 'done',
      cell: this.cells[slot] ?? 0,
      session: this.sessions[slot] ?? -1,
    };
  }

  /** The slot's cost, at and cell, without building a row (for scans over every record). */
  costAt(slot: number): number {
    return this.cost[slot] ?? 0;
  }

  atOf(slot: number): number {
    return this.at[slot] ?? 0;
  }

  cellOf(slot: number): number {
    return this.cells[slot] ?? 0;
  }

  idOf(slot: number): string {
    return this.ids[slot] ?? '';
  }

  /** Writes a row into a new slot (its id must be new) or over an existing one; returns the slot. */
  put(row: RecordRow, slot = this.ids.length): number {
    if (slot === this.ids.length) {
      this.ensureCapacity(slot + 1);
      this.ids.push(row.id);
      this.slots.set(row.id, slot);
    }
    this.at[slot] = row.at;
    this.cost[slot] = row.cost;
    this.prompt[slot] = row.promptTokens;
    this.completion[slot] = row.completionTokens;
    this.cached[slot] = row.cachedTokens;
    this.savings[slot] = row.cacheSavings ?? Number.NaN;
    this.writeExtra[slot] = row.cacheWriteExtra;
    this.flags[slot] = Math.max(0, OUTCOMES.indexOf(row.outcome)) | (row.costSource === 'estimate' ? ESTIMATE_FLAG : 0);
    this.cells[slot] = row.cell;
    this.sessions[slot] = row.session;
    return slot;
  }

  /** Points a slot at another cell (after the calendar changed). */
  moveTo(slot: number, cell: number): void {
    this.cells[slot] = cell;
  }

  toData(): ColumnsData {
    const n = this.size;
    const list = (array: Float64Array | Int32Array | Uint8Array): number[] => Array.from(array.subarray(0, n));
    return {
      id: [...this.ids],
      at: list(this.at),
      cost: list(this.cost),
      promptTokens: list(this.prompt),
      completionTokens: list(this.completion),
      cachedTokens: list(this.cached),
      cacheSavings: Array.from(this.savings.subarray(0, n), (value) => (Number.isNaN(value) ? null : value)),
      cacheWriteExtra: list(this.writeExtra),
      flags: list(this.flags),
      cell: list(this.cells),
      session: list(this.sessions),
    };
  }

  /** Columns from persisted data; undefined when the arrays disagree in length or an id repeats. */
  static fromData(data: ColumnsData): RecordColumns | undefined {
    const n = data.id.length;
    const lists = [data.at, data.cost, data.promptTokens, data.completionTokens, data.cachedTokens, data.cacheSavings, data.cacheWriteExtra, data.flags, data.cell, data.session];
    if (lists.some((list) => list.length !== n)) return undefined;
    const columns = new RecordColumns();
    columns.ensureCapacity(n);
    columns.ids = [...data.id];
    for (let slot = 0; slot < n; slot++) columns.slots.set(columns.ids[slot] ?? '', slot);
    if (columns.slots.size !== n) return undefined;
    columns.at.set(data.at);
    columns.cost.set(data.cost);
    columns.prompt.set(data.promptTokens);
    columns.completion.set(data.completionTokens);
    columns.cached.set(data.cachedTokens);
    columns.savings.set(data.cacheSavings.map((value) => value ?? Number.NaN));
    columns.writeExtra.set(data.cacheWriteExtra);
    columns.flags.set(data.flags);
    columns.cells.set(data.cell);
    columns.sessions.set(data.session);
    return columns;
  }

  private ensureCapacity(size: number): void {
    if (size <= this.at.length) return;
    let capacity = this.at.length;
    while (capacity < size) capacity *= 2;
    this.at = grown(this.at, capacity);
    this.cost = grown(this.cost, capacity);
    this.prompt = grown(this.prompt, capacity);
    this.completion = grown(this.completion, capacity);
    this.cached = grown(this.cached, capacity);
    this.savings = grown(this.savings, capacity);
    this.writeExtra = grown(this.writeExtra, capacity);
    this.flags = grown(this.flags, capacity);
    this.cells = grown(this.cells, capacity);
    this.sessions = grown(this.sessions, capacity);
  }
}
