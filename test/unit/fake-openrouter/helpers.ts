// Shared by the fake OpenRouter's own tests: a fresh fake per test, fetch shortcuts, a spec-compliant SSE reader
// (eventsource-parser, the parser the docs recommend) and a raw node:http client that keeps socket chunk boundaries.

import { createParser } from 'eventsource-parser';
import { request, type IncomingHttpHeaders } from 'node:http';
import { FAKE_API_KEY, startFakeOpenRouter, type FakeOpenRouter } from '../../fixtures/fake-openrouter/index';

export interface FakeHolder {
  readonly fake: FakeOpenRouter;
}

/** Starts a fake before each test of the enclosing describe() and closes it after, so no test leaks a server. */
export function useFakeOpenRouter(): FakeHolder {
  let current: FakeOpenRouter | undefined;
  beforeEach(async () => {
    current = await startFakeOpenRouter();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get fake(): FakeOpenRouter {
      if (!current) throw new Error('the fake is only available inside a test');
      return current;
    },
  };
}

export function authHeaders(key: string = FAKE_API_KEY): Record<string, string> {
  return { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
}

export const USER_MESSAGES = [{ role: 'user', content: 'hello there friend' }];

/** POST /chat/completions with the default key. */
export function postChat(fake: FakeOpenRouter, body: Record<string, unknown>, init: RequestInit = {}): Promise<Response> {
  return fetch(`${fake.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: authHeaders(),
    body: JSON.stringify({ messages: USER_MESSAGES, ...body }),
    ...init,
  });
}

export function getJson(fake: FakeOpenRouter, path: string, key: string | null = FAKE_API_KEY): Promise<Response> {
  return fetch(`${fake.origin}${path}`, key === null ? {} : { headers: authHeaders(key) });
}

export type SseItem = { type: 'comment'; text: string } | { type: 'data'; data: string };

/** Parses a whole SSE body into comments and data events, in order. */
export function parseSse(text: string): SseItem[] {
  const items: SseItem[] = [];
  const parser = createParser({
    onEvent: (event) => items.push({ type: 'data', data: event.data }),
    onComment: (comment) => items.push({ type: 'comment', text: comment }),
  });
  parser.feed(text);
  return items;
}

export function dataEvents(items: SseItem[]): string[] {
  return items.flatMap((item) => (item.type === 'data' ? [item.data] : []));
}

/** A chat chunk as the tests read it: only the fields they look at are typed. */
export interface Chunk {
  id: string;
  object: string;
  model: string;
  provider: string;
  choices: Array<{ index: number; delta: { content: string; reasoning?: string; role?: string }; finish_reason: string | null; native_finish_reason: string | null }>;
  usage?: { prompt_tokens: number; completion_tokens: number; cost: number; completion_tokens_details: { reasoning_tokens: number } };
  error?: { code: number; message: string; metadata: { error_type: string; provider_code: number } };
}

/** The JSON chunks of a stream (everything but [DONE]). */
export function chunks(items: SseItem[]): Chunk[] {
  return dataEvents(items)
    .filter((data) => data !== '[DONE]')
    .map((data) => JSON.parse(data) as Chunk);
}

/** Content deltas joined, in stream order. */
export function contentOf(items: SseItem[]): string {
  return chunks(items).map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
}

export async function streamChat(fake: FakeOpenRouter, body: Record<string, unknown>): Promise<{ response: Response; text: string; items: SseItem[] }> {
  const response = await postChat(fake, { stream: true, ...body });
  const text = await response.text();
  return { response, text, items: parseSse(text) };
}

export interface RawResponse {
  /** 0 when no response arrived (for example the socket was reset first). */
  status: number;
  headers: IncomingHttpHeaders;
  /** Body pieces exactly as node delivered them: one per chunk of the chunked transfer encoding. */
  pieces: Buffer[];
  body: Buffer;
  /** The response ended normally. */
  completed: boolean;
  error: Error | undefined;
}

export interface RawRequestOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Checked after every piece; when true the client destroys the socket (an abort) and the promise resolves. */
  abortWhen?: (pieces: Buffer[]) => boolean;
}

/** A request over raw node:http on a fresh connection, keeping the body pieces as they arrived. */
export function rawRequest(fake: FakeOpenRouter, options: RawRequestOptions): Promise<RawResponse> {
  const url = new URL(fake.origin);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve) => {
    const pieces: Buffer[] = [];
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    let completed = false;
    let settled = false;
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      resolve({ status, headers, pieces, body: Buffer.concat(pieces), completed, error });
    };
    const req = request(
      { host: url.hostname, port: url.port, method: options.method ?? 'POST', path: options.path, headers: options.headers ?? authHeaders(), agent: false },
      (res) => {
        status = res.statusCode ?? 0;
        headers = res.headers;
        res.on('data', (piece: Buffer) => {
          pieces.push(piece);
          if (options.abortWhen?.(pieces)) {
            req.destroy();
            settle();
          }
        });
        res.on('end', () => {
          completed = true;
          settle();
        });
        res.on('error', (error) => settle(error));
        res.on('close', () => settle());
      },
    );
    req.on('error', (error) => settle(error));
    req.end(payload);
  });
}

/** A raw streamed chat request for `model`, with the scenario already scripted by the caller. */
export function rawStream(fake: FakeOpenRouter, model: string, abortWhen?: (pieces: Buffer[]) => boolean): Promise<RawResponse> {
  return rawRequest(fake, {
    path: '/api/v1/chat/completions',
    body: { model, stream: true, messages: USER_MESSAGES },
    ...(abortWhen && { abortWhen }),
  });
}

/** True when the bytes are not valid UTF-8 on their own (for example, cut inside a multi-byte sequence). */
export function isBrokenUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}
