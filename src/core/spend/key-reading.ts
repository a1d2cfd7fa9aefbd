// Before a send under the whole-key budget scope: a reading of /key fresh enough to count, without ever making the
// send wait long for it. A reading older than `maxAgeMs` is read again, and the send waits for it at most `waitMs`
// (the reading carries on in the background and serves the next send). Whatever came of it, the caller then counts
// the latest reading it has, or the ledger alone when there is none.

export interface KeyReadingSource {
  /** When the last good reading was taken; undefined before the first. */
  readonly fetchedAt: number | undefined;
  /** Reads /key again; may take as long as the network does. */
  refresh(): Promise<unknown>;
}

export interface FreshReadingOptions {
  readonly now: number;
  readonly maxAgeMs: number;
  /** Resolves once the longest acceptable wait is over (a timer in the host, a promise the test resolves). */
  readonly waitOver: () => Promise<void>;
}

/** Whether a new reading was asked for; the caller reads the monitor's latest state after this resolves. */
export async function awaitFreshReading(source: KeyReadingSource, options: FreshReadingOptions): Promise<'fresh' | 'read' | 'gave-up'> {
  const { fetchedAt } = source;
  if (fetchedAt !== undefined && options.now - fetchedAt <= options.maxAgeMs) return 'fresh';
  const reading = source.refresh().then(() => 'read' as const, () => 'read' as const);
  return Promise.race([reading, options.waitOver().then(() => 'gave-up' as const)]);
}
