// One request to the OpenRouter API, for every path that talks to it: the streaming chat POST, the JSON GETs
// (/models, /models/user, /key, /generation) and the OAuth code exchange. It builds the URL and the headers, runs the
// timeout on the injected clock, and turns whatever goes wrong before the body is read — a failed connection, a
// timeout, the caller's abort, a non-2xx answer — into the typed OpenRouterError, never a rejection. So the UI
// explains a failed model-list refresh the same way it explains a failed chat request.
import type * as z from 'zod';
import type { Clock } from '../clock';
import {
  cancelledError,
  errorFromHttp,
  invalidResponseError,
  networkError,
  timeoutError,
  OpenRouterError,
  type ErrorContext,
} from './errors';
import { excerptOf } from './schemas';

/** The subset of `fetch` the client uses; injected so tests and the web worker can supply their own. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Returns the stored API key, or undefined when none is set. */
export type KeyProvider = () => Promise<string | undefined>;

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

export const DEFAULT_BASE_URL = 'https://openrouter.ai/api/v1';

/** Also the defaults of the attribution settings (config/settings.ts reads them from here). */
export const DEFAULT_APP: AppIdentity = { referer: 'https://github.com/openrouter-chat/openrouter-chat', title: 'OpenRouter Chat' };

/** The platform's `fetch`, called through a wrapper: passed bare, it loses its `this` in some hosts. */
export const globalFetch: FetchLike = (url, init) => fetch(url, init);

/** Calls that are not a chat should answer in seconds; a hung socket must not leave the model picker spinning. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/**
 * How long a request may take, in ms: `totalMs` for all of it, or, for a stream, `firstByteMs` until the response
 * headers and then at most `idleMs` of silence. 0 or Infinity disables one (tests that auto-advance their clock).
 */
export type RequestTimeouts = { readonly totalMs: number } | { readonly firstByteMs: number; readonly idleMs: number };

export interface ApiRequestOptions {
  readonly fetch: FetchLike;
  readonly clock: Clock;
  /** Without a trailing slash is fine; `path` is appended with exactly one slash. */
  readonly baseUrl: string;
  /** The endpoint under the base URL, query string included. */
  readonly path: string;
  /** A JSON body, serialised; the request is a POST when there is one, a GET otherwise. */
  readonly body?: string | undefined;
  /** Default application/json. */
  readonly accept?: string | undefined;
  /** Sent as a bearer token when given. */
  readonly key?: string | undefined;
  /** Sent as HTTP-Referer and X-OpenRouter-Title (and the older X-Title) when given. */
  readonly app?: AppIdentity | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly timeouts: RequestTimeouts;
  /** The model the request is for, named in its errors. */
  readonly context?: ErrorContext | undefined;
}

export type SendResult =
  | { readonly ok: true; readonly response: Response }
  | { readonly ok: false; readonly error: OpenRouterError; readonly status: number | undefined };

export type TextResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: OpenRouterError };

export type AbortCause = 'caller' | 'first_byte' | 'idle' | 'total';

/** What `race` gives when the request was aborted first. */
export const ABORTED = Symbol('aborted');

const MAX_ERROR_BODY_BYTES = 64 * 1024;

function isEnabled(ms: number): boolean {
  return ms > 0 && Number.isFinite(ms);
}

function requestHeaders(options: ApiRequestOptions): Record<string, string> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json', ...(options.app ? appHeaders(options.app) : {}) };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.key !== undefined) headers.Authorization = `Bearer ${options.key}`;
  return headers;
}

/**
 * One request in flight. `send()` resolves with a 2xx response or the typed error; the caller then reads the body
 * through `readText` or its own reader raced with `race`, and calls `finish` exactly once, in a `finally`.
 */
export class ApiRequest {
  private readonly controller = new AbortController();
  private cause: AbortCause | undefined;
  private readonly aborted: Promise<typeof ABORTED>;
  private readonly onCallerAbort = (): void => this.abort('caller');
  // The watchdog: one sleep per timeout period rather than one timer per chunk. Activity moves the deadline; the
  // watchdog re-reads it on waking, and is woken early when the phase (and so the limit) changes.
  private phase: 'headers' | 'body' = 'headers';
  private lastActivity: number;
  private readonly stopped = new AbortController();
  private wake = new AbortController();

  constructor(private readonly options: ApiRequestOptions) {
    this.lastActivity = options.clock.now();
    this.aborted = new Promise((resolve) => this.controller.signal.addEventListener('abort', () => resolve(ABORTED), { once: true }));
    options.signal?.addEventListener('abort', this.onCallerAbort, { once: true });
    if (options.signal?.aborted) this.abort('caller');
    this.stopped.signal.addEventListener('abort', () => this.wake.abort(), { once: true });
  }

  /** Why the request was aborted, once it was. */
  get abortedBy(): AbortCause | undefined {
    return this.cause;
  }

  /** The error for the abort: a timeout of the phase that ran out, or `cancelled` for the caller's signal. */
  abortError(): OpenRouterError {
    const { timeouts, context } = this.options;
    if (this.cause === 'first_byte' && 'firstByteMs' in timeouts) return timeoutError('first_byte', timeouts.firstByteMs, context);
    if (this.cause === 'idle' && 'idleMs' in timeouts) return timeoutError('idle', timeouts.idleMs, context);
    if (this.cause === 'total' && 'totalMs' in timeouts) {
      const message = `OpenRouter did not answer ${this.options.path} within ${Math.round(timeouts.totalMs / 1000)} s.`;
      return new OpenRouterError({ kind: 'timeout', message, timeoutMs: timeouts.totalMs, model: context?.model });
    }
    return cancelledError(context);
  }

  /** Sends the request and waits for the headers. A non-2xx answer has its (small) body read and classified. */
  async send(): Promise<SendResult> {
    const { options } = this;
    const failed = (error: OpenRouterError, status: number | undefined): SendResult => ({ ok: false, error, status });
    if (this.cause) return failed(this.abortError(), undefined);
    void this.watch();
    let fetched: { response: Response } | { failure: unknown } | typeof ABORTED;
    try {
      const init: RequestInit = { method: options.body === undefined ? 'GET' : 'POST', headers: requestHeaders(options), signal: this.controller.signal };
      if (options.body !== undefined) init.body = options.body;
      const pending = options.fetch(joinUrl(options.baseUrl, options.path), init);
      fetched = await this.race(pending.then((response) => ({ response }), (failure: unknown) => ({ failure })));
    } catch (failure) {
      fetched = { failure };
    }
    if (fetched === ABORTED || this.cause) return failed(this.abortError(), undefined);
    if ('failure' in fetched) return failed(networkError(fetched.failure, false, options.context), undefined);
    const response = fetched.response;
    this.enterBody();
    if (response.ok) return { ok: true, response };
    const read = await this.readText(response, MAX_ERROR_BODY_BYTES);
    if (!read.ok && this.cause) return failed(read.error, undefined);
    // A body cut off by the network still leaves the status, which is what classifies the error.
    const bodyText = read.ok ? read.text : '';
    const retryAfter = response.headers.get('retry-after');
    return failed(errorFromHttp({ status: response.status, bodyText, retryAfter, nowMs: options.clock.now() }, options.context), response.status);
  }

  /** Waits for `promise` or for the request to be aborted, whichever comes first. */
  race<T>(promise: Promise<T>): Promise<T | typeof ABORTED> {
    return Promise.race([promise, this.aborted]);
  }

  /** Data arrived: for a stream, the idle deadline starts again. */
  touch(): void {
    if ('idleMs' in this.options.timeouts) this.lastActivity = this.options.clock.now();
  }

  /** Reads the body as text, touching on every chunk; past `maxBytes` it stops and keeps what it has. */
  async readText(response: Response, maxBytes = Number.POSITIVE_INFINITY): Promise<TextResult> {
    if (!response.body) return { ok: true, text: '' };
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let bytes = 0;
    for (;;) {
      const read = await this.race(reader.read().then((chunk) => chunk, (failure: unknown) => ({ failure })));
      if (read === ABORTED || this.cause) return { ok: false, error: this.abortError() };
      if ('failure' in read) return { ok: false, error: networkError(read.failure, true, this.options.context) };
      if (read.done) break;
      this.touch();
      bytes += read.value.byteLength;
      text += decoder.decode(read.value, { stream: true });
      if (bytes >= maxBytes) {
        reader.cancel().catch(() => undefined);
        break;
      }
    }
    return { ok: true, text: text + decoder.decode() };
  }

  /** Stops the timer and lets go of the caller's signal; unless the body was read to its end, closes the socket. */
  finish(complete: boolean): void {
    this.stopped.abort();
    this.options.signal?.removeEventListener('abort', this.onCallerAbort);
    if (!complete) this.controller.abort();
  }

  private abort(why: AbortCause): void {
    this.cause ??= why;
    this.controller.abort();
  }

  private limit(): number {
    const { timeouts } = this.options;
    if ('totalMs' in timeouts) return timeouts.totalMs;
    return this.phase === 'headers' ? timeouts.firstByteMs : timeouts.idleMs;
  }

  private enterBody(): void {
    this.phase = 'body';
    // A total timeout keeps its deadline; a stream's idle deadline starts now, and the watchdog must re-read it.
    if (!('idleMs' in this.options.timeouts)) return;
    this.lastActivity = this.options.clock.now();
    const previous = this.wake;
    this.wake = new AbortController();
    previous.abort();
  }

  private async watch(): Promise<void> {
    const { clock } = this.options;
    while (!this.stopped.signal.aborted && !this.controller.signal.aborted) {
      const limit = this.limit();
      if (!isEnabled(limit)) {
        if (this.phase === 'body') return;
        const wake = this.wake.signal;
        await new Promise<void>((resolve) => wake.addEventListener('abort', () => resolve(), { once: true }));
        continue;
      }
      const remaining = this.lastActivity + limit - clock.now();
      if (remaining <= 0) {
        if ('totalMs' in this.options.timeouts) this.abort('total');
        else this.abort(this.phase === 'headers' ? 'first_byte' : 'idle');
        return;
      }
      await clock.sleep(remaining, this.wake.signal);
    }
  }
}

export type JsonResult =
  | { readonly ok: true; readonly status: number; readonly body: unknown; readonly text: string }
  | { readonly ok: false; readonly error: OpenRouterError; readonly status: number | undefined };

/** Sends the request, reads the whole answer and parses it as JSON. Never throws. */
export async function requestJson(options: ApiRequestOptions): Promise<JsonResult> {
  const request = new ApiRequest(options);
  let complete = false;
  try {
    const sent = await request.send();
    if (!sent.ok) return sent;
    const { status } = sent.response;
    const read = await request.readText(sent.response);
    if (!read.ok) return { ok: false, error: read.error, status: undefined };
    complete = true;
    try {
      return { ok: true, status, body: JSON.parse(read.text) as unknown, text: read.text };
    } catch {
      return { ok: false, error: invalidResponseError(`${options.path}: not JSON`, excerptOf(read.text), options.context), status };
    }
  } finally {
    request.finish(complete);
  }
}

/** A GET's options: those of any request, with one total timeout in place of the timeouts, path and body. */
export type GetJsonOptions = Pick<ApiRequestOptions, 'baseUrl' | 'fetch' | 'clock' | 'key' | 'app' | 'signal'> & {
  /** Default DEFAULT_REQUEST_TIMEOUT_MS; 0 or Infinity disables the timer (tests that auto-advance their clock). */
  readonly timeoutMs?: number | undefined;
};

/** A read-only call's options before the key is known: the key is added per call. */
export type GetRequest = Omit<GetJsonOptions, 'key'>;

/** GETs `path` under the base URL and parses the body as JSON. Never throws. */
export function getJson(path: string, options: GetJsonOptions): Promise<JsonResult> {
  const { timeoutMs, ...rest } = options;
  return requestJson({ ...rest, path, timeouts: { totalMs: timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS } });
}

export type GetJsonAsResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: OpenRouterError; readonly status: number | undefined };

/**
 * getJson, then the body checked against `schema`. A body of another shape is an invalid response whose message
 * names the endpoint and `expected` (the shape it should have had), with an excerpt of what came instead.
 */
export async function getJsonAs<T>(path: string, schema: z.ZodType<T>, expected: string, options: GetJsonOptions): Promise<GetJsonAsResult<T>> {
  const result = await getJson(path, options);
  if (!result.ok) return result;
  const parsed = schema.safeParse(result.body);
  if (!parsed.success) {
    const endpoint = path.replace(/\?.*$/, '');
    return { ok: false, error: invalidResponseError(`${endpoint}: expected ${expected}`, excerptOf(result.text)), status: result.status };
  }
  return { ok: true, value: parsed.data };
}
