// VS Code's chat messages as OpenRouter's. The host reads VS Code's part classes into the plain parts below, so the
// rules (tool results as `tool` messages right after the call, images as data URLs, our reasoning details carried
// back) are pure and tested in Node.
import type { ChatMessage } from '../openrouter/http';

/** The mime type of the data part that carries a turn's reasoning details back to the model with the history. */
export const REASONING_DETAILS_MIME = 'application/vnd.openrouter-chat.reasoning-details+json';

export type LmPart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'data'; readonly mimeType: string; readonly data: Uint8Array }
  | { readonly type: 'toolCall'; readonly callId: string; readonly name: string; readonly input: unknown }
  | { readonly type: 'toolResult'; readonly callId: string; readonly content: readonly LmPart[] };

export interface LmMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly parts: readonly LmPart[];
}

/** Image types the API takes as `image_url` data URLs. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export class LmMessageError extends Error {}

/** Reasoning details of an earlier tool turn, by its call ids, for a VS Code that did not return our data part. */
export type RecallReasoning = (callIds: readonly string[]) => readonly unknown[] | undefined;

/** The request's messages, in order. Throws LmMessageError for what cannot be sent, naming it. */
export function toChatMessages(messages: readonly LmMessage[], recall: RecallReasoning = () => undefined): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const message of messages) {
    if (message.role === 'assistant') out.push(assistantMessage(message.parts, recall));
    else out.push(...userMessages(message.role, message.parts));
  }
  return out;
}

function assistantMessage(parts: readonly LmPart[], recall: RecallReasoning): ChatMessage {
  const text = parts.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  const calls = parts.flatMap((part) => (part.type === 'toolCall' ? [part] : []));
  const message: ChatMessage = { role: 'assistant', content: text || (calls.length > 0 ? null : '') };
  if (calls.length > 0) {
    message['tool_calls'] = calls.map((call) => ({ id: call.callId, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.input ?? {}) } }));
  }
  const carried = parts.find((part) => part.type === 'data' && part.mimeType === REASONING_DETAILS_MIME);
  const details = carried?.type === 'data' ? parseDetails(carried.data) : calls.length > 0 ? recall(calls.map((call) => call.callId)) : undefined;
  if (details) message['reasoning_details'] = details;
  return message;
}

/**
 * A user (or system) message. Tool results go first, each as its own `tool` message: the API wants them right after
 * the assistant message that made the calls, and VS Code puts them in the user message that follows it.
 */
function userMessages(role: 'system' | 'user', parts: readonly LmPart[]): ChatMessage[] {
  const results = parts.flatMap((part) => (part.type === 'toolResult' ? [part] : []));
  const out: ChatMessage[] = results.map((result) => ({ role: 'tool', tool_call_id: result.callId, content: toolResultText(result.content) }));
  const content = parts.flatMap(contentPart);
  if (content.length === 0) return out;
  const onlyText = content.every((part) => part.type === 'text');
  out.push({ role, content: onlyText ? content.map((part) => (part.type === 'text' ? part.text : '')).join('') : content });
  return out;
}

type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

function contentPart(part: LmPart): ContentPart[] {
  switch (part.type) {
    case 'text':
      return part.text ? [{ type: 'text', text: part.text }] : [];
    case 'data':
      if (IMAGE_TYPES.has(part.mimeType)) return [{ type: 'image_url', image_url: { url: `data:${part.mimeType};base64,${toBase64(part.data)}` } }];
      // Our own reasoning details, or data VS Code passes along for its own use: not for the model.
      if (part.mimeType === REASONING_DETAILS_MIME || !part.mimeType.startsWith('image/')) return [];
      throw new LmMessageError(`Images of type ${part.mimeType} cannot be sent; use PNG, JPEG, GIF or WebP.`);
    case 'toolCall':
    case 'toolResult':
      return [];
  }
}

/** A tool's result as the text the model reads: its text parts, in order; anything else is named, not dropped. */
function toolResultText(content: readonly LmPart[]): string {
  return content
    .map((part) => (part.type === 'text' ? part.text : part.type === 'data' ? `[${part.mimeType} data, ${part.data.byteLength} bytes]` : ''))
    .join('');
}

function parseDetails(data: Uint8Array): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(data));
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The data part that carries `details` back with the history. */
export function reasoningDetailsData(details: readonly unknown[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(details));
}

/** Base64 in both extension hosts (the web worker has no Buffer), a chunk at a time so large images do not overflow. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let start = 0; start < bytes.length; start += chunk) binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  return btoa(binary);
}
