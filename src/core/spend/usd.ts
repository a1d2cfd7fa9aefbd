// Exact decimal arithmetic for US-dollar amounts.
//
// Prices arrive as decimal strings of USD per token ("0.0000000375") and costs as JSON numbers. Multiplying and
// summing them as binary floats drifts, and a spend ledger adds thousands of them. So money is held inside this
// module as a bigint count of 1e-20 USD ("units"): every decimal price OpenRouter publishes is exact at that scale,
// token counts multiply exactly, and sums are exact. Amounts leave as plain numbers (correctly rounded once), which
// keeps the public API and persisted JSON simple while sums stay far within 1e-9 of the exact decimal sum.

/** Decimal digits after the point that a unit keeps: 1 unit = 1e-20 USD. */
const SCALE_DIGITS = 20;
/** Anything larger than 1e15 USD is not a price or a cost; refusing it also bounds the bigint sizes. */
const MAX_EXPONENT = 15;

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses a decimal amount (a string such as "0.000002", "1.5e-7", or a finite number) into units.
 * Digits beyond the scale are rounded half away from zero. Returns undefined for anything that is not a finite
 * decimal number.
 */
export function toUnits(value: number | string): bigint | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  // String(number) is the shortest text that round-trips, so 0.1 becomes exactly 0.1 here, not 0.1000000000000000055…
  const text = String(value).trim();
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign, intPart = '', fracPart = '', expPart] = match;
  if (intPart === '' && fracPart === '') return undefined;
  const exponent = expPart === undefined ? 0 : Number(expPart);
  const digitText = `${intPart}${fracPart}`;
  const digits = BigInt(digitText || '0');
  if (digits === 0n) return 0n;
  // Position of the most significant digit left of the point; refuse magnitudes no price or cost can have.
  if (digitText.replace(/^0+/, '').length - fracPart.length + exponent > MAX_EXPONENT + 1) return undefined;
  const shift = exponent - fracPart.length + SCALE_DIGITS;
  let units: bigint;
  if (shift >= 0) {
    units = digits * 10n ** BigInt(shift);
  } else if (-shift > digitText.length + 1) {
    units = 0n; // rounds to zero at this scale; also avoids building huge powers of ten
  } else {
    const divisor = 10n ** BigInt(-shift);
    units = (digits + divisor / 2n) / divisor;
  }
  return sign === '-' ? -units : units;
}

/** Converts units back to a number of USD, rounding once to the nearest double. */
export function fromUnits(units: bigint): number {
  const negative = units < 0n;
  const magnitude = (negative ? -units : units).toString().padStart(SCALE_DIGITS + 1, '0');
  const whole = magnitude.slice(0, -SCALE_DIGITS);
  const fraction = magnitude.slice(-SCALE_DIGITS);
  // Number() of a decimal string is correctly rounded, unlike dividing two doubles.
  return Number(`${negative ? '-' : ''}${whole}.${fraction}`);
}

/** `count × price`, exactly. `count` must be a safe integer (a token or request count). */
export function multiplyUnits(count: number, priceUnits: bigint): bigint {
  if (!Number.isSafeInteger(count)) throw new RangeError(`count must be a safe integer, got ${count}`);
  return BigInt(count) * priceUnits;
}

/**
 * What a request cost the user, in units: OpenRouter's charge plus, for a bring-your-own-key request, the inference
 * the provider bills to the user's own account (`upstream_inference_cost`), which OpenRouter's charge leaves out.
 */
export function userSpendUnits(charged: bigint, upstream: bigint | undefined, isByok: boolean): bigint {
  return isByok && upstream !== undefined ? charged + upstream : charged;
}

/** Sums USD amounts exactly (as decimals) and rounds once; non-finite entries are ignored. */
export function sumUsd(amounts: Iterable<number>): number {
  let total = 0n;
  for (const amount of amounts) total += toUnits(amount) ?? 0n;
  return fromUnits(total);
}

/** Accumulates USD amounts without drift, for running totals such as a session's spend. */
export class UsdTotal {
  private units = 0n;

  add(amount: number): this {
    this.units += toUnits(amount) ?? 0n;
    return this;
  }

  get usd(): number {
    return fromUnits(this.units);
  }
}
