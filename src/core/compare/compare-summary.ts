// The facts that set the answers of a comparison apart: each column's speed, and the summary row's marks for the
// cheapest answer, the first to answer and the fastest to finish. Only finished answers compete: a stopped or failed
// one is neither cheap nor fast, it is incomplete.
import { sumUsd } from '../spend/usd';
import type { CompareColumn, Comparison } from './comparison';

export interface ColumnSpeed {
  /** From sending the request to the first token, retries included. */
  timeToFirstTokenMs: number | undefined;
  /** Answer tokens per second while streaming (after the first token); undefined before it is known. */
  tokensPerSecond: number | undefined;
  durationMs: number | undefined;
}

/** The column's speed, from its footer when it finished, else from its clock so far. */
export function columnSpeed(column: CompareColumn): ColumnSpeed {
  const meta = column.meta;
  const timeToFirstTokenMs = meta?.timeToFirstTokenMs ?? (column.firstTokenAt !== undefined ? column.firstTokenAt - column.startedAt : undefined);
  const durationMs = meta?.durationMs ?? (column.endedAt !== undefined ? column.endedAt - column.startedAt : undefined);
  const tokens = meta?.usage?.completionTokens;
  const streamingMs = durationMs !== undefined && timeToFirstTokenMs !== undefined ? durationMs - timeToFirstTokenMs : undefined;
  // An answer that came in one piece has no streaming time to divide by.
  const tokensPerSecond = tokens !== undefined && streamingMs !== undefined && streamingMs > 0 ? (tokens * 1000) / streamingMs : undefined;
  return { timeToFirstTokenMs, tokensPerSecond, durationMs };
}

export interface ComparisonSummary {
  /** Column ids; undefined while no finished answer says. Ties go to the leftmost column. */
  cheapest: string | undefined;
  firstToAnswer: string | undefined;
  fastestToFinish: string | undefined;
  /** What every run of the comparison shown has cost so far, in USD. */
  totalUsd: number;
}

function smallest(columns: readonly CompareColumn[], value: (column: CompareColumn) => number | undefined): string | undefined {
  let best: { id: string; value: number } | undefined;
  for (const column of columns) {
    const v = value(column);
    if (v === undefined || !Number.isFinite(v)) continue;
    if (best === undefined || v < best.value) best = { id: column.id, value: v };
  }
  return best?.id;
}

export function summariseComparison(comparison: Comparison): ComparisonSummary {
  const finished = comparison.columns.filter((column) => column.status === 'done');
  // Two answers are needed for a mark to mean anything.
  const marks = finished.length >= 2;
  return {
    cheapest: marks ? smallest(finished, (column) => column.meta?.cost?.usd) : undefined,
    firstToAnswer: marks ? smallest(finished, (column) => columnSpeed(column).timeToFirstTokenMs) : undefined,
    fastestToFinish: marks ? smallest(finished, (column) => columnSpeed(column).durationMs) : undefined,
    totalUsd: sumUsd(comparison.columns.map((column) => column.meta?.cost?.usd ?? 0)),
  };
}
