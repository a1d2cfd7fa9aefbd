// VS Code's message parts read into the plain parts the core converts. Parts are classes of the running VS Code;
// data parts (images, our reasoning details) are not in the 1.100 API, so they are recognised by shape.
import * as vscode from 'vscode';
import type { LmMessage, LmPart } from '../../core/lm/lm-messages';

export function lmMessagesOf(messages: readonly vscode.LanguageModelChatRequestMessage[]): LmMessage[] {
  return messages.map((message) => ({
    role: message.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : message.role === vscode.LanguageModelChatMessageRole.User ? 'user' : 'system',
    parts: message.content.flatMap(partOf),
  }));
}

function partOf(part: unknown): LmPart[] {
  if (part instanceof vscode.LanguageModelTextPart) return [{ type: 'text', text: part.value }];
  if (part instanceof vscode.LanguageModelToolCallPart) return [{ type: 'toolCall', callId: part.callId, name: part.name, input: part.input }];
  if (part instanceof vscode.LanguageModelToolResultPart) return [{ type: 'toolResult', callId: part.callId, content: part.content.flatMap(partOf) }];
  if (isDataPart(part)) return [{ type: 'data', mimeType: part.mimeType, data: part.data }];
  // A prompt-tsx part, or a part of a later VS Code: its text if it has any, so nothing readable is dropped.
  if (typeof part === 'object' && part !== null && 'value' in part && typeof part.value === 'string') return [{ type: 'text', text: part.value }];
  return [];
}

function isDataPart(part: unknown): part is { mimeType: string; data: Uint8Array } {
  return typeof part === 'object' && part !== null && 'mimeType' in part && typeof part.mimeType === 'string' && 'data' in part && part.data instanceof Uint8Array;
}

/** The text of a message, for counting its tokens. */
export function textOf(message: vscode.LanguageModelChatRequestMessage): string {
  return lmMessagesOf([message])
    .flatMap((m) => m.parts)
    .map((part) => (part.type === 'text' ? part.text : part.type === 'toolCall' ? JSON.stringify(part.input) : part.type === 'toolResult' ? part.content.map((p) => (p.type === 'text' ? p.text : '')).join('') : ''))
    .join('');
}
