// The ledger folder's file names. The store writes them through the file-store port (../file-store.ts).
//
// Folder layout (all UTF-8 JSON lines, one record per line, every line ending in "\n"):
//   segment-<writerId>-<n>.jsonl              records appended by one writer (one per window); n counts from 1.
//                                             Only its writer ever writes it, always as an atomic whole-file
//                                             replace, and never again once segment n+1 exists.
//   compacted-<time>-<writerId>-<n>.jsonl     the merge of earlier segments and compacted files, written once by
//                                             a compaction and never changed; <time> is 13-digit epoch ms, so
//                                             names sort by age.
//   <either name>.tmp-<hex>                   an atomic replace in flight, or left by a crash (see atomic-file.ts).
// Anything else in the folder is ignored.

export const SEGMENT_PREFIX = 'segment-';
export const COMPACTED_PREFIX = 'compacted-';
export const LEDGER_FILE_EXTENSION = '.jsonl';

const SEGMENT_NAME = /^segment-([A-Za-z0-9_]{1,64})-([1-9]\d{0,8})\.jsonl$/;
const COMPACTED_NAME = /^compacted-(\d{13})-([A-Za-z0-9_]{1,64})-([1-9]\d{0,8})\.jsonl$/;
const WRITER_ID = /^[A-Za-z0-9_]{1,64}$/;

export type LedgerFileName =
  | { readonly kind: 'segment'; readonly name: string; readonly writerId: string; readonly n: number }
  | { readonly kind: 'compacted'; readonly name: string; readonly time: number; readonly writerId: string; readonly n: number };

export function isValidWriterId(writerId: string): boolean {
  return WRITER_ID.test(writerId);
}

/** A fresh writer id: 16 hex digits from the platform's random source (works in Node and in a web worker). */
export function newWriterId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function segmentName(writerId: string, n: number): string {
  return `${SEGMENT_PREFIX}${writerId}-${n}${LEDGER_FILE_EXTENSION}`;
}

export function compactedName(time: number, writerId: string, n: number): string {
  return `${COMPACTED_PREFIX}${String(Math.max(0, Math.floor(time))).padStart(13, '0')}-${writerId}-${n}${LEDGER_FILE_EXTENSION}`;
}

/** What a ledger file's name says about it, or undefined for names that are not ledger files (temp files included). */
export function parseLedgerFileName(name: string): LedgerFileName | undefined {
  const segment = SEGMENT_NAME.exec(name);
  if (segment) return { kind: 'segment', name, writerId: segment[1] ?? '', n: Number(segment[2]) };
  const compacted = COMPACTED_NAME.exec(name);
  if (compacted) return { kind: 'compacted', name, time: Number(compacted[1]), writerId: compacted[2] ?? '', n: Number(compacted[3]) };
  return undefined;
}

/**
 * The order files are merged in, oldest content first: compacted files by name (their age), then segments by
 * writer and number. Within one writer this is write order, which is what "a later record replaces" needs.
 */
export function compareLedgerFiles(a: LedgerFileName, b: LedgerFileName): number {
  if (a.kind !== b.kind) return a.kind === 'compacted' ? -1 : 1;
  if (a.kind === 'compacted' && b.kind === 'compacted' && a.time !== b.time) return a.time - b.time;
  if (a.writerId !== b.writerId) return a.writerId < b.writerId ? -1 : 1;
  return a.n - b.n;
}
