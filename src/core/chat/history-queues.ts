// The order of chat history's file operations within one window.
//
// Every operation on one chat (save, delete, load) runs in that chat's queue, so writes never interleave and a load
// never sees a half-finished replace. A save or delete that is still queued when a newer one arrives is skipped, and
// its caller waits for the newer one instead: the last state wins, and nothing is written twice for nothing.
// Index updates run in one queue of their own; a chat's task only enqueues its index update (it never waits for the
// index queue), so the index queue can wait for chat queues without a deadlock.

/** A save or delete waiting in a chat's queue; a newer one makes it unnecessary. */
interface ChatOperation {
  done?: Promise<void>;
}

/** The outcome of a queued save or delete: skipped for a newer one, or done with its index update under way. */
interface Outcome {
  readonly supersededBy?: ChatOperation;
  readonly indexed?: Promise<void>;
}

/** One queue: each task starts when the one before it has settled, whether it resolved or rejected. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Resolves when every task queued so far has settled. */
  async idle(): Promise<void> {
    await this.tail;
  }
}

export class ChatQueues {
  /** The tail of each chat's queue; a chat whose queue has run empty has none. */
  private readonly tails = new Map<string, Promise<unknown>>();
  /** The newest save or delete asked for, per chat. */
  private readonly newestOperation = new Map<string, ChatOperation>();

  /** Runs `task` in the chat's queue. */
  run<T>(chatId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(chatId) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(chatId, tail);
    void tail.then(() => {
      if (this.tails.get(chatId) === tail) this.tails.delete(chatId);
    });
    return result;
  }

  /**
   * Queues a save or delete. When it reaches the front of the queue but a newer save or delete of the same chat is
   * already waiting, it is skipped and its caller waits for the newer one. `write` returns the index update to
   * start, which is started inside the chat's turn (keeping index updates in the order of the writes) but not
   * awaited there. Resolves when this operation, or the newer one that replaced it, and its index update are done.
   */
  runNewest(chatId: string, write: () => Promise<() => Promise<void>>): Promise<void> {
    const operation: ChatOperation = {};
    this.newestOperation.set(chatId, operation);
    const queued = this.run(chatId, async (): Promise<Outcome> => {
      const newest = this.newestOperation.get(chatId);
      if (newest && newest !== operation) return { supersededBy: newest };
      try {
        return { indexed: (await write())() };
      } finally {
        if (this.newestOperation.get(chatId) === operation) this.newestOperation.delete(chatId);
      }
    });
    operation.done = queued.then(async ({ supersededBy, indexed }) => {
      if (supersededBy) await supersededBy.done;
      else await indexed;
    });
    return operation.done;
  }

  /** Resolves when every chat's queue, as it is now, has settled. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.tails.values()]);
  }
}
