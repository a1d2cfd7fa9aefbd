// The dashboard's credits card, from the last GET /key the KeyInfoMonitor read. These are OpenRouter's own
// figures (its days and months are UTC), shown beside the local ledger rather than mixed into it.
import { formatUsd } from '../../format';
import type { KeyInfoState } from '../../openrouter/key-info';
import { fractionOf, percentLabel } from './axis';
import { timeLabel } from './dates';
import type { KeyCard } from '../../../protocol/dashboard-state';
import { KEY_WINDOWS, type KeySpendComparison } from '../key-spend';
import { elsewhereSentence } from '../key-budget';

const WINDOW_LABEL = { day: 'Today', week: 'This week', month: 'This month' } as const;

/** The card's side-by-side rows: this machine, the whole key and the difference, per UTC window. */
export function keySpread(comparison: KeySpendComparison): NonNullable<KeyCard['spread']> {
  const rows = KEY_WINDOWS.map((window) => {
    const row = comparison.windows[window];
    return {
      label: `${WINDOW_LABEL[window]} (UTC)`,
      machineLabel: formatUsd(row.machine),
      keyLabel: row.key === undefined ? 'not reported' : formatUsd(row.key),
      elsewhereLabel: row.elsewhere === undefined ? 'not reported' : formatUsd(row.elsewhere),
    };
  });
  const day = comparison.windows.day;
  const headline = elsewhereSentence(day) ?? (day.elsewhere === undefined ? "Today's spend elsewhere is not reported yet." : 'Nothing spent elsewhere with this key today.');
  return { rows, headline };
}

const optionalUsd = (value: number | undefined): string => (value === undefined ? 'not reported' : formatUsd(value));

/** `state` undefined: no read finished yet. `comparison`: the key's spend beside this machine's (key-spend.ts). */
export function keyCard(state: KeyInfoState | undefined, comparison?: KeySpendComparison): KeyCard {
  const info = state?.info;
  const missingKey = state?.error?.kind === 'auth' && state.error.subtype === 'missing_key';
  const status: KeyCard['status'] = info !== undefined ? 'ok' : missingKey ? 'no-key' : state?.error !== undefined ? 'error' : 'loading';
  const error = state?.error !== undefined && !missingKey ? state.error.message : undefined;
  if (info === undefined) {
    const summary = status === 'no-key' ? 'No OpenRouter API key is set.' : status === 'error' ? `Credits could not be read: ${error ?? 'unknown error'}` : 'Reading credits…';
    return {
      status, ...(error !== undefined ? { error } : {}),
      limit: null, limitLabel: '—', remaining: null, remainingLabel: '—',
      usageLabel: '—', usageDailyLabel: '—', usageMonthlyLabel: '—', summary,
    };
  }
  const limited = info.limitUsd !== null;
  const used = limited && info.limitRemainingUsd !== null ? info.limitUsd - info.limitRemainingUsd : undefined;
  const usedFraction = limited && used !== undefined ? fractionOf(used, info.limitUsd ?? 0) : undefined;
  const reset = info.limitReset !== null ? `resets ${info.limitReset}` : undefined;
  const limitLabel = limited ? formatUsd(info.limitUsd ?? 0) : 'No limit';
  const remainingLabel = info.limitRemainingUsd !== null ? formatUsd(info.limitRemainingUsd) : limited ? 'not reported' : 'No limit';
  const byok = info.byokUsageUsd !== undefined && info.byokUsageUsd > 0 ? formatUsd(info.byokUsageUsd) : undefined;
  const summary = [
    `Key ${info.label ?? '(unlabelled)'}:`,
    limited ? `limit ${limitLabel}, ${remainingLabel} remaining${usedFraction !== undefined ? ` (${percentLabel(usedFraction)} used)` : ''}.` : 'no spending limit.',
    `Usage today ${optionalUsd(info.usageDailyUsd)}, this month ${optionalUsd(info.usageMonthlyUsd)}, all time ${formatUsd(info.usageUsd)}.`,
  ].join(' ');
  return {
    status,
    ...(error !== undefined ? { error } : {}),
    ...(info.label !== undefined ? { label: info.label } : {}),
    limit: info.limitUsd,
    limitLabel,
    remaining: info.limitRemainingUsd,
    remainingLabel,
    ...(usedFraction !== undefined ? { usedFraction } : {}),
    ...(reset !== undefined ? { limitResetLabel: reset } : {}),
    usage: info.usageUsd,
    usageLabel: formatUsd(info.usageUsd),
    usageDailyLabel: optionalUsd(info.usageDailyUsd),
    usageMonthlyLabel: optionalUsd(info.usageMonthlyUsd),
    ...(byok !== undefined ? { byokLabel: byok } : {}),
    ...(state?.fetchedAt !== undefined ? { fetchedLabel: `as of ${timeLabel(state.fetchedAt)}` } : {}),
    ...(comparison !== undefined ? { spread: keySpread(comparison) } : {}),
    summary,
  };
}
