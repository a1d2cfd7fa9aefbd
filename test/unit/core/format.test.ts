import * as assert from 'node:assert/strict';
import { formatAge, formatDuration, formatPerMillion, formatTokens, formatUsd } from '../../../src/core/format';

describe('formatting', () => {
  it('shows small costs with enough digits to be seen', () => {
    const cases: [number, string][] = [
      [0, '$0.00'], [0.0123, '$0.0123'], [0.000042, '$0.000042'], [0.00000023, '$0.00000023'],
      // Below a cent: three significant digits, the same in the status bar and under an answer.
      [0.00042, '$0.00042'], [0.0000103, '$0.0000103'], [0.005, '$0.005'],
      // A dollar or more in cents: never "$1.000", which reads as a thousand where a dot groups thousands.
      [1.5, '$1.50'], [1, '$1.00'], [25.0049, '$25.00'], [123.456, '$123.46'],
      [Number.NaN, '$—'],
    ];
    for (const [usd, shown] of cases) assert.equal(formatUsd(usd), shown, String(usd));
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
