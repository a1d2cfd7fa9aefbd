// One HTTP attempt at a chat completion: the request (headers, body), the first-byte and idle watchdog, and the
// reading of the response into answer events. It knows nothing of retries or fallbacks; it reports how the attempt
// ended and whether any token had streamed, and chat.ts decides what happens next.
import type { Clock } from '../clock';
import {
  cancelledError,
  errorFromHttp,
  errorFromStreamError,
  invalidResponseError,
  networkError,
  timeoutError,
  truncatedError,
  OpenRouterError,
  type ErrorContext,
} from './errors';
import { CompletionSchema, parseJsonAs, type Completion, type StreamChunk } from './schemas';
import { SseDecoder, signalOf, StreamAssembler, type SseItem } from './sse';

/** The subset of `fetch` the client uses; injected so tests and the web worker can supply their own. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

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
  provider?: Readonly<Record<string, unknown>> | undefined;
  plugins?: readonly unknown[] | undefined;
  /** End-user id, passed through for OpenRouter's abuse tracking. */
  user?: string | undefined;
  /** Groups requests for prompt caching and sticky routing (≤ 256 characters). */
  session_id?: string | undefined;
  /** Other body fields, passed through untouched; the fields above win over these. */
  extra?: Readonly<Record<string, unknown>> | undefined;
}

export interface AppIdentity {
  /** Sent as HTTP-Referer: the app's identity on OpenRouter's rankings and activity pages. */
  referer: string;
  /** Sent as X-OpenRouter-Title and the older X-Title. */
  title: string;
}

/** The headers that name the app to OpenRouter (its rankings and the user's activity page). */
export function appHeaders(app: AppIdentity): Record<string, string> {
  return { 'HTTP-Referer': app.referer, 'X-OpenRouter-Title': app.title, 'X-Title': app.title };
}

/** `{baseUrl}/{path}` with exactly one slash between them. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function buildHeaders(apiKey: string, app: AppIdentity): Record<string, string> {
  return {
    Authorization: `Bearer ${apiKey}`,
    'Content-Type': 'application/json',
    Accept: 'text/event-stream',
    ...appHeaders(app),
  };
}

/** The JSON body for one attempt at `model`; `serverModels` adds OpenRouter's own fallback list. */
export function buildBody(request: ChatRequest, model: string, serverModels?: readonly string[]): string {
  const { model: _primary, fallbacks: _fallbacks, extra, ...fields } = request;
  const body: Record<string, unknown> = { ...extra };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) body[key] = value;
  body['model'] = model;
  body['stream'] = true;
  if (serverModels && serverModels.length > 1) body['models'] = [...serverModels];
  return JSON.stringify(body);
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
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Timeouts in ms; 0 or Infinity disables one. */
  firstByteMs: number;
  idleMs: number;
  signal: AbortSignal | undefined;
  context: ErrorContext;
}

type AbortCause = 'user' | 'first_byte' | 'idle';
const ABORTED = Symbol('aborted');
const MAX_ERROR_BODY_BYTES = 64 * 1024;

function isEnabled(ms: number): boolean {
  return ms > 0 && Number.isFinite(ms);
}

/**
 * Runs one attempt. Yields answer events as they arrive and returns how the attempt ended. It never throws on
 * anything the network or the server does. When the consumer stops iterating, or the signal aborts, the fetch is
 * aborted, so the server sees the socket close (which stops billing on providers that support it).
 */
export async function* runAttempt(input: AttemptInput): AsyncGenerator<AttemptEvent, AttemptResult> {
  const { clock, context } = input;
  const answer = new StreamAssembler();
  const controller = new AbortController();
  let cause: AbortCause | undefined;
  const abort = (why: AbortCause): void => {
    cause ??= why;
    controller.abort();
  };
  const onUserAbort = (): void => abort('user');
  input.signal?.addEventListener('abort', onUserAbort, { once: true });
  if (input.signal?.aborted) abort('user');
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    if (controller.signal.aborted) resolve(ABORTED);
    else controller.signal.addEventListener('abort', () => resolve(ABORTED), { once: true });
  });

  // The watchdog: one sleep per timeout period rather than one timer per chunk. Activity moves the deadline; the
  // watchdog re-reads it on waking, and is woken early when the phase (and so the limit) changes.
  let phase: 'headers' | 'body' = 'headers';
  let lastActivity = clock.now();
  const stopped = new AbortController();
  let wake = new AbortController();
  const watchdog = async (): Promise<void> => {
    while (!stopped.signal.aborted && !controller.signal.aborted) {
      const limit = phase === 'headers' ? input.firstByteMs : input.idleMs;
      if (!isEnabled(limit)) {
        if (phase === 'body') return;
        await new Promise<void>((resolve) => wake.signal.addEventListener('abort', () => resolve(), { once: true }));
        continue;
      }
      const remaining = lastActivity + limit - clock.now();
      if (remaining <= 0) {
        abort(phase === 'headers' ? 'first_byte' : 'idle');
        return;
      }
      await clock.sleep(remaining, wake.signal);
    }
  };
  const stopWatchdog = (): void => {
    stopped.abort();
    wake.abort();
  };
  stopped.signal.addEventListener('abort', () => wake.abort(), { once: true });
  const failure = (error: OpenRouterError): AttemptResult => ({ ok: false, error, answer });
  const abortFailure = (): AttemptResult => {
    if (cause === 'first_byte') return failure(timeoutError('first_byte', input.firstByteMs, context));
    if (cause === 'idle') return failure(timeoutError('idle', input.idleMs, context));
    return failure(cancelledError(context));
  };

  let finished = false;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  try {
    if (cause) return abortFailure();
    void watchdog();
    let fetched: { response: Response } | { failed: unknown } | typeof ABORTED;
    try {
      const pending = input.fetch(input.url, { method: 'POST', headers: input.headers, body: input.body, signal: controller.signal });
      fetched = await Promise.race([pending.then((response) => ({ response }), (failed: unknown) => ({ failed })), aborted]);
    } catch (failed) {
      fetched = { failed };
    }
    if (fetched === ABORTED || cause) return abortFailure();
    if ('failed' in fetched) return failure(networkError(fetched.failed, false, context));
    const response = fetched.response;
    phase = 'body';
    lastActivity = clock.now();
    const previous = wake;
    wake = new AbortController();
    previous.abort();
    const generationId = response.headers.get('x-generation-id') ?? undefined;
    const touch = (): void => {
      lastActivity = clock.now();
    };

    if (!response.ok) {
      const text = await readText(response, aborted, touch);
      if (text === ABORTED) return abortFailure();
      return failure(errorFromHttp({ status: response.status, bodyText: text, retryAfter: response.headers.get('retry-after'), nowMs: clock.now() }, context));
    }

    const contentType = response.headers.get('content-type') ?? '';
    if (contentType.includes('application/json')) {
      // Some routes answer a stream request with a plain completion; read it as one big chunk.
      const text = await readText(response, aborted, touch);
      if (text === ABORTED) return abortFailure();
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
      const read = await Promise.race([reader.read().then((chunk) => chunk, (failed: unknown) => ({ failed })), aborted]);
      if (read === ABORTED || cause) {
        // A server that sent the finish and then neither [DONE] nor the end of the body still gave a whole answer.
        if (cause === 'idle' && answer.finishReason !== undefined && answer.finishReason !== 'error') {
          finished = true;
          return { ok: true, answer, generationId, firstTokenAt };
        }
        return abortFailure();
      }
      if ('failed' in read) return failure(networkError(read.failed, true, context));
      const items = read.done ? decoder.end() : decoder.push(read.value);
      if (!read.done) touch();
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
    stopWatchdog();
    input.signal?.removeEventListener('abort', onUserAbort);
    // Reached on errors, on cancellation and when the consumer stops early: close the socket.
    if (!finished) {
      controller.abort();
      reader?.cancel().catch(() => undefined);
    }
  }
}

/** Reads the rest of a body after `[DONE]` so the connection ends in order rather than by a reset. */
function drainQuietly(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  const step = (): void => {
    reader.read().then((read) => (read.done ? undefined : step()), () => undefined);
  };
  step();
}

async function readText(response: Response, aborted: Promise<typeof ABORTED>, touch: () => void): Promise<string | typeof ABORTED> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const read = await Promise.race([reader.read().then((chunk) => chunk, () => ({ done: true as const, value: undefined })), aborted]);
    if (read === ABORTED) return ABORTED;
    if (read.done) break;
    touch();
    bytes += read.value.byteLength;
    text += decoder.decode(read.value, { stream: true });
    // An error body is small; past the limit we have all we will ever show, so stop reading.
    if (bytes >= MAX_ERROR_BODY_BYTES) {
      reader.cancel().catch(() => undefined);
      break;
    }
  }
  return text + decoder.decode();
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
        tool_calls: (choice.message?.tool_calls ?? []).map((call, index) => ({ index, id: call.id, type: call.type, function: call.function })),
      },
    })),
  };
}
