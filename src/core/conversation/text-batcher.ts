// Streamed text on its way to the panel, merged into one message per interval. The first chunk after a quiet spell
// goes at once, and so does the first chunk of each kind of an answer, even in the middle of an interval (its first
// words after its reasoning, or after another answer's text): how soon an answer starts to show is what a person
// feels most. Other chunks arriving within the interval wait and go together when it ends. A chunk is merged into the
// last one waiting for its answer when that is of the same kind (answer text or reasoning), so each answer's text and
// reasoning go in the order they arrived, and answers streaming side by side (a comparison's columns, whose chunks
// take turns) still go as one message each per interval.

export interface TextChunk {
  type: 'chat/delta' | 'chat/reasoning';
  turnId: string;
  text: string;
}

/** Runs `callback` after `ms`; returns what cancels it. */
export type Schedule = (callback: () => void, ms: number) => () => void;

const scheduleTimer: Schedule = (callback, ms) => {
  const handle = setTimeout(callback, ms);
  return () => clearTimeout(handle);
};

export class TextBatcher {
  private waiting: TextChunk[] = [];
  private cancelInterval: (() => void) | undefined;
  /** The kinds of text each answer has sent already, as `kind turnId`. */
  private readonly begun = new Set<string>();

  constructor(
    private readonly send: (chunk: TextChunk) => void,
    private readonly intervalMs: number,
    private readonly schedule: Schedule = scheduleTimer,
  ) {}

  push(chunk: TextChunk): void {
    const kind = `${chunk.type} ${chunk.turnId}`;
    if (!this.begun.has(kind)) {
      this.begun.add(kind);
      // What waits came first and goes first.
      this.flush();
      this.send(chunk);
      if (!this.cancelInterval) this.startInterval();
      return;
    }
    if (!this.cancelInterval) {
      this.send(chunk);
      this.startInterval();
      return;
    }
    const last = this.lastWaitingFor(chunk.turnId);
    if (last && last.type === chunk.type) last.text += chunk.text;
    else this.waiting.push({ ...chunk });
  }

  /** Sends what is waiting now: called before any other message, which must not overtake it. */
  flush(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const chunk of waiting) this.send(chunk);
  }

  /** Drops what is waiting: a snapshot about to be sent already holds it. */
  discard(): void {
    this.waiting = [];
  }

  /** The answer has ended: if it is asked again, the new version's first words go at once too. */
  ended(turnId: string): void {
    this.begun.delete(`chat/delta ${turnId}`);
    this.begun.delete(`chat/reasoning ${turnId}`);
  }

  dispose(): void {
    this.cancelInterval?.();
    this.cancelInterval = undefined;
    this.waiting = [];
  }

  private lastWaitingFor(turnId: string): TextChunk | undefined {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const chunk = this.waiting[i];
      if (chunk?.turnId === turnId) return chunk;
    }
    return undefined;
  }

  private startInterval(): void {
    this.cancelInterval = this.schedule(() => {
      this.cancelInterval = undefined;
      if (this.waiting.length === 0) return;
      this.flush();
      this.startInterval();
    }, this.intervalMs);
  }
}
