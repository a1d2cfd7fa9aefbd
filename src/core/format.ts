// How amounts read in the status bar, pickers and panels. Small costs keep enough digits to be seen: a typical
// request costs fractions of a cent, and rounding it to $0.00 would hide exactly what the user watches. A dollar or
// more is shown in cents: "$1.000" would read as a thousand where a dot groups thousands.

export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount)) return '$—';
  const sign = amount < 0 ? '-' : '';
  const value = Math.abs(amount);
  if (value === 0) return '$0.00';
  if (value >= 1) return `${sign}$${value.toFixed(2)}`;
  if (value >= 0.01) return `${sign}$${value.toFixed(4)}`;
  // Below a cent, three significant digits, written out (toPrecision would give "2.3e-7" below a millionth), without
  // trailing zeros: $0.0000103, $0.00042, $0.005.
  const decimals = Math.min(12, 2 - Math.floor(Math.log10(value)));
  return `${sign}$${value.toFixed(decimals).replace(/\.?0+$/, '')}`;
}

/** An answer's cost as the footer and the status bar show it: "≈" in front of an estimate. */
export function formatCost(cost: { usd: number; basis: 'exact' | 'estimate' }): string {
  return `${cost.basis === 'estimate' ? '≈' : ''}${formatUsd(cost.usd)}`;
}

/** A whole number with thousands separators: 1234567 -> "1,234,567" (the same in every locale, unlike toLocaleString). */
export function groupDigits(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** USD per token as dollars per million tokens, the unit every model page uses. */
export function formatPerMillion(usdPerToken: number | undefined): string {
  if (usdPerToken === undefined) return '?';
  if (usdPerToken === 0) return '$0';
  const perMillion = usdPerToken * 1_000_000;
  return `$${perMillion >= 10 ? perMillion.toFixed(0) : perMillion >= 0.1 ? perMillion.toFixed(2) : perMillion.toPrecision(2)}`;
}

export function formatTokens(count: number): string {
  if (count < 1000) return String(count);
  if (count < 1_000_000) return `${(count / 1000).toFixed(count < 10_000 ? 1 : 0)}k`;
  return `${(count / 1_000_000).toFixed(count < 10_000_000 ? 1 : 0)}M`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A wait in whole seconds, at least 1: "Try again in 40 s". */
export function formatWait(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}

export function formatAge(ms: number): string {
  if (ms < 60_000) return 'just now';
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min ago`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h ago`;
  return `${Math.round(ms / 86_400_000)} days ago`;
}

/** Who an error's source names, as a reader knows them: OpenRouter (also when none is recorded), or the provider. */
export function sourceName(source: string | undefined): string {
  return source === undefined || source === 'openrouter' ? 'OpenRouter' : source;
}

/** What went wrong, for a log line or a message: an Error's message, anything else as text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
