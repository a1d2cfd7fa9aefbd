// The finished lines of a long paragraph that is still streaming. The browser lays out a paragraph as a whole, so
// each word added to a long one costs the layout of all of it: at 2,000 tokens/s a paragraph of a few thousand
// characters takes milliseconds of layout per frame, for every answer on screen. Words added at the end never move
// the lines above the last one (lines are filled one after another), so once a paragraph holds enough open text,
// its complete lines go into a block of their own inside it. The browser keeps that block's layout, and each frame
// lays out only the lines after it. Nothing looks different: the block ends where a line ended, and the rest starts
// a line as it did. Only plain text is split (never a link, code or emphasis, whose box would look different in two
// pieces), and a change of width joins the lines again, since they would now break elsewhere. The paragraph's final
// rendering, or the next parse of the tail, replaces all of it.

/** Open text a paragraph may hold before its complete lines are set apart: laying out this much costs little. */
export const OPEN_TEXT_CHARS = 1000;
export const SETTLED_LINES_CLASS = 'markdown-lines';
/** After a paragraph's last line could not be set apart (it starts inside a link, say): open text to wait for. */
const RETRY_CHARS = 200;
/** How far beside a collapsed space (which has no box of its own) to look for a character that shows. */
const SHOWN_CHAR_LOOKAHEAD = 8;

interface Position {
  node: Text;
  offset: number;
}

export class SettledLines {
  private resizeObserver: ResizeObserver | undefined;
  private width = 0;
  /** The paragraph whose lines could not be set apart last time, and how much open text it had then. */
  private failed: { block: Element; length: number } | undefined;

  /** `root` holds the paragraphs that may be split; a change of its width joins their lines again. */
  constructor(private readonly root: HTMLElement) {}

  /**
   * Sets the complete lines of `block`'s open text apart when there is enough of it. Reads the layout: call it
   * before this frame's changes to the answer, while the last frame's layout still holds.
   */
  settle(block: Element): void {
    const open = openNodes(block);
    const first = open[0];
    const length = textLength(open);
    if (!first || length < OPEN_TEXT_CHARS) return;
    if (this.failed?.block === block && length < this.failed.length + RETRY_CHARS) return;
    const start = lastLineStart(block, open);
    if (!start) {
      this.failed = { block, length };
      return;
    }
    // Read while the layout still holds: the changes below would make the browser lay out again to answer.
    const width = this.root.clientWidth;
    const range = document.createRange();
    range.setStartBefore(first);
    range.setEnd(start.node, start.offset);
    const lines = document.createElement('span');
    lines.className = SETTLED_LINES_CLASS;
    lines.append(range.extractContents());
    start.node.before(lines);
    this.watchWidth(width);
  }

  /** The tail was drawn again from its text: nothing of it is split any more. */
  forget(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
  }

  private watchWidth(width: number): void {
    if (this.resizeObserver) return;
    this.width = width;
    this.resizeObserver = new ResizeObserver(() => {
      if (this.root.clientWidth === this.width) return;
      for (const lines of [...this.root.querySelectorAll(`.${SETTLED_LINES_CLASS}`)]) lines.replaceWith(...lines.childNodes);
      this.forget();
    });
    this.resizeObserver.observe(this.root);
  }
}

/** The nodes of `block` after its settled lines: the text still on open lines. */
function openNodes(block: Element): ChildNode[] {
  const nodes = [...block.childNodes];
  let last = -1;
  nodes.forEach((node, index) => {
    if (node instanceof Element && node.classList.contains(SETTLED_LINES_CLASS)) last = index;
  });
  return nodes.slice(last + 1);
}

function textLength(nodes: readonly ChildNode[]): number {
  return nodes.reduce((sum, node) => sum + (node.textContent?.length ?? 0), 0);
}

/**
 * Where the last line of the open text starts, when that is in plain text right inside `block` and not on its
 * first open line; undefined otherwise (a split there could show differently, so none is made).
 */
function lastLineStart(block: Element, open: readonly ChildNode[]): Position | undefined {
  const lastBox = lastRect(open);
  if (!lastBox) return undefined;
  const onLastLine = (rect: DOMRect): boolean => (rect.top + rect.bottom) / 2 > lastBox.top;
  const texts = open.filter((node): node is Text => node instanceof Text && node.parentNode === block);
  const ends: number[] = [];
  let total = 0;
  for (const text of texts) ends.push((total += text.length));
  const at = (index: number): Position | undefined => {
    const node = texts.findIndex((_, i) => (ends[i] ?? 0) > index);
    const text = texts[node];
    return text ? { node: text, offset: index - ((ends[node] ?? 0) - text.length) } : undefined;
  };
  const isOnLastLine = (index: number): boolean => {
    const position = at(index);
    const rect = position && charRect(position);
    return rect !== undefined && onLastLine(rect);
  };
  // The first plain character on the last line: lines only go down as the text goes on.
  let low = 0;
  let high = total;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (isOnLastLine(middle)) high = middle;
    else low = middle + 1;
  }
  // Spaces before the line's first word stay with the lines above, where they end a line as they did: at the start
  // of the open text they would begin the line with a space.
  let first = low;
  while (first < total && /\s/.test(charAt(at(first)))) first++;
  const start = at(first);
  if (!start || !isOnLastLine(first)) return undefined;
  return endsEarlierLine(start, onLastLine) ? start : undefined;
}

function charAt(position: Position | undefined): string {
  return position ? position.node.data.charAt(position.offset) : '';
}

/** Whether what comes right before `start` is on an earlier line: then `start` begins its line. */
function endsEarlierLine(start: Position, onLastLine: (rect: DOMRect) => boolean): boolean {
  if (start.offset > 0) {
    const rect = charRect({ node: start.node, offset: start.offset - 1 }, -1);
    return rect !== undefined && !onLastLine(rect);
  }
  const previous = start.node.previousSibling;
  if (!previous || (previous instanceof Element && previous.classList.contains(SETTLED_LINES_CLASS))) return false;
  const rect = lastRect([previous]);
  return rect !== undefined && !onLastLine(rect);
}

/**
 * The box of the character at `position`; when it does not show (a collapsed space), the box of the nearest one
 * that does in `direction` (1: after it, -1: before it).
 */
function charRect({ node, offset }: Position, direction: 1 | -1 = 1): DOMRect | undefined {
  const range = document.createRange();
  for (let step = 0; step < SHOWN_CHAR_LOOKAHEAD; step++) {
    const at = offset + step * direction;
    if (at < 0 || at >= node.length) return undefined;
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    const rect = range.getBoundingClientRect();
    if (rect.height > 0) return rect;
  }
  return undefined;
}

/** The last box of the last of `nodes` that shows: on the last line they reach. */
function lastRect(nodes: readonly ChildNode[]): DOMRect | undefined {
  const range = document.createRange();
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    if (!node) continue;
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((rect) => rect.height > 0);
    const last = rects[rects.length - 1];
    if (last) return last;
  }
  return undefined;
}
