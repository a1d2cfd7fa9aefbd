// Random ledgers for the aggregate tests: records spread over a year (daylight-saving changes and month ends
// included), several models, workspaces, surfaces and sessions, with estimates later settled to exact costs and
// stale copies, so the merge rule is exercised as well as the sums; some requests are columns of comparisons.
import type { LedgerRecord } from '../../../../../src/core/spend/ledger/record';
import { makeRecord } from '../../../ledger-race/records';

const MODELS = ['openai/gpt-4o', 'openai/gpt-4o-mini', 'anthropic/claude-sonnet-4', 'google/gemini-2.5-pro', 'meta/llama-3'];
const WORKSPACES = ['project', 'api', '(no workspace)'];
const SESSIONS = ['session-a', 'session-b', undefined];
const DAY = 86_400_000;

export const YEAR_START = new Date(2026, 0, 1, 0, 0, 0).getTime();

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** One version of each of `count` requests, and for some an exact settlement or a stale estimate copy. */
export function randomVersions(random: () => number, count: number, prefix = 'r'): LedgerRecord[] {
  const out: LedgerRecord[] = [];
  for (let i = 0; i < count; i++) {
    // Some records fall right around midnight, where a day boundary in the wrong zone would show.
    const nearMidnight = random() < 0.3;
    const day = Math.floor(random() * 365);
    const at = nearMidnight ? new Date(2026, 0, 1 + day, 0, 0, 0).getTime() + Math.floor((random() - 0.5) * 4 * 3_600_000) : YEAR_START + Math.floor(random() * 365 * DAY);
    const requested = pick(random, MODELS);
    const answered = random() < 0.1 ? undefined : random() < 0.15 ? pick(random, MODELS) : requested;
    const prompt = Math.floor(random() * 20_000);
    const estimate = random() < 0.2;
    const record = makeRecord(`${prefix}-${i}`, {
      at,
      requestedModel: requested,
      model: answered,
      workspace: pick(random, WORKSPACES),
      surface: random() < 0.2 ? undefined : pick(random, ['panel', 'vscode-chat'] as const),
      session: pick(random, SESSIONS),
      promptTokens: prompt,
      completionTokens: Math.floor(random() * 4_000),
      cachedTokens: random() < 0.3 ? Math.floor(random() * prompt * 1.2) : 0,
      cacheSavings: random() < 0.3 ? Math.round(random() * 1e6) / 1e8 : undefined,
      cacheWriteExtra: random() < 0.2 ? Math.round(random() * 1e6) / 1e8 : undefined,
      cost: Math.round(random() * 1e7) / 1e9,
      costSource: estimate ? 'estimate' : 'exact',
      outcome: answered === undefined ? 'error' : random() < 0.05 ? 'cancelled' : 'done',
      // One request in five is a column of a comparison (three a comparison); tagged without drawing from `random`,
      // so every other field comes out as it did before comparisons were kept.
      comparisonId: i % 5 === 0 ? `${prefix}-cmp-${Math.floor(i / 15)}` : undefined,
      durationMs: i % 10 === 0 ? 500 + i * 37 : undefined,
    });
    out.push(record);
    if (estimate && random() < 0.6) {
      const exact = { ...record, cost: Math.round(random() * 1e7) / 1e9, costSource: 'exact' as const, model: record.model ?? requested };
      out.push(exact);
      // A stale copy of the estimate read after the settlement (a compaction that raced) must not undo it.
      if (random() < 0.3) out.push(record);
    }
  }
  return out;
}

/** The versions in a random order, as files of several windows would deliver them. */
export function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
