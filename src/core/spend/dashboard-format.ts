// Amounts as the dashboard writes them: `formatUsd` everywhere, except that amounts under a millionth of a dollar
// (an average per day of a few tiny requests) are written out as decimals instead of in exponent notation.
import { formatUsd } from '../format';

export function usdLabel(amount: number): string {
  const text = formatUsd(amount);
  if (!text.includes('e')) return text;
  const value = Math.abs(amount);
  // Two significant digits, like formatUsd's smallest amounts.
  return `${amount < 0 ? '-' : ''}$${value.toFixed(Math.min(20, 1 - Math.floor(Math.log10(value))))}`;
}
