// A chat as a Markdown document: what the user asked, what each model answered (the version shown, then the others
// Regenerate kept), and the honest footer of every answer (who answered, through which provider, tokens, cost,
// timings), with the total cost at the end.
//
// Who controls which text decides how it is written:
// - The user's messages go into a tilde-fenced code block whose fence is longer than any run of tildes inside, so
//   nothing a user types (headings, `---`, HTML, an unclosed ``` or `<!--`) can reach the document's structure, and
//   the export shows exactly what was sent. A blockquote was the alternative; it would render the user's Markdown,
//   but raw HTML such as `<!--` escapes a blockquote once rendered.
// - Model output is Markdown already and is kept as is. The one repair: an answer that stopped inside a code
//   fence (a stopped or failed stream often does) gets the fence closed, or the rest of the document would be code.
// - Titles, labels, provider names and error messages are single-line text: whitespace is collapsed and Markdown
//   punctuation backslash-escaped. Model ids go into code spans.
import { formatDuration, groupDigits, sourceName } from '../format';
import { sumUsd } from '../spend/usd';
import { longestRun } from './fence';
import type { AnswerCost } from '../spend/answer-cost';
import { searchFactText } from '../spend/search-cost';
import { citationDomain, webUrl, type Citation } from './citations';
import { allVersions, MAX_ANSWER_VERSIONS, versionPosition } from './answer-versions';
import { mediaPlaceholder } from './content-parts';
import { isMedia } from './media-attachment';
import {
  chatCosts, shownStatus, type AnswerError, type AnswerMeta, type AnswerVersion, type AssistantTurn, type Attachment, type Chat, type Notice, type Turn,
  type UserTurn,
} from './model';

const NOTICE_LABEL: Record<Notice['kind'], string> = {
  retry: 'Retry',
  fallback: 'Fallback',
  waiting: 'Waiting',
  clamped: 'Clamped',
  info: 'Note',
};

export function chatToMarkdown(chat: Chat): string {
  const blocks: string[] = [`# ${escapeInline(chat.title) || 'Untitled chat'}`, chatHeader(chat)];
  for (const turn of chat.turns) blocks.push('---', ...turnBlocks(turn));
  blocks.push('---', totalLine(chat.turns));
  return `${blocks.join('\n\n')}\n`;
}

function chatHeader(chat: Chat): string {
  const parts = [`Started ${utcMinute(chat.createdAt)}`, `last updated ${utcMinute(chat.updatedAt)}`, `model ${codeSpan(chat.model)}`];
  if (chat.preset !== undefined) parts.push(`preset ${escapeInline(chat.preset)}`);
  return `*${parts.join(' · ')}*`;
}

function turnBlocks(turn: Turn): string[] {
  return turn.role === 'user' ? userBlocks(turn) : assistantBlocks(turn);
}

function userBlocks(turn: UserTurn): string[] {
  const blocks = ['**You**'];
  if (turn.text.length > 0) blocks.push(verbatimBlock(turn.text));
  if (turn.attachments.length > 0) blocks.push(`Attached: ${turn.attachments.map(attachmentLabel).join('; ')}`);
  // A command's bubble shows only `/name`: the instruction the model got in its place is written out too.
  if (turn.command) blocks.push(`*Instruction sent for ${escapeInline(`/${turn.command.name}`)}:*`, verbatimBlock(turn.command.instruction));
  return blocks;
}

function attachmentLabel(attachment: Attachment): string {
  // Images and PDFs are never written into the document (no inline HTML, no megabytes of base64): a line says what was there.
  if (isMedia(attachment)) return `${escapeInline(mediaPlaceholder(attachment))} (not included in the export)`;
  return `${escapeInline(attachment.label)} (${attachment.kind}, ${groupDigits(attachment.tokens)} tokens)`;
}

/** The answer shown in the chat, then the other versions Regenerate kept, each under a line that says which. */
function assistantBlocks(turn: AssistantTurn): string[] {
  const blocks = ['**Assistant**', ...versionBlocks(turn)];
  const { shown, count } = versionPosition(turn);
  allVersions(turn).forEach((version, index) => {
    if (index === shown) return;
    const heading = [`**${index < shown ? 'Earlier' : 'Later'} answer ${index + 1} of ${count}**`];
    if (version.meta) heading.push(codeSpan(version.meta.model));
    if (version.meta?.cost !== undefined) heading.push(costText(version.meta.cost));
    blocks.push(heading.join(' · '), ...versionBlocks(version));
  });
  const dropped = turn.droppedCosts?.length ?? 0;
  if (dropped > 0) blocks.push(`*${dropped} more earlier ${dropped === 1 ? 'answer was' : 'answers were'} let go beyond the ${MAX_ANSWER_VERSIONS} kept; the total cost counts ${dropped === 1 ? 'it' : 'them'}.*`);
  return blocks;
}

function versionBlocks(version: AnswerVersion): string[] {
  const blocks: string[] = [];
  if (version.notices.length > 0) blocks.push(version.notices.map((notice) => `> *${NOTICE_LABEL[notice.kind]}:* ${escapeInline(notice.text)}`).join('\n>\n'));
  if (version.text.length > 0) blocks.push(closeOpenFence(version.text.replace(/\r\n?/g, '\n').replace(/\s+$/, '')));
  if (version.status === 'stopped') blocks.push('*Stopped before the answer was complete.*');
  if (version.status === 'streaming') blocks.push('*Still answering when exported; the answer may be incomplete.*');
  if (version.error) blocks.push(errorLine(version.error));
  if (version.meta?.citations?.length) blocks.push(sourcesBlock(version.meta.citations));
  if (version.meta) blocks.push(footerLine(version.meta));
  return blocks;
}

/** The web sources as a numbered list: the title linking to its page (only a web link), and the domain. */
function sourcesBlock(citations: readonly Citation[]): string {
  return ['**Sources:**', '', ...citations.map((citation, index) => {
    const url = webUrl(citation.url);
    const domain = escapeInline(citationDomain(citation.url));
    const title = escapeInline(citation.title || citationDomain(citation.url) || citation.url);
    return `${index + 1}. ${url ? `[${title}](<${url}>)` : title}${domain ? ` (${domain})` : ''}`;
  })].join('\n');
}

function costText(cost: AnswerCost): string {
  return cost.basis === 'estimate' ? `~${exactUsd(cost.usd)} (estimate)` : exactUsd(cost.usd);
}

function errorLine(error: AnswerError): string {
  const details = [escapeInline(error.kind)];
  const status = shownStatus(error.status);
  if (status !== undefined) details.push(`HTTP ${status}`);
  if (error.source !== undefined) details.push(`from ${escapeInline(sourceName(error.source))}`);
  const detail = error.detail ? ` ${escapeInline(sourceName(error.source))} said: ${escapeInline(error.detail)}` : '';
  return `**Error** (${details.join(', ')}): ${escapeInline(error.message)}${detail}`;
}

/** One line: model (and the route to it), provider, tokens, cost, time to first token, duration. */
function footerLine(meta: AnswerMeta): string {
  let answeredBy = `Answered by ${codeSpan(meta.model)}`;
  const route: string[] = [];
  if (meta.requestedModel !== meta.model) route.push(`requested ${codeSpan(meta.requestedModel)}`);
  if (meta.fallbackPath.length > 1) route.push(`tried ${meta.fallbackPath.map(codeSpan).join(' → ')}`);
  if (route.length > 0) answeredBy += ` (${route.join('; ')})`;
  const parts = [answeredBy];
  if (meta.provider !== undefined) parts.push(`via ${escapeInline(meta.provider)}`);
  if (meta.usage) {
    const { promptTokens, completionTokens, cachedTokens, cacheWriteTokens, reasoningTokens } = meta.usage;
    const input = [cachedTokens > 0 ? `${groupDigits(cachedTokens)} cached` : '', cacheWriteTokens > 0 ? `${groupDigits(cacheWriteTokens)} written to cache` : ''].filter(Boolean);
    const output = reasoningTokens > 0 ? ` (${groupDigits(reasoningTokens)} reasoning)` : '';
    parts.push(`${groupDigits(promptTokens)} tokens in${input.length > 0 ? ` (${input.join(', ')})` : ''}, ${groupDigits(completionTokens)} out${output}`);
  }
  if (meta.cost !== undefined) parts.push(costText(meta.cost));
  if (meta.webSearch) parts.push(searchFactText(meta.webSearch, exactUsd));
  if (meta.timeToFirstTokenMs !== undefined) parts.push(`first token after ${formatDuration(meta.timeToFirstTokenMs)}`);
  if (meta.durationMs !== undefined) parts.push(`took ${formatDuration(meta.durationMs)}`);
  return parts.join(' · ');
}

/**
 * The exact sum of every answer's cost, every version kept or let go included (see src/core/spend/usd.ts), and
 * whether any of it is an estimate.
 */
function totalLine(turns: readonly Turn[]): string {
  const costs = chatCosts(turns);
  const estimated = costs.some((cost) => cost.basis === 'estimate');
  return `**Total cost:** ${exactUsd(sumUsd(costs.map((cost) => cost.usd)))}${estimated ? ' (includes estimates)' : ''}`;
}

// ---- Markdown building blocks; exported for their tests ----

/** Backslash-escapes what Markdown (and GitHub's `$` math) would interpret in one line of plain text. */
export function escapeInline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>#!|~&$]/g, '\\$&');
}

/** A code span that holds any text: the backtick fence is longer than any run inside, padded when needed. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  const fence = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || /^ .* $/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Text shown exactly as written: a `~` fence longer than any run of tildes in it, so no line inside can close it. */
export function verbatimBlock(text: string): string {
  const body = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  const fence = '~'.repeat(Math.max(3, longestRun(body, '~') + 1));
  return `${fence}text\n${body}\n${fence}`;
}

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Appends a closing fence when `markdown` ends inside a fenced code block (CommonMark's rules, top level only). */
export function closeOpenFence(markdown: string): string {
  let open: string | undefined;
  for (const line of markdown.split('\n')) {
    const match = FENCE_LINE.exec(line);
    const run = match?.[1];
    if (run === undefined) continue;
    const rest = match?.[2] ?? '';
    if (open === undefined) {
      // A backtick fence's info string may not contain backticks; such a line is inline code, not a fence.
      if (!(run.startsWith('`') && rest.includes('`'))) open = run;
    } else if (run[0] === open[0] && run.length >= open.length && rest.trim() === '') {
      open = undefined;
    }
  }
  return open === undefined ? markdown : `${markdown}\n${open}`;
}

/** A USD amount with every digit it has (no rounding to cents, no exponent): `$0.00000015`, `$0.10`. */
export function exactUsd(amount: number): string {
  if (!Number.isFinite(amount)) return '$?';
  const sign = amount < 0 ? '-' : '';
  const [whole = '0', fraction = ''] = plainDecimal(Math.abs(amount)).split('.');
  return `${sign}$${whole}.${fraction.padEnd(2, '0')}`;
}

/** The shortest round-tripping decimal of a non-negative number, written out without an exponent. */
function plainDecimal(value: number): string {
  const text = String(value);
  const match = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, intPart = '', fracPart = '', exponent = '0'] = match;
  const digits = intPart + fracPart;
  const point = intPart.length + Number(exponent);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

function utcMinute(epochMs: number): string {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? 'an unknown time' : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
