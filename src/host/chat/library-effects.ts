import type { ChatSearch } from '../../core/chat/history-search';
import type { Chat } from '../../core/chat/model';
import { assertNever } from '../../core/assert-never';
import type { ConversationEffect, ConversationInput } from '../../core/conversation/conversation-io';
import { Disposable } from '../disposable';
import type { ChatLibrary } from './chat-library';

/** The effects that read and change the saved chats. */
export type LibraryEffect = Extract<ConversationEffect, {
  type: 'loadChat' | 'deleteChat' | 'expireUndo' | 'restoreChat' | 'purgeChat' | 'renameChat' | 'searchChats' | 'export' | 'exportSaved';
}>;

const LIBRARY_EFFECTS: ReadonlySet<ConversationEffect['type']> = new Set<LibraryEffect['type']>([
  'loadChat', 'deleteChat', 'expireUndo', 'restoreChat', 'purgeChat', 'renameChat', 'searchChats', 'export', 'exportSaved',
]);

export function isLibraryEffect(effect: ConversationEffect): effect is LibraryEffect {
  return LIBRARY_EFFECTS.has(effect.type);
}

/**
 * Carries out the conversation core's effects on the saved chats (open, delete with undo, rename, search, export)
 * and reports back through `feed`, which resolves once the core's answer to it has been run.
 */
export class LibraryEffects extends Disposable {
  private readonly undoTimers = new Set<ReturnType<typeof setTimeout>>();
  /**
   * Deleted chats, kept in memory while they can be undone; the file is gone at once. A window closed meanwhile
   * simply keeps the deletion, and nothing is left on disk for another window to trip over.
   */
  private readonly deleted = new Map<string, Chat>();

  constructor(
    private readonly library: ChatLibrary,
    private readonly search: ChatSearch,
    private readonly feed: (input: ConversationInput) => Promise<void>,
    /** Runs a change of the history files in turn with the chat's own saves, so none lands after a delete. */
    private readonly write: (work: () => Promise<void>) => Promise<void>,
  ) {
    super();
    this._register({ dispose: () => this.undoTimers.forEach((timer) => clearTimeout(timer)) });
  }

  async run(effect: LibraryEffect): Promise<void> {
    switch (effect.type) {
      case 'loadChat': {
        const chat = await this.library.open(effect.chatId);
        // One that cannot be read has been dropped from the list (having said so): the panel gets the list again.
        return this.feed(chat ? { type: 'openChat', chat } : { type: 'chats', chats: this.library.chats });
      }
      case 'deleteChat': {
        let deleted: Awaited<ReturnType<ChatLibrary['deleteForUndo']>> | undefined;
        await this.write(async () => void (deleted = await this.library.deleteForUndo(effect.chatId)));
        // Not deleted (the write failed, and the log says why): the list stays as it is.
        if (!deleted) return this.feed({ type: 'chats', chats: this.library.chats });
        const { chat, chats } = deleted;
        if (chat) this.deleted.set(chat.id, chat);
        return this.feed({ type: 'chatDeleted', chatId: effect.chatId, chats, undoable: chat !== undefined });
      }
      case 'expireUndo': {
        const timer = setTimeout(() => {
          this.undoTimers.delete(timer);
          void this.feed({ type: 'undoExpired', chatId: effect.chatId, deletion: effect.deletion });
        }, effect.afterMs);
        this.undoTimers.add(timer);
        return;
      }
      case 'restoreChat': {
        const kept = this.deleted.get(effect.chatId);
        this.deleted.delete(effect.chatId);
        let chat: Chat | undefined;
        if (kept) await this.write(async () => void (chat = await this.library.undelete(kept)));
        return this.feed({ type: 'chatRestored', chatId: effect.chatId, chat, chats: this.library.chats, reopen: effect.reopen });
      }
      case 'purgeChat':
        this.deleted.delete(effect.chatId);
        return;
      case 'renameChat':
        return this.library.rename(effect.chatId, effect.open);
      case 'searchChats': {
        const result = await this.search.run(effect.query);
        if (result) await this.feed({ type: 'chatsFound', result });
        return;
      }
      case 'export':
      case 'exportSaved':
        await this.library.export(effect.type === 'export' ? effect.chat : effect.chatId);
        return;
      default:
        assertNever(effect);
    }
  }
}
