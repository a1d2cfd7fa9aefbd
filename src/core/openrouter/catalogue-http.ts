// One GET of an OpenRouter JSON endpoint, for the read-only calls (/models, /models/user, /key, /generation).
// Failures come back as values, never as rejections, typed with the streaming client's OpenRouterError so that the
// UI explains a failed model-list refresh the same way it explains a failed chat request.
//
// It lives beside the catalogue because the catalogue was its first user; key-info and generation share it.

import type * as z from 'zod';
import type { Clock } from '../clock';
import {
  cancelledError,
  errorFromHttp,
  invalidResponseError,
  networkError,
  OpenRouterError,
} from './errors';
import { appHeaders, joinUrl, type AppIdentity, type FetchLike } from './http';
import { excerptOf } from './schemas';

export type { FetchLike } from './http';

/** Returns the stored API key, or undefined when none is set. */
export type KeyProvider = () => Promise<string | undefined>;

/** Read-only calls should answer in seconds; a hung socket must not leave the model picker spinning. */
export const DEFAULT_GET_TIMEOUT_MS = 15_000;

export interface GetJsonOptions {
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  readonly clock: Clock;
  /** Sent as a bearer token when given. */
  readonly key?: string | undefined;
  /** Sent as HTTP-Referer and X-OpenRouter-Title (and the older X-Title), like the chat requests. */
  readonly app?: AppIdentity | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Default DEFAULT_GET_TIMEOUT_MS; 0 or Infinity disables the timer (tests that auto-advance their clock). */
  readonly timeoutMs?: number | undefined;
}

/** A read-only call's options before the key is known: the key is added per call. */
export type GetRequest = Omit<GetJsonOptions, 'key'>;

export type GetJsonResult =
  | { readonly ok: true; readonly status: number; readonly body: unknown; readonly text: string }
  | { readonly ok: false; readonly error: OpenRouterError; readonly status: number | undefined };

/** GETs `path` under the base URL and parses the body as JSON. Never throws. */
export async function getJson(path: string, options: GetJsonOptions): Promise<GetJsonResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_GET_TIMEOUT_MS;
  const controller = new AbortController();
  const timerStop = new AbortController();
  let timedOut = false;
  const onCallerAbort = (): void => controller.abort();
  if (options.signal?.aborted) return { ok: false, error: cancelledError(), status: undefined };
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  // The timer is the injected clock's sleep, so tests drive timeouts without waiting.
  if (Number.isFinite(timeoutMs) && timeoutMs > 0) {
    void options.clock.sleep(timeoutMs, timerStop.signal).then(() => {
      if (timerStop.signal.aborted) return;
      timedOut = true;
      controller.abort();
    });
  }

  const failure = (cause: unknown, midBody: boolean): GetJsonResult => {
    if (options.signal?.aborted) return { ok: false, error: cancelledError(), status: undefined };
    if (timedOut) {
      const error = new OpenRouterError({
        kind: 'timeout',
        message: `OpenRouter did not answer ${path} within ${Math.round(timeoutMs / 1000)} s.`,
        timeoutMs,
      });
      return { ok: false, error, status: undefined };
    }
    return { ok: false, error: networkError(cause, midBody), status: undefined };
  };

  try {
    const headers: Record<string, string> = { Accept: 'application/json', ...(options.app ? appHeaders(options.app) : {}) };
    if (options.key !== undefined) headers.Authorization = `Bearer ${options.key}`;
    let response: Response;
    try {
      response = await options.fetch(joinUrl(options.baseUrl, path), { method: 'GET', headers, signal: controller.signal });
    } catch (cause) {
      return failure(cause, false);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      return failure(cause, true);
    }
    if (!response.ok) {
      const error = errorFromHttp({
        status: response.status,
        bodyText: text,
        retryAfter: response.headers.get('retry-after'),
        nowMs: options.clock.now(),
      });
      return { ok: false, error, status: response.status };
    }
    try {
      return { ok: true, status: response.status, body: JSON.parse(text) as unknown, text };
    } catch {
      return { ok: false, error: invalidResponseError(`${path}: not JSON`, excerptOf(text)), status: response.status };
    }
  } finally {
    timerStop.abort();
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
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
