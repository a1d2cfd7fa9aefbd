// The aggregates as a file beside the ledger's segments, so a window starting up reads one file instead of the
// whole history.
//
// `aggregates-v1.json` is a header line and a JSON body. The header gives the format, its version and the body's
// length, so a torn or truncated file (a crash mid-write) is told from a whole one without trusting any of it. The
// body holds the aggregates and their watermark: the names of the ledger files whose every record they include.
// Ledger files that are not named there are read and merged after loading (records are de-duplicated by id, so a
// file read twice changes nothing). The ledger's own readers ignore this file: it is not a `.jsonl` ledger file.
import type { AggregatesData } from './aggregates';

export const AGGREGATES_FILE = 'aggregates-v1.json';
const FORMAT = 'openrouter-ledger-aggregates';
// 2: tallies and record columns carry what cache writes cost beyond the prompt price; a version-1 snapshot lacks it,
// so it is rebuilt from the ledger. 3: which records were columns of a comparison, and how long they took.
const VERSION = 3;

export interface AggregatesSnapshot {
  /** Ledger files whose records are all in `data`: compacted files and closed segments, which never change. */
  readonly covered: readonly string[];
  readonly data: AggregatesData;
}

export function serialiseSnapshot(snapshot: AggregatesSnapshot): string {
  const body = JSON.stringify(snapshot);
  return `${JSON.stringify({ format: FORMAT, version: VERSION, length: body.length })}\n${body}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The snapshot in `text`, or undefined when it is torn, of another version, or not ours. Only its shape is checked
 * here; `LedgerAggregates.fromData` checks that the parts agree.
 */
export function parseSnapshot(text: string): AggregatesSnapshot | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  try {
    const header: unknown = JSON.parse(text.slice(0, newline));
    if (!isObject(header) || header.format !== FORMAT || header.version !== VERSION) return undefined;
    const body = text.slice(newline + 1);
    if (header.length !== body.length) return undefined;
    const snapshot: unknown = JSON.parse(body);
    if (!isObject(snapshot) || !Array.isArray(snapshot.covered) || !isObject(snapshot.data)) return undefined;
    const data = snapshot.data;
    if (typeof data.zone !== 'string' || !Array.isArray(data.cells) || !Array.isArray(data.sessions) || !Array.isArray(data.sessionTallies)) return undefined;
    const records = data.records;
    if (!isObject(records)) return undefined;
    const columns = ['id', 'at', 'cost', 'promptTokens', 'completionTokens', 'cachedTokens', 'cacheSavings', 'cacheWriteExtra', 'flags', 'cell', 'session'];
    if (!columns.every((name) => Array.isArray(records[name]))) return undefined;
    const compared = data.comparisons;
    if (!isObject(compared) || !['names', 'slots', 'comparison', 'durationMs'].every((name) => Array.isArray(compared[name]))) return undefined;
    if (!snapshot.covered.every((name) => typeof name === 'string')) return undefined;
    return snapshot as unknown as AggregatesSnapshot;
  } catch {
    return undefined;
  }
}
