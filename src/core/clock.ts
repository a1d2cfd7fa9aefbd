// Time, injected. Core code never calls setTimeout or Date.now directly, so tests can drive timeouts and
// back-off with a manual clock instead of waiting, and the same code runs in Node and in a web worker.

export interface Clock {
  /** Wall-clock milliseconds since the epoch; HTTP dates in Retry-After are measured against it. */
  now(): number;
  /**
   * Resolves after `ms`, or early when `signal` aborts. It never rejects: callers that care whether they were
   * woken by the signal check `signal.aborted`, which keeps cancellation free of unhandled rejections.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: Date.now and setTimeout. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

interface PendingSleep {
  readonly due: number;
  readonly ms: number;
  readonly resolve: () => void;
}

/**
 * A clock that only moves when told to, for tests and benchmarks. Every `sleep` is recorded in `requested`, so a
 * test can assert the exact delays the code asked for. With `autoAdvance`, each sleep moves time forward by its own
 * length and resolves on the next microtask: retry loops then run instantly while `requested` still shows the
 * delays. Without it, `advance(ms)` wakes whatever is due and `nextSleep()` waits (by event, not by time) until the
 * code under test starts a sleep.
 */
export class ManualClock implements Clock {
  /** Every delay passed to `sleep`, in call order. */
  readonly requested: number[] = [];
  private current: number;
  private pending: PendingSleep[] = [];
  private waiters: Array<(ms: number) => void> = [];
  private readonly autoAdvance: boolean;

  constructor(options: { start?: number; autoAdvance?: boolean } = {}) {
    this.current = options.start ?? 1_700_000_000_000;
    this.autoAdvance = options.autoAdvance ?? false;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const length = Math.max(0, ms);
    this.requested.push(length);
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter(length);
    if (signal?.aborted) return Promise.resolve();
    if (this.autoAdvance) {
      this.current += length;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const entry: PendingSleep = {
        due: this.current + length,
        ms: length,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.pending = this.pending.filter((other) => other !== entry);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.push(entry);
    });
  }

  /** Moves time forward and wakes every sleep that is due, earliest first. */
  advance(ms: number): void {
    this.current += ms;
    const due = this.pending.filter((entry) => entry.due <= this.current).sort((a, b) => a.due - b.due);
    this.pending = this.pending.filter((entry) => entry.due > this.current);
    for (const entry of due) entry.resolve();
  }

  /** Resolves with the length of the next sleep that starts; pair it with `advance` to step through timers. */
  nextSleep(): Promise<number> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The sleeps that have started and not yet ended. */
  get pendingSleeps(): readonly number[] {
    return this.pending.map((entry) => entry.ms);
  }
}
