// The spend ledger as text: JSON lines in, records out, and the merge rule that makes many files one ledger.
//
// A ledger is spread over several files (one writer per window, plus compacted files), any of which may end in a
// torn line after a crash. So parsing is line by line: a line that is not JSON or not a record is skipped and
// counted, never trusted and never fatal, and every line before it survives.
import { LedgerRecordSchema, type LedgerRecord } from './record';
import { UsdTotal } from '../usd';

export interface ParsedLedger {
  readonly records: LedgerRecord[];
  /** Non-blank lines that were not a valid record (garbage, a torn last line, a record from a future schema). */
  readonly skipped: number;
}

/** Parses JSON-lines text. Blank lines are ignored; CRLF line ends are accepted. Never throws. */
export function parseLedger(text: string): ParsedLedger {
  const records: LedgerRecord[] = [];
  let skipped = 0;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    const record = parseRecordLine(line);
    if (record) records.push(record);
    else skipped += 1;
  }
  return { records, skipped };
}

/** One line as a record, or undefined when it is not one. */
export function parseRecordLine(line: string): LedgerRecord | undefined {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = LedgerRecordSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/**
 * One record as one line (no newline). JSON.stringify escapes newlines inside strings, so a hostile model id or
 * workspace name cannot split a record over two lines, and numbers are written in their shortest exact form.
 */
export function serialiseRecord(record: LedgerRecord): string {
  return JSON.stringify(record);
}

/** Records as JSON-lines text, each line ending in `\n` (so an append never has to fix up the previous line). */
export function serialiseLedger(records: Iterable<LedgerRecord>): string {
  let text = '';
  for (const record of records) text += `${serialiseRecord(record)}\n`;
  return text;
}

/**
 * Whether `next` (read later) should replace `previous` (same id). Later wins, because a replace is how an estimate
 * is reconciled to OpenRouter's exact figure. The one exception: an estimate never replaces an exact cost.
 * Reconciliation only goes estimate -> exact, so an estimate read after the exact version can only be a stale copy
 * (for example from a compaction that raced with the reconciliation); letting it win would undo the reconciliation.
 */
export function replaces(next: Pick<LedgerRecord, 'costSource'>, previous: Pick<LedgerRecord, 'costSource'>): boolean {
  return !(previous.costSource === 'exact' && next.costSource === 'estimate');
}

/**
 * Merges record sources, given oldest first, into one list with each id once. A record keeps the position where
 * its id first appeared, so merging is stable and re-merging a merged ledger changes nothing.
 */
export function mergeLedgers(sources: Iterable<Iterable<LedgerRecord>>): LedgerRecord[] {
  const byId = new Map<string, LedgerRecord>();
  for (const source of sources) {
    for (const record of source) {
      const previous = byId.get(record.id);
      if (previous === undefined || replaces(record, previous)) byId.set(record.id, record);
    }
  }
  return [...byId.values()];
}

/**
 * A short text that changes when the records do in any way the totals can see (a record added, removed, or
 * reconciled to another cost or source), to tell whether a re-read found anything new.
 */
export function ledgerFingerprint(records: readonly LedgerRecord[]): string {
  const cost = new UsdTotal();
  let tokens = 0;
  let exact = 0;
  for (const record of records) {
    cost.add(record.cost);
    tokens += record.promptTokens + record.completionTokens;
    if (record.costSource === 'exact') exact += 1;
  }
  return `${records.length}:${cost.usd}:${tokens}:${exact}`;
}
