import assert from 'node:assert/strict';
import { OpenRouterError, type ErrorKind, type ErrorSubtype } from '../../../../src/core/openrouter/errors';
import { buildChain, decideFallback } from '../../../../src/core/openrouter/fallback-policy';
import { backoffDelay, decideRetry, DEFAULT_RETRY_OPTIONS, type RetryOptions } from '../../../../src/core/openrouter/retry-policy';

const options = (overrides: Partial<RetryOptions> = {}): RetryOptions => ({ ...DEFAULT_RETRY_OPTIONS, random: () => 0.5, ...overrides });
const error = (kind: ErrorKind, extra: { subtype?: ErrorSubtype; retryAfterMs?: number } = {}): OpenRouterError =>
  new OpenRouterError({ kind, ...extra });

describe('retry policy', () => {
  it('backs off exponentially with equal jitter, capped per step', () => {
    const o = options({ baseDelayMs: 1000, maxDelayMs: 5000 });
    assert.deepEqual([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, { ...o, random: () => 0 })), [500, 1000, 2000, 2500]);
    assert.deepEqual([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, { ...o, random: () => 0.999999 })), [1000, 2000, 4000, 5000]);
  });

  it('retries only retryable kinds', () => {
    const retried = (['timeout', 'rate_limited', 'provider_error', 'unavailable', 'network'] as const).map((kind) => decideRetry(error(kind), 1, 0, options()).retry);
    assert.deepEqual(retried, [true, true, true, true, true]);
    for (const kind of ['auth', 'credits', 'moderation', 'no_provider', 'bad_request', 'invalid_response', 'cancelled'] as const) {
      assert.deepEqual(decideRetry(error(kind), 1, 0, options()), { retry: false, why: 'not_retryable' }, kind);
    }
    assert.equal(decideRetry(error('credits', { subtype: 'in_flight_budget', retryAfterMs: 1000 }), 1, 0, options()).retry, true);
  });

  it('bounds the attempts', () => {
    assert.equal(decideRetry(error('unavailable'), 2, 0, options({ maxAttempts: 3 })).retry, true);
    assert.deepEqual(decideRetry(error('unavailable'), 3, 0, options({ maxAttempts: 3 })), { retry: false, why: 'attempts_exhausted' });
    assert.equal(decideRetry(error('unavailable'), 1, 0, options({ maxAttempts: 1 })).retry, false);
  });

  it('honours Retry-After up to its cap, and gives up beyond it', () => {
    assert.deepEqual(decideRetry(error('rate_limited', { retryAfterMs: 7000 }), 1, 0, options({ retryAfterCapMs: 10_000 })), { retry: true, delayMs: 7000 });
    assert.deepEqual(decideRetry(error('rate_limited', { retryAfterMs: 0 }), 1, 0, options()), { retry: true, delayMs: 0 });
    assert.deepEqual(decideRetry(error('rate_limited', { retryAfterMs: 10_001 }), 1, 0, options({ retryAfterCapMs: 10_000 })), {
      retry: false,
      why: 'retry_after_too_long',
    });
  });

  it('bounds the total wait', () => {
    const o = options({ maxWaitMs: 3000, retryAfterCapMs: 60_000 });
    assert.equal(decideRetry(error('rate_limited', { retryAfterMs: 2000 }), 1, 1000, o).retry, true);
    assert.deepEqual(decideRetry(error('rate_limited', { retryAfterMs: 2000 }), 1, 1001, o), { retry: false, why: 'wait_budget_exhausted' });
  });
});

describe('fallback policy', () => {
  const chain = ['a/small', 'b/small-too', 'c/large', 'd/unknown'];
  const contexts: Record<string, number> = { 'a/small': 8000, 'b/small-too': 8000, 'c/large': 128_000 };
  const lookup = (model: string): number | undefined => contexts[model];

  it('moves to the next model for kinds another model may fix', () => {
    for (const kind of ['rate_limited', 'unavailable', 'provider_error', 'timeout', 'no_provider'] as const) {
      assert.deepEqual(decideFallback(chain, 0, error(kind), lookup), { next: true, index: 1, model: 'b/small-too', skipped: [] }, kind);
    }
  });

  it('stops the chain for failures every model shares', () => {
    for (const kind of ['auth', 'credits', 'moderation', 'bad_request', 'network', 'invalid_response'] as const) {
      assert.deepEqual(decideFallback(chain, 0, error(kind), lookup), { next: false, stop: 'same_for_every_model' }, kind);
    }
    assert.deepEqual(decideFallback(chain, 0, error('cancelled'), lookup), { next: false, stop: 'cancelled' });
  });

  it('escalates a context-length failure only to a larger model, skipping smaller ones', () => {
    const tooLong = error('bad_request', { subtype: 'context_length_exceeded' });
    assert.deepEqual(decideFallback(chain, 0, tooLong, lookup), { next: true, index: 2, model: 'c/large', skipped: ['b/small-too'] });
    assert.deepEqual(decideFallback(chain, 2, tooLong, lookup), { next: false, stop: 'no_larger_context' });
    assert.deepEqual(decideFallback(chain, 0, tooLong), { next: false, stop: 'no_larger_context' }, 'no catalogue: no guess');
  });

  it('reports the end of the chain', () => {
    assert.deepEqual(decideFallback(chain, 3, error('unavailable'), lookup), { next: false, stop: 'chain_exhausted' });
  });

  it('builds a chain without blanks or repeats', () => {
    assert.deepEqual(buildChain(' a ', ['b', 'a', '', 'c', 'b']), ['a', 'b', 'c']);
  });
});
