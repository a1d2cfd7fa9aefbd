// What each of the panel's messages means: most are the conversation core's own inputs; the rest need the editor
// (pickers, the clipboard, files, other commands) and are the host's to run.
import { assertNever } from '../assert-never';
import type { WebviewToHost } from '../../protocol/messages';
import type { ConversationInput } from './conversation-io';

/** The panel's messages the host runs itself, before (or instead of) telling the core. */
export type HostMessage = Extract<WebviewToHost, {
  type: 'chat/send' | 'chat/regenerateWith' | 'chat/copy' | 'chat/open' | 'chat/delete' | 'chat/rename' | 'context/attach' | 'action/run' | `code/${string}`;
}>;

export type RoutedMessage = { to: 'core'; input: ConversationInput } | { to: 'host'; message: HostMessage };

export function routePanelMessage(message: WebviewToHost): RoutedMessage {
  const core = (input: ConversationInput): RoutedMessage => ({ to: 'core', input });
  switch (message.type) {
    case 'webview/ready':
    case 'webview/resync':
      return core({ type: 'refresh' });
    case 'chat/stop':
      return core({ type: 'stop' });
    case 'chat/regenerate':
      return core({ type: 'regenerate', turnId: message.turnId });
    case 'chat/continue':
      return core({ type: 'continue', turnId: message.turnId, model: message.model });
    case 'chat/edit':
      return core({ type: 'edit', turnId: message.turnId, text: message.text });
    case 'chat/new':
      return core({ type: 'newChat' });
    case 'chat/newFrom':
      return core({ type: 'newChatFrom', turnId: message.turnId });
    case 'chat/export':
      return core({ type: 'export', ...(message.chatId ? { chatId: message.chatId } : {}) });
    case 'history/older':
      return core({ type: 'older', chatId: message.chatId, before: message.before });
    case 'composer/draft':
      return core({ type: 'draft', text: message.text });
    case 'context/remove':
      return core({ type: 'detach', index: message.index });
    case 'chat/send':
    case 'chat/regenerateWith':
    case 'chat/copy':
    case 'chat/open':
    case 'chat/delete':
    case 'chat/rename':
    case 'context/attach':
    case 'action/run':
    case 'code/copy':
    case 'code/insert':
    case 'code/apply':
    case 'code/newFile':
    case 'code/terminal':
      return { to: 'host', message };
    default:
      return assertNever(message);
  }
}
