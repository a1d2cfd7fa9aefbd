// Where a request marks its prompt-cache breakpoints, by model family. Caching pays only when the next turn reads
// back what this one wrote, so the marks go on the prompt's stable prefix: the system prompt and the instructions
// (the same in every turn, so they survive an edit or a regenerate) and the conversation so far (which the next turn
// repeats word for word before its new question).
//
// - Anthropic caches nothing without a mark. A top-level `cache_control` marks the last cacheable block, tool
//   results included, and block marks keep the system prompt and instructions cached on their own; Anthropic allows
//   four marks, this uses at most three. The TTL is Anthropic's: 5 minutes, or 1 hour at a dearer write.
// - Gemini and Qwen cache through OpenRouter only with block marks (Gemini uses the last one), with a lifetime of
//   their own, so they get no TTL.
// - OpenAI, DeepSeek, Grok and the rest cache on their own: nothing is added.
//
// Pure, and linear in the number of messages: only the marked messages are copied.
import type { ChatMessage, ChatRequest } from './http';

export type CacheTtl = '5m' | '1h';

export type CacheFamily = 'anthropic' | 'block' | 'automatic';

export interface CacheControl {
  readonly type: 'ephemeral';
  readonly ttl?: '1h';
}

export interface CacheBreakpoints {
  readonly messages: readonly ChatMessage[];
  /** Anthropic's top-level mark, when the family takes one. */
  readonly cacheControl?: CacheControl;
}

/** Leading system messages marked at most: the settings' system prompt and a preset's instructions. */
const MAX_SYSTEM_MARKS = 2;

/** How a model caches behind OpenRouter, from its id (a catalogue `:variant` suffix does not change it). */
export function cacheFamily(model: string): CacheFamily {
  const id = model.toLowerCase();
  if (id.startsWith('anthropic/')) return 'anthropic';
  if (id.startsWith('google/gemini') || id.startsWith('qwen/')) return 'block';
  return 'automatic';
}

/** The messages with their breakpoints, and Anthropic's top-level mark; other families get the messages as they are. */
export function placeCacheBreakpoints(model: string, messages: readonly ChatMessage[], ttl: CacheTtl): CacheBreakpoints {
  const family = cacheFamily(model);
  if (family === 'automatic') return { messages };
  // Only Anthropic takes a TTL; Gemini and Qwen keep theirs and might refuse an unknown field.
  const mark: CacheControl = family === 'anthropic' && ttl === '1h' ? { type: 'ephemeral', ttl: '1h' } : { type: 'ephemeral' };
  const marked = new Set<number>();
  for (let i = 0; i < messages.length && marked.size < MAX_SYSTEM_MARKS; i++) {
    if (!isSystem(messages[i])) break;
    if (canCarryMark(messages[i])) marked.add(i);
  }
  if (family === 'block') {
    const last = lastMarkable(messages);
    if (last !== undefined) marked.add(last);
  }
  if (marked.size === 0) return family === 'anthropic' ? { messages, cacheControl: mark } : { messages };
  const out = messages.slice();
  for (const index of marked) out[index] = withMark(messages[index] as ChatMessage, mark);
  return family === 'anthropic' ? { messages: out, cacheControl: mark } : { messages: out };
}

function isSystem(message: ChatMessage | undefined): boolean {
  return message?.role === 'system' || message?.role === 'developer';
}

/** A text part can carry a mark; a message with no text (an image alone, tool calls alone) cannot. */
function canCarryMark(message: ChatMessage | undefined): boolean {
  if (!message) return false;
  const { content } = message;
  if (typeof content === 'string') return content.length > 0;
  return Array.isArray(content) && content.some(isTextPart);
}

/** The last message whose text the next turn repeats: a question, an instruction or an answer (tool results vary). */
function lastMarkable(messages: readonly ChatMessage[]): number | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role !== 'tool' && canCarryMark(message)) return i;
  }
  return undefined;
}

function isTextPart(part: unknown): boolean {
  return typeof part === 'object' && part !== null && (part as { type?: unknown }).type === 'text';
}

/** A copy of the message whose last text part carries the mark; string content becomes one text part. */
function withMark(message: ChatMessage, mark: CacheControl): ChatMessage {
  const { content } = message;
  if (typeof content === 'string') return { ...message, content: [{ type: 'text', text: content, cache_control: mark }] };
  const parts = (content ?? []).slice();
  for (let i = parts.length - 1; i >= 0; i--) {
    if (isTextPart(parts[i])) {
      parts[i] = { ...(parts[i] as object), cache_control: mark };
      break;
    }
  }
  return { ...message, content: parts };
}

/** The TTL a request asked for: one hour only when its top-level mark says so (only Anthropic takes one). */
export function requestedCacheTtl(request: Pick<ChatRequest, 'extra'>): CacheTtl {
  const mark = request.extra?.['cache_control'];
  return typeof mark === 'object' && mark !== null && (mark as { ttl?: unknown }).ttl === '1h' ? '1h' : '5m';
}
