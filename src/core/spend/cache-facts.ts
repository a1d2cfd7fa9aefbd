// What the prompt cache did for one answer, for its footer: the share of the prompt read from the cache, what those
// reads saved, and what writing the cache cost beyond the plain prompt price. Worked out from the usage's token
// counts and the catalogue's prices; the answer's cost stays OpenRouter's `usage.cost`, which already holds both.
// The ledger records the same saving (ledger/entry.ts), so the dashboard's total is the sum of the footers.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema';
import type { ModelPricing } from '../openrouter/catalogue-schemas';
import type { CacheTtl } from '../openrouter/cache-breakpoints';
import { fromUnits, multiplyUnits, toUnits } from './usd';
import { formatUsd } from '../format';

export const CacheFactsSchema = lazySchema(() => z.object({
  /** Cached prompt tokens over all prompt tokens, 0 to 1. */
  readShare: z.number().min(0).max(1),
  /** What the cached tokens would have cost at the prompt price, minus what they cost. */
  savedUsd: z.number().nonnegative(),
  /** What the cache writes cost beyond the prompt price; 0 when writes are free or not priced apart. */
  writeExtraUsd: z.number().nonnegative(),
}));
export type CacheFacts = z.infer<typeof CacheFactsSchema>;

export interface CacheUsage {
  readonly promptTokens: number;
  readonly cachedTokens: number;
  readonly cacheWriteTokens: number;
}

/** A one-hour write costs twice the prompt price, whatever the catalogue lists (its price is the 5-minute one). */
const ONE_HOUR_WRITE_FACTOR = 2n;

/** The cache's facts for an answer; undefined when the cache neither read nor wrote anything. */
export function cacheFacts(usage: CacheUsage, pricing: ModelPricing | undefined, ttl: CacheTtl): CacheFacts | undefined {
  const { promptTokens, cachedTokens, cacheWriteTokens } = usage;
  if (cachedTokens <= 0 && cacheWriteTokens <= 0) return undefined;
  const readShare = promptTokens > 0 ? Math.min(1, cachedTokens / promptTokens) : 0;
  return { readShare, savedUsd: cacheReadSaving(cachedTokens, pricing) ?? 0, writeExtraUsd: cacheWriteExtra(cacheWriteTokens, pricing, ttl) };
}

/** What the cached tokens would have cost at the prompt price, minus what they did cost; undefined without prices. */
export function cacheReadSaving(cachedTokens: number, pricing: ModelPricing | undefined): number | undefined {
  if (!pricing || cachedTokens <= 0 || pricing.prompt === undefined || pricing.inputCacheRead === undefined) return undefined;
  const full = toUnits(pricing.prompt) ?? 0n;
  const cached = toUnits(pricing.inputCacheRead) ?? 0n;
  return fromUnits(multiplyUnits(cachedTokens, full - cached));
}

/** What the cache writes cost beyond the plain prompt price; 0 when writes are not priced apart. */
export function cacheWriteExtra(tokens: number, pricing: ModelPricing | undefined, ttl: CacheTtl): number {
  if (tokens <= 0 || pricing?.prompt === undefined) return 0;
  const prompt = toUnits(pricing.prompt) ?? 0n;
  const listed = pricing.inputCacheWrite === undefined ? undefined : toUnits(pricing.inputCacheWrite);
  // Only a model that prices writes apart charges the one-hour premium; the others' writes cost the prompt price.
  if (listed === undefined) return 0;
  const write = ttl === '1h' ? prompt * ONE_HOUR_WRITE_FACTOR : listed;
  return write > prompt ? fromUnits(multiplyUnits(tokens, write - prompt)) : 0;
}

/**
 * The footer's line: "62% cached, saved $0.0123", and the write premium when it cost more than the reads saved
 * ("cache write +$0.004"), so a cache that did not pay is shown rather than hidden.
 */
export function cacheFactText(facts: CacheFacts): string {
  const parts: string[] = [];
  if (facts.readShare > 0) parts.push(`${sharePercent(facts.readShare)} cached, saved ${formatUsd(facts.savedUsd)}`);
  if (facts.writeExtraUsd > facts.savedUsd) parts.push(`cache write +${formatUsd(facts.writeExtraUsd)}`);
  return parts.join(' · ');
}

/** Whole percent, but never "0%" or "100%" for a share that is neither. */
function sharePercent(share: number): string {
  const percent = Math.round(share * 100);
  if (percent === 0 && share > 0) return '<1%';
  if (percent === 100 && share < 1) return '99%';
  return `${percent}%`;
}
