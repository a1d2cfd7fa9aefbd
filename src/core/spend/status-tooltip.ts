// The status bar tooltip's text, as Markdown: this session's, today's and this month's spend, the last answer, the
// path of the last request when it retried or fell back, and what is left on the key. The host adds the command
// link and shows it; building it here keeps it testable without an editor.
import { formatCost, formatDuration, formatTokens, formatUsd } from '../format';
import type { DoneInfo } from '../openrouter/chat';
import type { KeyInfoState } from '../openrouter/key-info';
import type { SpendSummary } from './ledger/totals';
import { KEY_WINDOWS, type KeySpendComparison } from './key-spend';
import { elsewhereSentence } from './key-budget';
import { SURFACE_LABELS, type Surface } from './ledger/surface';

export interface LastAnswer {
  readonly done: DoneInfo;
  readonly surface: Surface;
}

/** The last request's way through retries and fallbacks (`requestPathText`), and where it was made. */
export interface LastPath {
  readonly text: string;
  readonly surface: Surface;
}

export interface SpendTooltipInput {
  readonly summary: SpendSummary;
  readonly last: LastAnswer | undefined;
  readonly path: LastPath | undefined;
  readonly key: KeyInfoState;
  /** The key's spend beside this machine's, when /key was read. */
  readonly comparison?: KeySpendComparison | undefined;
}

const WINDOW_LABEL = { day: 'Today', week: 'This week', month: 'This month' } as const;

/** This machine and the whole key side by side over OpenRouter's UTC windows, and what was spent elsewhere today. */
export function keySpendMarkdown(comparison: KeySpendComparison): string {
  let md = '\n**This machine and the whole key** (UTC days, weeks from Monday, months, as OpenRouter counts them)\n\n';
  md += '| | this machine | whole key | elsewhere |\n|---|---:|---:|---:|\n';
  for (const window of KEY_WINDOWS) {
    const row = comparison.windows[window];
    const unknown = 'not reported';
    md += `| ${WINDOW_LABEL[window]} | ${formatUsd(row.machine)} | ${row.key === undefined ? unknown : formatUsd(row.key)} | `;
    md += `${row.elsewhere === undefined ? unknown : formatUsd(row.elsewhere)} |\n`;
  }
  const day = comparison.windows.day;
  const today = elsewhereSentence(day) ?? (day.elsewhere === undefined ? "Today's spend elsewhere is known at the key's next reading." : 'Nothing spent elsewhere with this key today.');
  md += `\n${today} Both sides count what your own provider keys billed (BYOK).\n`;
  return md;
}

export function spendTooltipMarkdown(input: SpendTooltipInput): string {
  const { summary, last, path, key } = input;
  let md = '**OpenRouter spend**\n\n';
  md += '| | spend | tokens in | tokens out | requests |\n|---|---:|---:|---:|---:|\n';
  for (const [label, total] of [['Session', summary.session], ['Today', summary.today], ['This month', summary.month]] as const) {
    md += `| ${label} | ${formatUsd(total.cost)} | ${formatTokens(total.promptTokens)} | ${formatTokens(total.completionTokens)} | ${total.requests} |\n`;
  }
  if (last) {
    const { done } = last;
    const usage = done.usage;
    md += `\n**Last request** (${SURFACE_LABELS[last.surface]}): \`${done.model}\`${done.provider ? ` via ${done.provider}` : ''}, `;
    md += `${formatTokens(usage?.promptTokens ?? 0)} in${usage?.cachedTokens ? ` (${formatTokens(usage.cachedTokens)} cached)` : ''} / ${formatTokens(usage?.completionTokens ?? 0)} out, `;
    md += `${done.cost ? formatCost(done.cost) : 'cost unknown'}, ${formatDuration(done.durationMs)}`;
    if (done.timeToFirstTokenMs !== undefined) md += ` (first token ${formatDuration(done.timeToFirstTokenMs)})`;
    md += '\n';
  }
  if (path) md += `\n**Last request's path** (${SURFACE_LABELS[path.surface]}): ${escapeMarkdown(path.text)}\n`;
  const info = key.info;
  if (info) {
    md += '\n**Key**';
    if (info.label) md += ` ${escapeMarkdown(info.label)}`;
    md += ': ';
    md += info.limitRemainingUsd !== null ? `${formatUsd(info.limitRemainingUsd)} left of a ${formatUsd(info.limitUsd ?? 0)} limit` : `no limit, ${formatUsd(info.usageUsd)} used`;
    const free = info.freeModelRequests;
    md += free.remaining !== undefined ? `; ${free.remaining} of ${free.limit} free-model requests left today` : `; free models: up to ${free.limit} requests a day`;
    if (info.usageDailyUsd !== undefined && !input.comparison) md += `; OpenRouter counts ${formatUsd(info.usageDailyUsd)} on this key today`;
    md += '\n';
    if (input.comparison) md += keySpendMarkdown(input.comparison);
  } else if (key.error) {
    md += `\nKey info unavailable: ${escapeMarkdown(key.error.message)}\n`;
  }
  return md;
}

/** Text shown as is in Markdown: every character Markdown gives a meaning is escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
