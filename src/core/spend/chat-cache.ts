// What the prompt cache did over a whole chat, for its line in the chat list: the share of input read from the
// cache, what those reads saved, and what writing the cache cost beyond the prompt price. Summed from the answers'
// own footer figures (cache-facts.ts), every version of every answer included, as the chat's cost is.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema';
import { formatUsd } from '../format';
import { fromUnits, toUnits } from './usd';

export const ChatCacheSchema = lazySchema(() => z.object({
  promptTokens: z.number().int().nonnegative(),
  cachedTokens: z.number().int().nonnegative(),
  savedUsd: z.number().nonnegative(),
  writeExtraUsd: z.number().nonnegative(),
}));
export type ChatCache = z.infer<typeof ChatCacheSchema>;

/** One answer's figures, as its footer meta holds them. */
export interface AnswerCacheFigures {
  readonly usage?: { readonly promptTokens: number; readonly cachedTokens: number } | undefined;
  readonly cache?: { readonly savedUsd: number; readonly writeExtraUsd: number } | undefined;
}

/** The chat's totals; undefined when no answer read from or wrote to the cache. */
export function chatCache(answers: Iterable<AnswerCacheFigures>): ChatCache | undefined {
  let promptTokens = 0;
  let cachedTokens = 0;
  let saved = 0n;
  let writeExtra = 0n;
  let touched = false;
  for (const answer of answers) {
    promptTokens += answer.usage?.promptTokens ?? 0;
    cachedTokens += Math.min(answer.usage?.cachedTokens ?? 0, answer.usage?.promptTokens ?? 0);
    if (!answer.cache) continue;
    touched = true;
    saved += toUnits(answer.cache.savedUsd) ?? 0n;
    writeExtra += toUnits(answer.cache.writeExtraUsd) ?? 0n;
  }
  if (!touched) return undefined;
  return { promptTokens, cachedTokens, savedUsd: fromUnits(saved), writeExtraUsd: fromUnits(writeExtra) };
}

/**
 * "45% of input cached, saved $0.0123", and when the writes cost more than the reads saved, that too ("cache
 * writes +$0.0040, $0.0012 more than saved"), so a cache that did not pay shows.
 */
export function chatCacheText(cache: ChatCache): string {
  const parts: string[] = [];
  if (cache.cachedTokens > 0) {
    const share = cache.promptTokens > 0 ? cache.cachedTokens / cache.promptTokens : 0;
    const percent = Math.round(share * 100);
    const shown = percent === 0 ? '<1%' : percent === 100 && share < 1 ? '99%' : `${percent}%`;
    parts.push(`${shown} of input cached, saved ${formatUsd(cache.savedUsd)}`);
  }
  if (cache.writeExtraUsd > cache.savedUsd) {
    const over = fromUnits((toUnits(cache.writeExtraUsd) ?? 0n) - (toUnits(cache.savedUsd) ?? 0n));
    parts.push(`cache writes +${formatUsd(cache.writeExtraUsd)}, ${formatUsd(over)} more than saved`);
  }
  return parts.join(' · ');
}
