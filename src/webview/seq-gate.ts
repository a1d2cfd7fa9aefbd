// The host numbers its deltas; a missing number means the mirror is wrong from then on. The gate says, per
// numbered message, whether to apply it, and asks for a snapshot exactly once per gap.

export type SeqVerdict =
  /** The next expected message: apply it. */
  | 'apply'
  /** Already seen (or older than the snapshot): drop it. */
  | 'stale'
  /** A number was skipped: ask the host for a snapshot, then drop deltas until it arrives. */
  | 'gap'
  /** No snapshot yet, or one has been asked for: drop. */
  | 'waiting-for-snapshot';

export class SeqGate {
  private expected: number | undefined;

  acceptSnapshot(seq: number): void {
    this.expected = seq + 1;
  }

  /** The mirror turned out wrong some other way (a delta for an unknown turn): wait for a snapshot. */
  invalidate(): void {
    this.expected = undefined;
  }

  check(seq: number): SeqVerdict {
    if (this.expected === undefined) return 'waiting-for-snapshot';
    if (seq < this.expected) return 'stale';
    if (seq > this.expected) {
      this.expected = undefined;
      return 'gap';
    }
    this.expected = seq + 1;
    return 'apply';
  }
}
