// GET /generation?id=: OpenRouter's own record of one generation, with the final cost.
//
// The chat response's usage.cost is normally enough. This record is the reconciliation path: for streams cut before
// the usage frame, for cancelled generations that some providers still bill, and for BYOK upstream costs. It lags
// the response by seconds (a 404 meanwhile means "not yet", not "never"), so it is polled with exponential back-off
// under a bounded number of attempts and a bounded total wait, and can be abandoned at any time.

import * as z from 'zod';
import { lazySchema } from '../lazy-schema';
import { getJsonAs, type GetRequest } from './api-request';
import { cancelledError, type OpenRouterError } from './errors';
import { fromUnits, toUnits, userSpendUnits } from '../spend/usd';

const num = lazySchema(() => z.number().nullish().catch(undefined));
const str = lazySchema(() => z.string().nullish().catch(undefined));
const bool = lazySchema(() => z.boolean().nullish().catch(undefined));

const GenerationDataSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  /** USD charged to OpenRouter credits; the one field reconciliation cannot do without. */
  total_cost: z.number(),
  cache_discount: num,
  upstream_inference_cost: num,
  usage: num,
  is_byok: bool,
  model: str,
  provider_name: str,
  created_at: str,
  streamed: bool,
  cancelled: bool,
  latency: num,
  moderation_latency: num,
  generation_time: num,
  finish_reason: str,
  native_finish_reason: str,
  tokens_prompt: num,
  tokens_completion: num,
  native_tokens_prompt: num,
  native_tokens_completion: num,
  native_tokens_completion_images: num,
  native_tokens_reasoning: num,
  native_tokens_cached: num,
  num_search_results: num,
  upstream_id: str,
}));
export const GenerationResponseSchema = lazySchema(() => z.looseObject({ data: GenerationDataSchema }));
export type WireGeneration = z.infer<typeof GenerationDataSchema>;

export interface Generation {
  readonly id: string;
  readonly model: string | undefined;
  readonly providerName: string | undefined;
  /** USD charged to OpenRouter credits (for BYOK: only OpenRouter's fee). */
  readonly totalCostUsd: number;
  /** The user's real spend, counted the same way as cost.ts: for BYOK the fee plus the provider's charge. */
  readonly userCostUsd: number;
  readonly upstreamInferenceCostUsd: number | undefined;
  /** What prompt caching saved (negative when cache writes cost more than they saved). */
  readonly cacheDiscountUsd: number | undefined;
  readonly isByok: boolean;
  readonly cancelled: boolean | undefined;
  readonly streamed: boolean | undefined;
  readonly finishReason: string | undefined;
  readonly nativeFinishReason: string | undefined;
  /** Milliseconds. */
  readonly latencyMs: number | undefined;
  readonly generationTimeMs: number | undefined;
  readonly moderationLatencyMs: number | undefined;
  /** Tokens as OpenRouter normalises them (`tokens_*`) and as the provider counted them (`native_tokens_*`). */
  readonly tokens: {
    readonly prompt: number | undefined;
    readonly completion: number | undefined;
    readonly nativePrompt: number | undefined;
    readonly nativeCompletion: number | undefined;
    readonly nativeReasoning: number | undefined;
    readonly nativeCached: number | undefined;
    readonly nativeCompletionImages: number | undefined;
  };
  readonly createdAt: string | undefined;
}

const opt = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

export function normaliseGeneration(data: WireGeneration): Generation {
  const isByok = data.is_byok === true;
  const upstream = opt(data.upstream_inference_cost);
  const fee = toUnits(data.total_cost) ?? 0n;
  const userCost = userSpendUnits(fee, upstream === undefined ? undefined : toUnits(upstream), isByok);
  return {
    id: data.id,
    model: opt(data.model),
    providerName: opt(data.provider_name),
    totalCostUsd: data.total_cost,
    userCostUsd: fromUnits(userCost),
    upstreamInferenceCostUsd: upstream,
    cacheDiscountUsd: opt(data.cache_discount),
    isByok,
    cancelled: opt(data.cancelled),
    streamed: opt(data.streamed),
    finishReason: opt(data.finish_reason),
    nativeFinishReason: opt(data.native_finish_reason),
    latencyMs: opt(data.latency),
    generationTimeMs: opt(data.generation_time),
    moderationLatencyMs: opt(data.moderation_latency),
    tokens: {
      prompt: opt(data.tokens_prompt),
      completion: opt(data.tokens_completion),
      nativePrompt: opt(data.native_tokens_prompt),
      nativeCompletion: opt(data.native_tokens_completion),
      nativeReasoning: opt(data.native_tokens_reasoning),
      nativeCached: opt(data.native_tokens_cached),
      nativeCompletionImages: opt(data.native_tokens_completion_images),
    },
    createdAt: opt(data.created_at),
  };
}

export type GenerationRequest = GetRequest & { readonly key: string };

export type GenerationLookup =
  | { readonly status: 'found'; readonly generation: Generation }
  /** 404: the record has not been written yet (or the id is unknown; the API does not tell them apart). */
  | { readonly status: 'pending' }
  | { readonly status: 'error'; readonly error: OpenRouterError };

/** One GET /generation?id=. Never throws. */
export async function fetchGeneration(id: string, request: GenerationRequest): Promise<GenerationLookup> {
  const result = await getJsonAs(`generation?id=${encodeURIComponent(id)}`, GenerationResponseSchema, '{ data: { id, total_cost, … } }', request);
  if (!result.ok) return result.status === 404 ? { status: 'pending' } : { status: 'error', error: result.error };
  return { status: 'found', generation: normaliseGeneration(result.value.data) };
}

export interface PollOptions {
  /** Polls in all, the first included. */
  readonly maxAttempts?: number;
  /** Wait before the first poll: the record is never there right after the stream ends. */
  readonly firstDelayMs?: number;
  /** Each later wait doubles, up to this. */
  readonly maxDelayMs?: number;
  /** Sum of all waits; a poll whose wait would pass it is not made. */
  readonly maxTotalWaitMs?: number;
}

export const DEFAULT_POLL_OPTIONS: Required<PollOptions> = {
  maxAttempts: 6,
  firstDelayMs: 500,
  maxDelayMs: 8_000,
  maxTotalWaitMs: 30_000,
};

export type GenerationPollResult =
  | { readonly status: 'available'; readonly generation: Generation; readonly attempts: number; readonly waitedMs: number }
  | {
      readonly status: 'not_available';
      /** `lagging`: still 404 when the attempts or the wait ran out. `error`: a failure a retry would not fix. */
      readonly reason: 'lagging' | 'error' | 'cancelled';
      readonly error?: OpenRouterError;
      readonly attempts: number;
      readonly waitedMs: number;
    };

/**
 * Polls until the record appears. 404s and retryable failures (network, 5xx, 429 — honouring Retry-After when it
 * asks for longer than the back-off) are waited out; anything else ends the poll with that error.
 */
export async function pollGeneration(
  id: string,
  request: GenerationRequest,
  options: PollOptions = {},
): Promise<GenerationPollResult> {
  const { maxAttempts, firstDelayMs, maxDelayMs, maxTotalWaitMs } = { ...DEFAULT_POLL_OPTIONS, ...options };
  const { signal, clock } = request;
  let waitedMs = 0;
  let attempts = 0;
  let delay = firstDelayMs;
  let lastError: OpenRouterError | undefined;
  const cancelled = (): GenerationPollResult => ({
    status: 'not_available',
    reason: 'cancelled',
    error: cancelledError(),
    attempts,
    waitedMs,
  });

  while (attempts < maxAttempts) {
    const wait = Math.max(delay, lastError?.retryAfterMs ?? 0);
    if (waitedMs + wait > maxTotalWaitMs) break;
    if (signal?.aborted) return cancelled();
    await clock.sleep(wait, signal);
    if (signal?.aborted) return cancelled();
    waitedMs += wait;
    attempts += 1;
    delay = Math.min(delay * 2, maxDelayMs);

    const lookup = await fetchGeneration(id, request);
    if (lookup.status === 'found') return { status: 'available', generation: lookup.generation, attempts, waitedMs };
    if (lookup.status === 'error') {
      if (lookup.error.kind === 'cancelled' || signal?.aborted) return cancelled();
      if (!lookup.error.retryable) return { status: 'not_available', reason: 'error', error: lookup.error, attempts, waitedMs };
      lastError = lookup.error;
    } else {
      lastError = undefined;
    }
  }
  return {
    status: 'not_available',
    reason: lastError ? 'error' : 'lagging',
    ...(lastError ? { error: lastError } : {}),
    attempts,
    waitedMs,
  };
}
