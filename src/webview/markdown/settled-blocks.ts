// The finished blocks of an answer, grouped into chunks of a few blocks each. The browser skips style, layout and
// paint of chunks far from view (content-visibility in markdown.css), so a long answer costs little per frame
// while its end streams in, and little to scroll. Chunking by block count rather than by arrival keeps the DOM the
// same whether an answer streamed in or was rendered at once.
import type { Token } from 'marked';
import { renderFinishedBlocks } from './blocks';
import { decorateCodeBlocks, type CodeActions } from './code-actions';
import { sanitizeToFragment } from './sanitize';

/** Top-level blocks per chunk: few enough to skip most of a long answer, enough to keep the chunks few. */
const BLOCKS_PER_CHUNK = 16;

export class SettledBlocks {
  readonly element: HTMLElement;
  private chunk: HTMLElement | undefined;
  private blocksInChunk = 0;

  constructor(private readonly codeActions: CodeActions) {
    this.element = document.createElement('div');
    this.element.className = 'markdown-settled';
  }

  /** The final rendering of blocks that just finished: highlighted and sanitised once, for good. */
  add(tokens: Token[]): void {
    const fragment = sanitizeToFragment(renderFinishedBlocks(tokens));
    decorateCodeBlocks(fragment, this.codeActions);
    this.append(fragment);
  }

  /** Appends finished blocks; text between them (line breaks) stays with the block before. */
  private append(blocks: DocumentFragment): void {
    // New chunks are filled while detached and attached together: one change to the document, not one per block.
    const newChunks = document.createDocumentFragment();
    for (const node of [...blocks.childNodes]) {
      const isBlock = node.nodeType === Node.ELEMENT_NODE;
      if (!this.chunk || (isBlock && this.blocksInChunk === BLOCKS_PER_CHUNK)) newChunks.append(this.startChunk());
      if (isBlock) this.blocksInChunk++;
      this.chunk?.append(node);
    }
    this.element.append(newChunks);
  }

  clear(): void {
    this.element.replaceChildren();
    this.chunk = undefined;
    this.blocksInChunk = 0;
  }

  private startChunk(): HTMLElement {
    this.chunk = document.createElement('div');
    this.chunk.className = 'markdown-chunk';
    this.blocksInChunk = 0;
    return this.chunk;
  }
}
