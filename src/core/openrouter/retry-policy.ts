// When to repeat a request on the same model, and how long to wait first. Only failures that happened before the
// first token are ever offered here (the client enforces that): once text has streamed, a silent retry would show
// the person an answer that changes under them and bill them twice.
import type { OpenRouterError } from './errors';

export interface RetryOptions {
  /** Attempts per model, the first included. 1 disables retries. */
  maxAttempts: number;
  /** Total back-off a single model may spend across its retries; a retry that would exceed it is not made. */
  maxWaitMs: number;
  /** First back-off step; each later step doubles. */
  baseDelayMs: number;
  /** Ceiling of one computed back-off step (before jitter). */
  maxDelayMs: number;
  /**
   * Longest Retry-After we wait for. A server asking for more is not retried on the same model: the chain moves on,
   * and the error keeps retryAfterMs so the person can be told when to come back.
   */
  retryAfterCapMs: number;
  /** Uniform [0, 1); injected so tests can pin the jitter. */
  random: () => number;
}

/** maxAttempts and maxWaitMs are also the defaults of the retry settings (config/settings.ts reads them from here). */
export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  maxAttempts: 3,
  maxWaitMs: 30_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  retryAfterCapMs: 20_000,
  random: Math.random,
};

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly why: 'not_retryable' | 'attempts_exhausted' | 'retry_after_too_long' | 'wait_budget_exhausted' };

/**
 * Exponential back-off with "equal jitter": half the step is fixed, half random, so retries spread out without
 * ever collapsing to zero. Attempt is the 1-based number of the attempt that just failed.
 */
export function backoffDelay(attempt: number, options: RetryOptions): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const random = Math.min(1, Math.max(0, options.random()));
  return Math.round(step / 2 + (step / 2) * random);
}

/**
 * Decides about the failure of attempt number `attempt` (1-based) on one model, after `waitedMs` of back-off on
 * that model so far. Retry-After, when sent, replaces the computed back-off.
 */
export function decideRetry(error: OpenRouterError, attempt: number, waitedMs: number, options: RetryOptions): RetryDecision {
  if (!error.retryable) return { retry: false, why: 'not_retryable' };
  if (attempt >= options.maxAttempts) return { retry: false, why: 'attempts_exhausted' };
  let delayMs: number;
  if (error.retryAfterMs !== undefined) {
    if (error.retryAfterMs > options.retryAfterCapMs) return { retry: false, why: 'retry_after_too_long' };
    delayMs = error.retryAfterMs;
  } else {
    delayMs = backoffDelay(attempt, options);
  }
  if (waitedMs + delayMs > options.maxWaitMs) return { retry: false, why: 'wait_budget_exhausted' };
  return { retry: true, delayMs };
}
