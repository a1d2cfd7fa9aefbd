// One running total of the spend ledger that can be added to and taken from: what a group of requests (a day, a
// model, a session, one cell of the aggregates) adds up to, with every figure the status bar, the budgets and the
// dashboard show. Money is kept in exact units (usd.ts), so a total built incrementally, with replaced records taken
// out again, equals the total of a fresh pass over the same records to the last digit.
import type { SpendTally } from './totals';
import { fromUnits, toUnits } from '../usd';

/** What one record adds to a tally. */
export interface Contribution {
  readonly costUnits: bigint;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Cached input tokens, never more than the prompt (as the dashboard counts them). */
  readonly cachedTokens: number;
  /** What caching saved, when the record knows it. */
  readonly savingsUnits: bigint | undefined;
  /** What cache writes cost beyond the prompt price (0 when nothing extra). */
  readonly writeExtraUnits: bigint;
  readonly estimate: boolean;
  readonly failed: boolean;
}

/** The plain figures of a tally, as persisted (units as decimal strings, since JSON has no bigint). */
export interface TallyData {
  readonly requests: number;
  readonly cost: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
  readonly estimatedRequests: number;
  readonly estimatedCost: string;
  readonly failedRequests: number;
  readonly savings: string;
  readonly savingsKnown: number;
  readonly writeExtra: string;
}

export function contributionOf(record: {
  readonly cost: number; readonly promptTokens: number; readonly completionTokens: number; readonly cachedTokens: number;
  readonly cacheSavings?: number | undefined; readonly cacheWriteExtra?: number | undefined; readonly costSource: 'exact' | 'estimate'; readonly outcome: string;
}): Contribution {
  return {
    costUnits: toUnits(record.cost) ?? 0n,
    promptTokens: record.promptTokens,
    completionTokens: record.completionTokens,
    cachedTokens: Math.min(record.cachedTokens, record.promptTokens),
    savingsUnits: record.cacheSavings === undefined ? undefined : toUnits(record.cacheSavings) ?? 0n,
    writeExtraUnits: record.cacheWriteExtra === undefined ? 0n : toUnits(record.cacheWriteExtra) ?? 0n,
    estimate: record.costSource === 'estimate',
    failed: record.outcome !== 'done',
  };
}

export class AggregateTally {
  requests = 0;
  costUnits = 0n;
  promptTokens = 0;
  completionTokens = 0;
  cachedTokens = 0;
  estimatedRequests = 0;
  estimatedUnits = 0n;
  failedRequests = 0;
  savingsUnits = 0n;
  /** Records that know what caching saved them. */
  savingsKnown = 0;
  writeExtraUnits = 0n;

  /** Adds (`sign` 1) or takes away (`sign` -1) one record. */
  apply(c: Contribution, sign: 1 | -1): void {
    const big = BigInt(sign);
    this.requests += sign;
    this.costUnits += big * c.costUnits;
    this.promptTokens += sign * c.promptTokens;
    this.completionTokens += sign * c.completionTokens;
    this.cachedTokens += sign * c.cachedTokens;
    if (c.estimate) {
      this.estimatedRequests += sign;
      this.estimatedUnits += big * c.costUnits;
    }
    if (c.failed) this.failedRequests += sign;
    if (c.savingsUnits !== undefined) {
      this.savingsKnown += sign;
      this.savingsUnits += big * c.savingsUnits;
    }
    this.writeExtraUnits += big * c.writeExtraUnits;
  }

  /** Adds another tally's figures (to total several cells). */
  merge(other: AggregateTally): this {
    this.requests += other.requests;
    this.costUnits += other.costUnits;
    this.promptTokens += other.promptTokens;
    this.completionTokens += other.completionTokens;
    this.cachedTokens += other.cachedTokens;
    this.estimatedRequests += other.estimatedRequests;
    this.estimatedUnits += other.estimatedUnits;
    this.failedRequests += other.failedRequests;
    this.savingsUnits += other.savingsUnits;
    this.savingsKnown += other.savingsKnown;
    this.writeExtraUnits += other.writeExtraUnits;
    return this;
  }

  get spend(): SpendTally {
    return { cost: fromUnits(this.costUnits), promptTokens: this.promptTokens, completionTokens: this.completionTokens, requests: this.requests };
  }

  toData(): TallyData {
    return {
      requests: this.requests, cost: String(this.costUnits), promptTokens: this.promptTokens, completionTokens: this.completionTokens,
      cachedTokens: this.cachedTokens, estimatedRequests: this.estimatedRequests, estimatedCost: String(this.estimatedUnits),
      failedRequests: this.failedRequests, savings: String(this.savingsUnits), savingsKnown: this.savingsKnown,
      writeExtra: String(this.writeExtraUnits),
    };
  }
}

export const EMPTY_AGGREGATE: Readonly<AggregateTally> = new AggregateTally();
