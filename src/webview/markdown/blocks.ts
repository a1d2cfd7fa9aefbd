// Markdown -> HTML for finished blocks, plus the rule that decides which blocks of a growing answer are finished.
// The HTML is untrusted: callers always pass it through sanitizeToFragment.
import { Lexer, Marked, type Links, type Token, type Tokens, type TokensList } from 'marked';
import { escapeHtml, highlightCode } from './highlight';

/** The first word of a fence's info string is its language (```ts title="x" -> ts). */
export function fenceLanguage(lang: string | undefined): string {
  return /^[\w+#.-]+/.exec(lang ?? '')?.[0]?.toLowerCase() ?? '';
}

/**
 * Raw HTML in an answer keeps only bare formatting tags (no attributes); every other tag is shown as text. The
 * sanitiser would remove the rest anyway, but parsing it at all makes Chromium report CSP violations for its
 * inline handlers and styles, and what a model wrote is more honestly shown than silently dropped.
 */
const BARE_FORMATTING_TAG = /^<\/?(?:abbr|b|blockquote|br|code|dd|del|details|div|dl|dt|em|h[1-6]|hr|i|ins|kbd|li|mark|ol|p|pre|s|samp|small|span|strong|sub|summary|sup|table|tbody|td|tfoot|th|thead|tr|u|ul)\s*\/?>$/i;

export function filterRawHtml(html: string): string {
  return html.replace(/<[^>]*>?/g, (tag) => (BARE_FORMATTING_TAG.test(tag) ? tag : escapeHtml(tag)));
}

const finishedMarked = new Marked({ gfm: true, async: false }).use({
  renderer: {
    code({ text, lang }: Tokens.Code): string {
      const language = fenceLanguage(lang);
      const languageClass = language ? ` language-${escapeHtml(language)}` : '';
      return `<pre><code class="hljs${languageClass}">${highlightCode(text, language)}</code></pre>\n`;
    },
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return filterRawHtml(text);
    },
    // Images are never loaded (they could track the reader): a placeholder says what and where they are.
    image({ href, text }: Tokens.Image): string {
      return `<span class="image-placeholder">${escapeHtml(imagePlaceholder(href, text))}</span>`;
    },
    // A task list shows its state as text: form controls are not on the sanitiser's allow-list.
    checkbox({ checked }: Tokens.Checkbox): string {
      return checked ? '☑ ' : '☐ ';
    },
  },
});

/** Finished blocks as HTML, highlighted; rendered once and kept for good (after sanitising). */
export function renderFinishedBlocks(tokens: Token[]): string {
  return finishedMarked.parser(tokens);
}

export function imagePlaceholder(href: string | undefined, alt: string | undefined): string {
  return `[image${alt ? `: ${alt}` : ''}${href ? ` (${href.slice(0, 200)})` : ''}]`;
}

/** Top-level tokens of `source`. `links` carries reference definitions seen in earlier, already settled text. */
export function lexBlocks(source: string, links: Links): TokensList {
  const lexer = new Lexer({ gfm: true });
  Object.assign(lexer.tokens.links, links);
  return lexer.lex(source);
}

/**
 * How many leading tokens are finished: adding text at the end can no longer change them. That is every token
 * before the last non-blank one, unless that one might still join the block before it: its first line is not
 * complete yet and starts like a list item or an indented continuation ("2" after an ordered list item may become
 * "2. next item"). Paragraphs are usually one long line, so waiting for a complete line would keep the previous
 * block open (and parsed again) for as long as the next one streams.
 */
export function countFinishedTokens(tokens: readonly Token[]): number {
  let last = tokens.length - 1;
  while (last >= 0 && tokens[last]?.type === 'space') last--;
  if (last <= 0) return 0;
  const raw = tokens[last]?.raw ?? '';
  return raw.includes('\n') || !/^[\s\-+*\d]/.test(raw) ? last : 0;
}

/**
 * Characters of `source` the first `count` tokens cover. Tokens are found by their raw text rather than summed,
 * because the lexer keeps link reference definitions out of the token list.
 */
export function sourceLengthOf(source: string, tokens: readonly Token[], count: number): number {
  let position = 0;
  for (let i = 0; i < count; i++) {
    const raw = tokens[i]?.raw ?? '';
    const found = source.indexOf(raw, position);
    position = found < 0 ? position + raw.length : found + raw.length;
  }
  return position;
}

const FENCE_OPENING = /^(`{3,}|~{3,})[^\n]*\n/;

/** An open fenced code block at the end of an answer: the common case of a long tail, kept cheap to extend. */
export interface OpenFence {
  marker: string;
  /** Where the code starts in the token's raw text (after the opening line). */
  codeStart: number;
}

/** The fence `token` opens, if it is a fenced code block whose closing fence has not arrived yet. */
export function openFenceOf(token: Token | undefined): OpenFence | undefined {
  if (token?.type !== 'code') return undefined;
  const opening = FENCE_OPENING.exec(token.raw);
  const fence = opening?.[1];
  if (!opening || !fence) return undefined;
  const lines = token.raw.slice(opening[0].length).split('\n');
  if (lines.some((line) => isClosingFence(line, fence))) return undefined;
  return { marker: fence, codeStart: opening[0].length };
}

/** Whether `line` may close (or is the start of a line that may close) a block opened with `marker`. */
export function isClosingFence(line: string, marker: string): boolean {
  const trimmed = line.replace(/^ {0,3}/, '');
  const fenceChar = marker.charAt(0);
  let run = 0;
  while (trimmed.charAt(run) === fenceChar) run++;
  return run >= marker.length && trimmed.slice(run).trim() === '';
}
