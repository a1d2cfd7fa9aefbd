// Which counted records were columns of a comparison (Compare Models, which sends one prompt to several models), and
// how long each took. A side table of the aggregates keyed by record slot: few records are compared, so it holds
// only those, and the dashboard lists comparisons by walking it instead of every record. Each entry also keeps its
// cost in exact units (usd.ts), worked out once when the record is counted rather than on every look.
import type { LedgerRecord } from './record';
import { toUnits } from '../usd';

/** The index as persisted: one entry per compared record. `durationMs` is null where the record does not know it. */
export interface ComparisonIndexData {
  readonly names: readonly string[];
  readonly slots: readonly number[];
  readonly comparison: readonly number[];
  readonly durationMs: readonly (number | null)[];
}

export class ComparisonIndex {
  private readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();
  /** One entry per compared record, in parallel arrays; `position` finds a slot's entry. */
  private readonly slots: number[] = [];
  private readonly comparison: number[] = [];
  private readonly durations: (number | undefined)[] = [];
  private readonly units: bigint[] = [];
  private readonly position = new Map<number, number>();

  /** Compared records counted. */
  get size(): number {
    return this.slots.length;
  }

  /** Notes the version of a record now counted in `slot` (a replaced version may differ from the one before). */
  note(slot: number, record: Pick<LedgerRecord, 'comparisonId' | 'durationMs' | 'cost'>): void {
    const at = this.position.get(slot);
    if (record.comparisonId === undefined) {
      if (at !== undefined) this.remove(slot, at);
      return;
    }
    this.set(at ?? this.slots.length, slot, this.nameSlot(record.comparisonId), record.durationMs, toUnits(record.cost) ?? 0n);
  }

  // Entries by position, 0 to size - 1, in no particular order; read without building an object per entry.

  slotAt(position: number): number {
    return this.slots[position] ?? -1;
  }

  comparisonAt(position: number): string {
    return this.names[this.comparison[position] ?? -1] ?? '';
  }

  durationAt(position: number): number | undefined {
    return this.durations[position];
  }

  costUnitsAt(position: number): bigint {
    return this.units[position] ?? 0n;
  }

  toData(): ComparisonIndexData {
    return { names: [...this.names], slots: [...this.slots], comparison: [...this.comparison], durationMs: this.durations.map((ms) => ms ?? null) };
  }

  /**
   * The index from persisted data and the costs of the records counted (`costOf` a slot, for `records` slots);
   * undefined when its parts disagree or point past the records.
   */
  static fromData(data: ComparisonIndexData, records: number, costOf: (slot: number) => number): ComparisonIndex | undefined {
    const n = data.slots.length;
    if (data.comparison.length !== n || data.durationMs.length !== n) return undefined;
    const index = new ComparisonIndex();
    for (const name of data.names) index.nameSlot(name);
    if (index.names.length !== data.names.length) return undefined;
    for (let i = 0; i < n; i++) {
      const slot = data.slots[i] as number;
      const name = data.comparison[i] as number;
      const duration = data.durationMs[i];
      if (!Number.isInteger(slot) || slot < 0 || slot >= records || index.position.has(slot)) return undefined;
      if (!Number.isInteger(name) || name < 0 || name >= index.names.length) return undefined;
      index.set(i, slot, name, typeof duration === 'number' ? duration : undefined, toUnits(costOf(slot)) ?? 0n);
    }
    return index;
  }

  private set(at: number, slot: number, name: number, durationMs: number | undefined, units: bigint): void {
    this.slots[at] = slot;
    this.comparison[at] = name;
    this.durations[at] = durationMs;
    this.units[at] = units;
    this.position.set(slot, at);
  }

  /** Moves the last entry into the removed one's place. */
  private remove(slot: number, at: number): void {
    const last = this.slots.length - 1;
    if (at !== last) this.set(at, this.slots[last] as number, this.comparison[last] as number, this.durations[last], this.units[last] ?? 0n);
    this.slots.pop();
    this.comparison.pop();
    this.durations.pop();
    this.units.pop();
    this.position.delete(slot);
  }

  private nameSlot(name: string): number {
    let at = this.nameIndex.get(name);
    if (at === undefined) {
      at = this.names.length;
      this.nameIndex.set(name, at);
      this.names.push(name);
    }
    return at;
  }
}
