// Undo for deleting a chat from the list. The host deletes the chat's file at once and keeps the chat in memory (see
// host/chat/library-effects.ts); for UNDO_DELETE_MS the panel offers "Deleted ‹title› · Undo", then the host forgets
// it. Only the last deletion can be undone, as in an editor's list: deleting another chat ends the undo time of the
// one before.
import type { ConversationEffect } from './conversation-io';

/** How long a deletion can be undone: long enough to notice a slip, short enough that the row does not linger. */
export const UNDO_DELETE_MS = 6000;

/** What the panel shows of the deletion that can be undone. */
export interface UndoableDeletion {
  readonly chatId: string;
  readonly title: string;
}

interface Pending extends UndoableDeletion {
  /** It was the open chat: Undo opens it again, if nothing else was started meanwhile. */
  readonly reopen: boolean;
  /** Which deletion this is: the timer of one undone earlier must not end it. */
  readonly deletion: number;
}

export class DeletionUndo {
  private pending: Pending | undefined;
  private count = 0;

  /** The deletion the panel offers to undo, if any. */
  get undoable(): UndoableDeletion | undefined {
    return this.pending ? { chatId: this.pending.chatId, title: this.pending.title } : undefined;
  }

  /**
   * A chat was deleted: its undo time starts (when the host kept it to bring back), and the one before it, if any,
   * ends now.
   */
  deleted(deleted: Omit<Pending, 'deletion'>, undoable: boolean): ConversationEffect[] {
    const before = this.pending;
    this.count += 1;
    this.pending = undoable ? { ...deleted, deletion: this.count } : undefined;
    return [
      ...(before && before.chatId !== deleted.chatId ? [{ type: 'purgeChat' as const, chatId: before.chatId }] : []),
      ...(this.pending ? [{ type: 'expireUndo' as const, chatId: deleted.chatId, deletion: this.pending.deletion, afterMs: UNDO_DELETE_MS }] : []),
    ];
  }

  /** Undo, while the deletion of `chatId` is still the one that can be undone. */
  undo(chatId: string): ConversationEffect[] {
    const pending = this.pending;
    if (pending?.chatId !== chatId) return [];
    this.pending = undefined;
    return [{ type: 'restoreChat', chatId, reopen: pending.reopen }];
  }

  /** The undo time of deletion `deletion` is over (a later deletion or an undo may have ended it already). */
  expired(chatId: string, deletion: number): ConversationEffect[] {
    if (this.pending?.chatId !== chatId || this.pending.deletion !== deletion) return [];
    this.pending = undefined;
    return [{ type: 'purgeChat', chatId }];
  }
}
