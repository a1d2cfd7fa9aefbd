// Undo for deleting a chat from the list. The host moves a deleted chat to the trash (see history-store.ts); for
// UNDO_DELETE_MS the panel offers "Deleted ‹title› · Undo", then the trash file is removed for good. Only the last
// deletion can be undone, as in an editor's list: deleting another chat ends the undo time of the one before.
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
}

export class DeletionUndo {
  private pending: Pending | undefined;

  /** The deletion the panel offers to undo, if any. */
  get undoable(): UndoableDeletion | undefined {
    return this.pending ? { chatId: this.pending.chatId, title: this.pending.title } : undefined;
  }

  /** A chat went to the trash: its undo time starts, and the one before it, if any, ends now. */
  deleted(deletion: Pending): ConversationEffect[] {
    const before = this.pending;
    this.pending = deletion;
    return [
      ...(before && before.chatId !== deletion.chatId ? [{ type: 'purgeChat' as const, chatId: before.chatId }] : []),
      { type: 'expireUndo', chatId: deletion.chatId, afterMs: UNDO_DELETE_MS },
    ];
  }

  /** Undo, while the deletion of `chatId` is still the one that can be undone. */
  undo(chatId: string): ConversationEffect[] {
    const pending = this.pending;
    if (pending?.chatId !== chatId) return [];
    this.pending = undefined;
    return [{ type: 'restoreChat', chatId, reopen: pending.reopen }];
  }

  /** The undo time of `chatId` is over (a later deletion or an undo may have ended it already). */
  expired(chatId: string): ConversationEffect[] {
    if (this.pending?.chatId !== chatId) return [];
    this.pending = undefined;
    return [{ type: 'purgeChat', chatId }];
  }
}
