import * as assert from 'node:assert/strict';
import { formatAge, formatDuration, formatPerMillion, formatTokens, formatUsd } from '../../../src/core/format';

describe('formatting', () => {
  it('shows small costs with enough digits to be seen', () => {
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(0.0123), '$0.0123');
    assert.equal(formatUsd(0.000042), '$0.000042');
    assert.equal(formatUsd(0.00000023), '$0.00000023');
    // Below a cent: three significant digits, the same in the status bar and under an answer.
    assert.equal(formatUsd(0.00042), '$0.00042');
    assert.equal(formatUsd(0.0000103), '$0.0000103');
    assert.equal(formatUsd(0.005), '$0.005');
    assert.equal(formatUsd(1.5), '$1.50');
    // Never "$1.000", which reads as a thousand where a dot groups thousands.
    assert.equal(formatUsd(1), '$1.00');
    assert.equal(formatUsd(25.0049), '$25.00');
    assert.equal(formatUsd(123.456), '$123.46');
    assert.equal(formatUsd(Number.NaN), '$—');
  });

  it('shows prices per million tokens', () => {
    assert.equal(formatPerMillion(0.00000015), '$0.15');
    assert.equal(formatPerMillion(0.000015), '$15');
    assert.equal(formatPerMillion(0), '$0');
    assert.equal(formatPerMillion(undefined), '?');
  });

  it('abbreviates token counts and durations', () => {
    assert.equal(formatTokens(999), '999');
    assert.equal(formatTokens(1234), '1.2k');
    assert.equal(formatTokens(128_000), '128k');
    assert.equal(formatTokens(1_048_576), '1.0M');
    assert.equal(formatDuration(250), '250 ms');
    assert.equal(formatDuration(1500), '1.5 s');
    assert.equal(formatAge(5 * 60_000), '5 min ago');
  });
});
