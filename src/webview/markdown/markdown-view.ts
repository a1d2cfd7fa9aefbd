// One answer's markdown, rendered incrementally while it streams.
//
// The text is split into finished blocks (complete top-level blocks that later text cannot change) and the open
// tail. Only the tail is parsed again, and at most every TAIL_PARSE_INTERVAL_MS: in the frames between, new text
// that cannot be markdown syntax (a run of plain words on the current line) is appended to the last text block as
// it is, so words appear in the frame they arrive and formatting follows within a tenth of a second. When all the
// text since the last parse went in that way, parsing again would draw the same, so the tail is left alone: a long
// paragraph is not rebuilt (and laid out from scratch) ten times a second while it streams. An open fenced
// code block at the end (the usual long tail) is extended every frame by appending to its code element, without
// parsing, until its closing fence arrives.
//
// A block that finishes gets its final rendering (highlighted and sanitised, with code buttons) in the parse that
// finds it finished, and is never rendered again. `render()` does the DOM work and is meant to be called at most
// once per animation frame; the setters only record text.
import type { Links, Token } from 'marked';
import { el } from '../dom';
import { countFinishedTokens, isClosingFence, lexBlocks, openFenceOf, sourceLengthOf, type OpenFence } from './blocks';
import type { CodeActions } from './code-actions';
import { buildOpenBlocks } from './open-blocks';
import { SettledBlocks } from './settled-blocks';
import { SettledLines } from './settled-lines';

/**
 * How often the open tail is parsed while text streams. Each parse costs a fixed ~0.3–0.5 ms (lexing, building the
 * finished blocks and the tail); at every frame that would make a streamed answer cost several times as much to
 * render as the same answer at once.
 */
export const TAIL_PARSE_INTERVAL_MS = 100;
/** The longest run of new text that reads the same whether parsed or not: no line break, nothing markdown uses. */
const PLAIN_RUN = /^[^\n*_`~[\]<>|#\\&!=]*/;
/**
 * Plain text that a parse still draws differently: gfm turns bare URLs, `www.` addresses and e-mail addresses into
 * links. Tested on a run with the word it continues.
 */
const AUTOLINK_HINT = /[:@]|www\./i;
/** The word a plain run continues, when the run starts inside one: how far back to look for its start. */
const WORD_LOOKBACK = 2048;
/** Elements whose text a plain run continues. */
const TEXT_BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd';

interface OpenFenceView extends OpenFence {
  /**
   * The code element that shows the code so far. New code is appended to it as a text node of its own: appending
   * to one growing text node makes the browser re-measure all of it every time.
   */
  code: Element;
}

export class MarkdownView {
  readonly element: HTMLElement;
  private readonly settled: SettledBlocks;
  private readonly tailRoot: HTMLElement;
  private readonly settledLines: SettledLines;
  /**
   * The answer so far, with line endings normalised as the markdown lexer would. Only appended to while streaming
   * (cheap for a JavaScript string); per-frame work reads `tail` instead, so its cost follows the open part of the
   * answer, not the whole of it.
   */
  private source = '';
  private pendingCarriageReturn = false;
  /** The text after the settled blocks. */
  private tail = '';
  /** Length of `tail` the DOM reflects; -1 when the DOM must be rebuilt. */
  private shown = 0;
  private lastTailParse = -Infinity;
  /** Text shown as plain runs since the last parse would be drawn differently by one (it may hold an autolink). */
  private parseNeeded = false;
  private links: Links = {};
  private finished = false;
  private finishRendered = false;
  private openFence: OpenFenceView | undefined;

  constructor(codeActions: CodeActions) {
    this.settled = new SettledBlocks(codeActions);
    this.tailRoot = el('div', { className: 'markdown-tail' });
    this.settledLines = new SettledLines(this.tailRoot);
    this.element = el('div', { className: 'markdown' }, [this.settled.element, this.tailRoot]);
  }

  /**
   * When render() next has work, asked after a render: when the tail's next parse is due if text is waiting for it
   * (text that render() left unshown is markdown syntax, which only a parse can place), never (undefined) when the
   * DOM is up to date.
   */
  nextRenderDelay(now = performance.now()): number | undefined {
    if (!this.isTextStale) return undefined;
    return this.finished || this.shown < 0 ? 0 : Math.max(0, this.lastTailParse + TAIL_PARSE_INTERVAL_MS - now);
  }

  private get isTextStale(): boolean {
    return this.shown !== this.tail.length || this.parseNeeded || (this.finished && !this.finishRendered);
  }

  append(chunk: string): void {
    if (chunk === '') return;
    let text = chunk;
    // "\r\n" split across two chunks must not become two line breaks.
    if (this.pendingCarriageReturn && text.startsWith('\n')) text = text.slice(1);
    this.pendingCarriageReturn = chunk.endsWith('\r');
    const normalised = text.replace(/\r\n?/g, '\n');
    this.source += normalised;
    this.tail += normalised;
  }

  /** Sets the whole text: appends when it extends what is shown, otherwise starts over. */
  setText(text: string): void {
    const normalised = text.replace(/\r\n?/g, '\n');
    this.pendingCarriageReturn = false;
    if (normalised.startsWith(this.source)) {
      this.tail += normalised.slice(this.source.length);
      this.source = normalised;
      return;
    }
    this.source = normalised;
    this.restart();
  }

  /** No more text will come: the next render settles the tail too (highlighted, with code buttons). */
  finish(): void {
    this.finished = true;
  }

  /** Forgets the DOM: the next render parses the whole text again. */
  private restart(): void {
    this.tail = this.source;
    this.shown = -1;
    this.parseNeeded = false;
    this.links = {};
    this.openFence = undefined;
    this.finishRendered = false;
    this.settled.clear();
    this.settledLines.forget();
    this.tailRoot.replaceChildren();
  }

  render(now = performance.now()): void {
    if (this.isTextStale) this.renderText(now);
  }

  private renderText(now: number): void {
    if (this.openFence && !this.finished && this.extendOpenFence()) {
      this.markShown();
      return;
    }
    const mustParse = this.finished || this.openFence !== undefined || this.shown < 0;
    if (!mustParse) {
      const appended = this.appendPlainRun();
      const parseWanted = this.shown !== this.tail.length || this.parseNeeded;
      if (!parseWanted || now - this.lastTailParse < TAIL_PARSE_INTERVAL_MS) {
        if (appended) this.markShown();
        return;
      }
    }
    this.parseTail(now);
    this.markShown();
  }

  private parseTail(now: number): void {
    this.openFence = undefined;
    this.parseNeeded = false;
    this.lastTailParse = now;
    const tail = this.tail;
    const tokens = lexBlocks(tail, this.links);
    const settled = this.finished ? tokens.length : countFinishedTokens(tokens);
    if (settled > 0) {
      this.settled.add(tokens.slice(0, settled));
      this.tail = this.finished ? '' : tail.slice(sourceLengthOf(tail, tokens, settled));
      this.links = { ...this.links, ...tokens.links };
    }
    const open = tokens.slice(settled);
    this.showOpen(open);
    this.shown = this.tail.length;
    this.finishRendered = this.finished;
    if (open.length === 1) this.trackOpenFence(openFenceOf(open[0]));
  }

  /** The blocks still being written, replacing what showed them before (built as DOM: see open-blocks.ts). */
  private showOpen(tokens: Token[]): void {
    this.settledLines.forget();
    this.tailRoot.replaceChildren(buildOpenBlocks(tokens));
  }

  /**
   * How much of the text the DOM reflects, as an attribute: tests and the render benchmark wait for (and time) the
   * display of a given delta with it.
   */
  private markShown(): void {
    this.element.dataset['shownLength'] = String(this.source.length - this.tail.length + this.shown);
  }

  /** Remembers the code element of an open fence so later text can be appended to it directly. */
  private trackOpenFence(fence: OpenFence | undefined): void {
    const code = this.tailRoot.querySelector('pre > code');
    if (!fence || !code || this.tailRoot.querySelectorAll('pre').length !== 1) return;
    code.replaceChildren(this.tail.slice(fence.codeStart));
    this.openFence = { ...fence, code };
  }

  /** Appends new code to an open fence; false when the new text may close it (then the tail is parsed again). */
  private extendOpenFence(): boolean {
    const fence = this.openFence;
    if (!fence) return false;
    const lineStart = this.tail.lastIndexOf('\n', this.shown - 1) + 1;
    const lines = this.tail.slice(lineStart).split('\n');
    lines.pop(); // the last line is incomplete: it can only close the fence once it ends
    if (lines.some((line) => isClosingFence(line, fence.marker))) return false;
    fence.code.append(this.tail.slice(this.shown));
    this.shown = this.tail.length;
    return true;
  }

  /**
   * Appends the plain words that follow what is shown to the tail's last text block; false when there are none
   * (the next text is syntax, or starts a new line, which only a parse can place).
   */
  private appendPlainRun(): boolean {
    const previous = this.tail.charAt(this.shown - 1);
    if (previous === '\n' || previous === '|' || previous === '') return false;
    const run = PLAIN_RUN.exec(this.tail.slice(this.shown))?.[0] ?? '';
    const block = run ? this.lastTextBlock() : null;
    if (!block) return false;
    this.settledLines.settle(block);
    // Markdown drops spaces at the end of a paragraph; the words that follow them need one back.
    const spaceDropped = (previous === ' ' || previous === '\t') && !/\s$/.test(block.lastChild?.textContent ?? '');
    block.append(spaceDropped ? ` ${run}` : run);
    const word = /^\s/.test(run) ? '' : /\S*$/.exec(this.tail.slice(Math.max(0, this.shown - WORD_LOOKBACK), this.shown))?.[0];
    if (AUTOLINK_HINT.test(`${word ?? ''}${run}`)) this.parseNeeded = true;
    this.shown += run.length;
    return true;
  }

  private lastTextBlock(): Element | null {
    const last = this.tailRoot.lastElementChild;
    if (!last) return null;
    const inner = last.querySelectorAll(TEXT_BLOCKS);
    return inner[inner.length - 1] ?? (last.matches(TEXT_BLOCKS) ? last : null);
  }
}
