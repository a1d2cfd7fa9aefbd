// The compare panel's line from the host, when a page is connected. Numbered messages get their `seq` here, and
// each column's streamed text goes through the chat panel's batcher: four fast columns reach the page in at most
// one message per redraw interval each, never overtaken by a message about the same column posted after them.
import { TextBatcher } from '../conversation/text-batcher';
import type { HostToCompare } from '../../protocol/compare';
import { STREAM_POST_INTERVAL_MS } from '../../protocol/stream-timing';
import type { CompareColumn, Comparison } from './comparison';

type Numbered = Exclude<HostToCompare, { type: 'compare/state' }>;
type Unnumbered<T> = T extends unknown ? Omit<T, 'seq'> : never;

/** The batcher speaks of turns; a column's run is one. */
const turnOf = (columnId: string, run: number): string => `${columnId}:${run}`;

export class CompareChannel {
  private post: ((message: HostToCompare) => void) | undefined;
  private seq = 0;
  private readonly text: TextBatcher;

  constructor(schedule?: ConstructorParameters<typeof TextBatcher>[2]) {
    this.text = new TextBatcher((chunk) => {
      const [columnId = '', run = '0'] = chunk.turnId.split(':');
      this.postNumbered({ type: 'compare/delta', columnId, run: Number(run), text: chunk.text });
    }, STREAM_POST_INTERVAL_MS, schedule);
  }

  connect(post: (message: HostToCompare) => void): void {
    this.post = post;
  }

  disconnect(): void {
    this.post = undefined;
  }

  /** The whole comparison: what a page that has just said it is ready needs. */
  snapshot(comparison: Comparison): void {
    // The columns in the snapshot already hold the text still waiting to be posted.
    this.text.discard();
    this.post?.({ type: 'compare/state', seq: this.seq, comparison });
  }

  appendText(columnId: string, run: number, text: string): void {
    this.text.push({ type: 'chat/delta', turnId: turnOf(columnId, run), text });
  }

  column(column: CompareColumn): void {
    this.text.flush();
    if (column.status !== 'waiting' && column.status !== 'streaming') this.text.ended(turnOf(column.id, column.run));
    this.postNumbered({ type: 'compare/column', column: structuredClone(column) });
  }

  meta(comparison: Comparison): void {
    this.text.flush();
    this.postNumbered({ type: 'compare/meta', revealed: comparison.revealed, ...(comparison.winner ? { winner: comparison.winner } : {}) });
  }

  dispose(): void {
    this.text.dispose();
  }

  private postNumbered(message: Unnumbered<Numbered>): void {
    this.seq += 1;
    this.post?.({ ...message, seq: this.seq } as HostToCompare);
  }
}
