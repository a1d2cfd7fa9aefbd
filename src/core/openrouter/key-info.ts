// GET /key: what the current key has spent, its limit, and how many :free requests are left today.
//
// /credits would give the account balance but needs a management key, which this extension never asks for; /key
// works with the ordinary key and is what the status bar shows. It is cheap but not free to call, so the monitor
// below refreshes at most once a minute on its own, and always right after a chat request (when spend changed).

import * as z from 'zod';
import { lazySchema } from '../lazy-schema';
import { getJsonAs, type GetRequest, type KeyProvider } from './api-request';
import { missingKeyError, type OpenRouterError } from './errors';

/** :free model requests per day before $10 of lifetime credit purchases. */
export const FREE_TIER_DAILY_FREE_REQUESTS = 50;
/** :free model requests per day once $10 or more of credits were ever bought. */
export const PAID_DAILY_FREE_REQUESTS = 1000;
/** The monitor's own refreshes are at least this far apart. */
export const KEY_INFO_MIN_INTERVAL_MS = 60_000;

const amount = lazySchema(() => z.number().nullish().catch(undefined));

const KeyDataSchema = lazySchema(() => z.looseObject({
  label: z.string().nullish().catch(undefined),
  limit: amount,
  limit_reset: z.string().nullish().catch(undefined),
  limit_remaining: amount,
  include_byok_in_limit: z.boolean().nullish().catch(undefined),
  usage: amount,
  usage_daily: amount,
  usage_weekly: amount,
  usage_monthly: amount,
  byok_usage: amount,
  byok_usage_daily: amount,
  byok_usage_weekly: amount,
  byok_usage_monthly: amount,
  is_free_tier: z.boolean().nullish().catch(undefined),
  free_model_daily_requests: z
    .looseObject({ used: amount, limit: amount, remaining: amount })
    .nullish()
    .catch(undefined),
}));
export const KeyResponseSchema = lazySchema(() => z.looseObject({ data: KeyDataSchema }));
export type WireKeyData = z.infer<typeof KeyDataSchema>;

export interface FreeModelRequests {
  readonly limit: number;
  /** Unknown when derived: only OpenRouter counts them. */
  readonly used: number | undefined;
  readonly remaining: number | undefined;
  /**
   * True when /key did not report the counts and `limit` comes from the documented rule instead (50 a day on the
   * free tier, 1000 otherwise). The rule's threshold is $10 of purchases while `is_free_tier` only says whether
   * anything was ever bought, so a derived limit can be too high for accounts that bought less than $10.
   */
  readonly derived: boolean;
}

export interface KeyInfo {
  readonly label: string | undefined;
  /** USD; null means no limit. */
  readonly limitUsd: number | null;
  /** USD left under the limit; null means no limit. */
  readonly limitRemainingUsd: number | null;
  /** `daily`, `weekly`, `monthly`, or null when the limit never resets. */
  readonly limitReset: string | null;
  readonly includeByokInLimit: boolean;
  /** USD charged to OpenRouter credits, all time and per current UTC day, week (from Monday) and month. */
  readonly usageUsd: number;
  readonly usageDailyUsd: number | undefined;
  readonly usageWeeklyUsd: number | undefined;
  readonly usageMonthlyUsd: number | undefined;
  /** USD billed by providers to the user's own keys (BYOK), when reported. */
  readonly byokUsageUsd: number | undefined;
  readonly byokUsageDailyUsd: number | undefined;
  readonly byokUsageWeeklyUsd: number | undefined;
  readonly byokUsageMonthlyUsd: number | undefined;
  readonly isFreeTier: boolean;
  readonly freeModelRequests: FreeModelRequests;
}

function optional(value: number | null | undefined): number | undefined {
  return value === null || value === undefined ? undefined : value;
}

/** Normalises the `data` object of GET /key. */
export function normaliseKeyInfo(data: WireKeyData): KeyInfo {
  const isFreeTier = data.is_free_tier ?? false;
  const reported = data.free_model_daily_requests;
  const reportedLimit = optional(reported?.limit);
  let freeModelRequests: FreeModelRequests;
  if (reportedLimit !== undefined) {
    const used = optional(reported?.used);
    const remaining = optional(reported?.remaining) ?? (used !== undefined ? Math.max(0, reportedLimit - used) : undefined);
    freeModelRequests = { limit: reportedLimit, used, remaining, derived: false };
  } else {
    const limit = isFreeTier ? FREE_TIER_DAILY_FREE_REQUESTS : PAID_DAILY_FREE_REQUESTS;
    freeModelRequests = { limit, used: undefined, remaining: undefined, derived: true };
  }
  return {
    label: data.label ?? undefined,
    limitUsd: data.limit ?? null,
    limitRemainingUsd: data.limit_remaining ?? null,
    limitReset: data.limit_reset ?? null,
    includeByokInLimit: data.include_byok_in_limit ?? false,
    usageUsd: data.usage ?? 0,
    usageDailyUsd: optional(data.usage_daily),
    usageWeeklyUsd: optional(data.usage_weekly),
    usageMonthlyUsd: optional(data.usage_monthly),
    byokUsageUsd: optional(data.byok_usage),
    byokUsageDailyUsd: optional(data.byok_usage_daily),
    byokUsageWeeklyUsd: optional(data.byok_usage_weekly),
    byokUsageMonthlyUsd: optional(data.byok_usage_monthly),
    isFreeTier,
    freeModelRequests,
  };
}

export type KeyInfoResult =
  | { readonly ok: true; readonly info: KeyInfo; readonly fetchedAt: number }
  | { readonly ok: false; readonly error: OpenRouterError };

export type KeyInfoRequest = GetRequest;

/** One GET /key with the given key. Never throws. */
export async function fetchKeyInfo(key: string, request: KeyInfoRequest): Promise<KeyInfoResult> {
  const result = await getJsonAs('key', KeyResponseSchema, '{ data: {...} }', { ...request, key });
  if (!result.ok) return { ok: false, error: result.error };
  return { ok: true, info: normaliseKeyInfo(result.value.data), fetchedAt: request.clock.now() };
}

export interface KeyInfoState {
  /** The last key info that was read, kept across failed refreshes. */
  readonly info: KeyInfo | undefined;
  readonly fetchedAt: number | undefined;
  /** Why the latest refresh failed; cleared by the next success. */
  readonly error: OpenRouterError | undefined;
}

export interface KeyInfoMonitorOptions extends Omit<KeyInfoRequest, 'signal'> {
  readonly getKey: KeyProvider;
  readonly minIntervalMs?: number | undefined;
  /** Called after every read, failed or not, with the state it left (for views that show the key's figures). */
  readonly onRead?: ((state: KeyInfoState) => void) | undefined;
}

const EMPTY: KeyInfoState = { info: undefined, fetchedAt: undefined, error: undefined };

/**
 * Keeps the key info fresh without hammering /key: `refresh()` fetches at most once per `minIntervalMs` (callers
 * may call it from timers, focus events, view opens), `afterRequest()` always fetches because spend just changed.
 * Concurrent callers share one request; a forced refresh that arrives during one runs again after it, since the
 * running one may have started before the spend it should show.
 */
export class KeyInfoMonitor {
  private readonly options: KeyInfoMonitorOptions;
  private readonly minIntervalMs: number;
  private state: KeyInfoState = EMPTY;
  private lastAttemptAt: number | undefined;
  private lastKey: string | undefined;
  private running: Promise<KeyInfoState> | undefined;
  private followUp: Promise<KeyInfoState> | undefined;

  constructor(options: KeyInfoMonitorOptions) {
    this.options = options;
    this.minIntervalMs = options.minIntervalMs ?? KEY_INFO_MIN_INTERVAL_MS;
  }

  get latest(): KeyInfoState {
    return this.state;
  }

  /** Fetches unless a fetch with the same key happened less than `minIntervalMs` ago (or `force`). */
  async refresh(options: { force?: boolean } = {}): Promise<KeyInfoState> {
    if (this.running) {
      if (!options.force) return this.running;
      this.followUp ??= this.running.then(() => {
        this.followUp = undefined;
        return this.start();
      });
      return this.followUp;
    }
    if (!options.force && this.lastAttemptAt !== undefined) {
      const key = await this.options.getKey().catch(() => undefined);
      const recent = this.options.clock.now() - this.lastAttemptAt < this.minIntervalMs;
      if (recent && key === this.lastKey) return this.state;
      // getKey yielded; another caller may have started a refresh meanwhile.
      if (this.running) return this.running;
    }
    return this.start();
  }

  /** Call when a chat request finished: spend and free-request counts just changed. */
  afterRequest(): Promise<KeyInfoState> {
    return this.refresh({ force: true });
  }

  private start(): Promise<KeyInfoState> {
    this.running = this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<KeyInfoState> {
    const key = await this.options.getKey().catch(() => undefined);
    this.lastAttemptAt = this.options.clock.now();
    if (key !== this.lastKey) this.state = EMPTY; // another key's numbers must not be shown as this one's
    this.lastKey = key;
    if (key === undefined) {
      this.state = { ...EMPTY, error: missingKeyError() };
      return this.state;
    }
    const { getKey: _getKey, minIntervalMs: _minIntervalMs, onRead, ...request } = this.options;
    const result = await fetchKeyInfo(key, request);
    this.state = result.ok
      ? { info: result.info, fetchedAt: result.fetchedAt, error: undefined }
      : { ...this.state, error: result.error };
    onRead?.(this.state);
    return this.state;
  }
}
