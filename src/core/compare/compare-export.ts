// A comparison as a Markdown document: the prompt, a table of the models with their cost, speed and tokens, then
// each answer under its model's name. The same escaping rules as a chat's export (chat/export.ts): the prompt is
// verbatim, model output is kept as Markdown with any open fence closed, single-line text is escaped.
import { formatDuration, groupDigits } from '../format';
import { closeOpenFence, escapeInline, exactUsd, verbatimBlock } from '../chat/export';
import { columnSpeed, summariseComparison } from './compare-summary';
import type { CompareColumn, Comparison } from './comparison';

const STATUS_WORDS: Record<CompareColumn['status'], string> = {
  waiting: 'not started',
  streaming: 'still streaming',
  done: 'done',
  stopped: 'stopped',
  error: 'failed',
};

/** A model id in a table cell: its own characters, with the pipe that would end the cell escaped. */
function modelCell(model: string): string {
  return escapeInline(model);
}

function tokensPerSecondText(value: number | undefined): string {
  return value === undefined ? '—' : `${value.toFixed(1)} tok/s`;
}

function tableRow(column: CompareColumn, marks: string[]): string {
  const speed = columnSpeed(column);
  const usage = column.meta?.usage;
  const cells = [
    modelCell(column.meta?.model ?? column.model) + (marks.length > 0 ? ` (${marks.join(', ')})` : ''),
    escapeInline(column.meta?.provider ?? '—'),
    column.meta?.cost !== undefined ? `${column.meta.cost.basis === 'estimate' ? '≈' : ''}${exactUsd(column.meta.cost.usd)}` : '—',
    speed.timeToFirstTokenMs !== undefined ? formatDuration(speed.timeToFirstTokenMs) : '—',
    tokensPerSecondText(speed.tokensPerSecond),
    speed.durationMs !== undefined ? formatDuration(speed.durationMs) : '—',
    usage ? groupDigits(usage.promptTokens) : '—',
    usage ? groupDigits(usage.completionTokens) : '—',
    STATUS_WORDS[column.status],
  ];
  return `| ${cells.join(' | ')} |`;
}

export function comparisonToMarkdown(comparison: Comparison): string {
  const summary = summariseComparison(comparison);
  const marksOf = (id: string): string[] => [
    ...(summary.cheapest === id ? ['cheapest'] : []),
    ...(summary.firstToAnswer === id ? ['first to answer'] : []),
    ...(summary.fastestToFinish === id ? ['fastest to finish'] : []),
    ...(comparison.winner === id ? ['picked'] : []),
  ];
  const table = [
    '| Model | Provider | Cost | First token | Speed | Total time | Tokens in | Tokens out | Status |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...comparison.columns.map((column) => tableRow(column, marksOf(column.id))),
  ].join('\n');
  const blocks = ['# Model comparison', '**Prompt**', verbatimBlock(comparison.prompt), table, `**Total cost:** ${exactUsd(summary.totalUsd)}`];
  for (const column of comparison.columns) {
    blocks.push('---', `## ${escapeInline(column.meta?.model ?? column.model)}`);
    if (column.text.trim() !== '') blocks.push(closeOpenFence(column.text.replace(/\r\n?/g, '\n').trimEnd()));
    if (column.error) blocks.push(`> **Error:** ${escapeInline(column.error.message)}`);
    else if (column.text.trim() === '') blocks.push(`*No answer (${STATUS_WORDS[column.status]}).*`);
  }
  return `${blocks.join('\n\n')}\n`;
}
