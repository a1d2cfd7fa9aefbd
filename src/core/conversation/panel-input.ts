// What each of the panel's messages means to the conversation core. Code blocks' buttons are not the core's: they
// act on editors and terminals, and the host runs them directly.
import { assertNever } from '../assert-never';
import type { WebviewToHost } from '../../protocol/messages';
import type { ConversationInput } from './conversation-io';

/** What a code block's buttons send. */
export type CodeBlockMessage = Extract<WebviewToHost, { type: `code/${string}` }>;

export function isCodeBlockMessage(message: WebviewToHost): message is CodeBlockMessage {
  return message.type.startsWith('code/');
}

/** What the composer's completion lists send: the host answers these itself (mentions.ts), outside the conversation. */
export type CompletionMessage = Extract<WebviewToHost, { type: 'completion/query' | 'mention/pick' }>;

export function isCompletionMessage(message: WebviewToHost): message is CompletionMessage {
  return message.type === 'completion/query' || message.type === 'mention/pick';
}

export function panelInput(message: Exclude<WebviewToHost, CodeBlockMessage | CompletionMessage>): ConversationInput {
  switch (message.type) {
    case 'webview/ready':
    case 'webview/resync':
      return { type: 'refresh' };
    case 'chat/send':
      return { type: 'send', text: message.text };
    case 'chat/stop':
      return { type: 'stop' };
    case 'model/pick':
      return { type: 'pickModel', model: message.model };
    case 'chat/regenerate':
      return { type: 'regenerate', turnId: message.turnId, ...(message.model ? { model: message.model } : {}) };
    case 'chat/sendAnyway':
      return { type: 'regenerate', turnId: message.turnId, overBudget: true };
    case 'chat/regenerateWith':
      return { type: 'regenerateWith', turnId: message.turnId };
    case 'chat/retryWithMaxTokens':
      return { type: 'retryWithMaxTokens', turnId: message.turnId, maxTokens: message.maxTokens };
    case 'chat/showVersion':
      return { type: 'showVersion', turnId: message.turnId, version: message.version };
    case 'chat/copy':
      return { type: 'copyAnswer', turnId: message.turnId };
    case 'chat/continue':
      return { type: 'continue', turnId: message.turnId, model: message.model };
    case 'chat/switchModel':
      return { type: 'switchModel', turnId: message.turnId, model: message.model };
    case 'chat/edit':
      return { type: 'edit', turnId: message.turnId, text: message.text };
    case 'chat/new':
      return { type: 'newChat' };
    case 'chat/newFrom':
      return { type: 'newChatFrom', turnId: message.turnId };
    case 'chat/open':
      return { type: 'open', chatId: message.chatId };
    case 'chat/delete':
      return { type: 'delete', chatId: message.chatId };
    case 'chat/undoDelete':
      return { type: 'undoDelete', chatId: message.chatId };
    case 'chat/rename':
      return { type: 'rename', chatId: message.chatId };
    case 'chat/export':
      return { type: 'export', ...(message.chatId ? { chatId: message.chatId } : {}) };
    case 'chats/search':
      return { type: 'searchChats', query: message.query };
    case 'history/older':
      return { type: 'older', chatId: message.chatId, before: message.before, ...(message.count !== undefined ? { count: message.count } : {}) };
    case 'reasoning/effort':
      return { type: 'pickEffort', model: message.model, effort: message.effort };
    case 'composer/draft':
      return { type: 'draft', text: message.text };
    case 'chat/option':
      return { type: 'chatOption', option: message.option, on: message.on };
    case 'context/attach':
      return { type: 'attachContext', kind: message.kind };
    case 'context/attachMedia':
      return { type: 'attachMedia', name: message.name, dataUrl: message.dataUrl, ...(message.thumbnail !== undefined ? { thumbnail: message.thumbnail } : {}) };
    case 'context/dropUris':
      return { type: 'dropUris', uris: message.uris };
    case 'context/remove':
      return { type: 'detach', index: message.index };
    case 'action/run':
      return { type: 'runAction', action: message.action, ...(message.query !== undefined ? { query: message.query } : {}) };
    default:
      return assertNever(message);
  }
}
