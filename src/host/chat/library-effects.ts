import type { ChatSearch } from '../../core/chat/history-search';
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

  constructor(
    private readonly library: ChatLibrary,
    private readonly search: ChatSearch,
    private readonly feed: (input: ConversationInput) => Promise<void>,
  ) {
    super();
    this._register({ dispose: () => this.undoTimers.forEach((timer) => clearTimeout(timer)) });
  }

  async run(effect: LibraryEffect): Promise<void> {
    switch (effect.type) {
      case 'loadChat': {
        const chat = await this.library.open(effect.chatId);
        return this.feed(chat ? { type: 'openChat', chat } : { type: 'refresh' });
      }
      case 'deleteChat': {
        const chats = await this.library.trash(effect.chatId);
        return this.feed({ type: 'chatDeleted', chatId: effect.chatId, chats });
      }
      case 'expireUndo': {
        // A window closed before this fires leaves the chat in the trash: the deletion stands (history-store.ts).
        const timer = setTimeout(() => {
          this.undoTimers.delete(timer);
          void this.feed({ type: 'undoExpired', chatId: effect.chatId });
        }, effect.afterMs);
        this.undoTimers.add(timer);
        return;
      }
      case 'restoreChat': {
        const chat = await this.library.restoreDeleted(effect.chatId);
        return this.feed({ type: 'chatRestored', chatId: effect.chatId, chat, chats: this.library.chats, reopen: effect.reopen });
      }
      case 'purgeChat':
        return this.library.purge(effect.chatId);
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
