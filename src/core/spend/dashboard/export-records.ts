// The records a dashboard filter selects, read from the ledger files one at a time, for the CSV export: only the
// matching records are held, never the whole history. Which version of a record counts, and whether it matches, is
// what the aggregates say (they merged every version already), so the files can be read in any order.
import type { LedgerAggregates } from '../ledger/aggregates';
import type { FileStore } from '../../file-store';
import { scanFolder } from '../ledger/folder';
import { parseLedger } from '../ledger/ledger';
import type { LedgerRecord } from '../ledger/record';
import type { DashboardFilter } from '../../../protocol/dashboard-state';
import { selectedCells } from './from-aggregates';

/** The records of `filter` at `now`, oldest first, as `dashboardRecords` orders them. */
export async function exportRecords(fs: FileStore, aggregates: LedgerAggregates, filter: DashboardFilter, now: number): Promise<LedgerRecord[]> {
  const selected = selectedCells(aggregates, filter, now);
  const columns = aggregates.columns;
  const kept = new Map<string, LedgerRecord>();
  const done = new Set<string>();
  // A file that vanishes was compacted meanwhile: list again and read the compacted file that holds its records.
  for (let attempt = 0, vanished = true; vanished && attempt < 5; attempt++) {
    vanished = false;
    for (const source of scanFolder(await fs.list(), (name) => fs.tempTarget(name)).sources) {
      if (done.has(source.read)) continue;
      const text = await fs.read(source.read);
      done.add(source.read);
      if (text === undefined) {
        vanished = true;
        continue;
      }
      keepMatching(parseLedger(text).records);
    }
  }
  return [...kept.values()].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  function keepMatching(records: readonly LedgerRecord[]): void {
    for (const record of records) {
      const slot = columns.slotOf(record.id);
      if (slot === undefined || kept.has(record.id)) continue;
      const row = columns.row(slot);
      // The version the totals count: same cost and source (a stale copy of an older version differs in one).
      if (selected[row.cell] === 1 && row.cost === record.cost && row.costSource === record.costSource) kept.set(record.id, record);
    }
  }
}
