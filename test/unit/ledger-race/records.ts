// Ledger records for tests: plausible defaults, overridable per field. No Node APIs, so the integration suites
// (which also run in a web worker) can use it.
import type { LedgerRecord } from '../../../src/core/spend/ledger/record';

export const BASE_TIME = new Date(2026, 10, 25, 12, 0, 0).getTime();

/** `overrides` may set an optional field to undefined to leave it out. */
export function makeRecord(id: string, overrides: { [K in keyof LedgerRecord]?: LedgerRecord[K] | undefined } = {}): LedgerRecord {
  const record = {
    id,
    at: BASE_TIME,
    workspace: 'project',
    requestedModel: 'openai/gpt-4o-mini',
    model: 'openai/gpt-4o-mini',
    provider: 'OpenAI',
    promptTokens: 1200,
    completionTokens: 300,
    cachedTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    cost: 0.00036,
    costSource: 'exact',
    isByok: false,
    outcome: 'done',
    fallbackPath: ['openai/gpt-4o-mini'],
    ...overrides,
  };
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as LedgerRecord;
}

/** `count` records `<prefix>-0`…, with distinct costs so a lost or doubled record changes the total. */
export function recordSeries(prefix: string, count: number, overrides: Parameters<typeof makeRecord>[1] = {}): LedgerRecord[] {
  return Array.from({ length: count }, (_, i) => makeRecord(`${prefix}-${i}`, { cost: (i + 1) / 1_000_000, at: BASE_TIME + i, ...overrides }));
}
