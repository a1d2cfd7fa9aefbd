// Server-sent events as small pure stages, each testable with byte fixtures:
//   bytes --SseDecoder--> items (data / comment) --signalOf--> signals (chunk / keep-alive / [DONE])
//   --StreamAssembler--> text, reasoning, tool calls and the end-of-answer facts.
// No stage throws on malformed input: bad UTF-8 becomes U+FFFD, unknown SSE fields are ignored, bad JSON and
// misfit chunks become `invalid` signals, and an oversized event becomes an `overflow` item.
import { ReasoningDetails } from './reasoning-details';
import { createParser, type EventSourceParser } from 'eventsource-parser';
import { excerptOf, parseValueAs, StreamChunkSchema, type ErrorObject, type StreamChunk, type Usage } from './schemas';

/** Largest event we buffer, in characters; a stream that never ends its event must not grow without bound. */
export const DEFAULT_MAX_EVENT_CHARS = 8 * 1024 * 1024;

export type SseItem =
  | { readonly type: 'data'; readonly data: string }
  /** A `:` line. OpenRouter sends `: OPENROUTER PROCESSING` while the model has not started. */
  | { readonly type: 'comment'; readonly text: string }
  | { readonly type: 'overflow' };

/** Bytes to SSE items. Chunk boundaries may fall anywhere, including inside a UTF-8 sequence or a CRLF pair. */
export class SseDecoder {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly parser: EventSourceParser;
  private items: SseItem[] = [];
  private overflowed = false;

  constructor(options: { maxEventChars?: number } = {}) {
    this.parser = createParser({
      onEvent: (event) => this.items.push({ type: 'data', data: event.data }),
      onComment: (text) => this.items.push({ type: 'comment', text: text.trim() }),
      // Unknown fields and bad `retry:` values are ignorable by the SSE spec; only an overflow ends the stream.
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') {
          this.overflowed = true;
          this.items.push({ type: 'overflow' });
        }
      },
      maxBufferSize: options.maxEventChars ?? DEFAULT_MAX_EVENT_CHARS,
    });
  }

  /** Feeds bytes; returns the items they completed. */
  push(bytes: Uint8Array): SseItem[] {
    // `stream: true` keeps a split multi-byte sequence until its remaining bytes arrive.
    return this.feed(this.decoder.decode(bytes, { stream: true }));
  }

  /** Feeds already-decoded text (for callers that hold strings). */
  feed(text: string): SseItem[] {
    if (text !== '' && !this.overflowed) this.parser.feed(text);
    const items = this.items;
    this.items = [];
    return items;
  }

  /**
   * Flushes a trailing partial UTF-8 sequence. An event without its closing blank line is dropped, as the SSE
   * spec says: a stream cut mid-event is truncated, and the caller reports it as such.
   */
  end(): SseItem[] {
    return this.feed(this.decoder.decode());
  }
}

export type StreamSignal =
  | { readonly type: 'keepalive'; readonly comment: string }
  | { readonly type: 'done' }
  | { readonly type: 'chunk'; readonly chunk: StreamChunk; readonly raw: string }
  | { readonly type: 'invalid'; readonly reason: string; readonly excerpt: string };

/** One SSE item as a signal; undefined for items that mean nothing (an empty data event). */
export function signalOf(item: SseItem): StreamSignal | undefined {
  if (item.type === 'comment') return { type: 'keepalive', comment: item.text };
  if (item.type === 'overflow') return { type: 'invalid', reason: 'event larger than the buffer limit', excerpt: '' };
  const data = item.data;
  if (data === '[DONE]') return { type: 'done' };
  if (data.trim() === '') return undefined;
  if (data.trim() === '[DONE]') return { type: 'done' };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { type: 'invalid', reason: 'a stream chunk is not JSON', excerpt: excerptOf(data) };
  }
  const parsed = parseValueAs(StreamChunkSchema, json, data);
  if (!parsed.ok) return { type: 'invalid', reason: `a stream chunk has an ${parsed.reason}`, excerpt: parsed.excerpt };
  return { type: 'chunk', chunk: parsed.value, raw: data };
}

/** Annotations kept per answer; far more than the sources an answer cites. */
const MAX_ANNOTATIONS = 500;

export interface ToolCall {
  id: string | undefined;
  name: string;
  arguments: string;
}

/** What one chunk added to the answer. */
export interface ChunkOutput {
  content: string;
  reasoning: string;
  /** The chunk's top-level error, if the generation failed. */
  error: ErrorObject | undefined;
}

/**
 * Folds chunks into the answer. The final usage frame repeats the finish_reason with an empty delta; the assembler
 * keeps the first finish_reason it saw and only takes the usage from the repeat, so the repeat is accounting and
 * never a second end.
 */
export class StreamAssembler {
  text = '';
  reasoning = '';
  id: string | undefined;
  model: string | undefined;
  provider: string | undefined;
  finishReason: string | undefined;
  nativeFinishReason: string | undefined;
  usage: Usage | undefined;
  /** Whether any token (content, reasoning or tool call) has arrived. */
  started = false;
  private readonly calls = new Map<number, ToolCall>();
  /** The reasoning's `reasoning_details`, put together from their fragments, to send back with a tool turn. */
  readonly reasoningDetails = new ReasoningDetails();
  /** The message's annotations (web search sources), as they came; bounded, since a provider may repeat them. */
  readonly annotations: unknown[] = [];

  add(chunk: StreamChunk): ChunkOutput {
    if (chunk.id) this.id ??= chunk.id;
    if (chunk.model) this.model = chunk.model;
    if (chunk.provider) this.provider = chunk.provider;
    if (chunk.usage) this.usage = chunk.usage;
    let content = '';
    let reasoning = '';
    for (const choice of chunk.choices ?? []) {
      // n = 1 is all we request; other indexes would be a second answer mixed into the first.
      if (choice.index != null && choice.index !== 0) continue;
      const delta = choice.delta;
      if (delta?.content) content += delta.content;
      if (delta?.reasoning) reasoning += delta.reasoning;
      if (delta?.reasoning_details) this.reasoningDetails.add(delta.reasoning_details);
      for (const call of delta?.tool_calls ?? []) this.addToolCall(call.index ?? 0, call.id, call.function);
      for (const annotation of delta?.annotations ?? []) if (this.annotations.length < MAX_ANNOTATIONS) this.annotations.push(annotation);
      if (choice.finish_reason && this.finishReason === undefined) {
        this.finishReason = choice.finish_reason;
        this.nativeFinishReason = choice.native_finish_reason ?? undefined;
      }
    }
    this.text += content;
    this.reasoning += reasoning;
    if (content !== '' || reasoning !== '') this.started = true;
    return { content, reasoning, error: chunk.error ?? undefined };
  }

  get toolCalls(): ToolCall[] {
    return [...this.calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
  }

  private addToolCall(
    index: number,
    id: string | null | undefined,
    fn: { name?: string | null | undefined; arguments?: string | null | undefined } | null | undefined,
  ): void {
    this.started = true;
    const call = this.calls.get(index) ?? { id: undefined, name: '', arguments: '' };
    if (id) call.id = id;
    // The name arrives whole in the first delta; later deltas carry argument fragments only.
    if (fn?.name) call.name = call.name === '' ? fn.name : call.name;
    if (fn?.arguments) call.arguments += fn.arguments;
    this.calls.set(index, call);
  }
}
