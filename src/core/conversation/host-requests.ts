// The panel's requests that the host carries out (pickers, the clipboard, the history files, the editor), each
// checked against the conversation first so the host is asked only for what can still be done.
import { assertNever } from '../assert-never';
import type { Attachment, Chat } from '../chat/model';
import { attachedWhole } from './attachments';
import type { ConversationEffect, ConversationInput } from './conversation-io';

export type HostRequestInput = Extract<ConversationInput, {
  type: 'regenerateWith' | 'copyAnswer' | 'open' | 'delete' | 'rename' | 'searchChats' | 'attachContext' | 'dropUris' | 'runAction' | 'export';
}>;

/** What the conversation shows of itself to decide. */
export interface ConversationView {
  chat: Chat;
  attachments: readonly Attachment[];
  canRegenerate(turnId: string): boolean;
}

/** The effect that carries out `input`, or none when there is nothing to do. */
export function hostRequest(input: HostRequestInput, view: ConversationView): ConversationEffect | undefined {
  switch (input.type) {
    case 'regenerateWith':
      // Asked only for an answer that can still be regenerated, so the picker never opens for nothing.
      return view.canRegenerate(input.turnId) ? { type: 'pickModelFor', turnId: input.turnId } : undefined;
    case 'copyAnswer': {
      const turn = view.chat.turns.find((t) => t.role === 'assistant' && t.id === input.turnId);
      return turn?.text ? { type: 'copy', text: turn.text, what: 'Answer' } : undefined;
    }
    case 'open':
      return input.chatId !== view.chat.id ? { type: 'loadChat', chatId: input.chatId } : undefined;
    case 'delete':
      return { type: 'deleteChat', chatId: input.chatId };
    case 'rename':
      return { type: 'renameChat', chatId: input.chatId, open: view.chat };
    case 'searchChats':
      return { type: 'searchChats', query: input.query };
    case 'attachContext':
      return { type: 'capture', kind: input.kind, skip: attachedWhole(view.attachments) };
    case 'dropUris':
      return { type: 'readDropped', uris: input.uris };
    case 'runAction':
      return { type: 'runAction', action: input.action, ...(input.query !== undefined ? { query: input.query } : {}) };
    case 'export':
      return input.chatId && input.chatId !== view.chat.id ? { type: 'exportSaved', chatId: input.chatId } : { type: 'export', chat: view.chat };
    default:
      return assertNever(input);
  }
}
