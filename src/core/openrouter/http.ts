// One attempt at a chat completion: the request body, and the reading of the streamed response into answer events.
// Sending, the first-byte and idle timeouts and the errors before the stream are the shared request's (api-request.ts).
// It knows nothing of retries or fallbacks; it reports how the attempt ended and whether any token had streamed, and
// chat.ts decides what happens next.
import type { Clock } from '../clock';
import { ABORTED, ApiRequest, type AppIdentity, type FetchLike } from './api-request';
import { errorFromStreamError, invalidResponseError, networkError, truncatedError, OpenRouterError, type ErrorContext } from './errors';
import { CompletionSchema, parseJsonAs, type Completion, type StreamChunk } from './schemas';
import { carriesFamilyReasoning, messagesForModel, sameReasoningFamily } from './reasoning-family';
import { SseDecoder, signalOf, StreamAssembler, type SseItem } from './sse';

export interface ChatMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  /** Text, or content parts (text, image_url, file …) passed through as given. */
  content: string | readonly unknown[] | null;
  [field: string]: unknown;
}

/** A chat request in the API's own field names, plus the client-side fallback chain. */
export interface ChatRequest {
  /** The primary model. */
  model: string;
  /** Models to try, in order, when the primary fails in a way another model may fix. */
  fallbacks?: readonly string[] | undefined;
  messages: readonly ChatMessage[];
  max_tokens?: number | undefined;
  temperature?: number | undefined;
  top_p?: number | undefined;
  tools?: readonly unknown[] | undefined;
  tool_choice?: unknown;
  response_format?: unknown;
  reasoning?: Readonly<Record<string, unknown>> | undefined;
  /** A fallback's own `reasoning` where it differs from `reasoning` (null: none), as chain-reasoning.ts fits it. */
  reasoningByModel?: Readonly<Record<string, Readonly<Record<string, unknown>> | null>> | undefined;
  provider?: Readonly<Record<string, unknown>> | undefined;
  plugins?: readonly unknown[] | undefined;
  /** End-user id, passed through for OpenRouter's abuse tracking. */
  user?: string | undefined;
  /** Groups requests for prompt caching and sticky routing (≤ 256 characters). */
  session_id?: string | undefined;
  /** Fallbacks dearer per token than this many times the first model are left out of the chain; 0 or absent: none. */
  maxFallbackPriceRatio?: number | undefined;
  /** Other body fields, passed through untouched; the fields above win over these. */
  extra?: Readonly<Record<string, unknown>> | undefined;
}

/** The JSON body for one attempt at `model`; `serverModels` adds OpenRouter's own fallback list. */
export function buildBody(request: ChatRequest, model: string, serverModels?: readonly string[]): string {
  const { model: _primary, fallbacks: _fallbacks, maxFallbackPriceRatio: _cap, reasoningByModel: _byModel, extra, ...fields } = request;
  const body: Record<string, unknown> = { ...extra };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) body[key] = value;
  body['messages'] = messagesForModel(request.messages, model);
  const reasoning = reasoningFor(request, model);
  if (reasoning) body['reasoning'] = reasoning;
  else delete body['reasoning'];
  body['model'] = model;
  body['stream'] = true;
  const shared = serverModels ? modelsSharingReasoning(request, serverModels) : [];
  if (shared.length > 1) body['models'] = shared;
  return JSON.stringify(body);
}

/** The `reasoning` object `model` is sent: its own where the chain fitted one, else the request's (or a caller's). */
function reasoningFor(request: ChatRequest, model: string): unknown {
  const own = request.reasoningByModel;
  if (own && Object.hasOwn(own, model)) return own[model] ?? undefined;
  return request.reasoning ?? request.extra?.['reasoning'];
}

/**
 * OpenRouter's own fallback list, cut where the reasoning changes: one request carries one `reasoning` object and
 * one history, so the later models are left to the engine's fallback, which sends each what it accepts.
 */
function modelsSharingReasoning(request: ChatRequest, models: readonly string[]): string[] {
  const first = models[0];
  if (first === undefined) return [];
  const shared = JSON.stringify(reasoningFor(request, first) ?? null);
  // One body carries one history: where its reasoning details are another family's, the engine's fallback sends them.
  const familyBound = carriesFamilyReasoning(request.messages);
  const kept: string[] = [];
  for (const model of models) {
    if (JSON.stringify(reasoningFor(request, model) ?? null) !== shared) break;
    if (familyBound && !sameReasoningFamily(first, model)) break;
    kept.push(model);
  }
  return kept;
}

export type AttemptEvent =
  | { readonly type: 'waiting' }
  | { readonly type: 'delta'; readonly text: string }
  | { readonly type: 'reasoning'; readonly text: string };

export type AttemptResult =
  | { readonly ok: true; readonly answer: StreamAssembler; readonly generationId: string | undefined; readonly firstTokenAt: number | undefined }
  | { readonly ok: false; readonly error: OpenRouterError; readonly answer: StreamAssembler };

export interface AttemptInput {
  fetch: FetchLike;
  clock: Clock;
  baseUrl: string;
  apiKey: string;
  app: AppIdentity;
  body: string;
  /** Timeouts in ms; 0 or Infinity disables one. */
  firstByteMs: number;
  idleMs: number;
  signal: AbortSignal | undefined;
  context: ErrorContext;
}

/**
 * Runs one attempt. Yields answer events as they arrive and returns how the attempt ended. It never throws on
 * anything the network or the server does. When the consumer stops iterating, or the signal aborts, the fetch is
 * aborted, so the server sees the socket close (which stops billing on providers that support it).
 */
export async function* runAttempt(input: AttemptInput): AsyncGenerator<AttemptEvent, AttemptResult> {
  const { clock, context } = input;
  const answer = new StreamAssembler();
  const request = new ApiRequest({
    fetch: input.fetch,
    clock,
    baseUrl: input.baseUrl,
    path: 'chat/completions',
    body: input.body,
    accept: 'text/event-stream',
    key: input.apiKey,
    app: input.app,
    signal: input.signal,
    timeouts: { firstByteMs: input.firstByteMs, idleMs: input.idleMs },
    context,
  });
  const failure = (error: OpenRouterError): AttemptResult => ({ ok: false, error, answer });

  let finished = false;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  try {
    const sent = await request.send();
    if (!sent.ok) return failure(sent.error);
    const response = sent.response;
    const generationId = response.headers.get('x-generation-id') ?? undefined;

    const contentType = response.headers.get('content-type') ?? '';
    if (contentType.includes('application/json')) {
      // Some routes answer a stream request with a plain completion; read it as one big chunk, however long: it is
      // the answer, already billed, not an error body.
      const read = await request.readText(response);
      if (!read.ok) return failure(read.error);
      const text = read.text;
      const parsed = parseJsonAs(CompletionSchema, text);
      if (!parsed.ok) return failure(invalidResponseError(`the completion has ${parsed.reason}`, parsed.excerpt, context));
      const output = answer.add(chunkOfCompletion(parsed.value));
      if (output.error) return failure(errorFromStreamError(output.error, text, context));
      const firstTokenAt = answer.started ? clock.now() : undefined;
      if (output.reasoning) yield { type: 'reasoning', text: output.reasoning };
      if (output.content) yield { type: 'delta', text: output.content };
      finished = true;
      return { ok: true, answer, generationId, firstTokenAt };
    }

    if (!response.body) return failure(truncatedError(context));
    reader = response.body.getReader();
    const decoder = new SseDecoder();
    let firstTokenAt: number | undefined;
    let sawDone = false;
    // Handles the items of one read; returns a result to end the attempt, or undefined to keep reading.
    const handle = function* (items: SseItem[]): Generator<AttemptEvent, AttemptResult | 'done' | undefined> {
      for (const item of items) {
        const signal = signalOf(item);
        if (signal === undefined) continue;
        if (signal.type === 'keepalive') {
          yield { type: 'waiting' };
        } else if (signal.type === 'done') {
          return 'done';
        } else if (signal.type === 'invalid') {
          return failure(invalidResponseError(signal.reason, signal.excerpt, context));
        } else {
          const output = answer.add(signal.chunk);
          if (output.error) return failure(errorFromStreamError(output.error, signal.raw, context));
          if (firstTokenAt === undefined && answer.started) firstTokenAt = clock.now();
          if (output.reasoning) yield { type: 'reasoning', text: output.reasoning };
          if (output.content) yield { type: 'delta', text: output.content };
        }
      }
      return undefined;
    };
    for (;;) {
      const read = await request.race(reader.read().then((chunk) => chunk, (failed: unknown) => ({ failed })));
      if (read === ABORTED || request.abortedBy) {
        // A server that sent the finish and then neither [DONE] nor the end of the body still gave a whole answer.
        if (request.abortedBy === 'idle' && answer.finishReason !== undefined && answer.finishReason !== 'error') {
          finished = true;
          return { ok: true, answer, generationId, firstTokenAt };
        }
        return failure(request.abortError());
      }
      if ('failed' in read) return failure(networkError(read.failed, true, context));
      const items = read.done ? decoder.end() : decoder.push(read.value);
      if (!read.done) request.touch();
      const outcome = yield* handle(items);
      if (outcome === 'done') {
        sawDone = true;
        break;
      }
      if (outcome) return outcome;
      if (read.done) break;
    }
    // An answer that reached its finish_reason is whole even if `[DONE]` never came; without either it was cut.
    if (!sawDone && answer.finishReason === undefined) return failure(truncatedError(context));
    // finish_reason "error" without an error object still means the generation failed (and was not billed).
    if (answer.finishReason === 'error') return failure(new OpenRouterError({ kind: 'provider_error', status: 200, model: context.model }));
    finished = true;
    if (sawDone) drainQuietly(reader);
    return { ok: true, answer, generationId, firstTokenAt };
  } catch (unexpected) {
    // Nothing above should throw; if something does, the caller still gets an error, not an exception.
    return failure(invalidResponseError(`unexpected failure: ${String(unexpected)}`, '', context));
  } finally {
    // Reached on errors, on cancellation and when the consumer stops early: close the socket.
    request.finish(finished);
    if (!finished) reader?.cancel().catch(() => undefined);
  }
}

/** Reads the rest of a body after `[DONE]` so the connection ends in order rather than by a reset. */
function drainQuietly(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  const step = (): void => {
    reader.read().then((read) => (read.done ? undefined : step()), () => undefined);
  };
  step();
}

/** A non-streamed completion in the shape of one stream chunk, so one assembler serves both. */
function chunkOfCompletion(completion: Completion): StreamChunk {
  return {
    id: completion.id,
    model: completion.model,
    provider: completion.provider,
    usage: completion.usage,
    error: completion.error,
    choices: (completion.choices ?? []).map((choice) => ({
      index: choice.index,
      finish_reason: choice.finish_reason,
      native_finish_reason: choice.native_finish_reason,
      delta: {
        content: choice.message?.content,
        reasoning: choice.message?.reasoning,
        annotations: choice.message?.annotations,
        tool_calls: (choice.message?.tool_calls ?? []).map((call, index) => ({ index, id: call.id, type: call.type, function: call.function })),
      },
    })),
  };
}
