import assert from 'node:assert/strict';
import { fromUnits, multiplyUnits, sumUsd, toUnits, UsdTotal } from '../../../../src/core/spend/usd';

describe('exact USD arithmetic', () => {
  it('parses decimal strings, exponents and numbers exactly', () => {
    assert.equal(toUnits('0.0000000375'), 3_750_000_000_000n);
    assert.equal(toUnits('1.5e-7'), toUnits('0.00000015'));
    assert.equal(toUnits(0.1), 10n ** 19n);
    assert.equal(toUnits('-2'), -2n * 10n ** 20n);
    assert.equal(toUnits('0'), 0n);
    assert.equal(toUnits('.5'), 5n * 10n ** 19n);
  });

  it('rejects what is not a finite decimal, and absurd magnitudes, without hanging', () => {
    for (const bad of ['', 'abc', '1.2.3', '0x10', 'NaN', '1e20', '1e999999999']) assert.equal(toUnits(bad), undefined, bad);
    assert.equal(toUnits(Number.POSITIVE_INFINITY), undefined);
    assert.equal(toUnits('0e999999999'), 0n);
    assert.equal(toUnits('1e-999999999'), 0n);
  });

  it('rounds digits beyond 1e-20 half away from zero', () => {
    assert.equal(toUnits('0.000000000000000000015'), 2n);
    assert.equal(toUnits('0.000000000000000000014'), 1n);
    assert.equal(toUnits('-0.000000000000000000015'), -2n);
  });

  it('converts back with a single rounding', () => {
    assert.equal(fromUnits(toUnits('0.000123')!), 0.000123);
    assert.equal(fromUnits(-(toUnits('1.25')!)), -1.25);
    assert.equal(fromUnits(0n), 0);
  });

  it('multiplies token counts exactly and refuses non-integer counts', () => {
    assert.equal(fromUnits(multiplyUnits(1_000_000, toUnits('0.00000015')!)), 0.15);
    assert.throws(() => multiplyUnits(1.5, 1n), RangeError);
  });

  it('keeps long sums within 1e-9 of the exact decimal sum where naive float addition drifts', () => {
    const amounts = Array.from({ length: 100_000 }, () => 0.000123);
    const naive = amounts.reduce((sum, value) => sum + value, 0);
    const exact = 12.3;
    assert.equal(sumUsd(amounts), exact);
    assert.ok(Math.abs(naive - exact) > 1e-12, 'the float sum drifts, so this test can tell the two apart');
    const total = new UsdTotal();
    for (const amount of amounts) total.add(amount);
    assert.equal(total.usd, exact);
    assert.equal(sumUsd([0.1, 0.2]), 0.3);
  });
});
